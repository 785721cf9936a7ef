#include "annals/geo/raster_warp.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <ogr_srs_api.h>

#include <cstdio>
#include <memory>

#include "gdal_init.h"

namespace annals {

namespace {

struct SrsDeleter {
  void operator()(void* s) const { OSRDestroySpatialReference(s); }
};
using SrsPtr = std::unique_ptr<void, SrsDeleter>;
struct DatasetDeleter {
  void operator()(void* d) const { GDALClose(d); }
};
using DatasetPtr = std::unique_ptr<void, DatasetDeleter>;

SrsPtr make_srs(const std::string& definition) {
  SrsPtr srs(OSRNewSpatialReference(nullptr));
  if (OSRSetFromUserInput(srs.get(), definition.c_str()) != OGRERR_NONE)
    throw WarpError("GDAL does not understand the coordinate reference system '" + definition + "'");
  // Longitude first, as our grids are laid out, whatever the authority says.
  OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

// A MEM dataset over `grid`'s own pixels (no copy): GDAL reads and writes
// them in place through pixel/line offsets.
DatasetPtr wrap(const ByteGrid& grid, const std::string& crs) {
  GDALDriverH mem = GDALGetDriverByName("MEM");
  if (!mem) throw WarpError("GDAL's MEM driver is missing");
  DatasetPtr ds(GDALCreate(mem, "", grid.width, grid.height, 0, GDT_Byte, nullptr));
  if (!ds) throw WarpError("GDAL cannot create an in-memory raster: " + std::string(CPLGetLastErrorMsg()));
  for (int b = 0; b < grid.bands; ++b) {
    char pointer[64], pixel[32], line[48];
    std::snprintf(pointer, sizeof pointer, "DATAPOINTER=%p",
                  static_cast<const void*>(grid.pixels.data() + b));
    std::snprintf(pixel, sizeof pixel, "PIXELOFFSET=%d", grid.bands);
    std::snprintf(line, sizeof line, "LINEOFFSET=%lld", static_cast<long long>(grid.width) * grid.bands);
    char* options[] = {pointer, pixel, line, nullptr};
    if (GDALAddBand(ds.get(), GDT_Byte, options) != CE_None)
      throw WarpError("GDAL cannot wrap a band: " + std::string(CPLGetLastErrorMsg()));
  }
  double transform[6] = {grid.bounds.min_x,   grid.pixel_width(), 0, grid.bounds.max_y, 0,
                         -grid.pixel_height()};
  GDALSetGeoTransform(ds.get(), transform);
  SrsPtr srs = make_srs(crs);
  GDALSetSpatialRef(ds.get(), srs.get());
  return ds;
}

}  // namespace

ByteGrid warp_grid(const ByteGrid& source, const std::string& source_crs, const std::string& target_crs,
                   const GridBounds& bounds, int width, int height) {
  if (source.width <= 0 || source.height <= 0 || source.bands <= 0 ||
      source.pixels.size() != static_cast<std::size_t>(source.width) * source.height * source.bands)
    throw WarpError("the source image is empty or its pixel count does not match its size");
  if (width <= 0 || height <= 0 || !(bounds.width() > 0) || !(bounds.height() > 0))
    throw WarpError("the target grid is empty");
  ensure_gdal_registered();

  ByteGrid out;
  out.width = width;
  out.height = height;
  out.bands = source.bands;
  out.bounds = bounds;
  out.pixels.assign(static_cast<std::size_t>(width) * height * source.bands, 0);

  DatasetPtr src = wrap(source, source_crs);
  DatasetPtr dst = wrap(out, target_crs);
  // Bilinear, on every core; the approximate transformer (0.125 px) projects
  // only a few points a row, which is what keeps this fast.
  const char* args[] = {"-r", "bilinear", "-multi", "-wo", "NUM_THREADS=ALL_CPUS", "-et", "0.125", nullptr};
  GDALWarpAppOptions* options = GDALWarpAppOptionsNew(const_cast<char**>(args), nullptr);
  if (!options) throw WarpError("GDAL rejected the warp options: " + std::string(CPLGetLastErrorMsg()));
  GDALDatasetH sources[] = {src.get()};
  int usage_error = 0;
  CPLErrorReset();
  GDALDatasetH result = GDALWarp(nullptr, dst.get(), 1, sources, options, &usage_error);
  GDALWarpAppOptionsFree(options);
  if (!result || usage_error) throw WarpError("GDAL's warper failed: " + std::string(CPLGetLastErrorMsg()));
  // GDAL writes through DATAPOINTER, but only on flush.
  GDALFlushCache(dst.get());
  return out;
}

}  // namespace annals
