// A label's picture painted from the font atlas's pixels (label_picture.h),
// on the CPU: the ink where the glyph is, the halo around it as far as its
// reach and no further, the ink of one glyph over the halo of the next, no
// neighbouring glyph of the atlas in the halo, premultiplied pixels.
#include <gtest/gtest.h>
#include <imgui.h>

#include <vector>

#include "annals/render/label_picture.h"

namespace annals {
namespace {

// A 32 x 16 atlas: glyph A, a solid square at texels [4, 12) x [4, 12);
// glyph B beside it at [14, 22), two texels of padding between.
struct Atlas {
  std::vector<unsigned char> alpha = std::vector<unsigned char>(32 * 16, 0);
  Atlas() {
    for (int y = 4; y < 12; ++y)
      for (int x = 4; x < 12; ++x) alpha[static_cast<std::size_t>(y * 32 + x)] = 255;
    for (int y = 4; y < 12; ++y)
      for (int x = 14; x < 22; ++x) alpha[static_cast<std::size_t>(y * 32 + x)] = 255;
  }
  FontPixels pixels() const { return {alpha.data(), 32, 16}; }
};

// Glyph A drawn at (x, y), one texel a pixel.
GlyphQuad glyph_a(float x, float y, unsigned ink) {
  return {x, y, x + 8, y + 8, 4 / 32.0f, 4 / 16.0f, 12 / 32.0f, 12 / 16.0f, ink};
}

const unsigned char* at(const std::vector<unsigned char>& rgba, int width, int x, int y) {
  return &rgba[static_cast<std::size_t>((y * width + x) * 4)];
}

TEST(LabelPicture, InkOnTheGlyphHaloAroundItAsFarAsItsReach) {
  const Atlas atlas;
  const unsigned ink = IM_COL32(40, 22, 18, 255), halo = IM_COL32(255, 252, 244, 230);
  std::vector<unsigned char> rgba;
  paint_label({glyph_a(10, 10, ink)}, halo, 2.0f, atlas.pixels(), 30, 30, rgba);
  ASSERT_EQ(rgba.size(), 30u * 30u * 4u);
  // Inside the glyph, away from its edges: the ink, opaque.
  const unsigned char* centre = at(rgba, 30, 14, 14);
  EXPECT_EQ(centre[0], 40);
  EXPECT_EQ(centre[1], 22);
  EXPECT_EQ(centre[2], 18);
  EXPECT_EQ(centre[3], 255);
  // A pixel beside the glyph, within the reach: halo, light and mostly opaque.
  const unsigned char* beside = at(rgba, 30, 8, 14);
  EXPECT_GT(beside[3], 200);
  EXPECT_GT(beside[0], 200);
  // Beyond the reach (and the filter's half texel): nothing.
  for (int x : {0, 6, 21, 29}) EXPECT_EQ(at(rgba, 30, x, 14)[3], 0) << x;
  for (int y : {0, 6, 21, 29}) EXPECT_EQ(at(rgba, 30, 14, y)[3], 0) << y;
  // Premultiplied: no channel exceeds the alpha.
  for (std::size_t i = 0; i < rgba.size(); i += 4)
    for (int k = 0; k < 3; ++k) ASSERT_LE(rgba[i + static_cast<std::size_t>(k)], rgba[i + 3]) << i / 4;
}

TEST(LabelPicture, TheNextGlyphsHaloStaysUnderTheInk) {
  const Atlas atlas;
  const unsigned ink = IM_COL32(0, 0, 0, 255), halo = IM_COL32(255, 255, 255, 255);
  std::vector<unsigned char> rgba;
  // Two glyphs one pixel apart: the second's halo reaches into the first.
  paint_label({glyph_a(4, 4, ink), glyph_a(13, 4, ink)}, halo, 3.0f, atlas.pixels(), 30, 16, rgba);
  for (int x : {10, 11, 14, 15}) {
    const unsigned char* p = at(rgba, 30, x, 8);
    EXPECT_EQ(p[0], 0) << x;
    EXPECT_EQ(p[3], 255) << x;
  }
  // The gap between them is halo.
  EXPECT_EQ(at(rgba, 30, 12, 8)[0], 255);
}

TEST(LabelPicture, NoNeighbouringGlyphOfTheAtlasShowsInTheHalo) {
  const Atlas atlas;
  std::vector<unsigned char> alone, beside_b;
  // A half-opaque halo, so that one more covering sample would show.
  const unsigned ink = IM_COL32(0, 0, 0, 255), halo = IM_COL32(255, 255, 255, 128);
  // Glyph A with a reach of 4 would sample glyph B's texels (two beyond A's
  // right edge) at its right offsets, were it not cut at A's rectangle.
  paint_label({glyph_a(8, 8, ink)}, halo, 4.0f, atlas.pixels(), 30, 24, beside_b);
  Atlas lone = atlas;
  for (int y = 4; y < 12; ++y)
    for (int x = 14; x < 22; ++x) lone.alpha[static_cast<std::size_t>(y * 32 + x)] = 0;
  paint_label({glyph_a(8, 8, ink)}, halo, 4.0f, lone.pixels(), 30, 24, alone);
  EXPECT_EQ(alone, beside_b);
  // And the halo is there to compare: the check can fail.
  EXPECT_GT(at(alone, 30, 18, 12)[3], 0);
}

TEST(LabelPicture, AGlyphCutByThePicturesEdgeIsPaintedWithin) {
  const Atlas atlas;
  std::vector<unsigned char> rgba;
  paint_label({glyph_a(-4, -4, IM_COL32(0, 0, 0, 255))}, IM_COL32(255, 255, 255, 255), 2.0f, atlas.pixels(),
              8, 8, rgba);
  EXPECT_EQ(at(rgba, 8, 0, 0)[3], 255);  // the glyph's inside
  EXPECT_EQ(at(rgba, 8, 7, 7)[3], 0);    // beyond its halo
}

}  // namespace
}  // namespace annals
