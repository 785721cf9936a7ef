// The scale bar and north arrow must be true at the view's centre in every
// projection: checked against geodesic distances on WGS84 from PROJ.
#include <gtest/gtest.h>

#include <cmath>

#include "annals/render/map_furniture.h"
#include "test_projection.h"

namespace annals {
namespace {

// The length on the ground of the scale bar, measured independently: from
// the bar's two ends (centred on the view) back through the projection.
double ground_km(const Camera& cam, const Viewport& vp, const Projection& p, double length_px) {
  const XY c{vp.width_px / 2.0, vp.height_px / 2.0};
  LonLat a, b;
  EXPECT_TRUE(p.inverse(cam.to_map({c.x - length_px / 2, c.y}, vp), a));
  EXPECT_TRUE(p.inverse(cam.to_map({c.x + length_px / 2, c.y}, vp), b));
  return geodesic_km(a, b);
}

// Great-circle distance on a sphere of the mean Earth radius: an
// independent check, good to about 0.5 % against the ellipsoid.
double haversine_km(LonLat a, LonLat b) {
  const double k = 3.14159265358979323846 / 180, r = 6371.0088;
  const double dlat = (b.lat - a.lat) * k, dlon = (b.lon - a.lon) * k;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * k) * std::cos(b.lat * k) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * r * std::asin(std::sqrt(h));
}

TEST(MapFurniture, GeodesicMatchesIndependentEstimates) {
  // Yinchuan to Dunhuang.
  const LonLat yinchuan{106.27, 38.47}, dunhuang{94.66, 40.14};
  EXPECT_NEAR(geodesic_km(yinchuan, dunhuang), haversine_km(yinchuan, dunhuang),
              0.005 * haversine_km(yinchuan, dunhuang));
  // One degree of longitude on the equator is a / 1000 × π / 180 km exactly.
  EXPECT_NEAR(geodesic_km({0, 0}, {1, 0}), 6378.137 * 3.14159265358979323846 / 180, 1e-6);
}

TEST(MapFurniture, ScaleBarIsTrueAtTheCentreInEveryProjection) {
  for (const char* name : {"albers", "lcc", "eqc", "webmerc", "aeqd"}) {
    Projection p(projection_definition(
        name, std::string_view(name) == "aeqd" ? test::v1_projection({104, 39}) : test::v1_projection()));
    XY centre;
    ASSERT_TRUE(p.forward({104, 39}, centre));
    for (double mpp : {3000.0, 800.0, 120.0}) {
      const Viewport vp{1600, 900, 1.5f};
      const Camera cam{centre, mpp};
      const auto bar = scale_bar(cam, vp, p);
      ASSERT_TRUE(bar.has_value()) << name;
      const double truth = ground_km(cam, vp, p, bar->length_px);
      EXPECT_NEAR(truth, bar->km, bar->km * 0.002) << name << " at " << mpp << " m/px";
      // A round number, on screen at a sensible length.
      const double mantissa = bar->km / std::pow(10.0, std::floor(std::log10(bar->km)));
      EXPECT_TRUE(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 ||
                  std::abs(mantissa - 5) < 1e-9)
          << bar->km;
      EXPECT_GT(bar->length_px, 40 * vp.pixel_ratio);
      EXPECT_LE(bar->length_px, 130 * vp.pixel_ratio + 1e-9);
    }
  }
}

TEST(MapFurniture, WebMercatorScaleGrowsWithLatitude) {
  // The same metres per pixel means fewer ground km per bar further north.
  Projection p(projection_definition("webmerc", test::v1_projection()));
  const Viewport vp{1000, 800, 1.0f};
  XY south, north;
  ASSERT_TRUE(p.forward({104, 30}, south));
  ASSERT_TRUE(p.forward({104, 50}, north));
  const auto a = scale_bar({south, 2000}, vp, p), b = scale_bar({north, 2000}, vp, p);
  ASSERT_TRUE(a && b);
  EXPECT_GT(a->km / a->length_px, 1.2 * (b->km / b->length_px));
}

TEST(MapFurniture, NorthArrowFollowsConvergenceOfMeridians) {
  Projection p(projection_definition("albers", test::v1_projection()));
  const Viewport vp{1000, 800, 1.0f};
  auto angle_at = [&](double lon) {
    XY c;
    EXPECT_TRUE(p.forward({lon, 40}, c));
    return *north_angle({c, 1000}, vp, p);
  };
  // The conic's apex is north of the map: meridians converge towards it, so
  // west of the central meridian north leans right (clockwise), east of it left.
  EXPECT_NEAR(angle_at(102), 0.0, 1e-6);
  EXPECT_GT(angle_at(90), 0.05);
  EXPECT_LT(angle_at(114), -0.05);
  EXPECT_NEAR(angle_at(90), -angle_at(114), 1e-9);  // symmetric about the central meridian
  Projection eqc(projection_definition("eqc", test::v1_projection()));
  XY c;
  ASSERT_TRUE(eqc.forward({90, 40}, c));
  EXPECT_NEAR(*north_angle({c, 1000}, vp, eqc), 0.0, 1e-6);  // meridians are vertical
}

TEST(MapFurniture, GraticuleLabelsSitOnTheEdges) {
  Projection p(projection_definition("eqc", test::v1_projection()));
  XY c;
  ASSERT_TRUE(p.forward({102, 38}, c));
  const Viewport vp{1200, 800, 1.0f};
  const auto labels = graticule_labels({c, 2000}, vp, p, 3, {60, 25, 125, 55}, 5);
  int meridians = 0, parallels = 0;
  for (const auto& l : labels) {
    if (l.meridian) {
      ++meridians;
      EXPECT_NEAR(l.at.y, 797, 1e-6);
    } else {
      ++parallels;
      EXPECT_NEAR(l.at.x, 3, 1e-6);
    }
  }
  // 2,400 km wide at 2 km/px spans about 27° of longitude: five or six 5° meridians.
  EXPECT_GE(meridians, 4);
  EXPECT_LE(meridians, 7);
  EXPECT_GE(parallels, 2);
  bool has_100e = false;
  for (const auto& l : labels) has_100e = has_100e || l.text == "100°E";
  EXPECT_TRUE(has_100e);
}

}  // namespace
}  // namespace annals
