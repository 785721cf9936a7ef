// The chronicle at the current month: each entry's headline, its date in
// every calendar in force, its places (click to fly there), the detail, and
// the commentary (folded), with the source lines it comes from. The text is
// the chronicle's own, with the Private Use Area mapping applied.
#include <imgui.h>

#include "annals/geo/gazetteer.h"
#include "annals/model/calendar.h"
#include "annals/model/chronicle.h"
#include "annals/model/era_date.h"
#include "ui_state.h"

namespace annals {

namespace {
const char* polity_name(const std::string& p) {
  if (p == "song") return "宋";
  if (p == "xia") return "夏";
  if (p == "jin") return "金";
  if (p == "mongol") return "蒙古";
  if (p == "liao") return "辽";
  if (p == "yuan") return "元";
  return p.c_str();
}
}  // namespace

void draw_chronicle_panel(UiState& s, const CampaignModel& model, const CampaignState& state) {
  if (!s.show_chronicle) return;
  const ImGuiIO& io = ImGui::GetIO();
  const float k = ImGui::GetFontSize() / 18.0f;
  if (s.dock.width > 0) {
    dock_next_window(s, DockSlot::Chronicle);
  } else {
    ImGui::SetNextWindowPos(ImVec2(16 * k, 112 * k), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(440 * k, io.DisplaySize.y - 112 * k - 260 * k), ImGuiCond_FirstUseEver);
  }
  if (!ImGui::Begin(("Chronicle " + model.vocabulary().panel_title + " (C)###chronicle").c_str(),
                    &s.show_chronicle)) {
    ImGui::End();
    return;
  }
  const CampaignTimeline& tl = model.timeline();
  ImGui::TextDisabled("%s · %s", tl.label_chinese(state.month).c_str(), tl.label_julian(state.month).c_str());
  if (state.entries.empty()) ImGui::TextWrapped("%s", tr(s, "No entry this month.", "本月无事。"));
  for (const Entry* e : state.entries) {
    ImGui::PushID(e->id.c_str());
    ImGui::Separator();
    ImGui::SetWindowFontScale(1.2f);
    ImGui::TextWrapped("%s", e->headline_normalized.c_str());
    ImGui::SetWindowFontScale(1.0f);

    // The date as written, then in every calendar in force, then Julian.
    if (!e->date.as_written.empty())
      ImGui::TextDisabled("%s%s", e->date.as_written.c_str(),
                          e->date.inherited ? " (month of the entry before)" : "");
    std::string calendars;
    for (const EraDay& d : model.calendar().era_days(e->date.first_jdn, model.reckoning())) {
      EraDate month = d.date;
      month.day.reset();
      month.sexagenary.reset();
      calendars += (calendars.empty() ? "" : " · ") + std::string(polity_name(d.era->polity)) + " " +
                   format_era_date(month);
    }
    if (!calendars.empty()) ImGui::TextWrapped("%s", calendars.c_str());
    ImGui::TextDisabled("Julian %s – %s · JDN %lld–%lld", e->date.first_julian.c_str(),
                        e->date.last_julian.c_str(), static_cast<long long>(e->date.first_jdn),
                        static_cast<long long>(e->date.last_jdn));

    for (const PlaceRef& p : e->places) {
      const Place* place = model.gazetteer().find_by_id(p.id);
      if (!place) continue;
      if (ImGui::SmallButton((place->name + "##" + p.id).c_str())) select_place(s, model.gazetteer(), p.id);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s · %s", place->names.pinyin.c_str(), place->names.english.c_str());
      ImGui::SameLine();
    }
    ImGui::NewLine();
    if (!e->detail_normalized.empty()) ImGui::TextWrapped("%s", e->detail_normalized.c_str());
    if (!e->commentary.empty() &&
        ImGui::TreeNode("commentary", "%s (%zu)", tr(s, "Commentary", "按语"), e->commentary.size())) {
      for (const Commentary& c : e->commentary)
        ImGui::TextWrapped("%s：%s", c.kind.c_str(), c.text_normalized.c_str());
      ImGui::TreePop();
    }
    ImGui::TextDisabled("Source lines %d–%d · %s", e->first_line, e->last_line, e->kind.c_str());
    ImGui::PopID();
  }
  ImGui::End();
}

}  // namespace annals
