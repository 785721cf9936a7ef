#include <imgui.h>

#include <string>
#include <string_view>
#include <utility>

#include "key_table.h"
#include "ui_state.h"

namespace annals {

namespace {
struct ProjectionRow {
  const char* id;
  const char* label;
};
constexpr ProjectionRow kProjections[] = {
    {"albers", "Albers equal-area conic"},
    {"lcc", "Lambert conformal conic"},
    {"eqc", "Equirectangular"},
    {"webmerc", "Web Mercator"},
    {"aeqd", "Azimuthal equidistant (on the selected place)"},
};
}  // namespace

void draw_projection_combo(UiState& s) {
  for (const auto& p : kProjections) {
    if (s.projection != p.id) continue;
    ImGui::TextUnformatted(tr(s, "Projection (P)", "投影 (P)"));
    if (ImGui::BeginCombo("##projection", p.label)) {
      for (const auto& q : kProjections)
        if (ImGui::Selectable(q.label, s.projection == q.id)) s.projection = q.id;
      ImGui::EndCombo();
    }
  }
}

void cycle_projection(UiState& s) {
  const std::size_t n = sizeof kProjections / sizeof kProjections[0];
  for (std::size_t i = 0; i < n; ++i)
    if (s.projection == kProjections[i].id) {
      s.projection = kProjections[(i + 1) % n].id;
      return;
    }
  s.projection = kProjections[0].id;
}

namespace {
// A switch's label: its name in every label language, "地形 Relief".
std::string switch_label(const LayerSwitch& layer) {
  std::string label;
  for (std::string_view language : kLabelLanguages) {
    const auto it = layer.names.find(std::string(language));
    if (it != layer.names.end()) label += (label.empty() ? "" : " ") + it->second;
  }
  return label + "##" + layer.id;
}
}  // namespace

void draw_layers_panel(UiState& s, const Scene& scene) {
  if (!s.show_layers) return;
  const float k = ImGui::GetFontSize() / 18.0f;
  if (s.dock.width > 0) {
    dock_next_window(s, DockSlot::Layers);
  } else {
    ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x - 310 * k, 16 * k), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(294 * k, 0), ImGuiCond_FirstUseEver);
  }
  if (ImGui::Begin(tr(s, "Layers###layers", "图层###layers"), &s.show_layers)) {
    // One switch per layer of the scene, as the base map's layers.json names them.
    for (const LayerSwitch& layer : scene.switches) {
      auto it = s.frame.layers.find(layer.id);
      bool on = it == s.frame.layers.end() ? layer.on_by_default : it->second;
      if (ImGui::Checkbox(switch_label(layer).c_str(), &on)) s.frame.layers[layer.id] = on;
    }
    ImGui::Separator();
    ImGui::Checkbox(tr(s, "Place names", "地名"), &s.frame.overlay.place_labels);
    {
      // The language setting: what the second line of each label says.
      int second = static_cast<int>(s.frame.overlay.second_line);
      ImGui::TextUnformatted(tr(s, "Second line:", "第二行："));
      ImGui::RadioButton(tr(s, "Pinyin", "拼音"), &second, 0);
      ImGui::SameLine();
      ImGui::RadioButton(tr(s, "English", "英文"), &second, 1);
      ImGui::SameLine();
      ImGui::RadioButton(tr(s, "None", "无"), &second, 2);
      s.frame.overlay.second_line = static_cast<OverlayOptions::SecondLine>(second);
    }
    ImGui::Checkbox(tr(s, "Title", "标题"), &s.frame.overlay.title);
    ImGui::Checkbox(tr(s, "Scale bar, north arrow", "比例尺"), &s.frame.overlay.scale_bar);
    s.frame.overlay.north_arrow = s.frame.overlay.scale_bar;
    ImGui::Separator();
    draw_projection_combo(s);
    ImGui::Separator();
    if (ImGui::Button("Screenshot F12")) s.screenshot_requested = true;
    ImGui::SameLine();
    if (ImGui::Button("Fullscreen F11")) s.toggle_fullscreen = true;
    ImGui::SameLine();
    if (ImGui::Button("Keys F1")) s.show_help = !s.show_help;
  }
  ImGui::End();
}

void draw_help_panel(UiState& s) {
  if (!s.show_help) return;
  ImGui::SetNextWindowPos(ImVec2(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.5f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  const char* title = s.presenting ? tr(s, "Keys in presentation mode###keys", "演示模式按键###keys")
                                   : tr(s, "Keys###keys", "按键###keys");
  if (ImGui::Begin(title, &s.show_help, ImGuiWindowFlags_AlwaysAutoResize)) {
    // The same table that handles the keys: the help cannot go stale.
    for (const KeyBinding* b : KeyTable::standard().rows(s.presenting ? kPresenting : kDesk)) {
      ImGui::TextUnformatted(b->keys);
      ImGui::SameLine(190 * ImGui::GetFontSize() / 18.0f);
      if (s.language == "zh-pinyin") {
        ImGui::TextUnformatted(b->help_en);
        ImGui::SameLine();
        ImGui::TextDisabled("%s", b->help_zh);
      } else {
        ImGui::TextUnformatted(s.language == "en" ? b->help_en : b->help_zh);
      }
    }
  }
  ImGui::End();
}

void draw_status_bar(const UiState& s, float fps) {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float h = ImGui::GetFrameHeight();
  ImGui::SetNextWindowPos(ImVec2(0, size.y - h));
  ImGui::SetNextWindowSize(ImVec2(size.x * 0.6f, h));
  ImGui::SetNextWindowBgAlpha(0.0f);
  ImGui::Begin("##status", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
  ImGui::Text("%.0f fps  %s", static_cast<double>(fps), s.status.c_str());
  ImGui::End();
}

}  // namespace annals
