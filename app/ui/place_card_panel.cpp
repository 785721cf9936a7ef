// The card of the selected place: its names, where it was and is, how sure
// we are, and on whose authority.
#include <imgui.h>

#include <cstdio>

#include "annals/model/chronicle.h"
#include "timeline_controller.h"
#include "ui_state.h"

namespace annals {

void draw_place_card(UiState& s, const Gazetteer& gazetteer, const CampaignModel* model,
                     TimelineController* timeline) {
  if (s.selected_place.empty()) return;
  const Place* p = gazetteer.find_by_id(s.selected_place);
  if (!p) return;
  const float k = ImGui::GetFontSize() / 18.0f;
  if (s.dock.width > 0) {
    dock_next_window(s, DockSlot::PlaceCard);
  } else {
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x - 400 * k, 16 * k), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(380 * k, 0), ImGuiCond_FirstUseEver);
  }
  bool open = true;
  const std::string title = p->name + "  " + p->names.pinyin + "###placecard";
  if (ImGui::Begin(title.c_str(), &open)) {
    ImGui::TextWrapped("%s", p->names.english.c_str());
    if (p->names.traditional != p->name)
      ImGui::Text("%s %s", tr(s, "Traditional:", "繁体："), p->names.traditional.c_str());
    if (!p->aliases.empty()) {
      std::string aliases;
      for (const auto& a : p->aliases) aliases += (aliases.empty() ? "" : ", ") + a;
      ImGui::TextWrapped("%s %s", tr(s, "Also:", "又名："), aliases.c_str());
    }
    ImGui::Text("Kind 类别: %s · polity 1224: %s", std::string(to_string(p->kind)).c_str(),
                std::string(to_string(p->polity_1224)).c_str());
    ImGui::Separator();
    if (p->located) {
      ImGui::Text("%.3f°N %.3f°E  ±%.0f km  (%s confidence)", p->anchor.lat, p->anchor.lon, p->uncertainty_km,
                  std::string(to_string(p->confidence)).c_str());
    } else {
      ImGui::TextColored(ImVec4(0.6f, 0.2f, 0.1f, 1), "%s", tr(s, "Not located", "未能定位"));
    }
    if (!p->modern_location.empty())
      ImGui::TextWrapped("%s %s", tr(s, "Today:", "今地："), p->modern_location.c_str());
    if (!p->note.empty()) ImGui::TextWrapped("%s", p->note.c_str());
    if (model && timeline) {
      // The chronicle's entries at this place: each moves the timeline there.
      bool any = false;
      for (const Entry& e : model->chronicle().entries) {
        bool here = false;
        for (const PlaceRef& r : e.places) here = here || r.id == p->id;
        if (!here) continue;
        if (!any) ImGui::TextUnformatted(tr(s, "In the chronicle:", "书中所见："));
        any = true;
        const std::string link =
            model->timeline().label_chinese(model->timeline().month_index(model->time_of_entry(e))) + "  " +
            e.headline_normalized + "##" + e.id;
        if (ImGui::Selectable(link.c_str())) {
          timeline->seek(model->time_of_entry(e));
          timeline->set_playing(false);
        }
      }
      if (!any) ImGui::TextDisabled("No entry names this place in a dated headline.");
    }
    if (ImGui::CollapsingHeader(tr(s, "Sources###sources", "出处###sources"))) {
      for (const auto& src : p->sources) {
        ImGui::BulletText("%s", src.work.c_str());
        if (!src.record.empty()) ImGui::TextWrapped("    %s", src.record.c_str());
        if (!src.note.empty()) ImGui::TextWrapped("    %s", src.note.c_str());
      }
    }
    if (p->located && ImGui::Button(tr(s, "Fly here###fly", "飞往###fly"))) select_place(s, gazetteer, p->id);
  }
  ImGui::End();
  if (!open) {
    s.selected_place.clear();
    s.frame.highlight = {};
  }
}

}  // namespace annals
