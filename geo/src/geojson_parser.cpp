// The lexical parts of the strict JSON parser: strings (escapes, UTF-8
// validation) and numbers, and the wording of syntax errors. The structure
// is walked by parse_json in geojson_parser.h.
#include "geojson_parser.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

#include "annals/geo/utf8.h"
#include "gazetteer_text.h"

namespace annals::detail {

namespace {

[[noreturn]] void fail(std::size_t offset, std::string message) {
  throw JsonSyntaxError{offset, std::move(message)};
}

// Bytes that end the fast scan of a string: the closing quote, an escape,
// a control character (must be escaped) or the start of a multi-byte UTF-8
// sequence (must be validated).
constexpr std::array<bool, 256> kStopsString = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c)
    table[static_cast<std::size_t>(c)] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
  return table;
}();

std::string hex4(unsigned value) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04X", value);
  return buf;
}

// Validates the UTF-8 sequence starting at s[i] (a byte >= 0x80) and returns
// the index after it. Overlong forms, surrogates and code points beyond
// U+10FFFF are rejected (RFC 3629), as nlohmann's lexer does.
std::size_t skip_utf8(std::string_view s, std::size_t i) {
  const std::size_t len = utf8_sequence_length(s, i);
  if (len == 0) fail(i, "invalid string: ill-formed UTF-8");
  return i + len;
}

// The four hex digits of a \u escape at s[i..i+4).
unsigned read_hex4(std::string_view s, std::size_t i) {
  unsigned value = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    const char c = i + k < s.size() ? s[i + k] : '\0';
    unsigned digit = 0;
    if (c >= '0' && c <= '9')
      digit = static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f')
      digit = static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      digit = static_cast<unsigned>(c - 'A' + 10);
    else
      fail(i + k, "invalid string: '\\u' must be followed by 4 hex digits");
    value = value * 16 + digit;
  }
  return value;
}

// Decodes the escape at s[i] == '\\' onto `out`; returns the index after it.
std::size_t decode_escape(std::string_view s, std::size_t i, std::string& out) {
  const char c = i + 1 < s.size() ? s[i + 1] : '\0';
  switch (c) {
    case '"':
    case '\\':
    case '/':
      out.push_back(c);
      return i + 2;
    case 'b':
      out.push_back('\b');
      return i + 2;
    case 'f':
      out.push_back('\f');
      return i + 2;
    case 'n':
      out.push_back('\n');
      return i + 2;
    case 'r':
      out.push_back('\r');
      return i + 2;
    case 't':
      out.push_back('\t');
      return i + 2;
    case 'u':
      break;
    default:
      fail(i, "invalid string: forbidden character after backslash");
  }
  unsigned cp = read_hex4(s, i + 2);
  std::size_t next = i + 6;
  if (cp >= 0xDC00 && cp <= 0xDFFF)
    fail(i, "invalid string: surrogate U+" + hex4(cp) + " must follow a high surrogate U+D800..U+DBFF");
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    if (s.compare(next, 2, "\\u") != 0)
      fail(next, "invalid string: surrogate U+" + hex4(cp) + " must be followed by U+DC00..U+DFFF");
    const unsigned low = read_hex4(s, next + 2);
    if (low < 0xDC00 || low > 0xDFFF)
      fail(next, "invalid string: surrogate U+" + hex4(cp) + " must be followed by U+DC00..U+DFFF");
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    next += 6;
  }
  append_utf8(out, static_cast<char32_t>(cp));
  return next;
}

[[noreturn]] void fail_control(std::size_t i, unsigned char c) {
  fail(i, "invalid string: control character U+" + hex4(c) + " must be escaped");
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Decimal exponent of the leading digit of a valid JSON number token: 2 for
// "123.4", -3 for "0.00123e0", plus its exponent; clamped, for telling an
// overflow from an underflow when std::from_chars reports out of range.
long decimal_magnitude(std::string_view token) {
  std::size_t i = token[0] == '-' ? 1 : 0;
  long magnitude = 0;
  if (token[i] != '0') {
    const std::size_t first = i;
    while (i < token.size() && is_digit(token[i])) ++i;
    magnitude = static_cast<long>(i - first) - 1;
  } else {
    ++i;
    if (i < token.size() && token[i] == '.') {
      ++i;
      long zeros = 0;
      while (i < token.size() && token[i] == '0') ++i, ++zeros;
      magnitude = -(zeros + 1);
    }
  }
  const std::size_t e = token.find_first_of("eE");
  if (e != std::string_view::npos) {
    std::size_t k = e + 1;
    const bool negative = token[k] == '-';
    if (token[k] == '-' || token[k] == '+') ++k;
    long exponent = 0;
    for (; k < token.size() && exponent < 1000000; ++k) exponent = exponent * 10 + (token[k] - '0');
    magnitude += negative ? -exponent : exponent;
  }
  return magnitude;
}

}  // namespace

[[noreturn]] void throw_json_expected(std::string_view text, std::size_t pos, std::string_view expected) {
  std::string found;
  if (pos >= text.size()) {
    found = "the end of the input";
  } else {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c == '"')
      found = "a string";
    else if (c == '-' || is_digit(static_cast<char>(c)))
      found = "a number";
    else if (c > 0x20 && c < 0x7F)
      found = std::string("'") + static_cast<char>(c) + "'";
    else
      found = "byte 0x" + hex4(c).substr(2);
  }
  fail(pos, "syntax error: expected " + std::string(expected) + ", found " + found);
}

std::string_view scan_json_string(std::string_view text, std::size_t& pos, DecodedStrings& decoded) {
  const std::size_t start = pos;
  const std::size_t n = text.size();
  std::size_t i = pos;
  // Fast path: most strings have no escapes and are returned as a view.
  for (;;) {
    while (i < n && !kStopsString[static_cast<unsigned char>(text[i])]) ++i;
    if (i >= n) fail(n, "invalid string: missing closing quote");
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"') {
      pos = i + 1;
      return text.substr(start, i - start);
    }
    if (c == '\\') break;
    if (c < 0x20) fail_control(i, c);
    i = skip_utf8(text, i);
  }
  // Slow path: decode from the first escape on.
  std::string& out = decoded.next();
  out.assign(text.data() + start, i - start);
  for (;;) {
    const std::size_t run = i;
    while (i < n && !kStopsString[static_cast<unsigned char>(text[i])]) ++i;
    out.append(text.data() + run, i - run);
    if (i >= n) fail(n, "invalid string: missing closing quote");
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"') {
      pos = i + 1;
      return out;
    }
    if (c == '\\') {
      i = decode_escape(text, i, out);
    } else {
      if (c < 0x20) fail_control(i, c);
      const std::size_t end = skip_utf8(text, i);
      out.append(text.data() + i, end - i);
      i = end;
    }
  }
}

JsonNumber scan_json_number(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  const std::size_t n = text.size();
  std::size_t i = pos;
  auto digits = [&](const char* after) {
    if (i >= n || !is_digit(text[i])) fail(i, std::string("invalid number: expected a digit ") + after);
    while (i < n && is_digit(text[i])) ++i;
  };
  if (text[i] == '-') ++i;
  if (i < n && text[i] == '0')
    ++i;  // a leading zero stands alone: "01" is "0" followed by an error
  else
    digits("after '-'");
  bool integral = true;
  if (i < n && text[i] == '.') {
    ++i;
    digits("after '.'");
    integral = false;
  }
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    digits("in the exponent");
    integral = false;
  }
  pos = i;
  const char* first = text.data() + start;
  const char* last = text.data() + i;
  JsonNumber out;
  // Integers that fit int64 stay integers; larger ones become doubles, as
  // with nlohmann (which also goes through a double past uint64).
  if (integral) {
    const auto [end, ec] = std::from_chars(first, last, out.integer);
    if (ec == std::errc() && end == last) {
      out.is_integer = true;
      out.value = static_cast<double>(out.integer);
      return out;
    }
  }
  const auto [end, ec] = std::from_chars(first, last, out.value);
  const std::string_view token(first, static_cast<std::size_t>(last - first));
  if (ec == std::errc::result_out_of_range) {
    if (decimal_magnitude(token) > 0) fail(start, "number overflow parsing '" + std::string(token) + "'");
    out.value = token[0] == '-' ? -0.0 : 0.0;  // underflow: strtod's answer, and nlohmann's
  } else if (ec != std::errc() || end != last || !std::isfinite(out.value)) {
    fail(start, "number overflow parsing '" + std::string(token) + "'");
  }
  return out;
}

}  // namespace annals::detail
