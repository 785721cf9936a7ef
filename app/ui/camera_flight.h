// Eases the camera from where it is to a target over a short time: the map
// zooms out a little, travels, and settles, so a viewer keeps their bearings.
#pragma once

#include <chrono>

#include "annals/render/camera.h"

namespace annals {

class CameraFlight {
 public:
  using Clock = std::chrono::steady_clock;
  CameraFlight() = default;
  CameraFlight(const Camera& from, const Camera& to, double seconds = 0.9)
      : from_(from), to_(to), seconds_(seconds), start_(Clock::now()), active_(true) {}

  bool active() const { return active_; }
  // Sets `camera` for now; returns false once the flight has arrived.
  bool step(Camera& camera);
  // The camera a fraction 0–1 of the way: the flight's path, without a clock
  // (benchmarks and tests).
  static Camera along(const Camera& from, const Camera& to, double fraction);

 private:
  Camera from_, to_;
  double seconds_ = 0.9;
  Clock::time_point start_;
  bool active_ = false;
};

}  // namespace annals
