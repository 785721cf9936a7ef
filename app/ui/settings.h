// What the viewer remembers between runs: pace, language, theme, display,
// spotlight, the window and its panels. One JSON file per user,
// $XDG_CONFIG_HOME/annals/settings.json (default ~/.config/annals/), written
// atomically. A file that cannot be read is reported once and replaced by
// defaults; it never stops the viewer.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace annals {

struct Settings {
  double seconds_per_month = 2.0;      // playback and autoplay pace, 0.25–8
  std::string language = "zh-pinyin";  // labels and UI: zh, zh-pinyin or en
  std::string theme = "paper";         // paper (the desk) or projector (presentation's)
  int display = 0;                     // the display presentation mode fills
  bool spotlight = false;              // presentation: dim all but the entry's places
  double title_card_seconds = 6.0;     // how long an entry's title card holds, 2–30
  struct Window {
    int x = -1, y = -1;         // -1: centred
    int width = 0, height = 0;  // 0: fit the display
    bool maximized = false;
  } window;
  bool show_chronicle = true;
  bool show_layers = false;
  bool show_companions = true;  // the chronicle panel's "Also in …" sections: other chronicles of the month
  float sidebar_fraction = 0.3f;              // the docked panels' share of the window's width
  std::vector<std::string> recent_campaigns;  // folders opened, newest first (the picker lists them)
};

// The languages, in the order T cycles through them.
const std::vector<std::string>& settings_languages();

// $XDG_CONFIG_HOME/annals/settings.json, or ~/.config/annals/settings.json.
std::filesystem::path default_settings_path();

struct LoadedSettings {
  Settings settings;
  // Empty when the file was read whole (or is absent). Otherwise what was
  // wrong, naming the file and the key: the defaults were used for that key
  // (or for everything, when the file is not JSON).
  std::vector<std::string> problems;
};
LoadedSettings load_settings(const std::filesystem::path& path);

// Writes atomically, making the folder if need be. Throws DataError naming
// the path when it cannot.
void save_settings(const std::filesystem::path& path, const Settings& settings);

}  // namespace annals
