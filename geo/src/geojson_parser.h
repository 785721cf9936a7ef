// A strict, single-pass JSON parser (RFC 8259), internal to annals_geo.
//
// Written for the gazetteer loader, which spent half its time in
// nlohmann/json's lexer: that lexer reads through an input adapter one byte
// at a time and copies every string into a std::string. This one walks the
// text in place, hands strings over as views into the text (only strings
// with escapes are decoded, into DecodedStrings), and calls the handler
// directly: parse_json is a template so that the callbacks inline.
//
// Strictness matches nlohmann's default: one value, whitespace around it,
// no comments, no trailing commas, UTF-8 validated, lone surrogates and
// unescaped control characters rejected, numbers that overflow a double
// rejected. An optional UTF-8 byte order mark at the start is skipped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace annals::detail {

// The first syntax error: the byte offset of the offending token (or byte,
// inside a string) and what was wrong.
struct JsonSyntaxError {
  std::size_t offset = 0;
  std::string message;
};

// Storage for strings that had escapes. A deque, so that growing it never
// moves a string a view already points into; clear() keeps the capacity
// for the next feature.
class DecodedStrings {
 public:
  std::string& next() {
    if (used_ == strings_.size()) strings_.emplace_back();
    std::string& s = strings_[used_++];
    s.clear();
    return s;
  }
  void clear() { used_ = 0; }

 private:
  std::deque<std::string> strings_;
  std::size_t used_ = 0;
};

struct JsonNumber {
  bool is_integer = false;  // no fraction or exponent, and fits std::int64_t
  std::int64_t integer = 0;
  double value = 0.0;
};

// Scanners for the parts of the grammar that are not structure; each starts
// at `pos` (just after the opening quote for a string) and leaves `pos` just
// after what it read. They throw JsonSyntaxError.
std::string_view scan_json_string(std::string_view text, std::size_t& pos, DecodedStrings& decoded);
JsonNumber scan_json_number(std::string_view text, std::size_t& pos);
// "expected X, found Y" with Y named from the text at `pos`.
[[noreturn]] void throw_json_expected(std::string_view text, std::size_t pos, std::string_view expected);

// Parses `text` as one JSON value, calling on `handler`:
//   null(), boolean(bool), integer(std::int64_t), floating(double),
//   string(std::string_view), key(std::string_view),
//   start_object(), end_object(), start_array(), end_array().
// Views point into `text` or into `decoded` and stay valid until the caller
// clears `decoded`. Throws JsonSyntaxError at the first error; the handler
// has seen every event before it.
template <typename Handler>
void parse_json(std::string_view text, DecodedStrings& decoded, Handler& handler) {
  const std::size_t n = text.size();
  const char* s = text.data();
  std::size_t pos = 0;
  if (n >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;
  auto skip_space = [&] {
    while (pos < n && (s[pos] == ' ' || s[pos] == '\n' || s[pos] == '\r' || s[pos] == '\t')) ++pos;
  };
  auto expect_literal = [&](std::string_view word) {
    if (text.compare(pos, word.size(), word) != 0) throw_json_expected(text, pos, "a value");
    pos += word.size();
  };
  // A member name and its colon; `pos` is at the opening quote.
  auto read_key = [&] {
    ++pos;
    handler.key(scan_json_string(text, pos, decoded));
    skip_space();
    if (pos >= n || s[pos] != ':') throw_json_expected(text, pos, "':' after an object member name");
    ++pos;
  };

  // Open containers, innermost last: true for an object.
  std::vector<bool> open;
  for (;;) {
    // A value.
    skip_space();
    if (pos >= n) throw_json_expected(text, pos, "a value");
    switch (s[pos]) {
      case '{':
        ++pos;
        handler.start_object();
        skip_space();
        if (pos < n && s[pos] == '}') {
          ++pos;
          handler.end_object();
          break;
        }
        if (pos >= n || s[pos] != '"') throw_json_expected(text, pos, "a member name or '}'");
        read_key();
        open.push_back(true);
        continue;
      case '[':
        ++pos;
        handler.start_array();
        skip_space();
        if (pos < n && s[pos] == ']') {
          ++pos;
          handler.end_array();
          break;
        }
        open.push_back(false);
        continue;
      case '"':
        ++pos;
        handler.string(scan_json_string(text, pos, decoded));
        break;
      case 't':
        expect_literal("true");
        handler.boolean(true);
        break;
      case 'f':
        expect_literal("false");
        handler.boolean(false);
        break;
      case 'n':
        expect_literal("null");
        handler.null();
        break;
      default:
        if (s[pos] != '-' && (s[pos] < '0' || s[pos] > '9')) throw_json_expected(text, pos, "a value");
        if (const JsonNumber num = scan_json_number(text, pos); num.is_integer)
          handler.integer(num.integer);
        else
          handler.floating(num.value);
        break;
    }

    // After a value: close containers until one continues with a comma.
    for (;;) {
      skip_space();
      if (open.empty()) {
        if (pos < n) throw_json_expected(text, pos, "the end of the input after the top-level value");
        return;
      }
      const bool in_object = open.back();
      if (pos < n && s[pos] == ',') {
        ++pos;
        if (in_object) {
          skip_space();
          if (pos >= n || s[pos] != '"') throw_json_expected(text, pos, "a member name after ','");
          read_key();
        }
        break;
      }
      if (pos < n && s[pos] == (in_object ? '}' : ']')) {
        ++pos;
        open.pop_back();
        if (in_object)
          handler.end_object();
        else
          handler.end_array();
        continue;
      }
      throw_json_expected(text, pos,
                          in_object ? "',' or '}' after an object member" : "',' or ']' in an array");
    }
  }
}

}  // namespace annals::detail
