// Font rules: only used glyphs are baked, a character the font lacks is
// reported once with where it first occurs, and a missing font is an error
// naming the package to install. Baking needs no OpenGL.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdlib>

#include "annals/geo/diagnostic.h"
#include "annals/render/fonts.h"

namespace annals {
namespace {

TEST(Fonts, Utf8DecodesCjkAndPrivateUse) {
  const auto cps = utf8_codepoints(
      "睍\xEE\x8F\x97"
      "a");  // 睍, U+E3D7, 'a'
  ASSERT_EQ(cps.size(), 3u);
  EXPECT_EQ(cps[0], 0x774Du);
  EXPECT_EQ(cps[1], 0xE3D7u);
  EXPECT_EQ(cps[2], u'a');
}

TEST(Fonts, Utf8EncodeRoundTrips) {
  for (unsigned cp : {0x41u, 0xE9u, 0x774Du, 0xE3D7u, 0x20000u}) {
    const auto back = utf8_codepoints(utf8_encode(cp));
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0], cp);
  }
}

TEST(Fonts, GlyphSetKeepsFirstOrigin) {
  GlyphSet g;
  g.add("银州", "entry e007");
  g.add("银川", "place yinchuan");
  EXPECT_EQ(g.codepoints().at(0x94F6), "entry e007");      // 银
  EXPECT_EQ(g.codepoints().at(0x5DDD), "place yinchuan");  // 川
}

TEST(Fonts, MissingGlyphIsReportedOnceWithWhereItOccurs) {
  const FontFile font = find_cjk_font();
  const auto bytes = load_font_bytes(font);
  GlyphSet g;
  g.add("是天\xEE\x8F\x97蒙古耳", "entries.json line 9");  // U+E3D7: in no font
  g.add("\xEE\x8F\x97", "elsewhere");
  ImFontAtlas atlas;
  std::vector<std::string> missing;
  const BakedFonts baked = bake_fonts(atlas, font, *bytes, g, FontSizes{}, 1.0f, &missing);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].find("U+E3D7"), std::string::npos) << missing[0];
  EXPECT_NE(missing[0].find("entries.json line 9"), std::string::npos) << missing[0];
  // The baked font has the characters that were asked for, and draws the
  // missing one as 〓 rather than a silent '?'.
  EXPECT_NE(baked.label->FindGlyphNoFallback(0x8499), nullptr);  // 蒙
  EXPECT_EQ(baked.label->FallbackChar, 0x3013);
  EXPECT_EQ(baked.label->FindGlyph(static_cast<ImWchar>(0xE3D7))->Codepoint, 0x3013u);
}

TEST(Fonts, MissingFontFileNamesTheDebianPackage) {
  ::setenv("ANNALS_FONT", "/nonexistent/font.ttc", 1);
  try {
    find_cjk_font();
    ADD_FAILURE() << "a missing font must be an error";
  } catch (const DataError& e) {
    EXPECT_EQ(e.diagnostic().file, "/nonexistent/font.ttc");
    EXPECT_NE(e.diagnostic().message.find("fonts-noto-cjk"), std::string::npos);
  }
  ::unsetenv("ANNALS_FONT");
}

}  // namespace
}  // namespace annals
