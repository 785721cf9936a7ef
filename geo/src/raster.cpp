#include "annals/geo/raster.h"

#include <cpl_conv.h>
#include <gdal.h>
#include <gdalwarper.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include "annals/geo/diagnostic.h"
#include "gdal_init.h"

namespace annals {

namespace {
using DatasetPtr = std::unique_ptr<void, void (*)(void*)>;
DatasetPtr own(GDALDatasetH d) {
  return DatasetPtr(d, [](void* p) {
    if (p) GDALClose(p);
  });
}

bool is_wgs84_geographic(GDALDatasetH ds) {
  const char* wkt = GDALGetProjectionRef(ds);
  if (!wkt || !*wkt) return false;
  OGRSpatialReferenceH srs = OSRNewSpatialReference(wkt);
  OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(nullptr);
  OSRSetWellKnownGeogCS(wgs84, "WGS84");
  const bool same = OSRIsGeographic(srs) && OSRIsSame(srs, wgs84);
  OSRDestroySpatialReference(srs);
  OSRDestroySpatialReference(wgs84);
  return same;
}
}  // namespace

ElevationGrid load_elevation(const std::filesystem::path& path, int max_side, const LonLatBox& window) {
  ensure_gdal_registered();
  const std::string file = path.string();
  if (!std::filesystem::exists(path)) throw DataError(file, "", "elevation raster does not exist");
  auto src = own(GDALOpen(file.c_str(), GA_ReadOnly));
  if (!src)
    throw DataError(file, "", "GDAL cannot read this as a raster: " + std::string(CPLGetLastErrorMsg()));
  if (GDALGetRasterCount(src.get()) < 1)
    throw DataError(file, "", "raster has no band; expected elevations in band 1");
  const char* wkt = GDALGetProjectionRef(src.get());
  if (!wkt || !*wkt)
    throw DataError(file, "",
                    "raster has no coordinate reference system; expected a georeferenced elevation model");

  DatasetPtr ds = own(nullptr);
  GDALDatasetH use = src.get();
  if (!is_wgs84_geographic(src.get())) {
    OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(nullptr);
    OSRSetWellKnownGeogCS(wgs84, "WGS84");
    char* dst_wkt = nullptr;
    OSRExportToWkt(wgs84, &dst_wkt);
    ds = own(GDALAutoCreateWarpedVRT(src.get(), nullptr, dst_wkt, GRA_Bilinear, 0.0, nullptr));
    CPLFree(dst_wkt);
    OSRDestroySpatialReference(wgs84);
    if (!ds)
      throw DataError(file, "",
                      "GDAL cannot warp this raster to WGS84: " + std::string(CPLGetLastErrorMsg()));
    use = ds.get();
  }

  double gt[6];
  if (GDALGetGeoTransform(use, gt) != CE_None || gt[2] != 0.0 || gt[4] != 0.0 || gt[1] <= 0.0 || gt[5] >= 0.0)
    throw DataError(file, "", "raster is not a north-up grid; expected a plain geotransform");

  // The cells that meet the window, whole cells only.
  const int full_w = GDALGetRasterXSize(use), full_h = GDALGetRasterYSize(use);
  auto cell = [](double v) { return static_cast<int>(std::floor(v + 1e-9)); };
  const int col0 = std::clamp(cell((window.west - gt[0]) / gt[1]), 0, full_w);
  const int col1 = std::clamp(static_cast<int>(std::ceil((window.east - gt[0]) / gt[1] - 1e-9)), 0, full_w);
  const int row0 = std::clamp(cell((gt[3] - window.north) / -gt[5]), 0, full_h);
  const int row1 = std::clamp(static_cast<int>(std::ceil((gt[3] - window.south) / -gt[5] - 1e-9)), 0, full_h);
  if (col1 <= col0 || row1 <= row0) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "raster does not reach the map's region %.1f–%.1f°E, %.1f–%.1f°N",
                  window.west, window.east, window.south, window.north);
    throw DataError(file, "", buf);
  }
  const int src_w = col1 - col0, src_h = row1 - row0;
  const double shrink = std::max(1.0, std::max(src_w, src_h) / static_cast<double>(max_side));
  ElevationGrid g;
  g.width = std::max(1, static_cast<int>(src_w / shrink));
  g.height = std::max(1, static_cast<int>(src_h / shrink));
  g.west = gt[0] + gt[1] * col0;
  g.north = gt[3] + gt[5] * row0;
  g.east = gt[0] + gt[1] * col1;
  g.south = gt[3] + gt[5] * row1;
  g.metres.resize(static_cast<std::size_t>(g.width) * static_cast<std::size_t>(g.height));
  GDALRasterBandH band = GDALGetRasterBand(use, 1);
  GDALRasterIOExtraArg extra;
  INIT_RASTERIO_EXTRA_ARG(extra);
  extra.eResampleAlg = GRIORA_Average;  // heights averaged, not sampled, when shrinking
  if (GDALRasterIOEx(band, GF_Read, col0, row0, src_w, src_h, g.metres.data(), g.width, g.height, GDT_Float32,
                     0, 0, &extra) != CE_None)
    throw DataError(file, "", "cannot read raster data: " + std::string(CPLGetLastErrorMsg()));
  int has_nodata = 0;
  const double nodata = GDALGetRasterNoDataValue(band, &has_nodata);
  if (has_nodata)
    for (float& v : g.metres)
      if (static_cast<double>(v) == nodata) v = NAN;
  return g;
}

void require_coverage(const ElevationGrid& g, const std::string& file, double west, double south, double east,
                      double north) {
  if (g.west <= west && g.east >= east && g.south <= south && g.north >= north) return;
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "elevation raster covers %.2f–%.2f°E, %.2f–%.2f°N, but the campaign needs %.2f–%.2f°E, "
                "%.2f–%.2f°N",
                g.west, g.east, g.south, g.north, west, east, south, north);
  throw DataError(file, "", buf);
}

}  // namespace annals
