// Reprojecting images between coordinate reference systems with GDAL's
// warper: how the shaded relief (made on the DEM's lon/lat grid) becomes a
// texture in the map's projection.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace annals {

// The outer edges of a north-up grid, in the units of its CRS.
struct GridBounds {
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  double width() const { return max_x - min_x; }
  double height() const { return max_y - min_y; }
};

// Interleaved 8-bit bands, top row first.
struct ByteGrid {
  int width = 0;
  int height = 0;
  int bands = 0;
  GridBounds bounds;
  std::vector<std::uint8_t> pixels;

  double pixel_width() const { return bounds.width() / width; }
  double pixel_height() const { return bounds.height() / height; }
};

class WarpError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Resamples `source` (whose CRS is `source_crs`, e.g. "+proj=longlat
// +datum=WGS84") onto a `width`×`height` grid over `bounds` in `target_crs`,
// bilinearly, with GDAL's warper on every core. Pixels that no source pixel
// covers are 0 in every band, so a band that is never 0 in the source tells
// coverage. Throws WarpError with GDAL's message.
ByteGrid warp_grid(const ByteGrid& source, const std::string& source_crs, const std::string& target_crs,
                   const GridBounds& bounds, int width, int height);

}  // namespace annals
