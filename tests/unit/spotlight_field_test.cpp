// The spotlight's field (presentation.h): its cells cover the frame once,
// its dimming is what its cells' triangles carry (the map is darkened by
// drawing those triangles, the overlay by dim_at at its vertices, so the two
// must agree), and darkening a colour keeps its alpha.
#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "annals/render/presentation.h"

namespace annals {
namespace {

const Viewport kFrame{1280, 720, 1};

TEST(SpotlightField, WithoutSpotsNothingIsDimmed) {
  const SpotlightField field(kFrame, {}, 60, {});
  EXPECT_TRUE(field.empty());
  EXPECT_TRUE(field.quads().empty());
  EXPECT_FLOAT_EQ(field.factor_at(10, 10), 1);
}

TEST(SpotlightField, CellsCoverTheFrameOnce) {
  const SpotlightField field(kFrame, {ImVec2(300, 200), ImVec2(900, 500)}, 60, {{500, 20, 780, 120}});
  double area = 0;
  int graded = 0;
  for (const SpotlightQuad& q : field.quads()) {
    EXPECT_GE(q.x0, 0);
    EXPECT_GE(q.y0, 0);
    EXPECT_LE(q.x1, kFrame.width_px);
    EXPECT_LE(q.y1, kFrame.height_px);
    area += double(q.x1 - q.x0) * double(q.y1 - q.y0);
    graded += !q.uniform();
  }
  EXPECT_NEAR(area, double(kFrame.width_px) * kFrame.height_px, 1.0);
  EXPECT_GT(graded, 0);  // the circles' soft edges
  // Uniform cells are merged along rows: far fewer quads than cells.
  EXPECT_LT(field.quads().size(), std::size_t(SpotlightField::kColumns * SpotlightField::kRows / 2));
}

TEST(SpotlightField, DimmingIsNoneAtASpotFullFarAndNoneInAKeptClearBox) {
  const SpotlightField field(kFrame, {ImVec2(300, 200)}, 60, {{800, 400, 1100, 600}});
  EXPECT_FLOAT_EQ(field.dim_at(300, 200), 0);
  EXPECT_FLOAT_EQ(field.dim_at(1200, 100), 1);
  EXPECT_FLOAT_EQ(field.dim_at(950, 500), 0);  // inside the box
  EXPECT_FLOAT_EQ(field.factor_at(1200, 100), 1 - SpotlightField::kDepth);
  // Between: graded, and never outside [0, 1].
  const float edge = field.dim_at(300 + 90, 200);
  EXPECT_GT(edge, 0);
  EXPECT_LT(edge, 1);
  for (float x = 0; x <= kFrame.width_px; x += 7.3f)
    for (float y = 0; y <= kFrame.height_px; y += 5.1f) {
      const float d = field.dim_at(x, y);
      ASSERT_GE(d, 0) << x << "," << y;
      ASSERT_LE(d, 1) << x << "," << y;
    }
}

// A kept-clear box (the date banner, the title card) is clear, but the
// ground grades into it across the cells its edges cross only: a little
// more than a cell beyond it, far from any spot, is fully dimmed (it was
// graded when the corners within a cell of a box were clear: a bright band
// about the boxes).
// What the overlay draws within a box, strokes' fringe included, is not
// darkened; just beyond, it is.
TEST(SpotlightField, AKeptClearBoxIsClearAndNothingBeyondItsCells) {
  const OverlayBox box{805, 405, 1093, 597};
  const SpotlightField field(kFrame, {ImVec2(300, 200)}, 60, {box});
  const float cw = float(kFrame.width_px) / SpotlightField::kColumns,
              ch = float(kFrame.height_px) / SpotlightField::kRows;
  EXPECT_FLOAT_EQ(field.dim_at(950, 500), 0);
  EXPECT_FLOAT_EQ(field.dim_at(box.x0 - 1.1f * cw, 500), 1);
  EXPECT_FLOAT_EQ(field.dim_at(box.x1 + 1.1f * cw, 500), 1);
  EXPECT_FLOAT_EQ(field.dim_at(950, box.y0 - 1.1f * ch), 1);
  EXPECT_FLOAT_EQ(field.dim_at(950, box.y1 + 1.1f * ch), 1);
  const unsigned ink = IM_COL32(200, 100, 50, 255);
  EXPECT_TRUE(field.kept_clear(box.x0, box.y0, box.x1, box.y1));
  EXPECT_TRUE(field.kept_clear(box.x0 - 2, box.y0 - 2, box.x1 + 2, box.y1 + 2));  // a stroke's fringe
  EXPECT_FALSE(field.kept_clear(box.x0 - 10, box.y0, box.x1, box.y1));
  EXPECT_EQ(field.darken(ink, box.x0 - 1, box.y0 - 1), ink);
  EXPECT_EQ(field.darken(ink, 950, 500), ink);
  EXPECT_NE(field.darken(ink, box.x0 - 1.1f * cw, 500), ink);
}

// dim_at must be the linear interpolation the GPU makes over each quad's
// two triangles (top left, top right, bottom right; top left, bottom
// right, bottom left): checked at each graded quad's corners and centroids.
TEST(SpotlightField, DimAtIsWhatTheCellsTrianglesCarry) {
  const SpotlightField field(kFrame, {ImVec2(333, 222), ImVec2(640, 400)}, 75, {});
  int checked = 0;
  for (const SpotlightQuad& q : field.quads()) {
    if (q.uniform()) continue;
    const float xs[4] = {q.x0, q.x1, q.x1, q.x0}, ys[4] = {q.y0, q.y0, q.y1, q.y1};
    for (int k = 0; k < 4; ++k) EXPECT_NEAR(field.dim_at(xs[k], ys[k]), q.dim[k], 1e-4);
    // Centroids of the two triangles.
    EXPECT_NEAR(field.dim_at((xs[0] + xs[1] + xs[2]) / 3, (ys[0] + ys[1] + ys[2]) / 3),
                (q.dim[0] + q.dim[1] + q.dim[2]) / 3, 1e-4);
    EXPECT_NEAR(field.dim_at((xs[0] + xs[2] + xs[3]) / 3, (ys[0] + ys[2] + ys[3]) / 3),
                (q.dim[0] + q.dim[2] + q.dim[3]) / 3, 1e-4);
    ++checked;
  }
  EXPECT_GT(checked, 20);
}

// A label is darkened by drawing its rectangle cut into pieces along the
// field's triangles (HaloedText): the pieces must cover the rectangle (cut
// to the frame) exactly once, carry dim_at at their corners, and be linear
// inside, as the field is.
TEST(SpotlightField, ARectangleCutAlongTheTrianglesIsCoveredOnceAndDimmedAsTheField) {
  const SpotlightField field(kFrame, {ImVec2(333, 222), ImVec2(640, 400)}, 75, {{900, 30, 1100, 90}});
  struct Case {
    float x0, y0, x1, y1;
    double area;  // within the frame
  };
  const Case cases[] = {
      {250.3f, 180.7f, 431.9f, 236.2f, (431.9 - 250.3) * (236.2 - 180.7)},  // over a spot's graded edge
      {1000.5f, 600.25f, 1100.5f, 640.75f, 100.0 * 40.5},                   // fully dimmed
      {-12.0f, 700.0f, 40.0f, 730.0f, 40.0 * 20.0},                         // off the frame's corner
      {880.0f, 20.0f, 1120.0f, 100.0f, 240.0 * 80.0},                       // a kept-clear box
  };
  for (const Case& c : cases) {
    std::vector<SpotlightField::DimmedPoint> pieces;
    field.cut(c.x0, c.y0, c.x1, c.y1, pieces);
    ASSERT_EQ(pieces.size() % 3, 0u);
    double area = 0;
    for (std::size_t k = 0; k < pieces.size(); k += 3) {
      const auto &a = pieces[k], &b = pieces[k + 1], &d = pieces[k + 2];
      // Clockwise or not, each piece's area counts once: no piece overlaps.
      area += std::abs((b.x - a.x) * (d.y - a.y) - (d.x - a.x) * (b.y - a.y)) / 2.0;
      for (const auto* p : {&a, &b, &d}) {
        EXPECT_GE(p->x, std::max(c.x0, 0.0f) - 1e-3f);
        EXPECT_LE(p->x, std::min(c.x1, float(kFrame.width_px)) + 1e-3f);
        EXPECT_GE(p->y, std::max(c.y0, 0.0f) - 1e-3f);
        EXPECT_LE(p->y, std::min(c.y1, float(kFrame.height_px)) + 1e-3f);
        EXPECT_NEAR(p->dim, field.dim_at(p->x, p->y), 1e-4) << p->x << "," << p->y;
      }
      const float cx = (a.x + b.x + d.x) / 3, cy = (a.y + b.y + d.y) / 3;
      EXPECT_NEAR(field.dim_at(cx, cy), (a.dim + b.dim + d.dim) / 3, 1e-4) << cx << "," << cy;
    }
    EXPECT_NEAR(area, c.area, c.area * 1e-5) << c.x0 << "," << c.y0;
  }
  // The graded case is cut finely; a rectangle in uniform ground is two
  // triangles, however many cells it spans.
  std::vector<SpotlightField::DimmedPoint> graded, uniform;
  field.cut(250.3f, 180.7f, 431.9f, 236.2f, graded);
  field.cut(1000.5f, 600.25f, 1100.5f, 640.75f, uniform);
  EXPECT_GT(graded.size(), 30u);
  EXPECT_EQ(uniform.size(), 6u);
  // Without spots the rectangle is two triangles, undimmed.
  std::vector<SpotlightField::DimmedPoint> plain;
  SpotlightField(kFrame, {}, 60, {}).cut(10, 20, 30, 40, plain);
  ASSERT_EQ(plain.size(), 6u);
  for (const auto& p : plain) EXPECT_EQ(p.dim, 0);
}

TEST(SpotlightField, DarkeningAColourScalesItsRgbAndKeepsItsAlpha) {
  const SpotlightField field(kFrame, {ImVec2(300, 200)}, 60, {});
  const unsigned white = IM_COL32(255, 200, 100, 77);
  EXPECT_EQ(field.darken(white, 300, 200), white);  // in the spot
  const unsigned dark = field.darken(white, 1200, 700);
  const float f = 1 - SpotlightField::kDepth;
  EXPECT_EQ((dark >> IM_COL32_R_SHIFT) & 0xFF, unsigned(std::lround(255 * f)));
  EXPECT_EQ((dark >> IM_COL32_G_SHIFT) & 0xFF, unsigned(std::lround(200 * f)));
  EXPECT_EQ((dark >> IM_COL32_B_SHIFT) & 0xFF, unsigned(std::lround(100 * f)));
  EXPECT_EQ((dark >> IM_COL32_A_SHIFT) & 0xFF, 77u);
}

}  // namespace
}  // namespace annals
