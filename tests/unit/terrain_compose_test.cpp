// The relief texture as drawn: paper beyond the DEM, sea over water, relief or
// flat land over land, blended across the coast.
#include <gtest/gtest.h>

#include "annals/render/scene.h"

namespace annals {
namespace {

TerrainLayer strip() {
  TerrainLayer t;
  t.texture = Image(4, 1);
  const std::uint8_t texels[4][4] = {
      {10, 20, 30, 0},       // beyond the DEM
      {10, 20, 30, 1},       // water
      {100, 150, 200, 255},  // land
      {100, 150, 200, 128},  // half land: the coast
  };
  for (int x = 0; x < 4; ++x)
    for (int k = 0; k < 4; ++k) t.texture.pixel(x, 0)[k] = texels[x][k];
  t.bounds = {0, 0, 4000, 1000};
  t.sea = rgb(0, 0, 250);
  t.flat_land = rgb(240, 230, 200);
  return t;
}

void expect_rgb(const std::uint8_t* p, int r, int g, int b) {
  EXPECT_NEAR(p[0], r, 1);
  EXPECT_NEAR(p[1], g, 1);
  EXPECT_NEAR(p[2], b, 1);
  EXPECT_EQ(p[3], 255) << "opaque";
}

TEST(TerrainCompose, PaperSeaReliefAndCoast) {
  const Image img = compose_terrain(strip(), true, rgb(236, 232, 222));
  ASSERT_EQ(img.width, 4);
  expect_rgb(img.pixel(0, 0), 236, 232, 222);
  expect_rgb(img.pixel(1, 0), 0, 0, 250);
  expect_rgb(img.pixel(2, 0), 100, 150, 200);
  // (128 − 1) / 254 = half land.
  expect_rgb(img.pixel(3, 0), 50, 75, 225);
}

TEST(TerrainCompose, ReliefOffShowsFlatLand) {
  const Image img = compose_terrain(strip(), false, rgb(236, 232, 222));
  expect_rgb(img.pixel(0, 0), 236, 232, 222);
  expect_rgb(img.pixel(1, 0), 0, 0, 250);
  expect_rgb(img.pixel(2, 0), 240, 230, 200);
}

TEST(TerrainCompose, TexelSizeComesFromTheBounds) {
  EXPECT_DOUBLE_EQ(strip().texel_m(), 1000.0);
  EXPECT_DOUBLE_EQ(TerrainLayer{}.texel_m(), 0.0);
}

}  // namespace
}  // namespace annals
