#include "annals/geo/basemap.h"

#include <string>

#include "annals/geo/diagnostic.h"

namespace annals {

Basemap load_basemap(const std::filesystem::path& dir, const std::optional<std::filesystem::path>& dem,
                     const LonLatBox& dem_window) {
  Basemap b;
  b.terrain = load_elevation(dem ? *dem : dir / "dem_context.tif", 4096, dem_window);
  b.land = load_vector_layer(dir / "land.geojson");
  b.lakes = load_vector_layer(dir / "lakes.geojson");
  b.rivers_major = load_vector_layer(dir / "rivers_ne.geojson");
  b.rivers_detail = load_vector_layer(dir / "rivers_gshhg.geojson");
  b.borders = load_vector_layer(dir / "borders.geojson");
  b.region_labels = load_vector_layer(dir / "region_labels.geojson");
  if (b.region_labels.kind != GeometryKind::Points)
    throw DataError((dir / "region_labels.geojson").string(), "",
                    "expected Point features (label positions)");
  int index = 0;
  for (const auto& f : b.region_labels.features) {
    ++index;
    if (!f.attributes.count("name_zh") || !f.attributes.count("name_en"))
      throw DataError((dir / "region_labels.geojson").string(), "feature " + std::to_string(index),
                      "a region label needs name_zh and name_en");
  }
  return b;
}

}  // namespace annals
