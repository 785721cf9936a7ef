#include "annals/render/frame_renderer.h"

#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

namespace annals {

namespace {
// Switches ImGui's current context for a scope and restores the caller's.
struct ContextScope {
  ImGuiContext* previous;
  explicit ContextScope(ImGuiContext* c) : previous(ImGui::GetCurrentContext()) { ImGui::SetCurrentContext(c); }
  ~ContextScope() { ImGui::SetCurrentContext(previous); }
};
}  // namespace

FrameRenderer::FrameRenderer(const Scene& scene, const FontFile& font,
                             std::shared_ptr<const std::vector<unsigned char>> font_bytes, const GlyphSet& extra)
    : scene_(scene), font_(font), font_bytes_(std::move(font_bytes)), glyphs_(extra), map_(std::make_unique<MapRenderer>(scene)) {
  for (const auto& p : scene.places) {
    glyphs_.add(p.name, "place " + p.id);
    glyphs_.add(p.secondary, "place " + p.id);
  }
  for (const auto& r : scene.regions) {
    glyphs_.add(r.name, "region label");
    glyphs_.add(r.secondary, "region label");
  }
  glyphs_.add(scene.title, "campaign title");
  glyphs_.add(scene.subtitle, "campaign title");
  glyphs_.add(scene.credits, "credits");
  ImGuiContext* previous = ImGui::GetCurrentContext();
  overlay_context_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(overlay_context_);
  ImGui::GetIO().IniFilename = nullptr;
  ImGui::GetIO().LogFilename = nullptr;
  ImGui_ImplOpenGL3_Init("#version 330 core");
  ImGui::SetCurrentContext(previous);
}

FrameRenderer::~FrameRenderer() {
  ImGuiContext* previous = ImGui::GetCurrentContext();
  ImGui::SetCurrentContext(overlay_context_);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext(overlay_context_);
  ImGui::SetCurrentContext(previous == overlay_context_ ? nullptr : previous);
}

void FrameRenderer::ensure_fonts(float ratio) {
  if (baked_ratio_ == ratio) return;
  ImGuiIO& io = ImGui::GetIO();
  std::vector<std::string> missing;
  fonts_ = bake_fonts(*io.Fonts, font_, *font_bytes_, glyphs_, sizes_, ratio, baked_ratio_ == 0 ? &missing : nullptr);
  if (baked_ratio_ == 0) font_warnings_ = std::move(missing);
  if (baked_ratio_ != 0) {
    // A rebake (new pixel ratio): ImGui 1.86's backend recreates its font
    // texture only together with its shaders, so upload the atlas ourselves.
    // The first bake is uploaded by the backend's first NewFrame.
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  baked_ratio_ = ratio;
}

int FrameRenderer::msaa_samples() {
  // Multisampling is nearly free on a GPU but triples the frame time of
  // Mesa's software rasterisers; lines are anti-aliased in their shader and
  // outline every filled edge, so software renderers do without it.
  static const int samples = [] {
    const GLubyte* r = glGetString(GL_RENDERER);
    const std::string name = r ? reinterpret_cast<const char*>(r) : "";
    return (name.find("llvmpipe") != std::string::npos || name.find("softpipe") != std::string::npos) ? 0 : 4;
  }();
  return samples;
}

const RenderTarget& FrameRenderer::render(const FrameState& state, const Viewport& vp) {
  if (!target_ || target_->width() != vp.width_px || target_->height() != vp.height_px)
    target_ = std::make_unique<RenderTarget>(vp.width_px, vp.height_px, msaa_samples());
  target_->bind_for_drawing();
  map_->draw(state.camera, vp, state.layers);

  ContextScope scope(overlay_context_);
  ensure_fonts(vp.pixel_ratio);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(float(vp.width_px), float(vp.height_px));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  io.DeltaTime = 1.0f / 60.0f;
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  paint_overlay(ImGui::GetBackgroundDrawList(), scene_, state.camera, vp, fonts_, sizes_, state.overlay,
                state.highlight);
  ImGui::Render();
  target_->bind_for_drawing();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  return *target_;
}

}  // namespace annals
