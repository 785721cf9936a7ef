// The viewer's key table, without a window: what a presenter's clicker and
// the desk keys do in each mode, that Esc never quits, that no key does two
// things in one mode, and that --help and the keys overlay come from it.
#include "key_table.h"

#include <SDL_keycode.h>
#include <gtest/gtest.h>

#include <set>

namespace annals {
namespace {

struct Case {
  const char* what;
  int key;
  unsigned mods;
  Mode mode;
  std::optional<Action> action;
  int argument = 0;
};

// What clickers send (PageDown/PageUp; some models → ←, Space, Enter, B or .)
// and what the desk keys have always done.
const Case kCases[] = {
    {"clicker forward", SDLK_PAGEDOWN, kNoMod, kPresenting, Action::NextEntry},
    {"clicker back", SDLK_PAGEUP, kNoMod, kPresenting, Action::PrevEntry},
    {"clicker → presenting", SDLK_RIGHT, kNoMod, kPresenting, Action::NextEntry},
    {"clicker ← presenting", SDLK_LEFT, kNoMod, kPresenting, Action::PrevEntry},
    {"Space presenting", SDLK_SPACE, kNoMod, kPresenting, Action::NextEntry},
    {"Enter presenting", SDLK_RETURN, kNoMod, kPresenting, Action::NextEntry},
    {"clicker blank B", SDLK_b, kNoMod, kPresenting, Action::Blank},
    {"clicker blank .", SDLK_PERIOD, kNoMod, kPresenting, Action::Blank},
    {"year 1", SDLK_1, kNoMod, kPresenting, Action::JumpToYear, 1},
    {"year 4", SDLK_4, kNoMod, kPresenting, Action::JumpToYear, 4},
    {"autoplay", SDLK_a, kNoMod, kPresenting, Action::Autoplay},
    {"spotlight", SDLK_s, kNoMod, kPresenting, Action::Spotlight},
    {"? is Shift+/", SDLK_SLASH, kShift, kPresenting, Action::Help},
    {"Esc leaves presentation", SDLK_ESCAPE, kNoMod, kPresenting, Action::Back},
    {"F5 toggles", SDLK_F5, kNoMod, kDesk, Action::Present},
    {"F5 toggles back", SDLK_F5, kNoMod, kPresenting, Action::Present},
    {"→ at the desk is a month", SDLK_RIGHT, kNoMod, kDesk, Action::NextMonth},
    {"Shift+→ pans", SDLK_RIGHT, kShift, kDesk, Action::PanRight},
    {"Shift+→ pans presenting", SDLK_RIGHT, kShift, kPresenting, Action::PanRight},
    {"Space at the desk plays", SDLK_SPACE, kNoMod, kDesk, Action::PlayPause},
    {"PageDown at the desk", SDLK_PAGEDOWN, kNoMod, kDesk, Action::NextEntry},
    {"digit at the desk is a bookmark", SDLK_3, kNoMod, kDesk, Action::GoToBookmark, 3},
    {"Ctrl+digit saves", SDLK_9, kCtrl, kDesk, Action::SaveBookmark, 9},
    {"Esc at the desk", SDLK_ESCAPE, kNoMod, kDesk, Action::Back},
    {"Ctrl+Q quits", SDLK_q, kCtrl, kDesk, Action::Quit},
    {"Ctrl+Q quits presenting", SDLK_q, kCtrl, kPresenting, Action::Quit},
    {"Q alone does nothing", SDLK_q, kNoMod, kDesk, std::nullopt},
    {"Ctrl+F finds", SDLK_f, kCtrl, kDesk, Action::Find},
    {"F alone does nothing", SDLK_f, kNoMod, kDesk, std::nullopt},
    {"B at the desk does nothing", SDLK_b, kNoMod, kDesk, std::nullopt},
    {"Ctrl+Shift+F is not Ctrl+F", SDLK_f, kCtrl | kShift, kDesk, std::nullopt},
    {"0 whole campaign", SDLK_0, kNoMod, kPresenting, Action::WholeCampaign},
    {"T cycles language", SDLK_t, kNoMod, kDesk, Action::NextLanguage},
    {"+ typed as Shift and =", SDLK_EQUALS, kShift, kDesk, Action::ZoomIn},
};

TEST(KeyTable, EachKeyDoesWhatItsRowSays) {
  const KeyTable& t = KeyTable::standard();
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.what);
    const auto got = t.lookup(c.key, c.mods, c.mode);
    ASSERT_EQ(got.has_value(), c.action.has_value());
    if (!got) continue;
    EXPECT_EQ(static_cast<int>(got->action), static_cast<int>(*c.action));
    EXPECT_EQ(got->argument, c.argument);
  }
}

TEST(KeyTable, EscNeverQuitsAndNothingIsBoundTwice) {
  const KeyTable& t = KeyTable::standard();
  for (Mode m : {kDesk, kPresenting}) {
    const auto esc = t.lookup(SDLK_ESCAPE, kNoMod, m);
    ASSERT_TRUE(esc);
    EXPECT_NE(static_cast<int>(esc->action), static_cast<int>(Action::Quit));
  }
  EXPECT_TRUE(t.conflicts().empty()) << t.conflicts().front();
}

TEST(KeyTable, ConflictsAreFound) {
  // The check above could not fail if conflicts() never found anything.
  const KeyTable t({{Action::Blank, {{SDLK_b, SDLK_b, kNoMod}}, kPresenting, "B", "blank", "黑屏"},
                    {Action::ToggleLayers, {{SDLK_a, SDLK_z, kNoMod}}, kAnyMode, "A–Z", "x", "x"},
                    {Action::Quit, {{SDLK_b, SDLK_b, kCtrl}}, kAnyMode, "Ctrl+B", "q", "q"}});
  ASSERT_EQ(t.conflicts().size(), 1u);
  EXPECT_NE(t.conflicts()[0].find("A–Z"), std::string::npos);
}

TEST(KeyTable, HelpTextAndOverlayListEveryBinding) {
  const KeyTable& t = KeyTable::standard();
  const std::string help = t.help_text();
  std::set<const KeyBinding*> shown;
  for (Mode m : {kDesk, kPresenting})
    for (const KeyBinding* b : t.rows(m)) shown.insert(b);
  for (const KeyBinding& b : t.bindings()) {
    EXPECT_NE(help.find(b.help_en), std::string::npos) << b.help_en;
    EXPECT_NE(help.find(b.keys), std::string::npos) << b.keys;
    EXPECT_TRUE(shown.count(&b)) << b.help_en;
    EXPECT_GT(std::string(b.help_zh).size(), 0u) << b.help_en;
  }
  // The presentation section names the clicker keys.
  const auto present = help.find("presentation mode");
  ASSERT_NE(present, std::string::npos);
  EXPECT_NE(help.find("PageDown → Space Enter", present), std::string::npos);
}

}  // namespace
}  // namespace annals
