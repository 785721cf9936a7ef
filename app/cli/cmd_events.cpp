// `annals events`: the chronicle's dated entries as JSON or CSV, for people
// and scripts that want the data without the map.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <system_error>

#include "annals/geo/atomic_file.h"
#include "annals/geo/diagnostic.h"
#include "annals/model/chronicle.h"
#include "annals/model/paths.h"
#include "arg_parser.h"
#include "command.h"

namespace annals::cli {

namespace {

using json = nlohmann::ordered_json;

json date_json(const EntryDate& d) {
  return json{{"as_written", d.as_written},
              {"polity", d.polity},
              {"era", d.era},
              {"year", d.year},
              {"chinese_year", d.chinese_year},
              {"season", d.season.empty() ? json(nullptr) : json(d.season)},
              {"month", d.month > 0 ? json(d.month) : json(nullptr)},
              {"leap", d.leap},
              {"day", d.day ? json(*d.day) : json(nullptr)},
              {"inherited", d.inherited},
              {"first_jdn", d.first_jdn},
              {"last_jdn", d.last_jdn},
              {"first_julian", d.first_julian},
              {"last_julian", d.last_julian}};
}

json entry_json(const Entry& e) {
  json places = json::array(), actors = json::array(), changes = json::array();
  for (const auto& p : e.places) places.push_back(p.id);
  for (const auto& a : e.actors) actors.push_back(a.id);
  for (const auto& c : e.changes) {
    json j{{"place", c.place}, {"state", c.state}, {"line", c.line}};
    if (!c.by.empty()) j["by"] = c.by;
    changes.push_back(std::move(j));
  }
  return json{{"id", e.id},
              {"seq", e.seq},
              {"line", e.headline_line},
              {"lines", {e.first_line, e.last_line}},
              {"headline", e.headline_normalized},
              {"headline_original", e.headline},
              {"date", date_json(e.date)},
              {"kind", e.kind},
              {"places", places},
              {"actors", actors},
              {"changes", changes},
              {"summary", e.summary}};
}

// RFC 4180: quote a field that holds a comma, a quote or a line break, and
// double the quotes inside it.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_text(const Chronicle& ch) {
  std::ostringstream out;
  const char* header =
      "id,line,first_line,last_line,headline,headline_original,as_written,polity,era,year,chinese_year,"
      "season,month,leap,inherited,first_jdn,last_jdn,first_julian,last_julian,kind,places,actors,changes,"
      "summary";
  out << header << "\r\n";
  for (const Entry& e : ch.entries) {
    std::string places, actors, changes;
    for (const auto& p : e.places) places += (places.empty() ? "" : ";") + p.id;
    for (const auto& a : e.actors) actors += (actors.empty() ? "" : ";") + a.id;
    for (const auto& c : e.changes) changes += (changes.empty() ? "" : ";") + c.place + ":" + c.state;
    const EntryDate& d = e.date;
    const std::string fields[] = {e.id,
                                  std::to_string(e.headline_line),
                                  std::to_string(e.first_line),
                                  std::to_string(e.last_line),
                                  e.headline_normalized,
                                  e.headline,
                                  d.as_written,
                                  d.polity,
                                  d.era,
                                  std::to_string(d.year),
                                  std::to_string(d.chinese_year),
                                  d.season,
                                  d.month > 0 ? std::to_string(d.month) : "",
                                  d.leap ? "true" : "false",
                                  d.inherited ? "true" : "false",
                                  std::to_string(d.first_jdn),
                                  std::to_string(d.last_jdn),
                                  d.first_julian,
                                  d.last_julian,
                                  e.kind,
                                  places,
                                  actors,
                                  changes,
                                  e.summary};
    bool first = true;
    for (const auto& f : fields) {
      if (!first) out << ',';
      out << csv_field(f);
      first = false;
    }
    out << "\r\n";
  }
  return out.str();
}

}  // namespace

int run_events(Args args) {
  ArgParser parser(
      "annals events [CAMPAIGN_DIR] [--format json|csv] [--out FILE]",
      "Lists the chronicle's dated entries (from the campaign's entries.json) with their dates as\n"
      "written and as days, places, kinds, actors and state changes. Headlines are given with\n"
      "pua-map.csv applied; headline_original keeps the source's own characters.");
  parser.option("--format", "json|csv", "output format (default json; csv follows RFC 4180)")
      .option("--out", "FILE", "write to FILE (atomically) instead of standard output")
      .max_positionals(1);
  ParsedArgs a = parser.parse(args);
  if (a.help) {
    std::cout << parser.help_text();
    return kExitOk;
  }
  const std::string format = a.get("--format").value_or("json");
  if (format != "json" && format != "csv")
    throw UsageError("--format must be json or csv, not '" + format + "'");
  const std::filesystem::path dir =
      a.positionals.empty() ? default_campaign_dir() : std::filesystem::path(a.positionals[0]);

  const Chronicle ch = Chronicle::load(dir);
  std::string text;
  if (format == "json") {
    json arr = json::array();
    for (const Entry& e : ch.entries) arr.push_back(entry_json(e));
    text = arr.dump(2) + "\n";
  } else {
    text = csv_text(ch);
  }
  if (auto out = a.get("--out")) {
    write_file_atomically(*out, text);
  } else {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) return kExitInternal;
  }
  return kExitOk;
}

}  // namespace annals::cli
