// The docked panels (a column right of the map holding the layers, the
// chronicle and the place card, stacked, so no panel covers the map) and
// the UI's words in the language setting.
#include <imgui.h>

#include <map>
#include <string>
#include <utility>

#include "ui_state.h"

namespace annals {

const char* tr(const UiState& s, const char* en, const char* zh) {
  if (s.language == "en") return en;
  if (s.language == "zh") return zh;
  // Both, made once per pair of literals and kept (the UI thread only).
  static std::map<std::pair<const char*, const char*>, std::string> both;
  auto [it, fresh] = both.try_emplace({en, zh});
  if (fresh) {
    const std::string e = en;
    it->second = e.substr(0, e.find("###")) + " " + zh;  // zh carries the same ###id, if any
  }
  return it->second.c_str();
}

void dock_next_window(const UiState& s, DockSlot slot) {
  if (s.dock.width <= 0) return;
  const bool layers = s.show_layers, chronicle = s.show_chronicle && s.dock.has_chronicle,
             card = !s.selected_place.empty();
  // Shares of the column's height, top to bottom.
  const float share_layers = layers ? (chronicle || card ? 0.34f : 1.0f) : 0.0f;
  const float rest = 1.0f - share_layers;
  const float share_card = card ? (chronicle ? rest * 0.45f : rest) : 0.0f;
  const float share_chronicle = chronicle ? rest - share_card : 0.0f;
  float top = 0, share = 0;
  switch (slot) {
    case DockSlot::Layers:
      share = share_layers;
      break;
    case DockSlot::Chronicle:
      top = share_layers;
      share = share_chronicle;
      break;
    case DockSlot::PlaceCard:
      top = share_layers + share_chronicle;
      share = share_card;
      break;
  }
  ImGui::SetNextWindowPos(ImVec2(s.dock.x, s.dock.y + top * s.dock.height), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(s.dock.width, share * s.dock.height), ImGuiCond_Always);
}

}  // namespace annals
