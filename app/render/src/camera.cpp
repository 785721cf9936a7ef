#include "annals/render/camera.h"

#include <algorithm>

namespace annals {

Camera Camera::fit(const Bounds& b, const Viewport& vp, double margin) {
  Camera c;
  c.centre = b.centre();
  const double usable_w = vp.logical_width() * (1.0 - 2 * margin);
  const double usable_h = vp.logical_height() * (1.0 - 2 * margin);
  c.metres_per_px = std::max(b.width() / usable_w, b.height() / usable_h);
  return c;
}

XY Camera::to_screen(XY map, const Viewport& vp) const {
  const double k = vp.pixel_ratio / metres_per_px;
  return {vp.width_px / 2.0 + (map.x - centre.x) * k, vp.height_px / 2.0 - (map.y - centre.y) * k};
}

XY Camera::to_map(XY screen, const Viewport& vp) const {
  const double k = metres_per_px / vp.pixel_ratio;
  return {centre.x + (screen.x - vp.width_px / 2.0) * k, centre.y - (screen.y - vp.height_px / 2.0) * k};
}

void Camera::zoom_about(double factor, XY screen, const Viewport& vp) {
  const XY before = to_map(screen, vp);
  metres_per_px /= factor;
  const XY after = to_map(screen, vp);
  centre.x += before.x - after.x;
  centre.y += before.y - after.y;
}

void Camera::pan_pixels(double dx, double dy, const Viewport& vp) {
  const double k = metres_per_px / vp.pixel_ratio;
  centre.x -= dx * k;
  centre.y += dy * k;
}

}  // namespace annals
