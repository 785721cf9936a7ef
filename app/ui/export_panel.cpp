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
    // Labels in the UI's language; the ###ids keep each field's state when
    // the language changes.
    edit_text(
        tr(s, "Folder (PNG frames, manifest.json)###folder", "文件夹（PNG 帧与 manifest.json）###folder"),
        f.folder);
    int size[2] = {f.width, f.height};
    if (ImGui::InputInt2(tr(s, "Size (pixels)###size", "尺寸（像素）###size"), size)) {
      f.width = std::clamp(size[0], 16, 16384);
      f.height = std::clamp(size[1], 16, 16384);
    }
    ImGui::InputInt(tr(s, "Frames per second###fps", "每秒帧数###fps"), &f.fps);
    f.fps = std::clamp(f.fps, 1, 240);
    ImGui::InputFloat(tr(s, "Seconds per month###pace", "每月秒数###pace"), &f.month_seconds, 0.5f, 1.0f,
                      "%.2f");
    f.month_seconds = std::clamp(f.month_seconds, 0.05f, 600.0f);
    edit_text(tr(s, "From (an era date or 1226-03-01; empty: start)###from",
                 "起（年号纪日或 1226-03-01；空则从头）###from"),
              f.from);
    edit_text(tr(s, "To (empty: end)###to", "止（空则到尾）###to"), f.to);
    edit_text(
        tr(s, "Video (.mp4 .webm .gif; empty: none)###video", "视频（.mp4 .webm .gif；空则不出）###video"),
        f.video);
    if (!f.video.empty())
      ImGui::Checkbox(tr(s, "Keep the PNG frames too###keep", "同时保留 PNG 帧###keep"), &f.keep_frames);
    ImGui::Checkbox(tr(s, "Follow each month's places###follow", "镜头随每月地点移动###follow"), &f.follow);
    ImGui::TextDisabled("%s", tr(s, "The current view, layers and labels are exported as shown.",
                                 "按当前视图、图层与标注导出。"));
    ImGui::EndDisabled();

    if (f.running) {
      const ExportProgress& p = f.progress;
      const float share = p.total > 0 ? static_cast<float>(p.done) / static_cast<float>(p.total) : 0.0f;
      char label[96];
      std::snprintf(label, sizeof label,
                    tr(s, "%d/%d  %.1f frames/s  ETA %.0f s", "%d/%d  %.1f 帧/秒  剩余 %.0f 秒"), p.done,
                    p.total, p.frames_per_second, p.eta_seconds);
      ImGui::ProgressBar(share, ImVec2(-1, 0), label);
      if (ImGui::Button(tr(s, "Cancel###cancel", "取消###cancel"))) f.cancel_requested = true;
    } else if (ImGui::Button(tr(s, "Export (Enter)###start", "导出（回车）###start")) ||
               (ImGui::IsWindowFocused() && !ImGui::GetIO().WantTextInput &&
                ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false))) {
      f.start_requested = true;
    }
    if (!f.message.empty()) ImGui::TextWrapped("%s", f.message.c_str());
  }
  ImGui::End();
}

}  // namespace annals
