// Segment cells must lose no segment, keep each cell's order, cover every
// segment with its cell's bounds, and let a view draw every segment it can
// see: checked by brute force against all the segments.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <random>
#include <vector>

#include "annals/render/segment_cells.h"

namespace annals {

namespace {

using Segment = std::array<float, 4>;

std::vector<Segment> as_segments(const std::vector<float>& v) {
  std::vector<Segment> out;
  for (std::size_t i = 0; i + 3 < v.size(); i += 4) out.push_back({v[i], v[i + 1], v[i + 2], v[i + 3]});
  return out;
}

Bounds box_of(const Segment& s) {
  return {std::min(s[0], s[2]), std::min(s[1], s[3]), std::max(s[0], s[2]), std::max(s[1], s[3])};
}

bool contains(const Bounds& outer, const Bounds& inner) {
  return outer.min_x <= inner.min_x && outer.min_y <= inner.min_y && outer.max_x >= inner.max_x &&
         outer.max_y >= inner.max_y;
}

bool overlaps(const Bounds& a, const Bounds& b) {
  return a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y && b.min_y <= a.max_y;
}

// ~2000 segments over a 1000 km square: mostly short, some long enough to
// reach well out of their cell. A fixed seed, and mt19937's output is fixed
// by the standard, so the set is the same everywhere.
std::vector<float> random_segments(std::size_t n) {
  std::mt19937 rng(20240611u);
  const auto unit = [&] { return rng() / 4294967296.0; };
  std::vector<float> out;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = unit() * 1000e3, y = unit() * 1000e3;
    const double len = (i % 25 == 0 ? 300e3 : 20e3) * unit();
    const double dx = (unit() - 0.5) * len, dy = (unit() - 0.5) * len;
    out.insert(out.end(), {static_cast<float>(x - dx), static_cast<float>(y - dy), static_cast<float>(x + dx),
                           static_cast<float>(y + dy)});
  }
  return out;
}

// The cells must be non-empty and tile [0, n) in order.
void expect_tiles(const SegmentCells& c, std::size_t n) {
  std::uint32_t next = 0;
  for (const auto& cell : c.cells) {
    EXPECT_EQ(cell.first, next);
    EXPECT_GT(cell.count, 0u);
    next = cell.first + cell.count;
  }
  EXPECT_EQ(next, n);
}

std::uint32_t total(const std::vector<SegmentRun>& runs) {
  std::uint32_t t = 0;
  for (const auto& r : runs) t += r.count;
  return t;
}

TEST(SegmentCells, EverySegmentSurvivesSortingOnce) {
  const std::vector<float> original = random_segments(2000);
  std::vector<float> segments = original;
  const SegmentCells c = sort_into_cells(segments);
  ASSERT_EQ(segments.size(), original.size());
  auto before = as_segments(original), after = as_segments(segments);
  std::sort(before.begin(), before.end());
  std::sort(after.begin(), after.end());
  EXPECT_EQ(before, after);
  expect_tiles(c, 2000);
  EXPECT_GT(c.cells.size(), 100u);  // 2000 spread segments fill most of 16×16
  EXPECT_LE(c.cells.size(), 256u);
}

TEST(SegmentCells, SegmentsKeepTheirOrderWithinACell) {
  const std::vector<float> original = random_segments(2000);
  std::map<Segment, std::size_t> index;
  const auto segs = as_segments(original);
  for (std::size_t i = 0; i < segs.size(); ++i) index.emplace(segs[i], i);
  ASSERT_EQ(index.size(), segs.size());  // all distinct, so each has one original index

  std::vector<float> segments = original;
  const SegmentCells c = sort_into_cells(segments);
  const auto sorted = as_segments(segments);
  for (const auto& cell : c.cells)
    for (std::uint32_t k = cell.first + 1; k < cell.first + cell.count; ++k)
      EXPECT_LT(index.at(sorted[k - 1]), index.at(sorted[k])) << "cell at " << cell.first;
}

TEST(SegmentCells, CellBoundsContainTheirSegments) {
  std::vector<float> segments = random_segments(2000);
  const SegmentCells c = sort_into_cells(segments);
  const auto sorted = as_segments(segments);
  for (const auto& cell : c.cells)
    for (std::uint32_t k = cell.first; k < cell.first + cell.count; ++k)
      EXPECT_TRUE(contains(cell.bounds, box_of(sorted[k]))) << "segment " << k;
}

TEST(SegmentCells, CellsAreRowMajorByMidpoint) {
  // One segment in each quadrant, given north-east first; on a 2×2 grid the
  // rows go south to north and each row west to east.
  std::vector<float> segments = {
      8, 8, 10, 10,  // NE
      0, 8, 2,  10,  // NW
      8, 0, 10, 2,   // SE
      0, 0, 2,  2,   // SW
  };
  const SegmentCells c = sort_into_cells(segments, 2);
  EXPECT_EQ(segments, (std::vector<float>{0, 0, 2, 2, 8, 0, 10, 2, 0, 8, 2, 10, 8, 8, 10, 10}));
  ASSERT_EQ(c.cells.size(), 4u);
  expect_tiles(c, 4);
}

TEST(SegmentCells, ALongSegmentIsSeenFromItsFarEnd) {
  // On a 4×4 grid over 0..10, the long segment's midpoint (5, 0) files it in
  // the cell whose square spans x 5..7.5, but it reaches to x = 10: a view at
  // its east end, clear of that square, must still draw it.
  std::vector<float> segments = {0, 0, 10, 0, 0, 10, 1, 10, 10, 10, 10, 9, 10, 0, 10, 1};
  const SegmentCells c = sort_into_cells(segments, 4);
  const auto runs = visible_runs(c, {9.5, -0.5, 10.5, 0.5});
  bool found = false;
  const auto sorted = as_segments(segments);
  for (const auto& r : runs)
    for (std::uint32_t k = r.first; k < r.first + r.count; ++k)
      found = found || sorted[k] == Segment{0, 0, 10, 0};
  EXPECT_TRUE(found);
}

TEST(SegmentCells, AViewOverEverythingIsOneRun) {
  std::vector<float> segments = random_segments(2000);
  const SegmentCells c = sort_into_cells(segments);
  const auto runs = visible_runs(c, {-1e9, -1e9, 1e9, 1e9});
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].first, 0u);
  EXPECT_EQ(runs[0].count, 2000u);
}

TEST(SegmentCells, AViewAwayFromTheDataHasNoRuns) {
  std::vector<float> segments = random_segments(2000);
  const SegmentCells c = sort_into_cells(segments);
  EXPECT_TRUE(visible_runs(c, {5e6, 5e6, 5.1e6, 5.1e6}).empty());
  EXPECT_TRUE(visible_runs(c, {-3e6, 100e3, -2e6, 200e3}).empty());
}

TEST(SegmentCells, ACornerViewDrawsEveryVisibleSegmentAndFewerThanAll) {
  std::vector<float> segments = random_segments(2000);
  const SegmentCells c = sort_into_cells(segments);
  const Bounds view{-50e3, -50e3, 150e3, 150e3};
  const auto runs = visible_runs(c, view);
  const auto sorted = as_segments(segments);

  std::vector<char> drawn(sorted.size(), 0);
  for (const auto& r : runs) {
    ASSERT_LE(r.first + r.count, sorted.size());
    for (std::uint32_t k = r.first; k < r.first + r.count; ++k) drawn[k] = 1;
  }
  // Brute force: every segment whose box meets the view (a superset of those
  // that cross it) must be drawn.
  std::size_t seen = 0;
  for (std::size_t k = 0; k < sorted.size(); ++k)
    if (overlaps(box_of(sorted[k]), view)) {
      ++seen;
      EXPECT_TRUE(drawn[k]) << "segment " << k << " meets the view but is not drawn";
    }
  EXPECT_GT(seen, 0u);
  EXPECT_LT(total(runs), sorted.size() / 4);  // a 4 % corner should cost far less than all
  // Runs are disjoint and do not touch, or they would have been merged.
  for (std::size_t i = 1; i < runs.size(); ++i)
    EXPECT_GT(runs[i].first, runs[i - 1].first + runs[i - 1].count);
}

TEST(SegmentCells, EmptyInputHasNoCells) {
  std::vector<float> segments;
  const SegmentCells c = sort_into_cells(segments);
  EXPECT_TRUE(c.cells.empty());
  EXPECT_TRUE(segments.empty());
  EXPECT_TRUE(visible_runs(c, {-1e9, -1e9, 1e9, 1e9}).empty());
}

TEST(SegmentCells, IdenticalPointsMakeOneCell) {
  std::vector<float> segments;
  for (int i = 0; i < 50; ++i) segments.insert(segments.end(), {3, 4, 3, 4});
  const std::vector<float> original = segments;
  const SegmentCells c = sort_into_cells(segments);
  EXPECT_EQ(segments, original);
  ASSERT_EQ(c.cells.size(), 1u);
  EXPECT_EQ(c.cells[0].first, 0u);
  EXPECT_EQ(c.cells[0].count, 50u);
  EXPECT_EQ(c.cells[0].bounds.min_x, 3);
  EXPECT_EQ(c.cells[0].bounds.max_y, 4);
  const auto runs = visible_runs(c, {3, 4, 5, 6});  // touching the point counts
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].count, 50u);
  EXPECT_TRUE(visible_runs(c, {3.5, 4.5, 5, 6}).empty());
}

TEST(SegmentCells, SegmentsOnOneLineSplitAlongIt) {
  // All on y = 7: the bounding box has no height, so there is one row.
  std::vector<float> segments;
  for (int i = 0; i < 64; ++i) segments.insert(segments.end(), {i * 1.0f, 7, i + 0.5f, 7});
  const SegmentCells c = sort_into_cells(segments, 8);
  expect_tiles(c, 64);
  EXPECT_EQ(c.cells.size(), 8u);
  for (const auto& cell : c.cells) {
    EXPECT_EQ(cell.bounds.min_y, 7);
    EXPECT_EQ(cell.bounds.max_y, 7);
  }
  EXPECT_EQ(visible_runs(c, {0, 0, 100, 100}).size(), 1u);
}

}  // namespace
}  // namespace annals
