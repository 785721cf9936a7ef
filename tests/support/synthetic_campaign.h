// Small campaigns made by a test: a few places, a few entries with their
// state changes, optionally army moves, written as a campaign folder of the
// real formats (campaign.json, gazetteer.geojson, entries.json,
// movements.geojson; docs/data-format.md) so that CampaignModel::load and the
// renderer read them exactly as they read the shipped campaign. Months count
// from 0, the 正月 of `first_year`, and are resolved with the real calendar
// tables.
#pragma once

#include <array>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "annals/geo/lonlat.h"
#include "annals/model/calendar.h"
#include "annals/model/chinese_numerals.h"

namespace annals::test {

struct SyntheticPlace {
  std::string id;               // a slug: p01
  std::string name;             // Chinese, as a label would show it
  std::string kind = "county";  // gazetteer kind: prefecture, county, city …
  std::string polity = "xia";   // polity_1224: the status it starts with
  LonLat at;
};

struct SyntheticChange {
  std::string place, state, by;  // by: an actor id, may be empty
};

struct SyntheticEntry {
  int month = 0;  // counted from the 正月 of first_year
  std::vector<SyntheticChange> changes;
  std::string kind = "other";
};

struct SyntheticMove {
  std::string id;
  int entry = 0;  // index into entries: the entry it illustrates
  std::string actor = "mongol";
  int month = 0, months = 1;  // the first month of the move, and how many
  std::vector<LonLat> path;
  std::vector<bool> inferred;  // per leg; all stated when empty
};

struct SyntheticCampaign {
  int first_year = 1226;
  std::vector<SyntheticPlace> places;
  std::vector<SyntheticEntry> entries;
  std::vector<SyntheticMove> moves;
  std::array<double, 4> extent{92.0, 34.0, 112.0, 43.0};  // west, south, east, north
  std::string title_zh = "测试", title_en = "synthetic test campaign";

  // The calendar month `index` months after the 正月 of first_year.
  static const LunarMonth& month_of(const Calendar& calendar, int first_year, int index) {
    const LunarMonth* first = calendar.month(first_year, 1, false);
    if (!first) throw std::runtime_error("no 正月 in the calendar for " + std::to_string(first_year));
    const auto& months = calendar.months();
    const auto at = static_cast<std::size_t>(first - months.data()) + static_cast<std::size_t>(index);
    if (at >= months.size()) throw std::runtime_error("month outside the calendar tables");
    return months[at];
  }

  // The month as a movements file names it: 宝庆二年五月.
  static std::string era_month_text(const Calendar& calendar, const LunarMonth& m) {
    for (const EraDay& d : calendar.era_days(m.first_jdn))
      if (d.era->polity == "song")
        return Calendar::era_year_text(*d.era, d.date.era_year) + chinese_month_name(m.month, m.leap);
    throw std::runtime_error("no Song era for the month");
  }

  // Writes the campaign into `dir` (created), its calendar being the tables
  // in `calendar_dir`.
  void write(const std::filesystem::path& dir, const std::filesystem::path& calendar_dir) const {
    using nlohmann::ordered_json;
    namespace fs = std::filesystem;
    const Calendar calendar = Calendar::load(calendar_dir);
    fs::create_directories(dir / "source");
    {
      std::ofstream text(dir / "source" / "text.txt");
      for (std::size_t i = 0; i < entries.size(); ++i) text << "第" << i + 1 << "条。\n";
    }

    ordered_json manifest = {
        {"format", "annals-campaign"},
        {"format_version", 1},
        {"id", "synthetic"},
        {"title", {{"zh", title_zh}, {"en", title_en}}},
        {"source", {{"file", "source/text.txt"}}},
        {"gazetteer", "gazetteer.geojson"},
        {"entries", "entries.json"},
        {"calendar", {{"tables", fs::absolute(calendar_dir).string()}}},
        {"view", {{"projection", "albers"}, {"extent_lonlat", extent}}},
    };
    if (!moves.empty()) manifest["movements"] = "movements.geojson";
    std::ofstream(dir / "campaign.json") << manifest.dump(2);

    ordered_json features = ordered_json::array();
    for (const SyntheticPlace& p : places) {
      features.push_back({
          {"type", "Feature"},
          {"id", p.id},
          {"properties",
           {{"id", p.id},
            {"name", p.name},
            {"names",
             {{"as_written", {p.name}},
              {"simplified", p.name},
              {"traditional", p.name},
              {"pinyin", p.id},
              {"pinyin_plain", p.id},
              {"english", p.id}}},
            {"aliases", ordered_json::array()},
            {"kind", p.kind},
            {"polity_1224", p.polity},
            {"modern_location", "synthetic"},
            {"uncertainty_km", 1},
            {"confidence", "high"},
            {"sources", {{{"work", "synthetic test campaign"}, {"record", "-"}, {"note", ""}}}},
            {"note", "made by a test"},
            {"located", true}}},
          {"geometry", {{"type", "Point"}, {"coordinates", {p.at.lon, p.at.lat}}}},
      });
    }
    std::ofstream(dir / "gazetteer.geojson")
        << ordered_json{{"type", "FeatureCollection"}, {"features", features}}.dump(1);

    ordered_json list = ordered_json::array();
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const SyntheticEntry& e = entries[i];
      const LunarMonth& m = month_of(calendar, first_year, e.month);
      const int line = static_cast<int>(i) + 1;
      ordered_json places_json = ordered_json::array(), changes = ordered_json::array();
      for (const SyntheticChange& c : e.changes) {
        places_json.push_back({{"id", c.place}, {"written", c.place}, {"line", line}});
        ordered_json change = {{"place", c.place}, {"state", c.state}, {"line", line}};
        if (!c.by.empty()) change["by"] = c.by;
        changes.push_back(change);
      }
      const std::string label = era_month_text(calendar, m);
      list.push_back({
          {"id", "e" +
                     std::string(line < 10    ? "00"
                                 : line < 100 ? "0"
                                              : "") +
                     std::to_string(line)},
          {"seq", line},
          {"lines", {line, line}},
          {"headline_line", line},
          {"headline", "第" + std::to_string(line) + "条。"},
          {"headline_normalized", "第" + std::to_string(line) + "条。"},
          {"detail_line", nullptr},
          {"detail", nullptr},
          {"detail_normalized", nullptr},
          {"commentary", ordered_json::array()},
          {"date",
           {{"as_written", label},
            {"eras", ordered_json::array()},
            {"season", nullptr},
            {"polity", "song"},
            {"era", "宝庆"},
            {"year", 0},
            {"chinese_year", m.year},
            {"month", m.month},
            {"leap", m.leap},
            {"day", nullptr},
            {"inherited", false},
            {"year_from_line", line},
            {"month_from_line", line},
            {"first_jdn", m.first_jdn},
            {"last_jdn", m.last_jdn()},
            {"first_julian", ""},
            {"last_julian", ""}}},
          {"kind", e.kind},
          {"basis", {line}},
          {"places", places_json},
          {"actors", ordered_json::array()},
          {"changes", changes},
          {"summary", "synthetic"},
      });
    }
    const ordered_json actors = {
        {"mongol", {{"kind", "polity"}, {"zh", "蒙古"}, {"en", "the Mongols"}}},
        {"xia", {{"kind", "polity"}, {"zh", "夏"}, {"en", "Xia"}}},
        {"jin", {{"kind", "polity"}, {"zh", "金"}, {"en", "Jin"}}},
        {"song", {{"kind", "polity"}, {"zh", "宋"}, {"en", "Song"}}},
        {"chinggis", {{"kind", "person"}, {"zh", "成吉思汗"}, {"en", "Chinggis Khan"}}},
    };
    std::ofstream(dir / "entries.json") << ordered_json{
        {"format", "annals-entries"},
        {"format_version", 1},
        {"source",
         {{"file", "source/text.txt"}, {"sha256", ""}, {"lines", entries.size()}, {"final_newline", true}}},
        {"era_reckoning", ordered_json::object()},
        {"actors", actors},
        {"entries", list}}.dump(1);

    if (moves.empty()) return;
    ordered_json move_features = ordered_json::array();
    for (const SyntheticMove& mv : moves) {
      ordered_json coords = ordered_json::array();
      for (const LonLat& p : mv.path) coords.push_back({p.lon, p.lat});
      std::vector<bool> legs = mv.inferred;
      if (legs.empty()) legs.assign(mv.path.size() - 1, false);
      move_features.push_back({
          {"type", "Feature"},
          {"properties",
           {{"id", mv.id},
            {"entry", list.at(static_cast<std::size_t>(mv.entry))["id"]},
            {"actor", mv.actor},
            {"month", era_month_text(calendar, month_of(calendar, first_year, mv.month))},
            {"months", mv.months},
            {"inferred_legs", legs},
            {"basis", {mv.entry + 1}},
            {"note", "made by a test"}}},
          {"geometry", {{"type", "LineString"}, {"coordinates", coords}}},
      });
    }
    std::ofstream(dir / "movements.geojson")
        << ordered_json{{"type", "FeatureCollection"}, {"features", move_features}}.dump(1);
  }
};

}  // namespace annals::test
