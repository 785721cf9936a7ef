// Loads what a campaign needs on screen — its manifest, the base map, its
// places — and builds the Scene for a projection. Shared by the window,
// `annals still` and export so that all three show the same thing.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "annals/geo/basemap.h"
#include "annals/geo/gazetteer.h"
#include "annals/geo/projection.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/campaign_state.h"
#include "annals/render/scene.h"

namespace annals {

struct DisplayOptions {
  std::optional<std::string> projection;  // overrides the campaign's default
  std::optional<std::filesystem::path> dem;
  std::filesystem::path assets;  // assets/ folder; basemap/ inside it
  // A folder for the relief cache (relief_cache.h), or none. Only for a
  // campaign shown in one projection (a still, an export): with a cached
  // relief neither the raster is read nor the relief shaded, so a projection
  // switch would have nothing to warp.
  std::optional<std::filesystem::path> relief_cache = std::nullopt;
};

struct DisplayedCampaign {
  CampaignManifest manifest;
  Basemap basemap;
  // One gazetteer, read once: the map's places and the model's share it.
  std::shared_ptr<const Gazetteer> gazetteer;
  // The campaign's story (chronicle, timeline, moves, realm); null for a
  // folder that has places but no chronicle (e.g. a base-map fixture).
  std::unique_ptr<CampaignModel> model;
  Image relief;  // shaded once per load; every projection reuses it
  // The relief read from the cache, for the first set_projection only.
  std::optional<TerrainLayer> cached_terrain;
  std::vector<PlaceMarker> places;
  std::string projection_name;
  std::shared_ptr<const Projection> projection;
  Scene scene;

  // Reprojects everything for another projection (names as for
  // projection_definition), fitted to the campaign's view; aeqd centres on
  // `aeqd_centre` when given. Throws ProjectionError.
  void set_projection(const std::string& name, std::optional<LonLat> aeqd_centre = std::nullopt);
  // Frees what only a projection switch needs (the base map's sources in
  // lon/lat and the shaded relief): a still or an export keeps one projection.
  // set_projection is refused afterwards.
  void release_reprojection_sources();
  bool can_reproject() const { return !sources_released_; }

 private:
  bool sources_released_ = false;
};

// Throws DataError for bad campaign data or assets, ProjectionError for a
// projection PROJ cannot make.
std::unique_ptr<DisplayedCampaign> load_displayed_campaign(const std::filesystem::path& campaign_dir,
                                                           const DisplayOptions& options);

// Loads the campaign's gazetteer; the first error stops it (`annals check`
// lists them all), since the map never shows a partly loaded gazetteer.
std::shared_ptr<const Gazetteer> load_gazetteer_or_throw(const CampaignManifest& manifest);

// The gazetteer's located point places as map markers, ranked for labelling:
// the sides' capitals first, then prefectures, counties, the rest.
std::vector<PlaceMarker> place_markers(const Gazetteer& gazetteer, const CampaignVocabulary& vocabulary);

}  // namespace annals
