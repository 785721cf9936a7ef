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
#include <sstream>
#include <string>

#include "annals/render/image.h"
#include "annals/render/overlay_painter.h"
#include "render_probes.h"

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

// The golden tolerance: at most this share of a frame's pixels may differ by
// more than kGoldenChannelTolerance in a channel.
inline constexpr double kGoldenBadFraction = 0.002;
inline constexpr int kGoldenChannelTolerance = 12;
// Inside a box where a claim is drawn (the date banner, a label), far less.
inline constexpr double kGoldenBoxBadFraction = 0.01;

// Why `img` does not match `golden`, or "" when it does: the whole frame
// within the golden tolerance, and, when the frame's overlay layout is
// given, its title, date banner, legend, every label and every place symbol
// box by box with next to no bad pixels (a whole-frame tolerance lets a
// moved label, a changed date or a changed symbol through).
inline std::string golden_mismatch(const Image& img, const Image& golden,
                                   const OverlayLayout* layout = nullptr) {
  const Comparison c = compare_images(img, golden, kGoldenChannelTolerance);
  if (!c.same_size) return "the frame and the golden differ in size";
  std::ostringstream why;
  if (c.bad_fraction > kGoldenBadFraction)
    why << c.bad_fraction * 100 << "% of pixels differ (max channel diff " << c.max_channel_diff << "); ";
  if (layout) {
    auto box = [&](const OverlayBox& b, const std::string& what) {
      if (b.empty()) return;
      const RegionComparison r = compare_region(img, golden, b, kGoldenChannelTolerance);
      if (r.bad_fraction() > kGoldenBoxBadFraction)
        why << what << ": " << r.bad << " of " << r.pixels << " pixels differ; ";
    };
    box(layout->date_banner, "the date banner");
    box(layout->title, "the title box");
    box(layout->legend, "the legend");
    for (const auto& l : layout->labels) box(l.box, "the label " + l.text);
    for (const auto& sym : layout->symbols) box(sym.box, "the symbol of " + sym.place_id);
  }
  return why.str();
}

inline bool updating_goldens() {
  const char* v = std::getenv("ANNALS_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

}  // namespace annals::test
