#include "annals/render/segment_cells.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace annals {

namespace {

constexpr int kMaxGrid = 1024;  // 1M cells: far finer than any useful culling

// Bounds that any real box widens: min/max with NaN keep the current value,
// so non-finite coordinates never leak into the result.
Bounds empty_bounds() {
  constexpr double inf = std::numeric_limits<double>::infinity();
  return {inf, inf, -inf, -inf};
}

void widen(Bounds& b, double x, double y) {
  if (!std::isfinite(x) || !std::isfinite(y)) return;
  b.min_x = std::min(b.min_x, x);
  b.min_y = std::min(b.min_y, y);
  b.max_x = std::max(b.max_x, x);
  b.max_y = std::max(b.max_y, y);
}

// The column (or row) of coordinate `v` on an axis from `lo` spanning
// `extent` in `grid` steps. A zero extent (all segments on one line or point)
// or a non-finite value gives 0 rather than a division by zero or a cast of
// NaN; the top edge, which would be column `grid`, is folded into the last.
int cell_of(double v, double lo, double extent, int grid) {
  if (!(extent > 0) || !std::isfinite(extent)) return 0;
  const double t = (v - lo) / extent * grid;
  if (!(t >= 0)) return 0;  // also NaN
  if (t >= grid - 1) return grid - 1;
  return static_cast<int>(t);
}

bool intersects(const Bounds& a, const Bounds& b) {
  return a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y && b.min_y <= a.max_y;
}

}  // namespace

SegmentCells sort_into_cells(std::vector<float>& segments, int grid) {
  grid = std::clamp(grid, 1, kMaxGrid);
  const std::size_t n = segments.size() / 4;
  SegmentCells out;
  if (n == 0) return out;

  Bounds all = empty_bounds();
  for (std::size_t i = 0; i < n; ++i) {
    const float* s = &segments[4 * i];
    widen(all, s[0], s[1]);
    widen(all, s[2], s[3]);
  }
  const double w = all.width(), h = all.height();

  // Row-major cell of each segment's midpoint, then a stable counting sort:
  // linear in the segments, and it keeps each cell's original order.
  const std::size_t ncells = static_cast<std::size_t>(grid) * static_cast<std::size_t>(grid);
  std::vector<std::uint32_t> cell(n);
  std::vector<std::uint32_t> start(ncells + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const float* s = &segments[4 * i];
    const double mx = (static_cast<double>(s[0]) + s[2]) / 2, my = (static_cast<double>(s[1]) + s[3]) / 2;
    const int cx = cell_of(mx, all.min_x, w, grid), cy = cell_of(my, all.min_y, h, grid);
    cell[i] = static_cast<std::uint32_t>(cy * grid + cx);
    ++start[cell[i] + 1];
  }
  for (std::size_t c = 0; c < ncells; ++c) start[c + 1] += start[c];

  std::vector<float> sorted(segments.size());
  std::copy(segments.begin() + 4 * n, segments.end(), sorted.begin() + 4 * n);  // any partial tail
  std::vector<Bounds> bounds(ncells, empty_bounds());
  std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    const float* s = &segments[4 * i];
    const std::uint32_t c = cell[i];
    std::copy(s, s + 4, &sorted[4 * static_cast<std::size_t>(next[c]++)]);
    widen(bounds[c], s[0], s[1]);
    widen(bounds[c], s[2], s[3]);
  }
  segments.swap(sorted);

  for (std::size_t c = 0; c < ncells; ++c) {
    const std::uint32_t count = start[c + 1] - start[c];
    if (count > 0) out.cells.push_back({start[c], count, bounds[c]});
  }
  return out;
}

std::vector<SegmentRun> visible_runs(const SegmentCells& cells, const Bounds& view) {
  std::vector<SegmentRun> runs;
  for (const auto& c : cells.cells) {
    if (!intersects(c.bounds, view)) continue;
    // Cells tile the array in order, so a visible cell that starts where the
    // last run ends extends it: one draw call instead of two.
    if (!runs.empty() && runs.back().first + runs.back().count == c.first)
      runs.back().count += c.count;
    else
      runs.push_back({c.first, c.count});
  }
  return runs;
}

}  // namespace annals
