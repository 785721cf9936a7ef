#include <algorithm>

#include "annals/model/calendar.h"
#include "common.h"

namespace annals::fuzz {

namespace {

// An accepted calendar answers every question without breaking its promises.
void ask(const Calendar& cal) {
  const auto& months = cal.months();
  for (std::size_t i = 0; i < months.size() && i < 64; ++i) {
    const LunarMonth& m = months[i];
    const LunarMonth* again = cal.month(m.year, m.month, m.leap);
    if (!again || again->first_jdn != m.first_jdn)
      throw InvariantError("month() misses a month of the table");
    for (std::int64_t day : {m.first_jdn, m.last_jdn()}) {
      const LunarMonth* holding = cal.month_containing(day);
      if (!holding || holding->first_jdn != m.first_jdn)
        throw InvariantError("month_containing() misses a day");
      cal.era_days(day, {}, true);
    }
  }
  for (int year : {cal.first_year() - 1, cal.first_year(), cal.last_year(), cal.last_year() + 1})
    for (int month : {0, 1, 12, 13}) cal.month(year, month, month == 12);
  for (std::size_t i = 0; i < cal.eras().size() && i < 64; ++i) {
    const Era& era = cal.eras()[i];
    cal.find_era(era.name);
    cal.find_eras(polity_name_zh(era.polity) + era.name);
    cal.reckonings(era.polity);
    cal.eras_in_force(era.first_year);
    for (int year : {1, era.last_year - era.first_year + 1}) {
      EraDate d;
      d.era = polity_name_zh(era.polity) + era.name;
      d.era_year = year;
      d.month = era.first_month;
      d.day = 1;
      const EraReckoning r = {{era.polity, era.reckoning}};
      try {
        const int chinese = cal.chinese_year(d, r);
        if (chinese < era.first_year || chinese > era.last_year)
          throw InvariantError("chinese_year() outside its era's years");
        cal.resolve_day(d, r);
      } catch (const CalendarError&) {
        // A date the tables do not cover: an answer, not a failure.
      }
    }
  }
}

// The shipped months of the Chinese years 1200-1249: the campaign's years,
// a tenth of the table, so that a run spends its time on the fuzzed table.
std::string some_shipped_months() {
  const std::string all = read_bytes(source_root() / "data" / "calendar" / "months.csv");
  std::string out;
  std::size_t start = 0;
  while (start < all.size()) {
    std::size_t end = all.find('\n', start);
    end = end == std::string::npos ? all.size() : end + 1;
    const std::string_view line(all.data() + start, end - start);
    const bool wanted =
        line.size() > 5 && line.substr(0, 2) == "12" && line[2] >= '0' && line[2] <= '4' && line[4] == ',';
    if (out.empty() || wanted) out += line;  // the header, then the years wanted
    start = end;
  }
  return out;
}

}  // namespace

void calendar_csv(std::string_view input) {
  static const std::string shipped_months = some_shipped_months();
  static const std::string shipped_eras = read_bytes(source_root() / "data" / "calendar" / "eras.csv");
  if (input.empty()) return;
  const bool eras = (static_cast<unsigned char>(input[0]) & 1) != 0;
  const std::string_view text = input.substr(1);
  const std::string file = eras ? "fuzz/eras.csv" : "fuzz/months.csv";
  try {
    const Calendar cal = eras ? Calendar::parse(shipped_months, "months.csv", text, file)
                              : Calendar::parse(text, file, shipped_eras, "eras.csv");
    ask(cal);
  } catch (const DataError& e) {
    expect_located(e.diagnostic(), text, file);
  }
}

}  // namespace annals::fuzz
