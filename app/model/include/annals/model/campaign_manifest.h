// campaign.json: what a campaign folder holds and how to show it. See
// docs/data-format.md for the format (version 2; version 1 is still read, its
// vocabulary taken from data/formats/campaign-v1-defaults.json).
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "annals/geo/projection.h"
#include "annals/model/campaign_vocabulary.h"

namespace annals {

inline constexpr int kCampaignFormatVersion = 2;
// The oldest version still read.
inline constexpr int kOldestCampaignFormatVersion = 1;

struct CampaignManifest {
  std::filesystem::path dir;   // the campaign folder
  std::filesystem::path file;  // dir / "campaign.json"
  std::string id;
  std::string title_zh, title_en;
  std::filesystem::path source_text;  // absolute paths, resolved against dir
  std::string source_sha256;          // empty if the manifest gives none
  std::filesystem::path gazetteer, entries, curation, pua_map, calendar_tables;
  std::filesystem::path movements, realm;            // empty when the campaign has none
  std::map<std::string, std::string> era_reckoning;  // polity -> reckoning
  std::string projection = "albers";
  std::array<double, 4> extent_lonlat{};  // west, south, east, north: the initial view (required)
  // Fitted to the extent unless view.centre / view.standard_parallels say otherwise.
  ProjectionParameters projection_parameters;
  // Meridians and parallels every `graticule_step` degrees over this box;
  // by default the extent widened by 1.5 times its size on every side (about
  // as far as the map zooms out), snapped outwards to the step.
  std::array<double, 4> graticule_lonlat{};
  double graticule_step = 5;
  int format_version = kCampaignFormatVersion;
  CampaignVocabulary vocabulary;
};

// Where a version 1 manifest's vocabulary comes from: the sides, statuses and
// legend that the code used to fix (data/formats/campaign-v1-defaults.json).
std::filesystem::path campaign_v1_defaults_file();

// Reads and checks dir/campaign.json. Throws DataError("…/campaign.json", line,
// what was expected) for a missing file, bad JSON, a wrong format or version,
// or a missing or mistyped key.
CampaignManifest load_campaign_manifest(const std::filesystem::path& dir);
// The same from the text of dir/campaign.json, already read.
CampaignManifest parse_campaign_manifest(std::string_view text, const std::filesystem::path& dir);

// Line (1-based) of byte `offset` in `text`: for turning parser offsets into
// the line numbers that error messages carry.
int line_of_offset(const std::string& text, std::size_t offset);

}  // namespace annals
