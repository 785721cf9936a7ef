#include "camera_flight.h"

#include <algorithm>
#include <cmath>

namespace annals {

bool CameraFlight::step(Camera& camera) {
  if (!active_) return false;
  const double u = std::chrono::duration<double>(Clock::now() - start_).count() / seconds_;
  const double t = std::clamp(u, 0.0, 1.0);
  const double e = t * t * (3 - 2 * t);  // smoothstep
  camera.centre = {from_.centre.x + (to_.centre.x - from_.centre.x) * e,
                   from_.centre.y + (to_.centre.y - from_.centre.y) * e};
  // Zoom on a log scale, with a gentle rise mid-flight.
  const double a = std::log(from_.metres_per_px), b = std::log(to_.metres_per_px);
  camera.metres_per_px = std::exp(a + (b - a) * e + 0.35 * std::sin(t * 3.14159265358979323846));
  if (t >= 1.0) {
    camera = to_;
    active_ = false;
  }
  return active_;
}

}  // namespace annals
