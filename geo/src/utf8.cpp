#include "annals/geo/utf8.h"

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace annals {

namespace {

void append_hex_byte(std::string& out, unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(b));
  out += buf;
}

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII runs, eight bytes at a time: most of a campaign's JSON is ASCII.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) return i;
    i += len;
  }
  return std::nullopt;
}

TextPosition text_position(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  TextPosition p;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++p.line;
      line_start = i + 1;
    }
  p.column = offset - line_start + 1;
  return p;
}

std::string describe_invalid_utf8(std::string_view text, std::size_t offset) {
  std::string message = "invalid UTF-8 (byte ";
  append_hex_byte(message, static_cast<unsigned char>(text[offset]));
  message += " at column " + std::to_string(text_position(text, offset).column) + "); expected UTF-8 text";
  return message;
}

std::optional<Diagnostic> invalid_utf8_diagnostic(std::string_view text, const std::string& file) {
  const auto bad = first_invalid_utf8(text);
  if (!bad) return std::nullopt;
  return Diagnostic{Severity::Error, file, std::to_string(text_position(text, *bad).line),
                    describe_invalid_utf8(text, *bad)};
}

void require_utf8(std::string_view text, const std::string& file) {
  if (auto d = invalid_utf8_diagnostic(text, file)) throw DataError(std::move(*d));
}

std::string escape_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) {
      append_hex_byte(out, static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (is_control(decode_utf8(text, i, len))) {
      for (std::size_t k = 0; k < len; ++k) append_hex_byte(out, static_cast<unsigned char>(text[i + k]));
    } else {
      out.append(text, i, len);
    }
    i += len;
  }
  return out;
}

}  // namespace annals
