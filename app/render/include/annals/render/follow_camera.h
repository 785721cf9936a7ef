// Follow mode as a pure function of campaign time: for each month, the view
// that frames the places its entries name; through the first part of a month
// the camera eases from the previous month's view to this one's. Because it
// depends only on the data, the viewport and t (never on the frames before),
// an export split across processes frames every frame the same way.
#pragma once

#include <optional>
#include <vector>

#include "annals/geo/projection.h"
#include "annals/model/campaign_state.h"
#include "annals/render/camera.h"

namespace annals {

class FollowPath {
 public:
  // `home` is the view of the whole campaign: the view before any month
  // names a place, and the limit of how far out a month's view goes.
  FollowPath(const CampaignModel& model, const Projection& projection, const Viewport& vp,
             const Camera& home);

  Camera at(double t) const;
  // The share of a month over which the camera eases into its view.
  static constexpr double kEaseFraction = 0.35;

 private:
  std::vector<Camera> targets_;  // one per timeline month
};

// The view that frames the places the entries of `state` name (at least
// 500 km across, so a single city is shown in its setting, and no closer than
// min_metres_per_px); none when they name no located place.
std::optional<Camera> frame_entries(const CampaignModel& model, const CampaignState& state,
                                    const Projection& projection, const Viewport& vp,
                                    double min_metres_per_px);

}  // namespace annals
