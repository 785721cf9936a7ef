#include "annals/geo/basemap.h"
#include "annals/geo/trace.h"

#include <future>

#include <algorithm>
#include <exception>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "annals/geo/diagnostic.h"

namespace annals {

namespace {

// A base-map JSON file, parsed; a missing file or malformed JSON is a
// DataError naming the file (and the line where parsing failed).
nlohmann::json read_json_file(const std::filesystem::path& file, const std::string& what) {
  const std::string path = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file))
    throw DataError(path, "", "cannot read the base map's " + what);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    const std::size_t end = std::min<std::size_t>(e.byte, text.size());
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n');
    throw DataError(path, std::to_string(line), "malformed JSON");
  }
}

}  // namespace

std::vector<LayerDescription> load_layer_descriptions(const std::filesystem::path& file) {
  const std::string path = file.string();
  const nlohmann::json j = read_json_file(file, "layer descriptions");
  if (!j.is_object() || j.value("format", "") != "annals-basemap-layers" || j.value("format_version", 0) != 1)
    throw DataError(path, "", "expected \"format\": \"annals-basemap-layers\", \"format_version\": 1");
  if (!j.contains("layers") || !j["layers"].is_array())
    throw DataError(path, "", "expected \"layers\" to be an array");
  std::vector<LayerDescription> out;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < j["layers"].size(); ++i) {
    const nlohmann::json& l = j["layers"][i];
    const std::string where = "layer " + std::to_string(i);
    if (!l.is_object() || !l.contains("id") || !l["id"].is_string() || l["id"].get<std::string>().empty())
      throw DataError(path, where, "expected an \"id\"");
    LayerDescription d;
    d.id = l["id"].get<std::string>();
    if (!ids.insert(d.id).second) throw DataError(path, where, "duplicate id \"" + d.id + "\"");
    for (std::string_view language : kLabelLanguages) {
      const std::string lang(language);
      if (!l.contains("name") || !l["name"].is_object() || !l["name"].contains(lang) ||
          !l["name"][lang].is_string() || l["name"][lang].get<std::string>().empty())
        throw DataError(path, where, d.id + " has no name in the label language \"" + lang + "\"");
      d.names[lang] = l["name"][lang].get<std::string>();
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::string load_basemap_credit(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return "";
  const std::string path = file.string();
  const nlohmann::json j = read_json_file(file, "credit");
  if (!j.is_object() || j.value("format", "") != "annals-basemap-credit" || j.value("format_version", 0) != 1)
    throw DataError(path, "", "expected \"format\": \"annals-basemap-credit\", \"format_version\": 1");
  if (!j.contains("credit") || !j["credit"].is_string())
    throw DataError(path, "", "expected \"credit\": the credit line for the base map's sources");
  return j["credit"].get<std::string>();
}

Basemap load_basemap(const std::filesystem::path& dir, const std::optional<std::filesystem::path>& dem,
                     const LonLatBox& dem_window, bool read_terrain) {
  Basemap b;
  // The elevation raster is read on a second core while the vector layers
  // are parsed here (each thread opens its own GDAL datasets): a quicker
  // first frame, which an export split over many processes pays each time.
  auto terrain = std::async(read_terrain ? std::launch::async : std::launch::deferred, [&] {
    if (!read_terrain) return ElevationGrid();
    auto grid = load_elevation(dem ? *dem : dir / "dem_context.tif", 4096, dem_window);
    trace("base map: elevation read");
    return grid;
  });
  std::exception_ptr vectors_failed;
  try {
    b.land = load_vector_layer(dir / "land.geojson");
    b.lakes = load_vector_layer(dir / "lakes.geojson");
    b.rivers_major = load_vector_layer(dir / "rivers_ne.geojson");
    b.rivers_detail = load_vector_layer(dir / "rivers_gshhg.geojson");
    b.borders = load_vector_layer(dir / "borders.geojson");
    b.region_labels = load_vector_layer(dir / "region_labels.geojson");
    if (b.region_labels.kind != GeometryKind::Points)
      throw DataError((dir / "region_labels.geojson").string(), "",
                      "expected Point features (label positions)");
    // Features counted from 0, as the gazetteer and the campaign files count them.
    for (std::size_t index = 0; index < b.region_labels.features.size(); ++index) {
      const auto& attributes = b.region_labels.features[index].attributes;
      if (!attributes.count("name_zh") || !attributes.count("name_en"))
        throw DataError((dir / "region_labels.geojson").string(), "feature " + std::to_string(index),
                        "a region label needs name_zh and name_en");
    }
    b.layers_file = dir / "layers.json";
    b.layers = load_layer_descriptions(b.layers_file);
    b.credit = load_basemap_credit(dir / "credit.json");
    trace("base map: vector layers parsed");
  } catch (...) {
    vectors_failed = std::current_exception();
  }
  // Errors come in the order the files are read in: the raster first.
  b.terrain = terrain.get();
  if (vectors_failed) std::rethrow_exception(vectors_failed);
  return b;
}

}  // namespace annals
