#include "annals/model/chinese_numerals.h"

#include <array>
#include <charconv>

#include "annals/geo/utf8.h"

namespace annals {

namespace {

constexpr std::array<const char*, 10> kStems = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
constexpr std::array<const char*, 12> kBranches = {"子", "丑", "寅", "卯", "辰", "巳",
                                                   "午", "未", "申", "酉", "戌", "亥"};
constexpr std::array<const char*, 10> kDigits = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

int digit_value(char32_t c) {
  switch (c) {
    case U'〇':
    case U'零':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
    case U'兩':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::optional<int> parse_chinese_code_points(std::u32string_view s) {
  if (s.empty()) return std::nullopt;
  int total = 0;
  int pending = -1;         // a digit not yet multiplied by a unit
  bool after_unit = false;  // 有 may only join a unit and the digit after it
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t c = s[i];
    if (const int d = digit_value(c); d >= 0) {
      if (d == 0 && after_unit) continue;     // 零 marks a skipped place: 一百零五
      if (pending >= 0) return std::nullopt;  // "一二" is not a numeral here
      pending = d;
      after_unit = false;
    } else if (c == U'十' || c == U'百' || c == U'千') {
      const int unit = c == U'十' ? 10 : c == U'百' ? 100 : 1000;
      // A bare 十 at the start means ten; a bare 百 or 千 does not occur.
      const int factor = pending >= 0 ? pending : (unit == 10 ? 1 : -1);
      if (factor < 0) return std::nullopt;
      total += factor * unit;
      pending = -1;
      after_unit = true;
    } else if (c == U'廿' || c == U'卄' || c == U'卅' || c == U'卌') {
      if (pending >= 0 || total != 0) return std::nullopt;
      total = c == U'卅' ? 30 : c == U'卌' ? 40 : 20;
      after_unit = true;
    } else if (c == U'有' || c == U'又') {
      if (!after_unit || i + 1 == s.size()) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  if (pending >= 0) total += pending;
  return total;
}

}  // namespace

std::u32string utf8_to_code_points(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    out += decode_utf8(text, i, len);
    i += len;
  }
  return out;
}

std::string code_points_to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) append_utf8(out, c);
  return out;
}

std::optional<int> parse_chinese_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool ascii_digits = true;
  for (char c : text) ascii_digits = ascii_digits && c >= '0' && c <= '9';
  if (ascii_digits) {
    int v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
    return v;
  }
  return parse_chinese_code_points(utf8_to_code_points(text));
}

std::string chinese_number(int n) {
  if (n < 0) return std::to_string(n);
  if (n < 10) return kDigits[static_cast<std::size_t>(n)];
  if (n < 100) {
    std::string s = n >= 20 ? std::string(kDigits[static_cast<std::size_t>(n / 10)]) : std::string();
    s += "十";
    if (n % 10) s += kDigits[static_cast<std::size_t>(n % 10)];
    return s;
  }
  if (n < 1000) {
    std::string s = std::string(kDigits[static_cast<std::size_t>(n / 100)]) + "百";
    const int rest = n % 100;
    if (rest == 0) return s;
    if (rest < 10) return s + "零" + kDigits[static_cast<std::size_t>(rest)];
    // Inside a larger number ten is written 一十 (一百一十五).
    return s + (rest < 20 ? "一" : "") + chinese_number(rest);
  }
  return std::to_string(n);
}

std::string chinese_era_year(int year) { return year == 1 ? "元" : chinese_number(year); }

std::string chinese_month_name(int month, bool leap) {
  std::string s = leap ? "闰" : "";
  return s + (month == 1 ? std::string("正") : chinese_number(month)) + "月";
}

std::string sexagenary_name(int index) {
  const int i = ((index % 60) + 60) % 60;
  return std::string(kStems[static_cast<std::size_t>(i % 10)]) + kBranches[static_cast<std::size_t>(i % 12)];
}

std::optional<int> sexagenary_index(std::string_view two_characters) {
  const std::u32string s = utf8_to_code_points(two_characters);
  if (s.size() != 2) return std::nullopt;
  const std::u32string stems = U"甲乙丙丁戊己庚辛壬癸";
  const std::u32string branches = U"子丑寅卯辰巳午未申酉戌亥";
  const auto stem = stems.find(s[0]);
  const auto branch = branches.find(s[1]);
  if (stem == std::u32string::npos || branch == std::u32string::npos) return std::nullopt;
  // Stem and branch must have the same parity; the index is the one n in
  // 0..59 with n % 10 == stem and n % 12 == branch.
  for (int n = static_cast<int>(stem); n < 60; n += 10)
    if (n % 12 == static_cast<int>(branch)) return n;
  return std::nullopt;
}

int sexagenary_index_of_day(std::int64_t jdn) {
  // JDN 0 was a 癸丑 day (index 49), so day n has index (n + 49) mod 60;
  // anchored by 2000-01-01 (JDN 2451545) being 戊午.
  return static_cast<int>(((jdn + 49) % 60 + 60) % 60);
}

std::string sexagenary_day(std::int64_t jdn) { return sexagenary_name(sexagenary_index_of_day(jdn)); }

}  // namespace annals
