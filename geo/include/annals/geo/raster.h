// Elevation rasters read through GDAL into a regular lon/lat grid.
#pragma once

#include <filesystem>
#include <vector>

namespace annals {

struct ElevationGrid {
  int width = 0;
  int height = 0;
  // Geographic bounds of the grid's outer edges (pixel-is-area), degrees.
  double west = 0, east = 0, south = 0, north = 0;
  std::vector<float> metres;  // row-major, north row first; NaN = no data

  double lon_step() const { return (east - west) / width; }
  double lat_step() const { return (north - south) / height; }
  float at(int col, int row) const { return metres[static_cast<std::size_t>(row) * width + col]; }
};

// A lon/lat box in degrees.
struct LonLatBox {
  double west = -180, south = -90, east = 180, north = 90;
};

// Reads band 1 of any raster GDAL opens, only the cells that meet `window`
// (a global ETOPO grid then yields the region at its full resolution). A
// raster that is not in geographic WGS84 coordinates is warped to it (GDAL's
// warper) at about its own resolution; a window larger than `max_side` cells
// on a side is averaged down to fit (a teacher's 90 m SRTM mosaic would
// otherwise need gigabytes). Throws DataError naming the file and what was
// expected, also when the raster does not meet the window at all.
ElevationGrid load_elevation(const std::filesystem::path& path, int max_side = 4096,
                             const LonLatBox& window = {});

// Throws DataError naming `file` unless the grid covers the lon/lat box
// [west, south, east, north].
void require_coverage(const ElevationGrid& grid, const std::string& file, double west, double south,
                      double east, double north);

}  // namespace annals
