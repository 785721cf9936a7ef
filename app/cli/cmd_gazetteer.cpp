// `annals gazetteer`: search a campaign's places by any name form, or export
// the gazetteer as GeoJSON, CSV or Linked Places Format.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "annals/geo/atomic_file.h"
#include "annals/geo/diagnostic.h"
#include "annals/geo/gazetteer.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/paths.h"
#include "arg_parser.h"
#include "command.h"

namespace annals::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kDefaultLimit = 10;
constexpr std::size_t kMaxLimit = 1000;

std::size_t parse_limit(const std::string& text) {
  std::size_t n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || p != text.data() + text.size() || n == 0 || n > kMaxLimit)
    throw UsageError("--limit '" + text + "' must be a whole number from 1 to " + std::to_string(kMaxLimit));
  return n;
}

nlohmann::ordered_json result_json(const SearchResult& r) {
  const Place& p = *r.place;
  nlohmann::ordered_json j;
  j["id"] = p.id;
  j["name"] = p.name;
  j["matched_name"] = r.matched_name;
  j["match_kind"] = std::string(to_string(r.match_kind));
  j["score"] = r.score;
  if (r.match_kind == MatchKind::Fuzzy) j["edit_distance"] = r.distance;
  j["kind"] = std::string(to_string(p.kind));
  j["english"] = p.names.english;
  j["pinyin"] = p.names.pinyin;
  j["located"] = p.located;
  if (p.located) {
    j["lon"] = p.anchor.lon;
    j["lat"] = p.anchor.lat;
  } else {
    j["lon"] = nullptr;
    j["lat"] = nullptr;
  }
  j["uncertainty_km"] = p.uncertainty_km;
  j["confidence"] = std::string(to_string(p.confidence));
  return j;
}

}  // namespace

int run_gazetteer(Args args) {
  ArgParser parser(
      "annals gazetteer [CAMPAIGN_DIR] find QUERY [--limit N]\n"
      "       annals gazetteer [CAMPAIGN_DIR] export --format geojson|csv|lpf [--out FILE]",
      "find: ranked matches for QUERY (characters, simplified or traditional, pinyin with or\n"
      "without tones or spaces, or English), printed as JSON.\n"
      "export: the whole gazetteer as GeoJSON, CSV or Linked Places Format (lpf, the World\n"
      "Historical Gazetteer's GeoJSON-LD), to stdout or atomically to FILE.\n"
      "CAMPAIGN_DIR defaults to the shipped campaign; its campaign.json names the gazetteer.");
  parser.option("--limit", "N", "find: at most N matches (default 10)")
      .option("--format", "FORMAT", "export: geojson, csv or lpf")
      .option("--out", "FILE", "export: write FILE (replaced atomically) instead of stdout")
      .max_positionals(3);
  ParsedArgs a = parser.parse(args);
  if (a.help) {
    std::cout << parser.help_text();
    return kExitOk;
  }

  // [CAMPAIGN_DIR] ACTION [QUERY]: the action words decide where the
  // optional directory ends.
  const auto& pos = a.positionals;
  if (pos.empty()) throw UsageError("missing action: 'find QUERY' or 'export --format FORMAT'");
  const bool dir_given = pos[0] != "find" && pos[0] != "export";
  const fs::path dir = dir_given ? fs::path(pos[0]) : default_campaign_dir();
  const std::size_t action_at = dir_given ? 1 : 0;
  if (pos.size() <= action_at) throw UsageError("missing action after '" + pos[0] + "': 'find' or 'export'");
  const std::string& action = pos[action_at];
  const std::size_t rest = pos.size() - action_at - 1;

  if (action == "find") {
    if (rest != 1) throw UsageError("find takes exactly one QUERY (quote a query with spaces)");
    if (a.has("--format") || a.has("--out")) throw UsageError("--format and --out apply only to export");
  } else if (action == "export") {
    if (rest != 0) throw UsageError("unexpected argument '" + pos.back() + "' after export");
    if (a.has("--limit")) throw UsageError("--limit applies only to find");
    if (!a.has("--format")) throw UsageError("export needs --format geojson, csv or lpf");
  } else {
    throw UsageError("unknown action '" + action + "' (expected find or export)");
  }
  const std::size_t limit = a.has("--limit") ? parse_limit(*a.get("--limit")) : kDefaultLimit;
  std::string format;
  if (action == "export") {
    format = *a.get("--format");
    if (format != "geojson" && format != "csv" && format != "lpf")
      throw UsageError("unknown --format '" + format + "' (expected geojson, csv or lpf)");
  }

  const CampaignManifest manifest = load_campaign_manifest(dir);
  Diagnostics diag;
  const Gazetteer gazetteer = Gazetteer::load(manifest.gazetteer, diag);
  for (const auto& d : diag.items()) std::cerr << d.format() << "\n";
  if (diag.has_errors()) return kExitBadInput;

  if (action == "find") {
    nlohmann::ordered_json out;
    out["query"] = pos[action_at + 1];
    out["results"] = nlohmann::ordered_json::array();
    for (const auto& r : gazetteer.search(pos[action_at + 1], limit))
      out["results"].push_back(result_json(r));
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }

  std::string text;
  if (format == "geojson")
    text = to_geojson(gazetteer);
  else if (format == "csv")
    text = to_csv(gazetteer);
  else
    text = to_linked_places(gazetteer, "urn:annals:" + manifest.id + ":place:", manifest.vocabulary.work);
  if (auto file = a.get("--out")) {
    write_file_atomically(*file, text);
  } else {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) throw DataError("<stdout>", "", "write failed");
  }
  return kExitOk;
}

}  // namespace annals::cli
