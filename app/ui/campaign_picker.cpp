// The campaign picker (Ctrl+O): the campaigns under the data folder and those
// opened before, each with its title, years and entries; choosing one asks
// the viewer to open it. A view over UiState::picker_campaigns.
#include <imgui.h>

#include <string>

#include "ui_state.h"

namespace annals {

void draw_campaign_picker(UiState& s) {
  if (!s.show_picker) return;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.35f), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  if (ImGui::Begin(tr(s, "Open a campaign (Ctrl+O)###picker", "打开战役 (Ctrl+O)###picker"), &s.show_picker,
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse)) {
    if (s.picker_campaigns.empty()) ImGui::TextUnformatted(tr(s, "No campaigns found.", "未找到战役。"));
    for (const CampaignSummary& c : s.picker_campaigns) {
      ImGui::PushID(c.dir.string().c_str());
      const std::string years =
          c.entries ? std::to_string(c.first_year) + "–" + std::to_string(c.last_year) : "";
      const std::string line = c.title_zh + "  " + c.title_en;
      if (ImGui::Selectable(line.c_str(), false, 0, ImVec2(0, 0))) s.open_campaign = c.dir;
      ImGui::SameLine(0, 24);
      ImGui::TextDisabled("%s · %zu %s · %s", years.c_str(), c.entries, tr(s, "entries", "条"), c.id.c_str());
      ImGui::PopID();
    }
    for (const std::string& p : s.picker_problems)
      ImGui::TextColored(ImVec4(0.6f, 0.2f, 0.1f, 1), "%s", p.c_str());
  }
  ImGui::End();
}

}  // namespace annals
