// Every key the viewer answers to, in one table: the action, the keys, the
// modes it works in and its help text. The key handling, the keys overlay
// (F1 or ?) and `annals view --help` are all made from this table, so they
// cannot disagree. No window needed: unit-tested on its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace annals {

enum class Action {
  PlayPause,
  NextMonth,
  PrevMonth,
  NextEntry,
  PrevEntry,
  FirstMonth,
  LastMonth,
  JumpToYear,  // argument: 1 for the campaign's first year, 2 for its second…
  ToggleChronicle,
  ToggleLayers,
  NextProjection,
  Find,
  NextLanguage,
  Fullscreen,
  Present,
  Blank,
  Autoplay,
  Spotlight,
  Screenshot,
  Export,
  OpenCampaign,  // the campaign picker
  Help,
  Back,  // Esc: closes what is open, leaves presentation; never quits
  Quit,
  ZoomIn,
  ZoomOut,
  PanUp,
  PanDown,
  PanLeft,
  PanRight,
  WholeCampaign,
  SaveBookmark,  // argument: the slot, 1–9
  GoToBookmark,
};

// Where a key works: the desk view, presentation mode, or both.
enum Mode : unsigned { kDesk = 1u, kPresenting = 2u, kAnyMode = 3u };

// Modifier bits a chord requires exactly (others are ignored: Caps Lock…).
enum Modifier : unsigned { kNoMod = 0u, kCtrl = 1u, kShift = 2u, kAlt = 4u };

// A key or a run of keys (1–9) with its modifiers. Keys are SDL keycodes
// (SDL_Keycode values), kept as ints so this header needs no SDL.
struct KeyChord {
  int first_key;
  int last_key;  // == first_key for a single key
  unsigned mods = kNoMod;
};

struct KeyBinding {
  Action action;
  std::vector<KeyChord> chords;
  unsigned modes;
  const char* keys;  // how the help writes the keys, e.g. "PageDown → Space Enter"
  const char* help_en;
  const char* help_zh;
};

struct KeyPress {
  Action action;
  int argument = 0;  // the digit for JumpToYear and bookmarks
};

class KeyTable {
 public:
  // The viewer's keys.
  static const KeyTable& standard();
  explicit KeyTable(std::vector<KeyBinding> bindings);

  // The action a key press makes in `mode`, if any. `mods` are Modifier bits.
  std::optional<KeyPress> lookup(int key, unsigned mods, Mode mode) const;
  const std::vector<KeyBinding>& bindings() const { return bindings_; }
  // The rows the keys overlay shows in `mode`: keys and help.
  std::vector<const KeyBinding*> rows(Mode mode) const;
  // The keys as `annals view --help` lists them, desk and presentation.
  std::string help_text() const;
  // Chords bound to two actions in one mode, described; empty when none.
  std::vector<std::string> conflicts() const;

 private:
  std::vector<KeyBinding> bindings_;
};

}  // namespace annals
