// The base map's source layers as loaded from assets/basemap: terrain and
// vector layers in WGS84. Projection and styling happen later (render/scene).
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "annals/geo/raster.h"
#include "annals/geo/vector_layer.h"

namespace annals {

// The languages of the map's labels: every name a reader may be shown (a
// layer's name in the Layers panel …) is given in each.
inline constexpr std::array<std::string_view, 2> kLabelLanguages = {"zh", "en"};

// A switchable layer of the base map, as layers.json names it.
struct LayerDescription {
  std::string id;                            // as the scene calls the layer: terrain, rivers-great …
  std::map<std::string, std::string> names;  // label language -> name
};

struct Basemap {
  ElevationGrid terrain;
  VectorLayer land;
  VectorLayer lakes;
  VectorLayer rivers_major;   // Natural Earth, named, with scalerank
  VectorLayer rivers_detail;  // GSHHG classes 1–4, with level
  VectorLayer borders;        // modern country lines, for orientation
  VectorLayer region_labels;  // hand-placed physical region names (points: name_zh, name_en, rank)
  // The switchable layers in the Layers panel's order (layers.json), and that file.
  std::vector<LayerDescription> layers;
  std::filesystem::path layers_file;
  // The credit line for the base map's sources (credit.json; empty without one).
  std::string credit;
};

// Reads a base map's credit.json: {"format": "annals-basemap-credit",
// "format_version": 1, "credit": "…"}. A base map without one has no credit
// (""). Throws DataError(path, line or "", why) for a bad file.
std::string load_basemap_credit(const std::filesystem::path& file);

// Reads a layers.json (format in assets/basemap/PROVENANCE.md): every layer
// needs an id and a name in each of kLabelLanguages. Throws DataError
// (path:line for malformed JSON, path:"layer N" counted from 0 otherwise).
std::vector<LayerDescription> load_layer_descriptions(const std::filesystem::path& file);

// Loads every layer from `dir` (assets/basemap). `dem` replaces the shipped
// terrain when given (bring your own GeoTIFF); only its part within
// `dem_window` is read. Without `read_terrain` the elevation raster is not
// read at all (a relief already projected comes from a cache). Throws
// DataError naming the missing or broken file.
Basemap load_basemap(const std::filesystem::path& dir, const std::optional<std::filesystem::path>& dem = {},
                     const LonLatBox& dem_window = {}, bool read_terrain = true);

}  // namespace annals
