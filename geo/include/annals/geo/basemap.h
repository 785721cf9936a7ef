// The base map's source layers as loaded from assets/basemap: terrain and
// vector layers in WGS84. Projection and styling happen later (render/scene).
#pragma once

#include <filesystem>
#include <optional>

#include "annals/geo/raster.h"
#include "annals/geo/vector_layer.h"

namespace annals {

struct Basemap {
  ElevationGrid terrain;
  VectorLayer land;
  VectorLayer lakes;
  VectorLayer rivers_major;   // Natural Earth, named, with scalerank
  VectorLayer rivers_detail;  // GSHHG classes 1–4, with level
  VectorLayer borders;        // modern country lines, for orientation
  VectorLayer region_labels;  // hand-placed physical region names (points: name_zh, name_en, rank)
};

// Loads every layer from `dir` (assets/basemap). `dem` replaces the shipped
// terrain when given (bring your own GeoTIFF); only its part within
// `dem_window` is read. Throws DataError naming the missing or broken file.
Basemap load_basemap(const std::filesystem::path& dir, const std::optional<std::filesystem::path>& dem = {},
                     const LonLatBox& dem_window = {});

}  // namespace annals
