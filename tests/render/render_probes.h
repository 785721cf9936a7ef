// Probes: checks of a rendered frame where a test's claim is, beside the
// whole-frame golden comparison (which lets a few hundred wrong pixels
// through: a missing siege ring, a moved label).
//
//  - screen_of: where the renderer puts a lon/lat (the scene's projection,
//    then the camera), the same arithmetic as paint_overlay.
//  - SymbolProbe: which status symbol a frame shows at a place. Each
//    candidate symbol is drawn alone by draw_status_symbol (over black and
//    over white, to know which pixels it covers fully), at the same sub-pixel
//    position, size and pulse; the frame must have the candidate's colour at
//    every pixel the candidate covers fully. Of the
//    candidates that match, the one covering most pixels wins (a besieged
//    symbol is the held one plus its ring); a tie is no answer.
//  - compare_region: a golden comparison inside one box (a label, the date
//    banner) with no allowance for bad pixels beyond a rounding margin.
//  - arrow_reach: how far along an army's route its arrow is drawn.
#pragma once

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "annals/render/camera.h"
#include "annals/render/image.h"
#include "annals/render/overlay_painter.h"
#include "annals/render/render_target.h"
#include "annals/render/scene.h"
#include "annals/render/status_symbols.h"

namespace annals::test {

// Device pixels of a lon/lat in a frame of `scene` seen by `camera`.
inline std::optional<XY> screen_of(const Scene& scene, const Camera& camera, const Viewport& vp, LonLat at) {
  XY map;
  if (!scene.projection || !scene.projection->forward(at, map)) return std::nullopt;
  return camera.to_screen(map, vp);
}

// The pulse of the siege rings at campaign time t, as the overlay draws it.
inline double pulse_at(double t) { return t * 4 - std::floor(t * 4); }

struct SymbolMatch {
  PlaceStatus status;
  int covered = 0;  // pixels the candidate covers fully
  int matched = 0;  // of those, pixels of the frame with the candidate's colour
  double fraction() const { return covered ? double(matched) / covered : 0.0; }
};

class SymbolProbe {
 public:
  // Needs a current OpenGL 3.3 context; makes an ImGui context of its own.
  // The candidates are every status of the campaign's vocabulary.
  explicit SymbolProbe(CampaignVocabulary vocabulary) : vocabulary_(std::move(vocabulary)) {
    ImGuiContext* previous = ImGui::GetCurrentContext();
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplOpenGL3_Init("#version 330 core");
    ImGui::SetCurrentContext(previous);
  }
  ~SymbolProbe() {
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(context_);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext(context_);
    ImGui::SetCurrentContext(previous == context_ ? nullptr : previous);
  }
  SymbolProbe(const SymbolProbe&) = delete;
  SymbolProbe& operator=(const SymbolProbe&) = delete;

  // How well each status's symbol explains the frame at `at` (device pixels,
  // as paint_overlay places it).
  std::vector<SymbolMatch> matches(const Image& frame, XY at, int rank, float ratio, double pulse,
                                   int channel_tolerance = 16) {
    std::vector<SymbolMatch> out;
    for (PlaceStatus s : vocabulary_.all_statuses()) {
      const int half = half_size(ratio);
      const Image ref = draw(s, at, rank, ratio, pulse);
      const int ox = int(std::floor(at.x)) - half, oy = int(std::floor(at.y)) - half;
      SymbolMatch m{s, 0, 0};
      for (int y = 0; y < ref.height; ++y)
        for (int x = 0; x < ref.width; ++x) {
          const std::uint8_t* r = ref.pixel(x, y);
          if (r[3] < 250) continue;
          ++m.covered;
          const int fx = ox + x, fy = oy + y;
          if (fx < 0 || fy < 0 || fx >= frame.width || fy >= frame.height) continue;
          const std::uint8_t* f = frame.pixel(fx, fy);
          int worst = 0;
          for (int k = 0; k < 3; ++k) worst = std::max(worst, std::abs(int(f[k]) - int(r[k])));
          if (worst <= channel_tolerance) ++m.matched;
        }
      out.push_back(m);
    }
    return out;
  }

  // The status whose symbol the frame shows at `at`: of the candidates that
  // explain at least `min_fraction` of their pixels, the one that covers the
  // most; none when two such candidates cover as many pixels (the frame
  // cannot tell them apart) or none explains the frame.
  std::optional<PlaceStatus> classify(const Image& frame, XY at, int rank, float ratio, double pulse,
                                      double min_fraction = 0.95) {
    const std::vector<SymbolMatch> all = matches(frame, at, rank, ratio, pulse);
    const SymbolMatch* best = nullptr;
    bool tie = false;
    for (const SymbolMatch& m : all) {
      if (m.fraction() < min_fraction) continue;
      if (!best || m.covered > best->covered) {
        best = &m;
        tie = false;
      } else if (m.covered == best->covered) {
        tie = true;
      }
    }
    if (!best || tie) return std::nullopt;
    return best->status;
  }

  // One symbol alone, in an image of 2 × half_size(ratio) pixels whose
  // centre pixel holds `at`'s integer part. Frames are read back opaque, so
  // the symbol is drawn over black and over white: where the two agree it
  // covers the pixel fully (alpha 255); where they differ by d, alpha is 255 - d.
  Image draw(PlaceStatus status, XY at, int rank, float ratio, double pulse) {
    const Image black = draw_over(0.0f, status, at, rank, ratio, pulse);
    const Image white = draw_over(1.0f, status, at, rank, ratio, pulse);
    Image out = black;
    for (std::size_t i = 0; i < out.rgba.size(); i += 4) {
      int d = 0;
      for (int k = 0; k < 3; ++k) d = std::max(d, int(white.rgba[i + k]) - int(black.rgba[i + k]));
      out.rgba[i + 3] = static_cast<std::uint8_t>(255 - std::clamp(d, 0, 255));
    }
    return out;
  }

  // Half the side of the square that holds any symbol with its siege ring.
  static int half_size(float ratio) { return int(std::ceil(24 * ratio)); }

 private:
  Image draw_over(float background, PlaceStatus status, XY at, int rank, float ratio, double pulse) {
    const int half = half_size(ratio);
    RenderTarget target(2 * half, 2 * half, 0);
    target.bind_for_drawing();
    glClearColor(background, background, background, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(context_);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(2 * half), float(2 * half));
    io.DeltaTime = 1.0f / 60.0f;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    // paint_overlay puts a symbol's centre on the whole pixel nearest its
    // place (SymbolSheet).
    const ImVec2 local(float(std::round(at.x) - std::floor(at.x)) + float(half),
                       float(std::round(at.y) - std::floor(at.y)) + float(half));
    draw_status_symbol(ImGui::GetBackgroundDrawList(), local, status, vocabulary_, rank, ratio, pulse);
    ImGui::Render();
    target.bind_for_drawing();
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ImGui::SetCurrentContext(previous);
    return target.read_pixels();
  }

  CampaignVocabulary vocabulary_;
  ImGuiContext* context_ = nullptr;
};

struct RegionComparison {
  int pixels = 0;  // in the box and the frame
  int bad = 0;     // differing by more than the tolerance in a channel
  double bad_fraction() const { return pixels ? double(bad) / pixels : 1.0; }
};

inline RegionComparison compare_region(const Image& a, const Image& b, const OverlayBox& box,
                                       int channel_tolerance = 12) {
  RegionComparison c;
  if (a.width != b.width || a.height != b.height) return c;
  const int x0 = std::max(0, int(std::floor(box.x0))), y0 = std::max(0, int(std::floor(box.y0)));
  const int x1 = std::min(a.width, int(std::ceil(box.x1))), y1 = std::min(a.height, int(std::ceil(box.y1)));
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      ++c.pixels;
      int worst = 0;
      for (int k = 0; k < 3; ++k)
        worst = std::max(worst, std::abs(int(a.pixel(x, y)[k]) - int(b.pixel(x, y)[k])));
      if (worst > channel_tolerance) ++c.bad;
    }
  return c;
}

// How far along `route` (device pixels) pixels of `colour` reach: the
// largest share of the route's length at which such a pixel lies within
// `radius` of the route, skipping `avoid` points (symbols of the same
// colour) and their surroundings. 0 when none.
inline double arrow_reach(const Image& frame, const std::vector<XY>& route, const std::array<int, 3>& colour,
                          const std::vector<XY>& avoid, double avoid_radius, int radius = 2,
                          int channel_tolerance = 24) {
  double total = 0;
  for (std::size_t i = 1; i < route.size(); ++i)
    total += std::hypot(route[i].x - route[i - 1].x, route[i].y - route[i - 1].y);
  if (total <= 0) return 0;
  auto coloured = [&](double x, double y) {
    for (int dy = -radius; dy <= radius; ++dy)
      for (int dx = -radius; dx <= radius; ++dx) {
        const int px = int(std::lround(x)) + dx, py = int(std::lround(y)) + dy;
        if (px < 0 || py < 0 || px >= frame.width || py >= frame.height) continue;
        const std::uint8_t* p = frame.pixel(px, py);
        if (std::abs(p[0] - colour[0]) <= channel_tolerance &&
            std::abs(p[1] - colour[1]) <= channel_tolerance &&
            std::abs(p[2] - colour[2]) <= channel_tolerance)
          return true;
      }
    return false;
  };
  double walked = 0, reach = 0;
  for (std::size_t i = 1; i < route.size(); ++i) {
    const XY a = route[i - 1], b = route[i];
    const double len = std::hypot(b.x - a.x, b.y - a.y);
    for (double s = 0; s < len; s += 0.5) {
      const double x = a.x + (b.x - a.x) * s / len, y = a.y + (b.y - a.y) * s / len;
      bool near_avoided = false;
      for (const XY& q : avoid) near_avoided = near_avoided || std::hypot(q.x - x, q.y - y) < avoid_radius;
      if (!near_avoided && coloured(x, y)) reach = (walked + s) / total;
    }
    walked += len;
  }
  return reach;
}

}  // namespace annals::test
