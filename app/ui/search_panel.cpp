// Ctrl+F: find a place by any name form (characters, pinyin with or without
// tones, English) and fly to it. The ranking is the gazetteer's.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "ui_state.h"

namespace annals {

void select_place(UiState& s, const Gazetteer& gazetteer, const std::string& id) {
  const Place* p = gazetteer.find_by_id(id);
  if (!p) return;
  s.selected_place = id;
  s.frame.highlight = {p->located, p->anchor, p->uncertainty_km};
  if (p->located) {
    s.fly_to = p->anchor;
    // Frame the place with room around it: its uncertainty, and at least a
    // few hundred kilometres of context.
    s.fly_span_km = std::max(350.0, 8 * p->uncertainty_km);
  }
}

void draw_search_panel(UiState& s, const Gazetteer& gazetteer) {
  if (!s.show_search) return;
  const float k = ImGui::GetFontSize() / 18.0f;
  ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.5f, 60 * k), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(420 * k, 0), ImGuiCond_Always);
  if (!ImGui::Begin(tr(s, "Find a place (Ctrl+F)###find", "查找地名 (Ctrl+F)###find"), &s.show_search,
                    ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  if (s.focus_search) {
    ImGui::SetKeyboardFocusHere();
    s.focus_search = false;
  }
  ImGui::SetNextItemWidth(-1);
  const bool enter = ImGui::InputTextWithHint("##query", "灵州, lingzhou, Língzhōu, Khara-Khoto …",
                                              &s.search_query, ImGuiInputTextFlags_EnterReturnsTrue);
  const auto results =
      s.search_query.empty() ? std::vector<SearchResult>{} : gazetteer.search(s.search_query, 8);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Place& p = *results[i].place;
    const std::string row = p.name + "  " + p.names.pinyin + "  ·  " + p.names.english +
                            (p.located ? "" : "  (unlocated)") + "##" + p.id;
    if (ImGui::Selectable(row.c_str(), i == 0) || (enter && i == 0)) {
      select_place(s, gazetteer, p.id);
      s.show_search = false;
    }
  }
  if (!s.search_query.empty() && results.empty()) ImGui::TextDisabled("no place matches");
  ImGui::End();
}

}  // namespace annals
