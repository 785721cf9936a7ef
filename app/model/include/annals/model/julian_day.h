// Julian Day Numbers and the two Western calendars, proleptic both ways.
//
// A JDN is the integer day count used by astronomers (noon-based): JDN 0 is
// -4712-01-01 in the Julian calendar and 2451545 is 2000-01-01 Gregorian. It
// is the common currency of the calendar code: the lunisolar month tables,
// sexagenary days and both Western calendars all convert through it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "annals/model/calendar_error.h"

namespace annals {

// Astronomical year numbering: 1 BC is year 0, 2 BC is -1.
struct CivilDate {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
};

inline bool operator==(const CivilDate& a, const CivilDate& b) {
  return a.year == b.year && a.month == b.month && a.day == b.day;
}

std::int64_t jdn_from_julian(CivilDate d);
CivilDate julian_from_jdn(std::int64_t jdn);
std::int64_t jdn_from_gregorian(CivilDate d);
CivilDate gregorian_from_jdn(std::int64_t jdn);

int days_in_julian_month(int year, int month);
int days_in_gregorian_month(int year, int month);
bool is_valid_julian(CivilDate d);
bool is_valid_gregorian(CivilDate d);

// "1227-08-25"; years below 1000 are zero-padded to four digits, negative
// years keep their sign ("-4712-01-01").
std::string format_iso(CivilDate d);

// Parses what format_iso writes. Checks the shape, month 1-12 and the day
// against the Julian month length (the more lenient calendar: it has 29
// February in every fourth year); callers that mean Gregorian check
// is_valid_gregorian as well. Throws CalendarError with the reason.
CivilDate parse_iso(std::string_view text);

}  // namespace annals
