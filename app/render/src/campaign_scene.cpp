#include "annals/render/campaign_scene.h"

#include <algorithm>
#include <iomanip>
#include <set>
#include <sstream>
#include <string_view>

#include "annals/geo/diagnostic.h"
#include "annals/geo/gazetteer.h"
#include "annals/geo/trace.h"
#include "annals/render/relief_cache.h"

namespace annals {

std::shared_ptr<const Gazetteer> load_gazetteer_or_throw(const CampaignManifest& m) {
  Diagnostics diag;
  auto g = std::make_shared<const Gazetteer>(Gazetteer::load(m.gazetteer, diag));
  for (const auto& d : diag.items())
    if (d.severity == Severity::Error) throw DataError(d);
  return g;
}

std::vector<PlaceMarker> place_markers(const Gazetteer& gazetteer, const CampaignVocabulary& vocabulary) {
  std::vector<PlaceMarker> out;
  std::set<std::string_view> capitals;
  for (const Side& side : vocabulary.sides)
    if (!side.capital.empty()) capitals.insert(side.capital);
  for (const std::string& id : gazetteer.ids()) {
    const Place& p = *gazetteer.find_by_id(id);
    // Regions and rivers are areas and lines, not markers; unlocated places have no position.
    if (!p.located || p.geometry.type != GeometryType::Point) continue;
    PlaceMarker mk;
    mk.id = p.id;
    mk.name = p.name;
    mk.pinyin = p.names.pinyin;
    mk.english = p.names.english;
    mk.lonlat = p.anchor;
    if (capitals.count(p.id))
      mk.rank = 0;  // a side's capital (campaign.json)
    else if (p.kind == PlaceKind::SuperiorPrefecture || p.kind == PlaceKind::Prefecture)
      mk.rank = 1;
    else if (p.kind == PlaceKind::County || p.kind == PlaceKind::City)
      mk.rank = 2;
    else
      mk.rank = 3;
    out.push_back(std::move(mk));
  }
  return out;
}

void DisplayedCampaign::release_reprojection_sources() {
  basemap = Basemap();
  relief = Image();
  sources_released_ = true;
}

void DisplayedCampaign::set_projection(const std::string& name, std::optional<LonLat> aeqd_centre) {
  if (sources_released_) throw std::logic_error("set_projection after release_reprojection_sources");
  // Fitted to the campaign (campaign.json's view); aeqd may centre elsewhere.
  ProjectionParameters parameters = manifest.projection_parameters;
  if (aeqd_centre && name == "aeqd") parameters.centre = *aeqd_centre;
  auto p = std::make_shared<const Projection>(projection_definition(name, parameters));
  SceneInputs in;
  in.basemap = &basemap;
  in.relief = &relief;
  if (cached_terrain)
    in.projected_terrain = &*cached_terrain;
  else if (relief.width == 0)
    throw std::logic_error(
        "set_projection without a shaded relief (the campaign was loaded from the relief cache)");
  if (model) in.realm = &model->realm();
  for (const Side& side : manifest.vocabulary.sides) in.realm_colours.push_back(side.colour);
  in.places = places;
  in.extent_lonlat = manifest.extent_lonlat;
  in.graticule_lonlat = manifest.graticule_lonlat;
  in.graticule_step = manifest.graticule_step;
  in.text_credit = manifest.vocabulary.text_credit;
  in.title = manifest.title_zh;
  in.subtitle = manifest.title_en;
  scene = build_scene(in, p);
  cached_terrain.reset();
  trace("scene: built");
  projection = std::move(p);
  projection_name = name;
}

std::unique_ptr<DisplayedCampaign> load_displayed_campaign(const std::filesystem::path& dir,
                                                           const DisplayOptions& options) {
  auto d = std::make_unique<DisplayedCampaign>();
  d->manifest = load_campaign_manifest(dir);
  // The terrain's region: the campaign's extent widened on every side by one
  // and a half times its size, about as far as the map zooms out.
  const auto [w, s, e, n] = d->manifest.extent_lonlat;
  const double mx = 1.5 * (e - w), my = 1.5 * (n - s);
  const LonLatBox region{std::max(-180.0, w - mx), std::max(-90.0, s - my), std::min(180.0, e + mx),
                         std::min(90.0, n + my)};
  const std::string projection_name = options.projection.value_or(d->manifest.projection);
  std::filesystem::path cache_file;
  if (options.relief_cache) {
    // Everything the projected relief depends on (relief_cache.h).
    const auto basemap_dir = options.assets / "basemap";
    std::ostringstream parameters;
    parameters << std::setprecision(17)
               << projection_definition(projection_name, d->manifest.projection_parameters) << '|'
               << region.west << ' ' << region.south << ' ' << region.east << ' ' << region.north << '|'
               << (s + n) / 2;
    cache_file = relief_cache_file(*options.relief_cache,
                                   {options.dem.value_or(basemap_dir / "dem_context.tif"),
                                    basemap_dir / "land.geojson", basemap_dir / "lakes.geojson"},
                                   parameters.str());
    if (!cache_file.empty()) d->cached_terrain = read_cached_relief(cache_file);
  }
  const bool cached = d->cached_terrain.has_value();
  d->basemap = load_basemap(options.assets / "basemap", options.dem, region, /*read_terrain=*/!cached);
  if (options.dem && !cached) require_coverage(d->basemap.terrain, options.dem->string(), w, s, e, n);
  d->gazetteer = load_gazetteer_or_throw(d->manifest);
  if (std::filesystem::exists(d->manifest.entries)) d->model = CampaignModel::load(d->manifest, d->gazetteer);
  d->places = place_markers(*d->gazetteer, d->manifest.vocabulary);
  trace("campaign: gazetteer and chronicle loaded");
  if (!cached) d->relief = shade_basemap_relief(d->basemap);
  d->set_projection(projection_name);
  if (!cache_file.empty() && !cached) write_cached_relief(cache_file, d->scene.terrain);
  trace(cached ? "campaign: relief read from the cache" : "campaign: relief shaded and warped");
  return d;
}

}  // namespace annals
