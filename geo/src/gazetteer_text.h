// Text helpers shared by the gazetteer's sources: UTF-8 decoding and a
// bounded edit distance on code points. Internal to annals_geo.
#pragma once

#include <string>
#include <string_view>

namespace annals::detail {

// Decodes UTF-8; a malformed byte becomes U+FFFD so that search never throws
// on user input.
std::u32string utf8_to_u32(std::string_view text);
void append_utf8(std::string& out, char32_t cp);

// Levenshtein distance between a and b on code points, or max + 1 as soon as
// it is known to exceed max (the fuzzy search only cares about small
// distances, and the band keeps each comparison O(max * length)).
int bounded_edit_distance(std::u32string_view a, std::u32string_view b, int max);

}  // namespace annals::detail
