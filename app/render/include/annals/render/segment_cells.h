// Spatial cells for instanced line segments, so a frame draws only the lines
// near the view. The renderer draws each segment as one instance, so a
// contiguous range of segments is one draw call: sorting a layer's segments
// into cells once (at scene build) turns "the segments near the view" into a
// few ranges of the same buffer, with no per-frame copying or index buffer.
// Pure arithmetic; no OpenGL.
#pragma once

#include <cstdint>
#include <vector>

#include "annals/render/camera.h"

namespace annals {

// A run of segments (counted in segments, not floats) that share a cell.
// `bounds` is the union of the bounding boxes of the cell's segments, not the
// cell's square: a segment is filed by its midpoint, so a long one sticks out
// of its cell, and culling on the square would drop it from views that see
// only its end.
struct SegmentCell {
  std::uint32_t first = 0;
  std::uint32_t count = 0;
  Bounds bounds;
};

// The non-empty cells, in the order their segments lie in the sorted array:
// together they tile [0, segment count) with no gaps.
struct SegmentCells {
  std::vector<SegmentCell> cells;
};

// Reorders `segments` (x0,y0,x1,y1 per segment; each segment's 4 floats stay
// together) so that the segments of each cell are contiguous, and returns the
// cells. The cells are a grid×grid division of the bounding box of all the
// segments (grid is clamped to 1..1024); a segment goes to the cell of its
// midpoint. Cells are ordered row-major, rows by increasing y and then cells by
// increasing x, so a view's cells that are neighbours in a row are neighbours
// in memory and merge into one draw call. Within a cell the segments keep
// their original order (a stable counting sort). A degenerate bounding box
// (all points, or all on one axis-parallel line) collapses that axis to one
// column or row. Segments with non-finite coordinates go to the first cell
// and do not widen any bounds. Trailing floats that do not make a whole
// segment are left at the end.
SegmentCells sort_into_cells(std::vector<float>& segments, int grid = 16);

// A range of segments to draw with one instanced call.
struct SegmentRun {
  std::uint32_t first = 0;
  std::uint32_t count = 0;
};

// The cells whose bounds intersect `view` (touching counts), with cells that
// follow each other in memory merged into one run. A view that covers every
// cell gives exactly one run of all the segments.
std::vector<SegmentRun> visible_runs(const SegmentCells& cells, const Bounds& view);

}  // namespace annals
