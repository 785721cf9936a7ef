// The CJK font and the glyphs baked from it. Dear ImGui 1.86 cannot load
// glyphs on demand, so every string that may be drawn is collected first and
// only those characters are baked (the whole of CJK would need a huge atlas).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;
struct ImFontAtlas;

namespace annals {

// The Simplified Chinese face of Noto Sans CJK (Debian fonts-noto-cjk), or
// $ANNALS_FONT. Throws DataError naming the package to install if missing.
struct FontFile {
  std::filesystem::path path;
  int face_index = 2;  // in NotoSansCJK-Regular.ttc: 0 JP, 1 KR, 2 SC, 3 TC
};
FontFile find_cjk_font();

// The font file's bytes, read once and shared by every atlas built from it.
std::shared_ptr<const std::vector<unsigned char>> load_font_bytes(const FontFile& font);

// Text that will be drawn, each with where it comes from, so that a character
// the font lacks can be reported with its origin.
class GlyphSet {
 public:
  // True when it adds a code point the set did not have.
  bool add(std::string_view utf8, std::string_view origin);
  const std::map<unsigned, std::string>& codepoints() const { return first_origin_; }

 private:
  std::map<unsigned, std::string> first_origin_;  // code point -> first place it occurs
};

// The sizes the overlay draws in, in logical pixels.
struct FontSizes {
  float label = 17.0f;
  float title = 28.0f;
  float small = 12.5f;
};

struct BakedFonts {
  ImFont* label = nullptr;
  ImFont* title = nullptr;
  ImFont* small = nullptr;
};

// Adds the three overlay fonts at `pixel_ratio` to `atlas` and builds it.
// Returns one line per code point the font does not have, e.g.
// "font lacks U+E3D7 (first in entries.json line 9); it will show as 〓".
BakedFonts bake_fonts(ImFontAtlas& atlas, const FontFile& font, const std::vector<unsigned char>& bytes,
                      const GlyphSet& glyphs, const FontSizes& sizes, float pixel_ratio,
                      std::vector<std::string>* missing);

// Decodes UTF-8 to code points (invalid bytes become U+FFFD).
std::vector<unsigned> utf8_codepoints(std::string_view s);
// Encodes one code point as UTF-8.
std::string utf8_encode(unsigned codepoint);

}  // namespace annals
