#include "annals/model/era_date.h"

#include "annals/model/chinese_numerals.h"

namespace annals {

namespace {

bool is_numeral_char(char32_t c) {
  return (c >= U'0' && c <= U'9') ||
         std::u32string_view(U"〇零一二两兩三四五六七八九十百千廿卄卅卌有").find(c) !=
             std::u32string_view::npos;
}

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000'; }

std::optional<int> number(std::u32string_view s) { return parse_chinese_number(code_points_to_utf8(s)); }

}  // namespace

EraDate parse_era_date(std::string_view text) {
  std::u32string s;
  for (char32_t c : utf8_to_code_points(text))
    if (!is_space(c)) s += c;
  const std::string shown(text);
  auto fail = [&](const std::string& why) {
    return CalendarError("'" + shown + "' is not an era date: " + why +
                         " (e.g. 宝庆三年闰五月, 宝庆三年七月十二日, 宝庆三年七月己丑)");
  };

  EraDate d;
  std::size_t pos = 0;
  if (const auto nian = s.find(U'年'); nian != std::u32string::npos) {
    std::size_t k = nian;
    while (k > 0 && is_numeral_char(s[k - 1])) --k;
    std::u32string_view name;
    if (k < nian) {
      const auto year = number(std::u32string_view(s).substr(k, nian - k));
      if (!year)
        throw fail("cannot read the year number '" + code_points_to_utf8(s.substr(k, nian - k)) + "'");
      d.era_year = *year;
      name = std::u32string_view(s).substr(0, k);
    } else if (nian > 0 && s[nian - 1] == U'元') {
      d.era_year = 1;
      name = std::u32string_view(s).substr(0, nian - 1);
    } else {
      throw fail("no year number before 年");
    }
    if (name.empty()) throw fail("no era name before the year");
    for (char32_t c : name)
      if (c < 0x2E80)
        throw fail("the era name '" + code_points_to_utf8(name) + "' is not written in Chinese");
    if (d.era_year < 1) throw fail("era years start at 元年 (1)");
    d.era = code_points_to_utf8(name);
    pos = nian + 1;
  }

  if (pos + 1 < s.size() && std::u32string_view(U"春夏秋冬").find(s[pos]) != std::u32string_view::npos) ++pos;

  if (const auto yue = s.find(U'月', pos); yue != std::u32string::npos) {
    std::u32string_view m = std::u32string_view(s).substr(pos, yue - pos);
    if (!m.empty() && (m.front() == U'闰' || m.front() == U'閏')) {
      d.leap = true;
      m.remove_prefix(1);
    }
    if (m == U"正" || m == U"端") {
      d.month = 1;
    } else if (m == U"腊" || m == U"臘") {
      d.month = 12;
    } else if (const auto v = number(m)) {
      d.month = *v;
    } else {
      throw fail("cannot read the month '" + code_points_to_utf8(m) + "'");
    }
    if (d.month < 1 || d.month > 12) throw fail("month " + std::to_string(d.month) + " is not 1 to 12");
    pos = yue + 1;
  } else if (pos < s.size()) {
    throw fail("cannot read '" + code_points_to_utf8(s.substr(pos)) + "'");
  }

  std::u32string_view rest = std::u32string_view(s).substr(pos);
  if (!rest.empty()) {
    if (d.month == 0) throw fail("a day needs a month");
    if (rest == U"朔") {
      d.day = 1;
    } else if (rest == U"晦") {
      throw fail("晦 (the last day) depends on the month's length; give the day number or its 干支");
    } else if (const auto gz = rest.size() >= 2 ? sexagenary_index(code_points_to_utf8(rest.substr(0, 2)))
                                                : std::nullopt) {
      d.sexagenary = sexagenary_name(*gz);
      const std::u32string_view tail = rest.substr(2);
      if (tail == U"朔")
        d.day = 1;
      else if (!tail.empty() && tail != U"日")
        throw fail("cannot read '" + code_points_to_utf8(tail) + "' after the 干支 day");
    } else {
      if (rest.back() == U'日') rest.remove_suffix(1);
      if (!rest.empty() && rest.front() == U'初') rest.remove_prefix(1);
      const auto v = number(rest);
      if (!v) throw fail("cannot read the day '" + code_points_to_utf8(rest) + "'");
      if (*v < 1 || *v > 30) throw fail("day " + std::to_string(*v) + " is not 1 to 30");
      d.day = *v;
    }
  }

  if (d.era.empty() && d.month == 0) throw fail("it names neither an era year nor a month");
  return d;
}

std::string format_era_date(const EraDate& d) {
  std::string s;
  if (!d.era.empty()) s += d.era + chinese_era_year(d.era_year) + "年";
  if (d.month > 0) s += chinese_month_name(d.month, d.leap);
  if (d.day)
    s += chinese_number(*d.day) + "日";
  else if (d.sexagenary)
    s += *d.sexagenary;
  return s;
}

}  // namespace annals
