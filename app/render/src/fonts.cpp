#include "annals/render/fonts.h"

#include <imgui.h>
#include <imgui_freetype.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "annals/geo/diagnostic.h"

namespace annals {

FontFile find_cjk_font() {
  if (const char* env = std::getenv("ANNALS_FONT"); env && *env) {
    FontFile f{env, 0};
    if (const char* face = std::getenv("ANNALS_FONT_FACE")) f.face_index = std::atoi(face);
    if (!std::filesystem::exists(f.path))
      throw DataError(f.path.string(), "",
                      "font file given by ANNALS_FONT does not exist; unset ANNALS_FONT to use Noto Sans CJK "
                      "from the Debian package fonts-noto-cjk");
    return f;
  }
  const std::filesystem::path noto = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
  if (!std::filesystem::exists(noto))
    throw DataError(noto.string(), "",
                    "CJK font not found; install the Debian package fonts-noto-cjk "
                    "(sudo apt-get install fonts-noto-cjk) or set ANNALS_FONT to a font file");
  return {noto, 2};
}

std::shared_ptr<const std::vector<unsigned char>> load_font_bytes(const FontFile& font) {
  std::ifstream in(font.path, std::ios::binary);
  // A folder opens, then fails to read: refuse it here, as a file that cannot be read.
  if (!in || std::filesystem::is_directory(font.path))
    throw DataError(font.path.string(), "", "cannot read font file");
  // Sized once: read through a growing vector, a 19.5 MB font peaks at 50 MB.
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  auto bytes = std::make_shared<std::vector<unsigned char>>(
      static_cast<std::size_t>(std::max<std::streamoff>(0, size)));
  if (!in.read(reinterpret_cast<char*>(bytes->data()), static_cast<std::streamsize>(bytes->size())))
    throw DataError(font.path.string(), "", "cannot read font file");
  if (bytes->size() < 12) throw DataError(font.path.string(), "", "font file is empty or truncated");
  return bytes;
}

std::vector<unsigned> utf8_codepoints(std::string_view s) {
  std::vector<unsigned> out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    unsigned cp = 0xFFFD;
    std::size_t n = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 0x6 && i + 1 < s.size()) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      n = 2;
    } else if ((c >> 4) == 0xE && i + 2 < s.size()) {
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      n = 3;
    } else if ((c >> 3) == 0x1E && i + 3 < s.size()) {
      cp = ((c & 0x07u) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12) |
           ((static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
      n = 4;
    }
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::string utf8_encode(unsigned cp) {
  std::string out;
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
  return out;
}

bool GlyphSet::add(std::string_view utf8, std::string_view origin) {
  bool grew = false;
  for (unsigned cp : utf8_codepoints(utf8))
    if (cp >= 0x20) grew |= first_origin_.emplace(cp, std::string(origin)).second;
  return grew;
}

BakedFonts bake_fonts(ImFontAtlas& atlas, const FontFile& font, const std::vector<unsigned char>& bytes,
                      const GlyphSet& glyphs, const FontSizes& sizes, float pixel_ratio,
                      std::vector<std::string>* missing) {
  atlas.Clear();
  // FreeType hinting keeps small CJK strokes crisp at label sizes.
  atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  // Must outlive Build(); rebuilt each bake. Per thread: a still or an
  // export bakes on a second thread (FrameRenderer::FirstFrame).
  static thread_local ImVector<ImWchar> ranges;
  ranges.clear();
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(atlas.GetGlyphRangesDefault());
  for (const auto& [cp, origin] : glyphs.codepoints())
    if (cp <= 0xFFFF) builder.AddChar(static_cast<ImWchar>(cp));  // 1.86 on Debian: 16-bit ImWchar
  builder.AddChar(0x3013);  // 〓, the traditional mark for an unknown character
  builder.BuildRanges(&ranges);

  // The three sizes read the caller's bytes in place. ImGui 1.86 copies font
  // data it does not own (19.5 MB per size for Noto CJK), so the configs
  // claim ownership while the atlas builds and give it back right after,
  // before anything could free it: one copy of the font in memory, not four.
  struct DisownFontData {
    ImFontAtlas& atlas;
    ~DisownFontData() {
      for (ImFontConfig& c : atlas.ConfigData) {
        c.FontData = nullptr;
        c.FontDataOwnedByAtlas = false;
      }
      atlas.ClearInputData();  // the TTF data and ranges are only needed to build
    }
  } disown{atlas};
  auto add = [&](float logical_px) {
    ImFontConfig cfg;
    cfg.FontNo = font.face_index;
    cfg.FontDataOwnedByAtlas = true;  // in name only: see DisownFontData
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    return atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()), logical_px * pixel_ratio, &cfg,
                                      ranges.Data);
  };
  BakedFonts out;
  {
    out.label = add(sizes.label);
    out.title = add(sizes.title);
    out.small = add(sizes.small);
    const bool built = out.label && out.title && out.small && atlas.Build();
    if (!built)
      throw DataError(font.path.string(), "",
                      "cannot bake glyphs from font face " + std::to_string(font.face_index));
  }

  if (missing) {
    for (const auto& [cp, origin] : glyphs.codepoints()) {
      if (cp > 0xFFFF || !out.label->FindGlyphNoFallback(static_cast<ImWchar>(cp))) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "U+%04X", cp);
        missing->push_back(std::string("font lacks ") + hex + " (first in " + origin +
                           "); it is drawn as 〓");
      }
    }
  }
  // Draw unknown characters visibly as 〓, never as a silent '?'.
  // ImGui 1.86 picks its fallback while building; switch it afterwards and
  // give the characters that use it the full-width advance of 〓.
  for (ImFont* f : {out.label, out.title, out.small}) {
    const ImFontGlyph* mark = f->FindGlyphNoFallback(0x3013);
    if (!mark) continue;
    f->FallbackChar = 0x3013;
    f->FallbackGlyph = mark;
    f->FallbackAdvanceX = mark->AdvanceX;
    for (int i = 0; i < f->IndexLookup.Size && i < f->IndexAdvanceX.Size; ++i)
      if (f->IndexLookup[i] == static_cast<ImWchar>(-1)) f->IndexAdvanceX[i] = mark->AdvanceX;
  }
  return out;
}

}  // namespace annals
