#include "annals/model/campaign_manifest.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>

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

std::filesystem::path campaign_v1_defaults_file() {
  return data_dir() / "formats" / "campaign-v1-defaults.json";
}

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
  m.format_version = j["format_version"].get<int>();
  if (m.format_version < kOldestCampaignFormatVersion || m.format_version > kCampaignFormatVersion)
    throw DataError(file, line_of_key(text, "format_version"),
                    "format_version " + std::to_string(m.format_version) +
                        " is not supported; this Annals reads versions " +
                        std::to_string(kOldestCampaignFormatVersion) + " to " +
                        std::to_string(kCampaignFormatVersion) + " (docs/data-format.md)");

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

  // A version 1 manifest names no vocabulary: the code used to fix it, and
  // now the defaults file holds exactly what it fixed, so an old campaign
  // looks as it did. Its view keys come first, the campaign's own override.
  std::optional<std::pair<nlohmann::json, std::string>> defaults;
  const std::string defaults_file = campaign_v1_defaults_file().string();
  if (m.format_version == 1) {
    std::ifstream in(defaults_file, std::ios::binary);
    if (!in)
      throw DataError(file, line_of_key(text, "format_version"),
                      "a format_version 1 campaign takes its sides, statuses and legend from " +
                          defaults_file +
                          ", which cannot be read (set ANNALS_DATA_DIR, or migrate campaign.json to "
                          "version 2 as docs/data-format.md says)");
    std::string dtext((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    nlohmann::json dj = detail::parse_json_document(dtext, defaults_file);
    defaults.emplace(std::move(dj), std::move(dtext));
  }

  bool have_extent = false, have_centre = false, have_parallels = false, have_graticule = false;
  auto read_view = [&](const nlohmann::json& doc, const std::string& vtext, const std::string& vfile) {
    if (!doc.contains("view")) return;
    const auto& v = doc["view"];
    auto key_line = [&](const std::string& key) { return line_of_key(vtext, key); };
    auto numbers = [&](const nlohmann::json& e, std::size_t n) {
      return e.is_array() && e.size() == n &&
             std::all_of(e.begin(), e.end(), [](const auto& x) { return x.is_number(); });
    };
    auto box = [&](const nlohmann::json& e, const std::string& key, std::array<double, 4>& out) {
      if (!numbers(e, 4))
        throw DataError(vfile, key_line(key), "expected " + key + " as [west, south, east, north]");
      for (std::size_t i = 0; i < 4; ++i) out[i] = e[i].get<double>();
      const auto [w, s, ea, n] = out;
      if (!(w < ea && s < n && w >= -180 && ea <= 180 && s >= -90 && n <= 90))
        throw DataError(vfile, key_line(key), key + " must be west < east and south < north, in degrees");
    };
    if (!v.is_object()) throw DataError(vfile, key_line("view"), "expected \"view\" to be an object");
    if (v.contains("projection")) {
      if (!v["projection"].is_string())
        throw DataError(vfile, key_line("projection"), "expected \"projection\" to be a string");
      m.projection = v["projection"].get<std::string>();
    }
    if (v.contains("extent_lonlat")) {
      box(v["extent_lonlat"], "extent_lonlat", m.extent_lonlat);
      have_extent = true;
    }
    if (v.contains("centre")) {
      if (!numbers(v["centre"], 2))
        throw DataError(vfile, key_line("centre"), "expected centre as [lon, lat]");
      m.projection_parameters.centre = {v["centre"][0].get<double>(), v["centre"][1].get<double>()};
      have_centre = true;
    }
    if (v.contains("standard_parallels")) {
      const auto& p = v["standard_parallels"];
      if (!numbers(p, 2) || !(p[0].get<double>() < p[1].get<double>()) || p[0].get<double>() < -90 ||
          p[1].get<double>() > 90)
        throw DataError(vfile, key_line("standard_parallels"),
                        "expected standard_parallels as [south, north] in degrees, south < north");
      m.projection_parameters.parallel_1 = p[0].get<double>();
      m.projection_parameters.parallel_2 = p[1].get<double>();
      have_parallels = true;
    }
    if (v.contains("graticule")) {
      const auto& g = v["graticule"];
      if (!g.is_object() || !g.contains("extent_lonlat") || !g.contains("step") || !g["step"].is_number() ||
          !(g["step"].get<double>() > 0))
        throw DataError(
            vfile, key_line("graticule"),
            "expected graticule as {\"extent_lonlat\": [west, south, east, north], \"step\": degrees > 0}");
      box(g["extent_lonlat"], "extent_lonlat", m.graticule_lonlat);
      m.graticule_step = g["step"].get<double>();
      have_graticule = true;
    }
  };
  if (defaults) read_view(defaults->first, defaults->second, defaults_file);
  read_view(j, text, file);
  if (!have_extent)
    throw DataError(
        file, line_of_key(text, "view"),
        "expected view.extent_lonlat, [west, south, east, north]: the campaign's extent, which the "
        "initial view, the projection and the graticule follow");
  const auto [w, s, e, n] = m.extent_lonlat;
  const ProjectionParameters fitted = projection_parameters_for(w, s, e, n);
  if (!have_centre) m.projection_parameters.centre = fitted.centre;
  if (!have_parallels) {
    m.projection_parameters.parallel_1 = fitted.parallel_1;
    m.projection_parameters.parallel_2 = fitted.parallel_2;
  }
  if (!have_graticule) {
    const double step = m.graticule_step, mx = 1.5 * (e - w), my = 1.5 * (n - s);
    m.graticule_lonlat = {std::max(-180.0, std::floor((w - mx) / step) * step),
                          std::max(-90.0, std::floor((s - my) / step) * step),
                          std::min(180.0, std::ceil((e + mx) / step) * step),
                          std::min(90.0, std::ceil((n + my) / step) * step)};
  }

  m.vocabulary = defaults ? parse_vocabulary(defaults->first, defaults->second, defaults_file)
                          : parse_vocabulary(j, text, file);
  m.vocabulary.from_v1_defaults = defaults.has_value();
  return m;
}

}  // namespace annals
