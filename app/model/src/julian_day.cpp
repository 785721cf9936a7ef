#include "annals/model/julian_day.h"

#include <charconv>
#include <cstdio>

namespace annals {

namespace {

// Floor division: the textbook JDN formulas assume it, and C++ truncates
// towards zero, which would be wrong for dates before -4800.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// Shifts the year to start in March so that the leap day is the last day of
// the shifted year; both calendars share this step.
struct MarchYear {
  std::int64_t year;
  std::int64_t month;  // 0 = March ... 11 = February
};

MarchYear march_based(CivilDate d) {
  const std::int64_t a = floor_div(14 - d.month, 12);
  return {std::int64_t{d.year} + 4800 - a, std::int64_t{d.month} + 12 * a - 3};
}

std::int64_t days_before_month(std::int64_t march_month) { return (153 * march_month + 2) / 5; }

CivilDate from_march_based(std::int64_t year_4800, std::int64_t day_of_year) {
  const std::int64_t m = (5 * day_of_year + 2) / 153;
  const std::int64_t day = day_of_year - days_before_month(m) + 1;
  const std::int64_t month = m + 3 - 12 * (m / 10);
  const std::int64_t year = year_4800 - 4800 + m / 10;
  return {static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

bool julian_leap(int year) { return floor_div(year, 4) * 4 == year; }
bool gregorian_leap(int year) {
  return julian_leap(year) && (floor_div(year, 100) * 100 != year || floor_div(year, 400) * 400 == year);
}

int month_length(int month, bool leap) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::int64_t jdn_from_julian(CivilDate d) {
  const MarchYear my = march_based(d);
  return d.day + days_before_month(my.month) + 365 * my.year + floor_div(my.year, 4) - 32083;
}

CivilDate julian_from_jdn(std::int64_t jdn) {
  const std::int64_t c = jdn + 32082;
  const std::int64_t y = floor_div(4 * c + 3, 1461);
  const std::int64_t day_of_year = c - floor_div(1461 * y, 4);
  return from_march_based(y, day_of_year);
}

std::int64_t jdn_from_gregorian(CivilDate d) {
  const MarchYear my = march_based(d);
  return d.day + days_before_month(my.month) + 365 * my.year + floor_div(my.year, 4) -
         floor_div(my.year, 100) + floor_div(my.year, 400) - 32045;
}

CivilDate gregorian_from_jdn(std::int64_t jdn) {
  const std::int64_t a = jdn + 32044;
  const std::int64_t b = floor_div(4 * a + 3, 146097);
  const std::int64_t c = a - floor_div(146097 * b, 4);
  const std::int64_t d = floor_div(4 * c + 3, 1461);
  const std::int64_t day_of_year = c - floor_div(1461 * d, 4);
  return from_march_based(100 * b + d, day_of_year);
}

int days_in_julian_month(int year, int month) { return month_length(month, julian_leap(year)); }
int days_in_gregorian_month(int year, int month) { return month_length(month, gregorian_leap(year)); }

bool is_valid_julian(CivilDate d) { return d.day >= 1 && d.day <= days_in_julian_month(d.year, d.month); }
bool is_valid_gregorian(CivilDate d) {
  return d.day >= 1 && d.day <= days_in_gregorian_month(d.year, d.month);
}

std::string format_iso(CivilDate d) {
  char buf[32];
  const int year = d.year < 0 ? -d.year : d.year;
  std::snprintf(buf, sizeof buf, "%s%04d-%02d-%02d", d.year < 0 ? "-" : "", year, d.month, d.day);
  return buf;
}

CivilDate parse_iso(std::string_view text) {
  const std::string shown(text);
  auto bad = [&](const std::string& why) {
    return CalendarError("'" + shown + "' is not a date: " + why + " (expected YYYY-MM-DD, e.g. 1227-08-25)");
  };
  std::string_view rest = text;
  bool negative = false;
  if (!rest.empty() && rest.front() == '-') {
    negative = true;
    rest.remove_prefix(1);
  }
  const auto dash1 = rest.find('-');
  if (dash1 == std::string_view::npos || dash1 == 0) throw bad("no year");
  const auto dash2 = rest.find('-', dash1 + 1);
  if (dash2 == std::string_view::npos) throw bad("no day");
  auto number = [&](std::string_view part, const char* what) {
    int v = 0;
    if (part.empty() || part.size() > 6) throw bad(std::string("bad ") + what);
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (ec != std::errc() || p != part.data() + part.size()) throw bad(std::string("bad ") + what);
    return v;
  };
  CivilDate d;
  d.year = number(rest.substr(0, dash1), "year");
  if (negative) d.year = -d.year;
  const std::string_view month_part = rest.substr(dash1 + 1, dash2 - dash1 - 1);
  const std::string_view day_part = rest.substr(dash2 + 1);
  if (month_part.size() != 2 || day_part.size() != 2) throw bad("month and day take two digits");
  d.month = number(month_part, "month");
  d.day = number(day_part, "day");
  if (d.month < 1 || d.month > 12) throw bad("month " + std::to_string(d.month) + " is not 1 to 12");
  if (!is_valid_julian(d))
    throw bad("month " + std::to_string(d.month) + " of " + std::to_string(d.year) + " has " +
              std::to_string(days_in_julian_month(d.year, d.month)) + " days");
  return d;
}

}  // namespace annals
