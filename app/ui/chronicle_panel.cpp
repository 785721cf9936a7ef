// The chronicle at the current month: each entry's headline, its date in
// every calendar in force, its places (click to fly there), the detail, and
// the commentary (folded), with the source lines it comes from. The text is
// the chronicle's own, with the Private Use Area mapping applied.
//
// Below them, for each other chronicle that covers some of the same days
// (companion_chronicle.h), a folding section "Also in <its panel title>":
// its entries that share a day with this month, each with its date in its
// own notation, its headline as written and, in English or both languages,
// its gloss.
#include <imgui.h>

#include "annals/geo/gazetteer.h"
#include "annals/model/calendar.h"
#include "annals/model/chronicle.h"
#include "annals/model/companion_chronicle.h"
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

void text_disabled_wrapped(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

// The other chronicles' entries for the days of `month`: asked for the first
// time the panel is drawn, read on the viewer's worker, shown once in.
void draw_companions(UiState& s, const CampaignTimeline& tl, int month) {
  if (!s.companions) {
    s.companions_wanted = true;
    if (s.companions_loading) {
      ImGui::Spacing();
      ImGui::TextDisabled("%s", tr(s, "Reading the other chronicles…", "正在读取他书…"));
    }
    return;
  }
  if (tl.month_count() == 0) return;
  const LunarMonth& m = tl.month(month);
  const bool gloss = s.language != "zh";
  for (std::size_t i = 0; i < s.companions->chronicles.size(); ++i) {
    const CompanionChronicle& c = s.companions->chronicles[i];
    const std::vector<CompanionEntry> list = companion_entries_between(c, m.first_jdn, m.last_jdn());
    ImGui::Spacing();
    const std::string label = std::string(tr(s, "Also in", "又见于")) + " " + c.panel_title + " (" +
                              std::to_string(list.size()) + ")###companion" + std::to_string(i);
    // One switch for every section, remembered in settings.json.
    ImGui::SetNextItemOpen(s.show_companions, ImGuiCond_Always);
    s.show_companions = ImGui::CollapsingHeader(label.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s · %s", c.title_zh.c_str(), c.title_en.c_str());
    if (!s.show_companions) continue;
    if (list.empty()) ImGui::TextDisabled("%s", tr(s, "Nothing on these days.", "此月无载。"));
    for (const CompanionEntry& ce : list) {
      const Entry& e = *ce.entry;
      if (&ce != &list.front()) ImGui::Spacing();
      ImGui::PushID(static_cast<int>(i));
      ImGui::PushID(e.id.c_str());
      std::string when = std::string(ce.date) + " · " + e.date.first_julian;
      if (e.date.last_julian != e.date.first_julian) when += " – " + e.date.last_julian;
      if (ce.precision == DatePrecision::Season) when += std::string(" · ") + tr(s, "the season", "一季");
      if (ce.precision == DatePrecision::Year) when += std::string(" · ") + tr(s, "the whole year", "全年");
      text_disabled_wrapped(when);
      ImGui::TextWrapped("%s", e.headline_normalized.c_str());
      if (gloss && !e.gloss.empty()) text_disabled_wrapped(e.gloss);
      ImGui::PopID();
      ImGui::PopID();
    }
  }
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
  draw_companions(s, tl, state.month);
  ImGui::End();
}

}  // namespace annals
