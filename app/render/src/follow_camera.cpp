#include "annals/render/follow_camera.h"

#include <algorithm>
#include <cmath>

#include "annals/geo/gazetteer.h"
#include "annals/model/chronicle.h"

namespace annals {

std::optional<Camera> frame_entries(const CampaignModel& model, const CampaignState& state,
                                    const Projection& projection, const Viewport& vp,
                                    double min_metres_per_px) {
  Bounds b{1e300, 1e300, -1e300, -1e300};
  int n = 0;
  for (const Entry* e : state.entries)
    for (const PlaceRef& p : e->places) {
      const Place* place = model.gazetteer().find_by_id(p.id);
      XY xy;
      if (!place || !place->located || place->kind == PlaceKind::Region ||
          !projection.forward(place->anchor, xy))
        continue;
      b = {std::min(b.min_x, xy.x), std::min(b.min_y, xy.y), std::max(b.max_x, xy.x),
           std::max(b.max_y, xy.y)};
      ++n;
    }
  if (n == 0) return std::nullopt;
  const double pad = std::max(250e3, 0.25 * std::max(b.width(), b.height()));
  b = {b.min_x - pad, b.min_y - pad, b.max_x + pad, b.max_y + pad};
  Camera c = Camera::fit(b, vp, 0.0);
  c.metres_per_px = std::max(c.metres_per_px, min_metres_per_px);
  return c;
}

FollowPath::FollowPath(const CampaignModel& model, const Projection& projection, const Viewport& vp,
                       const Camera& home) {
  const int months = model.timeline().month_count();
  targets_.reserve(static_cast<std::size_t>(months));
  Camera last = home;
  for (int m = 0; m < months; ++m) {
    const CampaignState s = model.state_at(m + 0.5);
    if (auto c = frame_entries(model, s, projection, vp, home.metres_per_px * 0.25)) last = *c;
    targets_.push_back(last);
  }
}

Camera FollowPath::at(double t) const {
  if (targets_.empty()) return {};
  const double clamped = std::clamp(t, 0.0, static_cast<double>(targets_.size()) - 1e-9);
  const auto m = static_cast<std::size_t>(std::floor(clamped));
  const double f = clamped - static_cast<double>(m);
  if (m == 0 || f >= kEaseFraction) return targets_[m];
  const Camera& a = targets_[m - 1];
  const Camera& b = targets_[m];
  const double u = f / kEaseFraction;
  const double s = u * u * (3 - 2 * u);  // smoothstep: no jolt at either end
  Camera c;
  c.centre = {a.centre.x + (b.centre.x - a.centre.x) * s, a.centre.y + (b.centre.y - a.centre.y) * s};
  // Zoom eases in scale, not in metres: equal steps look equal.
  c.metres_per_px =
      std::exp(std::log(a.metres_per_px) + (std::log(b.metres_per_px) - std::log(a.metres_per_px)) * s);
  return c;
}

}  // namespace annals
