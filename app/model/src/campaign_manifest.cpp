#include "annals/model/campaign_manifest.h"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "annals/geo/diagnostic.h"
#include "annals/model/paths.h"
#include "json_document.h"

namespace annals {

namespace fs = std::filesystem;

int line_of_offset(const std::string& text, std::size_t offset) {
  int line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++line;
  return line;
}

namespace {

// The line on which "key" first appears, so errors point at it; 1 if absent.
std::string line_of_key(const std::string& text, const std::string& key) {
  auto pos = text.find("\"" + key + "\"");
  return std::to_string(pos == std::string::npos ? 1 : line_of_offset(text, pos));
}

}  // namespace

CampaignManifest load_campaign_manifest(const std::filesystem::path& dir) {
  const std::filesystem::path file = dir / "campaign.json";
  if (!std::filesystem::is_directory(dir))
    throw DataError(dir.string(), "", "campaign folder does not exist");
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw DataError(file.string(), "",
                    "cannot read campaign manifest; a campaign folder needs a campaign.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_campaign_manifest(text, dir);
}

CampaignManifest parse_campaign_manifest(std::string_view text_view, const std::filesystem::path& dir) {
  CampaignManifest m;
  m.dir = dir;
  m.file = dir / "campaign.json";
  const std::string file = m.file.string();
  const std::string text(text_view);
  nlohmann::json j = detail::parse_json_document(text, file);
  if (!j.is_object()) throw DataError(file, "1", "expected a JSON object");

  auto need_string = [&](const nlohmann::json& obj, const std::string& key) -> std::string {
    if (!obj.contains(key) || !obj[key].is_string())
      throw DataError(file, line_of_key(text, key), "expected \"" + key + "\" to be a string");
    return obj[key].get<std::string>();
  };
  // An optional string: `fallback` when absent. Not json::value(), which
  // throws nlohmann's type_error for a value of another type.
  auto opt_string = [&](const nlohmann::json& obj, const std::string& key, std::string fallback) {
    return obj.contains(key) ? need_string(obj, key) : fallback;
  };

  if (!j.contains("format") || j["format"] != "annals-campaign")
    throw DataError(file, line_of_key(text, "format"), "expected \"format\": \"annals-campaign\"");
  if (!j.contains("format_version") || !j["format_version"].is_number_integer())
    throw DataError(file, line_of_key(text, "format_version"), "expected an integer \"format_version\"");
  if (j["format_version"].get<int>() != kCampaignFormatVersion)
    throw DataError(file, line_of_key(text, "format_version"),
                    "format_version " + std::to_string(j["format_version"].get<int>()) +
                        " is not supported; this Annals reads version " +
                        std::to_string(kCampaignFormatVersion));

  m.id = need_string(j, "id");
  if (j.contains("title") && j["title"].is_object()) {
    m.title_zh = opt_string(j["title"], "zh", "");
    m.title_en = opt_string(j["title"], "en", "");
  }
  if (!j.contains("source") || !j["source"].is_object())
    throw DataError(file, line_of_key(text, "source"),
                    "expected a \"source\" object naming the chronicle's text file");
  m.source_text = dir / need_string(j["source"], "file");
  m.source_sha256 = opt_string(j["source"], "sha256", "");
  m.gazetteer = dir / need_string(j, "gazetteer");
  m.entries = dir / opt_string(j, "entries", "entries.json");
  m.curation = dir / opt_string(j, "curation", "curation.json");
  m.pua_map = dir / opt_string(j, "pua_map", "pua-map.csv");
  for (auto [key, path] : {std::pair{"movements", &m.movements}, std::pair{"realm", &m.realm}}) {
    if (!j.contains(key)) continue;
    if (!j[key].is_string())
      throw DataError(file, line_of_key(text, key),
                      std::string("expected \"") + key + "\" to be a file name");
    *path = dir / j[key].get<std::string>();
  }

  if (!j.contains("calendar") || !j["calendar"].is_object())
    throw DataError(file, line_of_key(text, "calendar"), "expected a \"calendar\" object");
  // The tables default to the ones Annals ships, so a campaign folder can live
  // anywhere; "tables" overrides them, relative to the campaign folder.
  const bool own_tables = j["calendar"].contains("tables");
  m.calendar_tables = own_tables ? fs::absolute(dir / need_string(j["calendar"], "tables")).lexically_normal()
                                 : calendar_dir();
  for (const char* table : {"months.csv", "eras.csv"}) {
    std::error_code ec;
    if (fs::is_regular_file(m.calendar_tables / table, ec)) continue;
    const std::string where = own_tables ? line_of_key(text, "tables") : line_of_key(text, "calendar");
    const std::string what = own_tables ? "calendar.tables resolves to " + m.calendar_tables.string()
                                        : "the calendar tables Annals ships were not found at " +
                                              m.calendar_tables.string() +
                                              " (set ANNALS_DATA_DIR, or name a folder in calendar.tables)";
    throw DataError(file, where,
                    what + ", which has no " + table + "; expected a folder holding months.csv and eras.csv");
  }
  if (j["calendar"].contains("era_reckoning")) {
    const auto& r = j["calendar"]["era_reckoning"];
    if (!r.is_object())
      throw DataError(file, line_of_key(text, "era_reckoning"), "expected an object polity -> reckoning");
    for (auto it = r.begin(); it != r.end(); ++it) {
      if (!it.value().is_string())
        throw DataError(file, line_of_key(text, it.key()),
                        "expected the reckoning of '" + it.key() + "' as a string");
      m.era_reckoning[it.key()] = it.value().get<std::string>();
    }
  }

  if (j.contains("view")) {
    const auto& v = j["view"];
    if (!v.is_object()) throw DataError(file, line_of_key(text, "view"), "expected \"view\" to be an object");
    m.projection = opt_string(v, "projection", m.projection);
    if (v.contains("extent_lonlat")) {
      const auto& e = v["extent_lonlat"];
      if (!e.is_array() || e.size() != 4 ||
          !std::all_of(e.begin(), e.end(), [](const auto& x) { return x.is_number(); }))
        throw DataError(file, line_of_key(text, "extent_lonlat"),
                        "expected extent_lonlat as [west, south, east, north]");
      for (int i = 0; i < 4; ++i) m.extent_lonlat[i] = e[i].get<double>();
      const auto [w, s, ea, n] = m.extent_lonlat;
      if (!(w < ea && s < n && w >= -180 && ea <= 180 && s >= -90 && n <= 90))
        throw DataError(file, line_of_key(text, "extent_lonlat"),
                        "extent_lonlat must be west < east and south < north, in degrees");
    }
  }
  return m;
}

}  // namespace annals
