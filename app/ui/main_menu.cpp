#include <imgui.h>

#include "ui_state.h"

namespace annals {

void draw_main_menu(UiState& s) {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Screenshot", "F12")) s.screenshot_requested = true;
    if (ImGui::MenuItem("Quit", "Esc")) s.quit = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    ImGui::MenuItem("Layers", "L", &s.show_layers);
    if (ImGui::MenuItem("Fullscreen", "F11")) s.toggle_fullscreen = true;
    ImGui::MenuItem("Keys", "F1", &s.show_help);
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

}  // namespace annals
