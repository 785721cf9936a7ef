#include "map_controller.h"

#include <algorithm>
#include <cmath>

namespace annals {

void MapController::clamp(Camera& c) const {
  const double max_mpp = home_.metres_per_px * 4.0;
  c.metres_per_px = std::clamp(c.metres_per_px, 50.0, max_mpp);
  // Keep the centre over the context, so the map can never be lost off-screen.
  c.centre.x = std::clamp(c.centre.x, limits_.min_x, limits_.max_x);
  c.centre.y = std::clamp(c.centre.y, limits_.min_y, limits_.max_y);
}

bool MapController::handle(const SDL_Event& e, Camera& c, const Viewport& vp, float k) {
  const Camera before = c;
  switch (e.type) {
    case SDL_MOUSEBUTTONDOWN:
      if (e.button.button == SDL_BUTTON_LEFT) dragging_ = true;
      break;
    case SDL_MOUSEBUTTONUP:
      if (e.button.button == SDL_BUTTON_LEFT) dragging_ = false;
      break;
    case SDL_MOUSEMOTION:
      if (dragging_ && (e.motion.state & SDL_BUTTON_LMASK))
        c.pan_pixels(e.motion.xrel * k, e.motion.yrel * k, vp);
      break;
    case SDL_MOUSEWHEEL: {
      int mx = 0, my = 0;
      SDL_GetMouseState(&mx, &my);
      // Touchpads send fractional-feeling small steps; 1.15 per notch is gentle.
      const double steps = e.wheel.y != 0 ? e.wheel.y : 0;
      if (steps != 0) c.zoom_about(std::pow(1.15, steps), XY{mx * k, my * k}, vp);
      if (e.wheel.x != 0) c.pan_pixels(-e.wheel.x * 40.0 * k, 0, vp);
      break;
    }
    default:
      break;
  }
  clamp(c);
  return c.centre.x != before.centre.x || c.centre.y != before.centre.y ||
         c.metres_per_px != before.metres_per_px;
}

}  // namespace annals
