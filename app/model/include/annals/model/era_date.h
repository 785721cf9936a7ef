// A date as a Chinese chronicle writes it: era name, era year, month and
// optionally a day, either numbered (十二日) or named by the sexagenary
// cycle (己丑). Parsing is pure text work; resolving it to days needs a
// Calendar (calendar.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "annals/model/calendar_error.h"

namespace annals {

struct EraDate {
  std::string era;   // as written, possibly with a polity prefix ("夏乾定"); empty if none
  int era_year = 0;  // 1 for 元年; 0 when the text has no era year
  int month = 0;     // 1-12; 0 when the text names no month
  bool leap = false;
  std::optional<int> day;                 // 1-30
  std::optional<std::string> sexagenary;  // "己丑"
};

// Accepts, in this order, each part optional but at least an era year or a
// month present:
//   era name + year + 年   宝庆三年, 乾定元年, 宝庆3年, 至元三十一年
//   season                 春 夏 秋 冬 before a month (ignored: the month says it)
//   month                  正月, 七月, 十二月, 十有二月, 闰五月, 7月, 腊月
//   day                    十二日, 12日, 初一, 廿一日, 己丑, 己丑朔, 朔
// Bare month forms ("十二月", "夏五月") come back with an empty era.
// Throws CalendarError naming what is wrong.
EraDate parse_era_date(std::string_view text);

// "宝庆三年闰五月十二日", "乾定四年七月己丑"; the parts that are absent are left out.
std::string format_era_date(const EraDate& d);

}  // namespace annals
