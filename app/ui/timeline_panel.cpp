// The timeline along the bottom: months as ticks, labelled in the chronicle's
// notation and the Julian calendar, year boundaries, entry markers coloured by
// kind; drag to scrub, click to jump; transport buttons, speed, loop, and a
// box for typing a date. A view over the TimelineController.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "annals/model/chronicle.h"
#include "timeline_controller.h"
#include "ui_state.h"

namespace annals {

ImU32 entry_kind_colour(const std::string& kind) {
  // Okabe–Ito hues again, so the kinds stay apart for colour-blind viewers.
  if (kind == "siege") return IM_COL32(204, 121, 167, 255);
  if (kind == "capture" || kind == "surrender") return IM_COL32(0, 114, 178, 255);
  if (kind == "massacre") return IM_COL32(20, 20, 20, 255);
  if (kind == "battle") return IM_COL32(213, 94, 0, 255);
  if (kind == "movement") return IM_COL32(86, 180, 233, 255);
  if (kind == "diplomacy") return IM_COL32(0, 158, 115, 255);
  if (kind == "death") return IM_COL32(90, 60, 60, 255);
  if (kind == "omen" || kind == "disaster") return IM_COL32(230, 159, 0, 255);
  return IM_COL32(150, 150, 150, 255);
}

void draw_slim_timeline(const TimelineController& tl) {
  const ImGuiIO& io = ImGui::GetIO();
  ImDrawList* d = ImGui::GetForegroundDrawList();
  const float h = std::max(6.0f, io.DisplaySize.y * 0.008f);
  const float y0 = io.DisplaySize.y - h, w = io.DisplaySize.x;
  const double span = std::max(1e-9, tl.end() - tl.start());
  auto x_of = [&](double t) { return static_cast<float>((t - tl.start()) / span) * w; };
  d->AddRectFilled(ImVec2(0, y0), ImVec2(w, io.DisplaySize.y), IM_COL32(28, 22, 18, 200));
  d->AddRectFilled(ImVec2(0, y0), ImVec2(x_of(tl.t()), io.DisplaySize.y), IM_COL32(196, 64, 40, 235));
  for (double t : tl.entry_times())
    d->AddRectFilled(ImVec2(x_of(t) - 1, y0), ImVec2(x_of(t) + 1, y0 + h * 0.5f),
                     IM_COL32(255, 244, 220, 220));
}

float timeline_panel_height(float font_size) { return 132 * font_size / 18.0f; }

void draw_timeline_panel(UiState& s, TimelineController& tl, const CampaignModel& model) {
  const ImGuiIO& io = ImGui::GetIO();
  const float k = ImGui::GetFontSize() / 18.0f;
  const float height = timeline_panel_height(ImGui::GetFontSize());
  ImGui::SetNextWindowPos(ImVec2(0, io.DisplaySize.y - height - ImGui::GetFrameHeight()));
  ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, height));
  ImGui::SetNextWindowBgAlpha(0.92f);
  ImGui::Begin("##timeline", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBringToFrontOnFocus);

  // Transport.
  if (ImGui::Button("|<")) tl.home();
  ImGui::SameLine();
  if (ImGui::Button("<<")) tl.step_entry(-1);
  ImGui::SameLine();
  if (ImGui::Button("<")) tl.step_month(-1);
  ImGui::SameLine();
  if (ImGui::Button(tl.playing() ? tr(s, "Pause###play", "暂停###play") : tr(s, "Play###play", "播放###play"),
                    ImVec2(96 * k, 0)))
    tl.toggle_play();
  ImGui::SameLine();
  if (ImGui::Button(">")) tl.step_month(+1);
  ImGui::SameLine();
  if (ImGui::Button(">>")) tl.step_entry(+1);
  ImGui::SameLine();
  if (ImGui::Button(">|")) tl.go_end();
  ImGui::SameLine();
  float spm = static_cast<float>(tl.seconds_per_month());
  ImGui::SetNextItemWidth(170 * k);
  if (ImGui::SliderFloat(tr(s, "s/month###pace", "每月秒数###pace"), &spm, 0.25f, 8.0f, "%.2f s",
                         ImGuiSliderFlags_Logarithmic))
    tl.set_seconds_per_month(spm);
  ImGui::SameLine();
  ImGui::Checkbox(tr(s, "Loop###loop", "循环###loop"), &tl.loop);
  ImGui::SameLine();
  ImGui::Checkbox(tr(s, "Follow###follow", "跟随###follow"), &s.follow);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(190 * k);
  const bool go = ImGui::InputTextWithHint("##jump", "宝庆二年六月 or 1226-07-15", &s.jump_text,
                                           ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button(tr(s, "Go###go", "跳转###go")) || go) && !s.jump_text.empty()) {
    std::string error;
    s.status = tl.jump(s.jump_text, &error) ? "jumped to " + s.jump_text : error;
  }

  // The track. Months near an entry get full width; long stretches without
  // any (1227–1231, before the epilogue) are compressed and marked with a break.
  const CampaignTimeline& months = model.timeline();
  const int n = months.month_count();
  std::vector<double> pos(static_cast<std::size_t>(n) + 1, 0.0);
  {
    std::vector<char> near(static_cast<std::size_t>(n), 0);
    for (double et : tl.entry_times())
      for (int m = int(et) - 2; m <= int(et) + 2; ++m)
        if (m >= 0 && m < n) near[static_cast<std::size_t>(m)] = 1;
    for (int m = 0; m < n; ++m) pos[m + 1] = pos[m] + (near[m] ? 1.0 : 0.08);
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x, track_h = ImGui::GetContentRegionAvail().y;
  ImGui::InvisibleButton("##track", ImVec2(width, track_h));
  const float x0 = origin.x + 8 * k, x1 = origin.x + width - 8 * k;
  auto x_of = [&](double t) {
    const int m = std::clamp(int(std::floor(t)), 0, n - 1);
    const double u = pos[m] + (t - m) * (pos[m + 1] - pos[m]);
    return float(x0 + (x1 - x0) * u / pos[n]);
  };
  auto t_of = [&](float x) {
    const double u = std::clamp((x - x0) / (x1 - x0), 0.0f, 1.0f) * pos[n];
    const int m = std::clamp(int(std::upper_bound(pos.begin(), pos.end(), u) - pos.begin()) - 1, 0, n - 1);
    return m + (u - pos[m]) / (pos[m + 1] - pos[m]);
  };
  if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0) || ImGui::IsItemClicked())) {
    tl.seek(t_of(io.MousePos.x));
    tl.set_playing(false);
  }

  ImDrawList* d = ImGui::GetWindowDrawList();
  const float base = origin.y + 16 * k;
  d->AddLine(ImVec2(x0, base), ImVec2(x1, base), IM_COL32(90, 80, 70, 255), 1.5f * k);
  const float px_per_month = (x1 - x0) / float(pos[n]);
  float last_label_x = -1e9f;
  for (int m = 0; m < n; ++m) {
    const float x = x_of(m);
    if (pos[m + 1] - pos[m] < 0.5) {
      // A compressed month: a break mark at the start of each compressed run.
      if (m == 0 || pos[m] - pos[m - 1] >= 0.5)
        for (float dx : {-3.0f, 3.0f})
          d->AddLine(ImVec2(x + dx * k - 3 * k, base + 7 * k), ImVec2(x + dx * k + 3 * k, base - 7 * k),
                     IM_COL32(90, 80, 70, 255), 1.5f * k);
      continue;
    }
    const bool year = months.starts_year(m);
    d->AddLine(ImVec2(x, base - (year ? 9 : 4) * k), ImVec2(x, base + (year ? 9 : 4) * k),
               IM_COL32(90, 80, 70, year ? 255 : 150), (year ? 2.0f : 1.0f) * k);
    // Labels where there is room: every year start, and months when zoomed wide.
    if ((year || px_per_month > 70 * k) && x - last_label_x > 120 * k) {
      d->AddText(ImVec2(x + 3 * k, base + 10 * k), IM_COL32(60, 40, 30, 255),
                 months.label_chinese(m).c_str());
      d->AddText(ImVec2(x + 3 * k, base + 10 * k + ImGui::GetFontSize()), IM_COL32(110, 100, 90, 255),
                 months.label_julian(m).c_str());
      last_label_x = x;
    }
  }
  // Entry markers, coloured by kind; hovering shows the headline.
  for (const Entry& e : model.chronicle().entries) {
    const float x = x_of(model.time_of_entry(e) + 0.5);
    const ImVec2 c(x, base - 8 * k);
    d->AddCircleFilled(c, 4.5f * k, entry_kind_colour(e.kind), 12);
    if (ImGui::IsMouseHoveringRect(ImVec2(c.x - 5 * k, c.y - 5 * k), ImVec2(c.x + 5 * k, c.y + 5 * k)))
      ImGui::SetTooltip("%s\n%s · %s", e.headline_normalized.c_str(), e.date.as_written.c_str(),
                        e.kind.c_str());
  }
  // The cursor.
  const float cx = x_of(tl.t());
  d->AddLine(ImVec2(cx, origin.y), ImVec2(cx, origin.y + track_h), IM_COL32(170, 40, 20, 255), 2.5f * k);
  d->AddTriangleFilled(ImVec2(cx - 7 * k, origin.y), ImVec2(cx + 7 * k, origin.y),
                       ImVec2(cx, origin.y + 9 * k), IM_COL32(170, 40, 20, 255));
  ImGui::End();
}

}  // namespace annals
