// campaign.json: what a campaign folder holds and how to show it. See
// docs/data-format.md for the format (version 1).
#pragma once

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace annals {

inline constexpr int kCampaignFormatVersion = 1;

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
  std::array<double, 4> extent_lonlat{88.0, 32.0, 114.0, 45.5};  // west, south, east, north
};

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
