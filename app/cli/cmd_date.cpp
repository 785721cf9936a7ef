// `annals date`: converts between Chinese era dates and Julian/Gregorian days,
// printing JSON. Bad dates are input errors (exit 1) with one stderr line.
#include <charconv>
#include <iostream>
#include <nlohmann/json.hpp>

#include "annals/geo/utf8.h"
#include "annals/model/calendar.h"
#include "annals/model/paths.h"
#include "arg_parser.h"
#include "command.h"

namespace annals::cli {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kDescription =
    "Converts a Chinese era date to days of the Julian and Gregorian calendars, or a\n"
    "day to the era dates of every state whose calendar was in force (Song, Liao,\n"
    "Jin, Western Xia, Mongol, Yuan; Chinese years 950-1370).\n\n"
    "ERA-DATE takes Chinese or Arabic numerals: 宝庆三年闰五月, 乾定三年二月,\n"
    "正大四年七月, 宝庆三年七月十二日, 宝庆三年七月己丑, 宝庆3年7月, 宝庆三年.\n"
    "An era name shared by several states takes the state in front (夏大安, 金大安)\n"
    "unless only one of them lasted long enough for the year given.\n\n"
    "Eras are read from the standard reign tables unless --reckoning picks another\n"
    "reckoning for a state (e.g. xia=xixia-shushi, the Xi Xia Shu Shi's count, in\n"
    "which 乾定元年 is 1224 and 乾定 lasts to 1227). An era name that exists in only\n"
    "one reckoning is read from that one. With --julian, --gregorian or --jdn every\n"
    "reckoning that gives a different date is listed, the selected one first.\n\n"
    "Month tables: data/calendar/months.csv (the Song, later Yuan, calendar).";

Json day_json(std::int64_t jdn) {
  Json j;
  j["jdn"] = jdn;
  j["julian"] = format_iso(julian_from_jdn(jdn));
  j["gregorian"] = format_iso(gregorian_from_jdn(jdn));
  j["sexagenary"] = sexagenary_day(jdn);
  return j;
}

EraReckoning parse_reckoning(const std::string& text, const Calendar& cal) {
  EraReckoning r;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    const std::string item = text.substr(start, comma - start);
    start = comma + 1;
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
      throw UsageError("--reckoning takes POLITY=RECKONING, e.g. xia=xixia-shushi; got '" + item + "'");
    const std::string polity = item.substr(0, eq);
    const std::string name = item.substr(eq + 1);
    const auto known = cal.reckonings(polity);
    if (known.empty())
      throw UsageError("--reckoning: unknown state '" + polity + "' (song, liao, jin, xia, mongol, yuan)");
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw UsageError("--reckoning: " + polity + " has no reckoning '" + name + "' (known: " + list + ")");
    }
    r[polity] = name;
  }
  return r;
}

Json convert_era_date(const Calendar& cal, const std::string& text, const EraReckoning& r) {
  const EraDate d = parse_era_date(text);
  const Era& era = cal.resolve_era(d, r);
  const int year = cal.chinese_year(d, r);
  Json j;
  j["era"] = era.name;
  j["polity"] = era.polity;
  j["reckoning"] = era.reckoning;
  j["year"] = d.era_year;
  j["chinese_year"] = year;
  if (d.month == 0) {
    // A year alone: its span, from 正月一日 to the last day of its last month.
    const LunarMonth* first = cal.month(year, 1, false);
    const LunarMonth* last = cal.month(year, 12, true);
    if (!last) last = cal.month(year, 12, false);
    if (!first || !last)
      throw CalendarError(Calendar::era_year_text(era, d.era_year) + " (" + std::to_string(year) +
                          ") is outside the month tables, which cover the Chinese years " +
                          std::to_string(cal.first_year()) + "-" + std::to_string(cal.last_year()));
    int leap_month = 0;
    for (int m = 1; m <= 12; ++m)
      if (cal.month(year, m, true)) leap_month = m;
    j["leap_month"] = leap_month == 0 ? Json(nullptr) : Json(leap_month);
    j["days"] = last->last_jdn() - first->first_jdn + 1;
    j["first_day"] = day_json(first->first_jdn);
    j["last_day"] = day_json(last->last_jdn());
    return j;
  }
  const LunarMonth m = cal.resolve_month(d, r);
  j["month"] = m.month;
  j["leap"] = m.leap;
  j["days"] = m.days;
  j["first_day"] = day_json(m.first_jdn);
  j["last_day"] = day_json(m.last_jdn());
  if (d.day || d.sexagenary) {
    const std::int64_t jdn = cal.resolve_day(d, r);
    Json day = day_json(jdn);
    day["day"] = static_cast<int>(jdn - m.first_jdn + 1);
    j["day"] = day;
  }
  return j;
}

Json convert_day(const Calendar& cal, std::int64_t jdn, const EraReckoning& r, const std::string& shown) {
  const LunarMonth* m = cal.month_containing(jdn);
  if (!m) {
    const auto& months = cal.months();
    throw CalendarError(shown + " is outside the month tables, which run from " +
                        format_iso(julian_from_jdn(months.front().first_jdn)) + " to " +
                        format_iso(julian_from_jdn(months.back().last_jdn())) + " (Julian)");
  }
  Json j = day_json(jdn);
  j["chinese"] = {{"year", m->year},
                  {"month", m->month},
                  {"leap", m->leap},
                  {"day", static_cast<int>(jdn - m->first_jdn + 1)}};
  Json eras = Json::array();
  for (const EraDay& e : cal.era_days(jdn, r, true)) {
    Json item;
    item["polity"] = e.era->polity;
    item["era"] = e.era->name;
    item["reckoning"] = e.era->reckoning;
    item["year"] = e.date.era_year;
    item["month"] = e.date.month;
    item["leap"] = e.date.leap;
    item["day"] = *e.date.day;
    item["text"] = format_era_date(e.date);
    eras.push_back(item);
  }
  j["eras"] = eras;
  return j;
}

std::int64_t day_from_options(const ParsedArgs& a, std::string& shown) {
  if (auto v = a.get("--julian")) {
    shown = *v + " (Julian)";
    return jdn_from_julian(parse_iso(*v));
  }
  if (auto v = a.get("--gregorian")) {
    const CivilDate d = parse_iso(*v);
    if (!is_valid_gregorian(d))
      throw CalendarError(*v + " does not exist in the Gregorian calendar (" + std::to_string(d.year) +
                          " is not a Gregorian leap year)");
    shown = *v + " (Gregorian)";
    return jdn_from_gregorian(d);
  }
  const std::string text = *a.get("--jdn");
  std::int64_t jdn = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), jdn);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size())
    throw UsageError("--jdn takes an integer Julian Day Number, e.g. 2169456; got '" + text + "'");
  shown = "JDN " + text;
  return jdn;
}

}  // namespace

int run_date(Args args) {
  ArgParser parser("annals date ERA-DATE | --julian YYYY-MM-DD | --gregorian YYYY-MM-DD | --jdn N",
                   kDescription);
  parser.option("--julian", "YYYY-MM-DD", "a day of the Julian calendar (proleptic)")
      .option("--gregorian", "YYYY-MM-DD", "a day of the Gregorian calendar (proleptic)")
      .option("--jdn", "N", "a Julian Day Number (2451545 is 2000-01-01 Gregorian)")
      .option("--reckoning", "STATE=NAME[,...]", "era reckoning per state, e.g. xia=xixia-shushi")
      .max_positionals(1);
  try {
    const ParsedArgs a = parser.parse(args);
    if (a.help) {
      std::cout << parser.help_text();
      return kExitOk;
    }
    const int inputs = static_cast<int>(a.positionals.size()) + (a.has("--julian") ? 1 : 0) +
                       (a.has("--gregorian") ? 1 : 0) + (a.has("--jdn") ? 1 : 0);
    if (inputs != 1) throw UsageError("give one era date, or one of --julian, --gregorian, --jdn");
    const Calendar cal = Calendar::load(calendar_dir());
    const EraReckoning r =
        a.has("--reckoning") ? parse_reckoning(*a.get("--reckoning"), cal) : EraReckoning{};
    Json out;
    if (!a.positionals.empty()) {
      out = convert_era_date(cal, a.positionals.front(), r);
    } else {
      std::string shown;
      const std::int64_t jdn = day_from_options(a, shown);
      out = convert_day(cal, jdn, r, shown);
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  } catch (const UsageError& e) {
    std::cerr << "annals date: " << escape_for_terminal(e.what()) << " (see annals date --help)\n";
    return kExitBadInput;
  } catch (const CalendarError& e) {
    std::cerr << "annals date: " << escape_for_terminal(e.what()) << "\n";
    return kExitBadInput;
  }
}

}  // namespace annals::cli
