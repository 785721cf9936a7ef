// What the UI shows and toggles. The panels read and write this; they own no
// data of their own (the immediate-mode rule).
#pragma once

#include <string>

#include "annals/render/frame_renderer.h"

namespace annals {

struct UiState {
  FrameState frame;           // camera, layers, overlay switches: what the map draws
  bool show_layers = true;    // the Layers panel
  bool show_help = false;     // the keys overlay
  bool quit = false;
  bool screenshot_requested = false;
  bool toggle_fullscreen = false;
  std::string status;         // one line at the bottom: last screenshot, warnings
  std::string projection;     // the projection asked for; the viewer switches when it differs
};

// Panels: each in its own file, each a function of the state.
void draw_layers_panel(UiState& state);
void draw_projection_combo(UiState& state);
void cycle_projection(UiState& state);
void draw_help_panel(UiState& state);
void draw_status_bar(const UiState& state, float fps);

}  // namespace annals
