// UTF-8 as every loader of outside text checks it, and text made safe to
// print on a terminal.
//
// Every text field of a campaign is UTF-8 (RFC 3629): a file with a byte
// sequence that is not is refused at its line, with a message that names the
// byte as \xNN instead of echoing it. Well-formed means what RFC 3629 and
// Unicode's table 3-7 say: no stray continuation bytes, no lead bytes C0, C1
// or F5-FF, no sequence cut short, no overlong form, no surrogate
// (U+D800-U+DFFF) and nothing beyond U+10FFFF.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "annals/geo/diagnostic.h"

namespace annals {

// Length (1 to 4) of the well-formed UTF-8 sequence that starts at text[i],
// or 0 when the bytes there are not one (or i is past the end). Inline: the
// JSON and CSV readers call it for every non-ASCII character.
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto at = [&](std::size_t k) -> unsigned {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0x100u;  // past the end: no byte fits
  };
  const unsigned b0 = at(i);
  if (b0 < 0x80) return 1;
  std::size_t len = 0;
  unsigned lo = 0x80, hi = 0xBF;  // range of the second byte; narrower after E0, ED, F0, F4
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;  // below: overlong
    if (b0 == 0xED) hi = 0x9F;  // above: surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;  // below: overlong
    if (b0 == 0xF4) hi = 0x8F;  // above: beyond U+10FFFF
  } else {
    return 0;
  }
  const unsigned b1 = at(i + 1);
  if (b1 < lo || b1 > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    const unsigned b = at(i + k);
    if (b < 0x80 || b > 0xBF) return 0;
  }
  return len;
}

// The code point of the well-formed sequence of `len` bytes at text[i]
// (as utf8_sequence_length measured it).
inline char32_t decode_utf8(std::string_view text, std::size_t i, std::size_t len) {
  const auto byte = [&](std::size_t k) {
    return static_cast<char32_t>(static_cast<unsigned char>(text[i + k]));
  };
  switch (len) {
    case 1:
      return byte(0);
    case 2:
      return (byte(0) & 0x1F) << 6 | (byte(1) & 0x3F);
    case 3:
      return (byte(0) & 0x0F) << 12 | (byte(1) & 0x3F) << 6 | (byte(2) & 0x3F);
    default:
      return (byte(0) & 0x07) << 18 | (byte(1) & 0x3F) << 12 | (byte(2) & 0x3F) << 6 | (byte(3) & 0x3F);
  }
}

// Byte offset of the first byte that does not start a well-formed sequence,
// or nullopt when all of `text` is UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// Line and column (both from 1; the column counts bytes) of a byte offset.
struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};
TextPosition text_position(std::string_view text, std::size_t offset);

// "invalid UTF-8 (byte \xNN at column C); expected UTF-8 text" for the
// invalid sequence at text[offset] (as first_invalid_utf8 found it).
std::string describe_invalid_utf8(std::string_view text, std::size_t offset);

// The problem with the first invalid sequence of `text`, a file's contents,
// as `file:line: invalid UTF-8 (byte \xNN at column C); expected UTF-8 text`;
// nullopt when the text is UTF-8.
std::optional<Diagnostic> invalid_utf8_diagnostic(std::string_view text, const std::string& file);

// Throws that diagnostic as a DataError when there is one.
void require_utf8(std::string_view text, const std::string& file);

// `text` with every byte that is not part of well-formed UTF-8, and every
// control character (C0, DEL and C1: a terminal would act on them), written
// as \xNN; all else as it is. What a message may echo of outside input.
std::string escape_for_terminal(std::string_view text);

}  // namespace annals
