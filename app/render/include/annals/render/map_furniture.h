// Scale bar, north arrow and graticule labels: the arithmetic, kept apart
// from drawing so it can be checked against PROJ's geodesic without OpenGL.
#pragma once

#include <array>

#include <optional>
#include <string>
#include <vector>

#include "annals/geo/projection.h"
#include "annals/render/camera.h"

namespace annals {

struct ScaleBar {
  double km = 0;         // the round distance the bar stands for
  double length_px = 0;  // its length on screen, device pixels
  std::string label;     // "200 km"
};

// A bar of a round length (1, 2 or 5 × 10^n km) near `target_logical_px`
// long, true at the centre of the view: the distance is measured on the
// WGS84 ellipsoid (PROJ's geodesic) along the screen's horizontal through the
// centre, so it stays right in every projection. nullopt where the centre has
// no geographic position.
std::optional<ScaleBar> scale_bar(const Camera& camera, const Viewport& vp, const Projection& projection,
                                  double target_logical_px = 130.0);

// The direction of true north at the view's centre, as an angle in radians
// clockwise from the screen's up. nullopt where undefined.
std::optional<double> north_angle(const Camera& camera, const Viewport& vp, const Projection& projection);

// Geodesic distance in km between two points on WGS84.
double geodesic_km(LonLat a, LonLat b);

// `n` points at `radius_km` from `centre` on WGS84, every 360/n degrees of azimuth.
std::vector<LonLat> geodesic_circle(LonLat centre, double radius_km, int n);

struct GraticuleLabel {
  XY at;             // device pixels, on the frame's edge
  std::string text;  // "100°E", "40°N"
  bool meridian = false;
};

// Where the graticule's meridians (every `step` degrees from west to east of
// `box`, [west, south, east, north]) cross the bottom edge and its parallels
// cross the left edge of the frame. Each is followed one step beyond the box.
std::vector<GraticuleLabel> graticule_labels(const Camera& camera, const Viewport& vp,
                                             const Projection& projection, double inset_px,
                                             const std::array<double, 4>& box, double step);

// "100°E", "35°N", "12.5°W": a graticule line's label.
std::string graticule_text(double degrees, bool meridian);

}  // namespace annals
