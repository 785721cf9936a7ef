// Triangles for a polygon, so that a renderer can fill it in one pass
// instead of two stencil passes (on a software rasteriser a realm's fill
// costs several times less so).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "annals/geo/lonlat.h"

namespace annals {

// Triangulates the area inside an odd number of `rings` (the even-odd rule,
// as GeoJSON rings are read), by ear clipping, when every ring is simple
// (no edge crosses or touches another edge but its neighbours) and no ring
// lies inside another: a polygon without holes, or several such. Returns
// three points per triangle, whose areas add up to the polygon's; nullopt
// for rings with holes, crossings or nesting, or more than `max_points`
// points in all (the test for crossings grows with the square of that), for
// which the caller keeps a fill that needs no triangles (the stencil).
// A ring may be closed (last point repeating the first) or not, and run
// either way round; repeated points and straight runs are allowed.
std::optional<std::vector<XY>> triangulate_simple_rings(const std::vector<std::vector<XY>>& rings,
                                                        std::size_t max_points = 1024);

}  // namespace annals
