#include "annals/render/campaign_scene.h"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "annals/geo/diagnostic.h"

namespace annals {

namespace {
int rank_of(const std::string& id, const std::string& kind) {
  if (id == "zhongxingfu") return 0;  // the Xia capital
  if (kind == "superior_prefecture" || kind == "prefecture") return 1;
  if (kind == "county" || kind == "city") return 2;
  return 3;
}
}  // namespace

std::vector<PlaceMarker> place_markers(const CampaignManifest& m) {
  const std::string file = m.gazetteer.string();
  std::ifstream in(m.gazetteer);
  if (!in) throw DataError(file, "", "cannot read the campaign's gazetteer");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw DataError(file, std::to_string(line_of_offset(text, e.byte ? e.byte - 1 : 0)),
                    std::string("malformed JSON: ") + e.what());
  }
  std::vector<PlaceMarker> out;
  if (!j.contains("features") || !j["features"].is_array())
    throw DataError(file, "1", "expected a GeoJSON FeatureCollection with \"features\"");
  for (const auto& f : j["features"]) {
    const auto& g = f.value("geometry", nlohmann::json());
    if (!g.is_object() || g.value("type", "") != "Point") continue;  // regions and unlocated places have no marker
    const auto& p = f.value("properties", nlohmann::json::object());
    PlaceMarker mk;
    mk.id = p.value("id", f.value("id", ""));
    mk.name = p.value("name", mk.id);
    if (p.contains("names") && p["names"].is_object()) mk.secondary = p["names"].value("pinyin", "");
    mk.lonlat = {g["coordinates"][0].get<double>(), g["coordinates"][1].get<double>()};
    mk.rank = rank_of(mk.id, p.value("kind", ""));
    out.push_back(std::move(mk));
  }
  return out;
}

std::unique_ptr<DisplayedCampaign> load_displayed_campaign(const std::filesystem::path& dir,
                                                          const DisplayOptions& options) {
  auto d = std::make_unique<DisplayedCampaign>();
  d->manifest = load_campaign_manifest(dir);
  d->basemap = load_basemap(options.assets / "basemap", options.dem);
  d->projection = std::make_unique<Projection>(projection_definition(options.projection.value_or(d->manifest.projection)));
  SceneInputs in;
  in.basemap = &d->basemap;
  in.places = place_markers(d->manifest);
  in.extent_lonlat = d->manifest.extent_lonlat;
  in.title = d->manifest.title_zh;
  in.subtitle = d->manifest.title_en;
  d->scene = build_scene(in, *d->projection);
  return d;
}

}  // namespace annals
