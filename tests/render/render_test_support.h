// Golden-image comparison for headless render tests.
//
// A frame matches its golden when no more than `max_bad_fraction` of pixels
// differ by more than `channel_tolerance` in any channel. The tolerance
// absorbs rounding differences between Mesa builds; a missing layer, a moved
// label or a wrong colour changes far more pixels than that.
//
// To regenerate after an intended change:
//   ANNALS_UPDATE_GOLDEN=1 ctest --preset release -L render
// and record the reason in tests/render/golden/CHANGES.md.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include "annals/render/image.h"

namespace annals::test {

struct Comparison {
  bool same_size = false;
  double bad_fraction = 1.0;  // share of pixels beyond the channel tolerance
  int max_channel_diff = 255;
};

inline Comparison compare_images(const Image& a, const Image& b, int channel_tolerance) {
  Comparison c;
  if (a.width != b.width || a.height != b.height) return c;
  c.same_size = true;
  std::size_t bad = 0;
  int max_diff = 0;
  for (std::size_t i = 0; i < a.rgba.size(); i += 4) {
    int worst = 0;
    for (int k = 0; k < 3; ++k) worst = std::max(worst, std::abs(int(a.rgba[i + k]) - int(b.rgba[i + k])));
    max_diff = std::max(max_diff, worst);
    if (worst > channel_tolerance) ++bad;
  }
  c.bad_fraction = double(bad) / double(a.rgba.size() / 4);
  c.max_channel_diff = max_diff;
  return c;
}

inline bool updating_goldens() {
  const char* v = std::getenv("ANNALS_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

}  // namespace annals::test
