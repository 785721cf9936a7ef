// Turns mouse, touchpad and keyboard input into camera moves, within limits:
// no further out than the whole context, no further in than ~50 m per pixel.
#pragma once

#include <SDL.h>

#include "annals/render/camera.h"

namespace annals {

class MapController {
 public:
  MapController(Camera home, Bounds limits) : home_(home), limits_(limits) {}

  // Returns true if the camera changed. Positions are in device pixels.
  bool handle(const SDL_Event& e, Camera& camera, const Viewport& vp, float device_per_window);
  void reset(Camera& camera) const { camera = home_; }
  void set_home(Camera home) { home_ = home; }
  void clamp(Camera& camera) const;

 private:
  Camera home_;
  Bounds limits_;
  bool dragging_ = false;
};

}  // namespace annals
