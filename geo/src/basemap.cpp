#include "annals/geo/basemap.h"

namespace annals {

Basemap load_basemap(const std::filesystem::path& dir, const std::optional<std::filesystem::path>& dem) {
  Basemap b;
  b.terrain = load_elevation(dem ? *dem : dir / "dem_context.tif");
  b.land = load_vector_layer(dir / "land.geojson");
  b.lakes = load_vector_layer(dir / "lakes.geojson");
  b.rivers_major = load_vector_layer(dir / "rivers_ne.geojson");
  b.rivers_detail = load_vector_layer(dir / "rivers_gshhg.geojson");
  b.borders = load_vector_layer(dir / "borders.geojson");
  return b;
}

}  // namespace annals
