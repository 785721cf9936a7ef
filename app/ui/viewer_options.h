// What `annals view` was asked to open, and how.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace annals {

struct ViewerOptions {
  std::filesystem::path campaign_dir;
  std::optional<std::string> projection;
  std::optional<std::filesystem::path> dem;
  int width = 0, height = 0;  // window size in screen coordinates; 0: remembered, else fit the display
  bool fullscreen = false;
  bool present = false;             // start in presentation mode
  std::optional<int> display;       // the display presentation mode fills (default: remembered, else 0)
  std::optional<std::string> lang;  // zh, zh-pinyin or en (default: remembered, else zh-pinyin)
  // The per-user settings file; empty: $XDG_CONFIG_HOME/annals/settings.json.
  std::filesystem::path settings_file;
  float ui_scale = 1.0f;  // multiplies the display's pixel ratio: 1.5–2 for a projector
  std::filesystem::path screenshot_dir = ".";
  // Print "annals: input N key K" for each key pressed, "annals: input N
  // button up" for each mouse button released, and "annals: idle after input
  // N, frame F" each time the window has drawn all that its input asked for
  // and waits: scripts that drive it (the GUI test) wait for these lines
  // instead of sleeping.
  bool log_idle = false;
};

// How the viewer ended: its exit code, and the campaign chosen in its picker
// (Ctrl+O), which the caller opens next.
struct ViewerExit {
  int code = 0;
  std::optional<std::filesystem::path> open_next;
};
// Opens the window and runs until it is closed or another campaign is chosen.
ViewerExit run_viewer(const ViewerOptions& options);

}  // namespace annals
