// GDAL's warper as Annals uses it: a lon/lat image resampled into a projected
// grid must put each value where PROJ says its place is, leave what the
// source does not cover at 0, and fail with a message on bad input.
#include <gtest/gtest.h>

#include <cmath>

#include "annals/geo/projection.h"
#include "annals/geo/raster_warp.h"
#include "test_projection.h"

namespace annals {
namespace {

constexpr const char* kLonLat = "+proj=longlat +datum=WGS84 +no_defs";

// Band 0 rises with longitude (one step per 0.25°), band 1 with latitude;
// both are linear, so bilinear resampling reproduces them exactly.
ByteGrid gradient_grid() {
  ByteGrid g;
  g.width = 160;  // 90–130°E, 0.25° cells
  g.height = 80;  // 30–50°N
  g.bands = 2;
  g.bounds = {90.0, 30.0, 130.0, 50.0};
  g.pixels.resize(static_cast<std::size_t>(g.width) * g.height * 2);
  for (int r = 0; r < g.height; ++r)
    for (int c = 0; c < g.width; ++c) {
      g.pixels[(static_cast<std::size_t>(r) * g.width + c) * 2] = static_cast<std::uint8_t>(40 + c);
      g.pixels[(static_cast<std::size_t>(r) * g.width + c) * 2 + 1] = static_cast<std::uint8_t>(200 - r);
    }
  return g;
}

TEST(RasterWarp, ValuesLandWherePROJPutsTheirPlaces) {
  const std::string albers = projection_definition("albers", test::v1_projection());
  const Projection proj(albers);
  // A box around the Yellow River loop, well inside the source.
  const GridBounds box{-200e3, -300e3, 1000e3, 700e3};
  const ByteGrid out = warp_grid(gradient_grid(), kLonLat, albers, box, 240, 200);
  ASSERT_EQ(out.width, 240);
  ASSERT_EQ(out.height, 200);
  ASSERT_EQ(out.bands, 2);
  int checked = 0;
  for (int row = 5; row < out.height; row += 37)
    for (int col = 3; col < out.width; col += 41) {
      const XY centre{box.min_x + (col + 0.5) * out.pixel_width(),
                      box.max_y - (row + 0.5) * out.pixel_height()};
      LonLat ll;
      ASSERT_TRUE(proj.inverse(centre, ll));
      // Cell centres sit at 90.125°, 90.375° …: value 40 + (lon − 90.125) / 0.25.
      const double lon_value = 40 + (ll.lon - 90.125) / 0.25;
      const double lat_value = 200 - (49.875 - ll.lat) / 0.25;
      const std::uint8_t* px = out.pixels.data() + (static_cast<std::size_t>(row) * out.width + col) * 2;
      EXPECT_NEAR(px[0], lon_value, 1.0)
          << "col " << col << " row " << row << " at " << ll.lon << "," << ll.lat;
      EXPECT_NEAR(px[1], lat_value, 1.0)
          << "col " << col << " row " << row << " at " << ll.lon << "," << ll.lat;
      ++checked;
    }
  EXPECT_GT(checked, 20);
}

TEST(RasterWarp, WhatTheSourceDoesNotCoverIsZero) {
  const std::string albers = projection_definition("albers", test::v1_projection());
  // From far west of 90°E (outside the source) to inside it.
  const GridBounds box{-3000e3, -200e3, 0.0, 200e3};
  const ByteGrid out = warp_grid(gradient_grid(), kLonLat, albers, box, 300, 40);
  const std::uint8_t* west = out.pixels.data() + (20 * out.width + 2) * 2;
  EXPECT_EQ(west[0], 0);
  EXPECT_EQ(west[1], 0);
  const std::uint8_t* east = out.pixels.data() + (20 * out.width + 295) * 2;
  EXPECT_GT(east[0], 0);
  EXPECT_GT(east[1], 0);
}

TEST(RasterWarp, BadInputIsAnErrorThatSaysWhat) {
  const ByteGrid g = gradient_grid();
  try {
    warp_grid(g, kLonLat, "+proj=no_such_projection", {0, 0, 1, 1}, 4, 4);
    FAIL() << "expected WarpError";
  } catch (const WarpError& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_projection"), std::string::npos) << e.what();
  }
  ByteGrid short_one = g;
  short_one.pixels.pop_back();
  EXPECT_THROW(
      warp_grid(short_one, kLonLat, projection_definition("lcc", test::v1_projection()), {0, 0, 1, 1}, 4, 4),
      WarpError);
  EXPECT_THROW(warp_grid(g, kLonLat, projection_definition("lcc", test::v1_projection()), {0, 0, 1, 1}, 0, 4),
               WarpError);
  EXPECT_THROW(warp_grid(g, kLonLat, projection_definition("lcc", test::v1_projection()), {1, 0, 1, 1}, 4, 4),
               WarpError);
}

}  // namespace
}  // namespace annals
