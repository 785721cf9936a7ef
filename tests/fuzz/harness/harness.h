// The bodies of the fuzz targets (tests/fuzz/<name>_fuzz.cpp), one function
// per target, kept apart from libFuzzer so that the ordinary GCC build can
// replay every crash the fuzzers found (tests/fuzz/regressions/<name>/) and
// the hand-picked seeds (tests/fuzz/corpus/<name>/) as unit tests.
//
// A function returns normally when the parser accepts its input or refuses it
// with the project's own error for bad input (DataError, CalendarError,
// cli::UsageError). Anything else escapes: an exception of another type
// (std::out_of_range, nlohmann::json::type_error …) or InvariantError, thrown
// where a result breaks a promise of the parser (an error naming another file
// or a line past the end of the text, an export that does not load again).
// Under libFuzzer an escaping exception aborts, which it reports as a crash.
#pragma once

#include <span>
#include <stdexcept>
#include <string_view>

namespace annals::fuzz {

class InvariantError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// Gazetteer::parse: the strict JSON reader and the gazetteer's validation;
// an accepted gazetteer is searched and exported, and its export must load.
void gazetteer_geojson(std::string_view input);
// parse_movements / parse_realm (nlohmann::json) against the shipped
// campaign; the first byte picks the file, the rest is its text.
void campaign_geojson(std::string_view input);
// Chronicle::parse (entries.json) and JsonLocations::scan.
void entries_json(std::string_view input);
// parse_campaign_manifest (campaign.json).
void manifest_json(std::string_view input);
// Calendar::parse; the first byte picks the table fuzzed (months.csv or
// eras.csv), the shipped one stands in for the other; an accepted calendar is
// asked for months, eras and days.
void calendar_csv(std::string_view input);
// PuaMap::parse (pua-map.csv); an accepted map normalizes the shipped text.
void pua_map(std::string_view input);
// What a user types as a date: parse_era_date with the shipped calendar
// (`annals date`), parse_iso, and CampaignModel::parse_time (the timeline's
// typed jump and `annals still --date`).
void era_date(std::string_view input);
// The campaign loader as a whole, on a copy of the shipped campaign in which
// the input replaces files (format in campaign.cpp), as `annals check` and
// the viewer load it.
void campaign(std::string_view input);
// The command line's option parsers; the input is the arguments, separated
// by NUL bytes.
void cli_args(std::string_view input);
// The source text and the UTF-8 helpers every loader uses.
void text(std::string_view input);

struct Target {
  std::string_view name;  // as in tests/fuzz/<name>_fuzz.cpp
  void (*run)(std::string_view input);
};
std::span<const Target> targets();

}  // namespace annals::fuzz
