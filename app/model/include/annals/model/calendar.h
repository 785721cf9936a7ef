// The Chinese lunisolar calendar of 950-1370 and the era names of the Song,
// Liao, Jin, Western Xia, Mongol and Yuan states, loaded from data/calendar.
//
// One month table serves every polity: it follows the Song calendar (the
// Yuan's after 1279). Jin, Liao and Xia calendars occasionally started a
// month a day apart from it; data/calendar/PROVENANCE.md says where that is
// known. Eras are per polity; a campaign may pick, per polity, a
// "reckoning" other than the standard reign tables (the Xi Xia Shu Shi counts
// Xia eras differently), and every lookup falls back to "standard".
//
// Lookups are meant to be cheap enough for every frame: month by
// (year, month, leap) is a direct index, month by day a binary search.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "annals/model/calendar_error.h"
#include "annals/model/chinese_numerals.h"
#include "annals/model/era_date.h"
#include "annals/model/julian_day.h"

namespace annals {

struct LunarMonth {
  int year = 0;   // the Julian year in which this Chinese year's 正月 begins
  int month = 0;  // 1-12
  bool leap = false;
  std::int64_t first_jdn = 0;
  int days = 0;  // 29 or 30
  std::int64_t last_jdn() const { return first_jdn + days - 1; }
};

struct Era {
  std::string polity, name, pinyin;  // polity: song, liao, jin, xia, mongol, yuan
  int first_year = 0;                // Chinese year of 元年 (as LunarMonth::year)
  int first_month = 1;               // month the era began (1 if at New Year or unknown)
  int last_year = 0;                 // last Chinese year of the era
  std::string reckoning, source, note;
};

using EraReckoning = std::map<std::string, std::string>;  // polity -> reckoning, e.g. {"xia", "xixia-shushi"}

inline constexpr std::string_view kStandardReckoning = "standard";

// One polity's name for one day.
struct EraDay {
  const Era* era = nullptr;
  EraDate date;  // era = era->name; era_year, month, leap, day and sexagenary all set
};

class Calendar {
 public:
  // Reads dir/months.csv and dir/eras.csv; throws DataError("path", "line", why).
  static Calendar load(const std::filesystem::path& dir);
  // The same from the two tables' text; the file names are what errors name.
  static Calendar parse(std::string_view months_csv, const std::string& months_file,
                        std::string_view eras_csv, const std::string& eras_file);

  // nullptr when the table has no such month (a leap month in a year without
  // one, or a year outside the table).
  const LunarMonth* month(int year, int month, bool leap) const;
  // nullptr outside the table.
  const LunarMonth* month_containing(std::int64_t jdn) const;
  const std::vector<LunarMonth>& months() const { return months_; }
  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }

  // The era called `name` ("宝庆", or with a polity prefix: "夏乾定",
  // "金大安", "宋乾道", "西夏乾定"). Each polity's rows are taken from its
  // reckoning in `reckoning` (default standard); a name found only in another
  // reckoning is used from there. nullptr when unknown, or when the name is
  // shared by several polities and carries no prefix (find_eras lists them).
  const Era* find_era(std::string_view name, const EraReckoning& reckoning = {}) const;
  // Every row whose name matches, over all polities and reckonings.
  std::vector<const Era*> find_eras(std::string_view name) const;
  const std::vector<Era>& eras() const { return eras_; }
  // Every era (all polities, all reckonings) with a year in it equal to `year`.
  std::vector<const Era*> eras_in_force(int year) const;
  // The reckonings eras.csv knows for a polity ("standard" first).
  std::vector<std::string> reckonings(std::string_view polity) const;
  // The polities eras.csv has eras for, in the order song, liao, jin, xia,
  // mongol, yuan.
  std::vector<std::string> polities() const;

  // The Chinese year an era date's year falls in; throws CalendarError for an
  // unknown or ambiguous era and for a year past the era's end.
  int chinese_year(const EraDate& d, const EraReckoning& r = {}) const;
  // The month of an era date; throws CalendarError if it does not exist.
  LunarMonth resolve_month(const EraDate& d, const EraReckoning& r = {}) const;
  // The JDN of an era date's day; needs a day number or a sexagenary day (or
  // both, which must agree). Throws CalendarError otherwise.
  std::int64_t resolve_day(const EraDate& d, const EraReckoning& r = {}) const;
  // The polity an era date's era belongs to (after prefix and reckoning).
  const Era& resolve_era(const EraDate& d, const EraReckoning& r = {}) const;

  // Every polity's era date for a day, in the order song, liao, jin, xia,
  // mongol, yuan; polities with no era in force that day are left out. With
  // `all_reckonings`, a polity with more than one reckoning in force gets one
  // entry per reckoning whose date differs (the selected one first).
  std::vector<EraDay> era_days(std::int64_t jdn, const EraReckoning& r = {},
                               bool all_reckonings = false) const;

  // "宝庆三年" / "宝庆三年闰五月" for a month of an era (no table lookup).
  static std::string era_year_text(const Era& era, int era_year);

 private:
  std::vector<LunarMonth> months_;
  std::vector<std::size_t> year_start_;  // index into months_ of each year's 正月, plus an end sentinel
  int first_year_ = 0;
  int last_year_ = -1;
  std::vector<Era> eras_;
  std::unordered_map<std::string, std::vector<std::size_t>> eras_by_name_;
  // Per polity, so that the per-frame lookups scan only that polity's rows
  // and allocate nothing.
  std::map<std::string, std::vector<std::size_t>, std::less<>> eras_by_polity_;
  std::map<std::string, std::vector<std::string>, std::less<>> reckonings_;

  const Era* era_day_for(const std::string& polity, const std::string& reckoning, const LunarMonth& m,
                         bool only_that_reckoning) const;
  std::string describe_leap(int year, const Era& era) const;
};

std::string polity_name_zh(std::string_view polity);  // "song" -> "宋"

}  // namespace annals
