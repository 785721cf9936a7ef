// Text helpers shared by the gazetteer's sources: UTF-8 decoding, name
// folding into a caller's buffer and a bounded edit distance on code points.
// Internal to annals_geo.
#pragma once

#include <string>
#include <string_view>

namespace annals::detail {

// Decodes the code point at text[i] and moves i past it. A malformed byte
// becomes U+FFFD and is skipped alone, so that search never throws on user
// input. Inline: index building decodes every name form of every place.
inline char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1Fu;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0Fu;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07u;
  }
  bool ok = len > 0 && i + static_cast<std::size_t>(len) <= text.size();
  for (int k = 1; ok && k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) ok = false;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (!ok) {
    ++i;
    return U'\uFFFD';
  }
  i += static_cast<std::size_t>(len);
  return cp;
}

std::u32string utf8_to_u32(std::string_view text);
void append_utf8(std::string& out, char32_t cp);

// fold_name(text) appended to `out`: lets the index fold every form into
// one buffer instead of allocating a string per form.
void append_folded(std::string_view text, std::string& out);

// Levenshtein distance between a and b on code points, or max + 1 as soon as
// it is known to exceed max (the fuzzy search only cares about small
// distances, and the band keeps each comparison O(max * length)).
int bounded_edit_distance(std::u32string_view a, std::u32string_view b, int max);

}  // namespace annals::detail
