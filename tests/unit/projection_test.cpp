#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "annals/geo/projection.h"
#include "test_projection.h"

namespace annals {
namespace {

TEST(Projection, AlbersRoundTripsCampaignPlaces) {
  Projection p(projection_definition("albers", test::v1_projection()));
  // 沙州 (Dunhuang), 中兴府 (Yinchuan), 黑水城 (Khara-Khoto), and corners of the context.
  const std::vector<LonLat> points{{94.66, 40.14}, {106.27, 38.47}, {101.07, 41.76}, {60, 25}, {125, 55}};
  for (const auto& ll : points) {
    XY xy;
    ASSERT_TRUE(p.forward(ll, xy));
    LonLat back;
    ASSERT_TRUE(p.inverse(xy, back));
    EXPECT_NEAR(back.lon, ll.lon, 1e-7);
    EXPECT_NEAR(back.lat, ll.lat, 1e-7);
  }
}

TEST(Projection, AlbersOriginIsAtCentralMeridianAndLatitudeOfOrigin) {
  Projection p(projection_definition("albers", test::v1_projection()));
  XY xy;
  ASSERT_TRUE(p.forward({102.0, 38.0}, xy));
  EXPECT_NEAR(xy.x, 0.0, 1e-6);
  EXPECT_NEAR(xy.y, 0.0, 1e-6);
  // East is +x, north is +y.
  XY east, north;
  ASSERT_TRUE(p.forward({103.0, 38.0}, east));
  ASSERT_TRUE(p.forward({102.0, 39.0}, north));
  EXPECT_GT(east.x, 80000);
  EXPECT_GT(north.y, 100000);
}

TEST(Projection, DistanceAlongParallelMatchesEllipsoid) {
  // One degree of longitude at 38°N on WGS84 is about 87.8 km; Albers with
  // standard parallels 30° and 45° distorts it by well under 1 % there.
  Projection p(projection_definition("albers", test::v1_projection()));
  XY a, b;
  ASSERT_TRUE(p.forward({101.5, 38.0}, a));
  ASSERT_TRUE(p.forward({102.5, 38.0}, b));
  const double d = std::hypot(b.x - a.x, b.y - a.y);
  EXPECT_NEAR(d, 87.87e3, 0.01 * 87.87e3);
}

TEST(Projection, EveryNamedProjectionWorks) {
  for (const char* name : {"albers", "lcc", "eqc", "webmerc"}) {
    Projection p(projection_definition(name, test::v1_projection()));
    XY xy;
    EXPECT_TRUE(p.forward({106.27, 38.47}, xy)) << name;
  }
  Projection aeqd(projection_definition("aeqd", test::v1_projection({106.27, 38.47})));
  XY centre;
  ASSERT_TRUE(aeqd.forward({106.27, 38.47}, centre));
  EXPECT_NEAR(centre.x, 0, 1e-6);
  EXPECT_NEAR(centre.y, 0, 1e-6);
}

TEST(Projection, BulkMatchesSinglePointsAndMarksFailuresNaN) {
  Projection p(projection_definition("webmerc", test::v1_projection()));
  std::vector<double> v{94.66, 40.14, 106.27, 38.47, 10.0, 89.9999};
  p.forward_in_place(v);
  XY one;
  ASSERT_TRUE(p.forward({94.66, 40.14}, one));
  EXPECT_DOUBLE_EQ(v[0], one.x);
  EXPECT_DOUBLE_EQ(v[1], one.y);
  EXPECT_TRUE(std::isfinite(v[2]));
}

TEST(Projection, UnknownNameAndBadDefinitionAreErrors) {
  EXPECT_THROW(projection_definition("mollweide-ish", test::v1_projection()), ProjectionError);
  EXPECT_THROW(Projection("+proj=nonsense +foo"), ProjectionError);
}

}  // namespace
}  // namespace annals
