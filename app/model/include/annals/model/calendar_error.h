// The error for a date that cannot exist: a leap month in a year without one,
// day 30 of a 29-day month, an era year past the era's end. Its message says
// what was asked for and what exists instead, ready for a person to read.
//
// The calendar tables themselves (months.csv, eras.csv) follow structural
// rules that Calendar::load enforces, each with an id; a table that breaks one
// is refused with a CalendarTableError naming the rule, at path:line.
#pragma once

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "annals/geo/diagnostic.h"

namespace annals {

class CalendarError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Every structural rule of the calendar tables. tests/fixtures/calendar/
// table-rules.csv breaks each one in a fixture table; a rule added here needs
// a row there (CalendarTableRules.EveryRuleHasABrokenTable checks).
enum class CalendarTableRule {
  // Either file, read as CSV (calendar_csv).
  Unreadable,  // the file cannot be opened
  Empty,       // no header line
  Header,      // the header is not the expected one
  Columns,     // a row with the wrong number of cells
  Quote,       // an unterminated quoted field
  Integer,     // a numeric cell that is not an integer
  // months.csv
  MonthNumber,       // month 1 to 12
  LeapFlag,          // leap 0 or 1
  MonthDays,         // 29 or 30 days
  StartsAtNewYear,   // the first row is a year's 正月, not leap
  Contiguous,        // each month starts the day after the previous one ends
  MonthOrder,        // a plain month follows the previous month number, or 12 → 1 of the next year
  LeapFollowsMonth,  // a leap month repeats the number and year of the plain month before it
  OneLeapPerYear,    // at most one leap month in a year
  EndsWithTwelfth,   // the last row is a month 12
  NoMonths,          // at least one month
  // eras.csv
  EraPolity,      // song, liao, jin, xia, mongol or yuan
  EraName,        // not empty
  EraFirstMonth,  // first_month 1 to 12
  EraYears,       // last_year not before first_year
  EraReckoning,   // a reckoning name of a-z, 0-9 and -
  EraSource,      // every era cites a source
  EraDuplicate,   // one row per polity, reckoning and name
  Count_          // not a rule: the number of rules
};

struct CalendarTableRuleName {
  CalendarTableRule rule;
  std::string_view id;  // as tests and messages name it: "one-leap-per-year"
};

inline constexpr std::array<CalendarTableRuleName, static_cast<std::size_t>(CalendarTableRule::Count_)>
    kCalendarTableRules = {{
        {CalendarTableRule::Unreadable, "unreadable"},
        {CalendarTableRule::Empty, "empty"},
        {CalendarTableRule::Header, "header"},
        {CalendarTableRule::Columns, "columns"},
        {CalendarTableRule::Quote, "quote"},
        {CalendarTableRule::Integer, "integer"},
        {CalendarTableRule::MonthNumber, "month-number"},
        {CalendarTableRule::LeapFlag, "leap-flag"},
        {CalendarTableRule::MonthDays, "month-days"},
        {CalendarTableRule::StartsAtNewYear, "starts-at-new-year"},
        {CalendarTableRule::Contiguous, "contiguous"},
        {CalendarTableRule::MonthOrder, "month-order"},
        {CalendarTableRule::LeapFollowsMonth, "leap-follows-month"},
        {CalendarTableRule::OneLeapPerYear, "one-leap-per-year"},
        {CalendarTableRule::EndsWithTwelfth, "ends-with-twelfth"},
        {CalendarTableRule::NoMonths, "no-months"},
        {CalendarTableRule::EraPolity, "era-polity"},
        {CalendarTableRule::EraName, "era-name"},
        {CalendarTableRule::EraFirstMonth, "era-first-month"},
        {CalendarTableRule::EraYears, "era-years"},
        {CalendarTableRule::EraReckoning, "era-reckoning"},
        {CalendarTableRule::EraSource, "era-source"},
        {CalendarTableRule::EraDuplicate, "era-duplicate"},
    }};

// The table lists the rules in their enum order, so kCalendarTableRules[rule]
// is that rule's entry and none is left out.
constexpr bool calendar_table_rules_in_order() {
  for (std::size_t i = 0; i < kCalendarTableRules.size(); ++i)
    if (static_cast<std::size_t>(kCalendarTableRules[i].rule) != i || kCalendarTableRules[i].id.empty())
      return false;
  return true;
}
static_assert(calendar_table_rules_in_order(), "kCalendarTableRules must list every rule in enum order");

constexpr std::string_view to_string(CalendarTableRule rule) {
  return kCalendarTableRules.at(static_cast<std::size_t>(rule)).id;
}

// A calendar table that breaks a structural rule: a DataError (path:line:
// message) that also says which rule.
class CalendarTableError : public DataError {
 public:
  CalendarTableError(CalendarTableRule rule, std::string file, std::string where, std::string message)
      : DataError(std::move(file), std::move(where), std::move(message)), rule_(rule) {}
  CalendarTableRule rule() const { return rule_; }

 private:
  CalendarTableRule rule_;
};

}  // namespace annals
