#include "key_table.h"

#include <SDL_keycode.h>

#include <sstream>

namespace annals {

namespace {

KeyChord key(int k, unsigned mods = kNoMod) { return KeyChord{k, k, mods}; }

// Presentation clickers send PageDown/PageUp (some → ←, Space, Enter or B
// for a blank screen); the desk keeps ← → for months and Space for play.
std::vector<KeyBinding> standard_bindings() {
  return {
      {Action::NextEntry,
       {key(SDLK_PAGEDOWN), key(SDLK_RIGHT), key(SDLK_SPACE), key(SDLK_RETURN), key(SDLK_KP_ENTER)},
       kPresenting,
       "PageDown → Space Enter",
       "next entry (a presenter's clicker)",
       "下一条"},
      {Action::PrevEntry,
       {key(SDLK_PAGEUP), key(SDLK_LEFT), key(SDLK_BACKSPACE)},
       kPresenting,
       "PageUp ← Backspace",
       "previous entry",
       "上一条"},
      {Action::JumpToYear,
       {KeyChord{SDLK_1, SDLK_9}},
       kPresenting,
       "1–9",
       "start of the campaign's first, second… year",
       "跳至第一、二…年之初"},
      {Action::Blank,
       {key(SDLK_b), key(SDLK_PERIOD)},
       kPresenting,
       "B .",
       "blank the screen, and back",
       "黑屏"},
      {Action::Autoplay, {key(SDLK_a)}, kPresenting, "A", "autoplay at the set pace", "自动播放"},
      {Action::Spotlight,
       {key(SDLK_s)},
       kPresenting,
       "S",
       "spotlight: dim all but the entry's places",
       "聚焦本条地点"},
      {Action::PlayPause, {key(SDLK_SPACE)}, kDesk, "Space", "play / pause the campaign", "播放 / 暂停"},
      {Action::NextMonth, {key(SDLK_RIGHT)}, kDesk, "→", "next month", "下一月"},
      {Action::PrevMonth, {key(SDLK_LEFT)}, kDesk, "←", "previous month", "上一月"},
      {Action::NextEntry,
       {key(SDLK_PAGEDOWN)},
       kDesk,
       "PageDown",
       "next entry (a presenter's clicker)",
       "下一条"},
      {Action::PrevEntry, {key(SDLK_PAGEUP)}, kDesk, "PageUp", "previous entry", "上一条"},
      {Action::FirstMonth, {key(SDLK_HOME)}, kAnyMode, "Home", "first month", "首月"},
      {Action::LastMonth, {key(SDLK_END)}, kAnyMode, "End", "last month", "末月"},
      {Action::ToggleChronicle, {key(SDLK_c)}, kDesk, "C", "chronicle panel", "史文"},
      {Action::ToggleLayers, {key(SDLK_l)}, kDesk, "L", "layers panel", "图层"},
      {Action::NextProjection, {key(SDLK_p)}, kDesk, "P", "next projection", "换投影"},
      {Action::Find, {key(SDLK_f, kCtrl)}, kDesk, "Ctrl+F", "find a place and fly there", "查找地名"},
      {Action::NextLanguage,
       {key(SDLK_t)},
       kAnyMode,
       "T",
       "language: Chinese, Chinese with pinyin, English",
       "语言：中文、中文加拼音、英文"},
      // + is Shift and = on most keyboards.
      {Action::ZoomIn,
       {key(SDLK_PLUS), key(SDLK_PLUS, kShift), key(SDLK_EQUALS), key(SDLK_EQUALS, kShift),
        key(SDLK_KP_PLUS)},
       kAnyMode,
       "+",
       "zoom in",
       "放大"},
      {Action::ZoomOut, {key(SDLK_MINUS), key(SDLK_KP_MINUS)}, kAnyMode, "−", "zoom out", "缩小"},
      {Action::PanUp, {key(SDLK_UP)}, kAnyMode, "↑", "pan north (or drag)", "向北移"},
      {Action::PanDown, {key(SDLK_DOWN)}, kAnyMode, "↓", "pan south", "向南移"},
      {Action::PanLeft, {key(SDLK_LEFT, kShift)}, kAnyMode, "Shift+←", "pan west", "向西移"},
      {Action::PanRight, {key(SDLK_RIGHT, kShift)}, kAnyMode, "Shift+→", "pan east", "向东移"},
      {Action::WholeCampaign, {key(SDLK_0)}, kAnyMode, "0", "whole campaign", "全图"},
      {Action::GoToBookmark, {KeyChord{SDLK_1, SDLK_9}}, kDesk, "1–9", "return to a saved view", "回到书签"},
      {Action::SaveBookmark,
       {KeyChord{SDLK_1, SDLK_9, kCtrl}},
       kAnyMode,
       "Ctrl+1–9",
       "save the view as a bookmark",
       "存书签"},
      {Action::Present, {key(SDLK_F5)}, kAnyMode, "F5", "presentation mode on / off", "演示模式"},
      {Action::Fullscreen, {key(SDLK_F11)}, kDesk, "F11", "fullscreen", "全屏"},
      {Action::Screenshot,
       {key(SDLK_F12)},
       kAnyMode,
       "F12",
       "screenshot (PNG, the same renderer as export)",
       "截图"},
      {Action::Export, {key(SDLK_e, kCtrl)}, kDesk, "Ctrl+E", "export frames or a video", "导出"},
      {Action::OpenCampaign, {key(SDLK_o, kCtrl)}, kDesk, "Ctrl+O", "open another campaign", "打开战役"},
      {Action::Help,
       {key(SDLK_F1), key(SDLK_SLASH, kShift), key(SDLK_QUESTION), key(SDLK_QUESTION, kShift)},
       kAnyMode,
       "F1 ?",
       "these keys",
       "按键"},
      {Action::Back,
       {key(SDLK_ESCAPE)},
       kAnyMode,
       "Esc",
       "close what is open; leave presentation mode",
       "关闭 / 退出演示"},
      {Action::Quit, {key(SDLK_q, kCtrl)}, kAnyMode, "Ctrl+Q", "quit (or close the window)", "退出"},
  };
}

bool matches(const KeyChord& c, int key, unsigned mods) {
  return key >= c.first_key && key <= c.last_key && mods == c.mods;
}

}  // namespace

const KeyTable& KeyTable::standard() {
  static const KeyTable table(standard_bindings());
  return table;
}

KeyTable::KeyTable(std::vector<KeyBinding> bindings) : bindings_(std::move(bindings)) {}

std::optional<KeyPress> KeyTable::lookup(int key, unsigned mods, Mode mode) const {
  // The first binding that matches wins: presentation's rows come first, so
  // a clicker's → steps entries there and months at the desk.
  for (const KeyBinding& b : bindings_) {
    if (!(b.modes & mode)) continue;
    for (const KeyChord& c : b.chords)
      if (matches(c, key, mods))
        return KeyPress{b.action, c.first_key == c.last_key ? 0 : key - c.first_key + 1};
  }
  return std::nullopt;
}

std::vector<const KeyBinding*> KeyTable::rows(Mode mode) const {
  std::vector<const KeyBinding*> out;
  for (const KeyBinding& b : bindings_)
    if (b.modes & mode) out.push_back(&b);
  return out;
}

std::string KeyTable::help_text() const {
  std::ostringstream out;
  for (const auto& [mode, title] : {std::pair{kDesk, "Keys at the desk:"},
                                    std::pair{kPresenting, "Keys in presentation mode (--present or F5):"}}) {
    out << title << "\n";
    for (const KeyBinding* b : rows(mode)) {
      std::string keys = b->keys;
      // Pad by code points, not bytes: the arrows are three bytes each.
      std::size_t width = 0;
      for (unsigned char ch : keys) width += (ch & 0xC0) != 0x80;
      out << "  " << keys << std::string(width < 24 ? 24 - width : 1, ' ') << b->help_en << "\n";
    }
  }
  return out.str();
}

std::vector<std::string> KeyTable::conflicts() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < bindings_.size(); ++i)
    for (std::size_t j = i + 1; j < bindings_.size(); ++j) {
      const KeyBinding &a = bindings_[i], &b = bindings_[j];
      if (!(a.modes & b.modes)) continue;
      for (const KeyChord& x : a.chords)
        for (const KeyChord& y : b.chords)
          if (x.mods == y.mods && x.first_key <= y.last_key && y.first_key <= x.last_key)
            out.push_back(std::string(a.keys) + " (" + a.help_en + ") and " + b.keys + " (" + b.help_en +
                          ")");
    }
  return out;
}

}  // namespace annals
