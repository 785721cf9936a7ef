#include "camera_flight.h"

#include <algorithm>
#include <cmath>

namespace annals {

Camera CameraFlight::along(const Camera& from, const Camera& to, double fraction) {
  const double t = std::clamp(fraction, 0.0, 1.0);
  if (t >= 1.0) return to;
  const double e = t * t * (3 - 2 * t);  // smoothstep
  Camera c = from;
  c.centre = {from.centre.x + (to.centre.x - from.centre.x) * e,
              from.centre.y + (to.centre.y - from.centre.y) * e};
  // Zoom on a log scale, with a gentle rise mid-flight.
  const double a = std::log(from.metres_per_px), b = std::log(to.metres_per_px);
  c.metres_per_px = std::exp(a + (b - a) * e + 0.35 * std::sin(t * 3.14159265358979323846));
  return c;
}

bool CameraFlight::step(Camera& camera) {
  if (!active_) return false;
  const double u = std::chrono::duration<double>(Clock::now() - start_).count() / seconds_;
  camera = along(from_, to_, u);
  if (u >= 1.0) active_ = false;
  return active_;
}

}  // namespace annals
