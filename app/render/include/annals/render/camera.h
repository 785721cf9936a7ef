// The map camera: which projected point is at the centre of the frame and how
// many projected metres one logical pixel spans. A frame's device pixels are
// logical pixels times its pixel ratio, so a 3840×2160 export at ratio 2 shows
// exactly what a 1920×1080 window at ratio 1 shows, with lines, symbols and
// text twice as many pixels wide. Pure arithmetic; no OpenGL.
#pragma once

#include "annals/geo/projection.h"

namespace annals {

struct Viewport {
  int width_px = 0;
  int height_px = 0;
  float pixel_ratio = 1.0f;
  double logical_width() const { return width_px / static_cast<double>(pixel_ratio); }
  double logical_height() const { return height_px / static_cast<double>(pixel_ratio); }
};

// A rectangle of device pixels, origin top-left, y down.
struct PixelRect {
  int x = 0, y = 0, width = 0, height = 0;
  bool empty() const { return width <= 0 || height <= 0; }
};

struct Bounds {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  double width() const { return max_x - min_x; }
  double height() const { return max_y - min_y; }
  XY centre() const { return {(min_x + max_x) / 2, (min_y + max_y) / 2}; }
};

struct Camera {
  XY centre;
  double metres_per_px = 1000.0;  // per logical pixel

  // Frames `bounds` in `vp`, leaving `margin` (fraction of each side) free.
  static Camera fit(const Bounds& bounds, const Viewport& vp, double margin = 0.04);

  // Projected metres → device pixels, origin top-left, y down.
  XY to_screen(XY map, const Viewport& vp) const;
  XY to_map(XY screen, const Viewport& vp) const;
  // Zooms by `factor` (>1 zooms in) keeping the map point under `screen` fixed.
  void zoom_about(double factor, XY screen, const Viewport& vp);
  void pan_pixels(double dx, double dy, const Viewport& vp);
};

}  // namespace annals
