// The Export dialog (Ctrl+E): the same options as `annals export`, filled in
// with the current view and the map's size in the window; a progress bar with
// the ETA and Cancel while the viewer loop runs the job between its frames.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui_state.h"

namespace annals {

namespace {

// ImGui 1.86 edits text in a fixed buffer: a path or a date fits in 512 bytes.
void edit_text(const char* label, std::string& text) {
  char buf[512];
  std::snprintf(buf, sizeof buf, "%s", text.c_str());
  if (ImGui::InputText(label, buf, sizeof buf)) text = buf;
}

}  // namespace

void draw_export_panel(UiState& s) {
  ExportForm& f = s.export_form;
  if (!f.show) return;
  ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.4f),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (ImGui::Begin(tr(s, "Export###export", "导出###export"), &f.show, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::BeginDisabled(f.running);
    edit_text("Folder (PNG frames, manifest.json)", f.folder);
    int size[2] = {f.width, f.height};
    if (ImGui::InputInt2("Size (pixels)", size)) {
      f.width = std::clamp(size[0], 16, 16384);
      f.height = std::clamp(size[1], 16, 16384);
    }
    ImGui::InputInt("Frames per second", &f.fps);
    f.fps = std::clamp(f.fps, 1, 240);
    ImGui::InputFloat("Seconds per month", &f.month_seconds, 0.5f, 1.0f, "%.2f");
    f.month_seconds = std::clamp(f.month_seconds, 0.05f, 600.0f);
    edit_text("From (e.g. 宝庆二年二月; empty: start)", f.from);
    edit_text("To (empty: end)", f.to);
    edit_text("Video (.mp4 .webm .gif; empty: none)", f.video);
    if (!f.video.empty()) ImGui::Checkbox("Keep the PNG frames too", &f.keep_frames);
    ImGui::Checkbox("Follow each month's places", &f.follow);
    ImGui::TextDisabled("The current view, layers and labels are exported as shown.");
    ImGui::EndDisabled();

    if (f.running) {
      const ExportProgress& p = f.progress;
      const float share = p.total > 0 ? static_cast<float>(p.done) / static_cast<float>(p.total) : 0.0f;
      char label[96];
      std::snprintf(label, sizeof label, "%d/%d  %.1f frames/s  ETA %.0f s", p.done, p.total,
                    p.frames_per_second, p.eta_seconds);
      ImGui::ProgressBar(share, ImVec2(-1, 0), label);
      if (ImGui::Button("Cancel")) f.cancel_requested = true;
    } else if (ImGui::Button("Export (Enter)") ||
               (ImGui::IsWindowFocused() && !ImGui::GetIO().WantTextInput &&
                ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false))) {
      f.start_requested = true;
    }
    if (!f.message.empty()) ImGui::TextWrapped("%s", f.message.c_str());
  }
  ImGui::End();
}

}  // namespace annals
