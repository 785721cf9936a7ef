// Chinese numerals, month and day names, and the sexagenary (干支) cycle of
// days, as they appear in dated chronicles. All text is UTF-8.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace annals {

// Parses "十二", "二十二", "十有二" (the chronicle style), "廿一", "卅",
// "一百二十", "〇" and ASCII digits ("12"). nullopt for anything else.
std::optional<int> parse_chinese_number(std::string_view text);

// 12 -> "十二", 22 -> "二十二", 105 -> "一百零五". Non-negative values only.
std::string chinese_number(int n);

// Era year as written: 1 -> "元", otherwise chinese_number.
std::string chinese_era_year(int year);

// "正月", "五月", "闰五月", "十二月".
std::string chinese_month_name(int month, bool leap);

// Sexagenary cycle: index 0 is 甲子, 59 is 癸亥.
std::string sexagenary_name(int index);
std::optional<int> sexagenary_index(std::string_view two_characters);
int sexagenary_index_of_day(std::int64_t jdn);
std::string sexagenary_day(std::int64_t jdn);  // "己丑"

// Splits UTF-8 into code points; each byte that does not begin a well-formed
// sequence (utf8.h) becomes U+FFFD, so that a bad byte can never make a
// parser read past the end, nor come out again as a surrogate or an overlong.
std::u32string utf8_to_code_points(std::string_view text);
std::string code_points_to_utf8(std::u32string_view text);

}  // namespace annals
