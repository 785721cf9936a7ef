#include "annals/render/title_card_layer.h"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cmath>
#include <sstream>

namespace annals {

namespace {
// The quad fills the viewport, set to the card's rectangle.
constexpr const char* kVertex = R"(#version 330 core
out vec2 uv;
void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
  uv = corner;
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
)";
// Premultiplied colour: the fade scales all four channels.
constexpr const char* kFragment = R"(#version 330 core
uniform sampler2D card;
uniform float alpha;
in vec2 uv;
out vec4 colour;
void main() { colour = texture(card, uv) * alpha; }
)";
}  // namespace

TitleCardLayer::TitleCardLayer() = default;

TitleCardLayer::~TitleCardLayer() {
  if (vao_) glDeleteVertexArrays(1, &vao_);
}

void TitleCardLayer::queue(ImDrawList* d, const RenderTarget& frame, const BakedFonts& fonts,
                           const FontSizes& sizes, const Viewport& vp, const TitleCard& card,
                           const OverlayBox& box, int fonts_generation) {
  if (box.empty()) return;
  frame_ = &frame;
  // Whole pixels around the box, with one to spare for the edges' fringe,
  // so the texture lies on the frame's pixel grid.
  const int x0 = static_cast<int>(std::floor(box.x0)) - 1, y0 = static_cast<int>(std::floor(box.y0)) - 1;
  const int x1 = static_cast<int>(std::ceil(box.x1)) + 1, y1 = static_cast<int>(std::ceil(box.y1)) + 1;
  std::ostringstream key;
  key << box.x0 << ' ' << box.y0 << ' ' << box.x1 << ' ' << box.y1 << ' ' << vp.pixel_ratio << ' '
      << vp.width_px << ' ' << vp.height_px << ' ' << sizes.label << ' ' << sizes.title << ' ' << sizes.small
      << ' ' << fonts_generation << '\n'
      << card.date_chronicle << '\n'
      << card.date_julian << '\n';
  for (const TitleCardLine& line : card.lines) key << line.headline << '\n' << line.gloss << '\n';
  if (key.str() != key_) {
    key_ = key.str();
    if (!list_) list_ = std::make_unique<ImDrawList>(ImGui::GetDrawListSharedData());
    list_->_ResetForNewFrame();
    list_->PushClipRectFullScreen();
    list_->PushTextureID(fonts.label->ContainerAtlas->TexID);
    TitleCard opaque = card;
    opaque.alpha = 1;
    draw_title_card(list_.get(), fonts, sizes, vp, opaque, box);
    rect_ = {x0, y0, x1 - x0, y1 - y0};
    pending_ = true;
  }
  alpha_ = card.alpha;
  d->AddCallback(&TitleCardLayer::run, this);
  d->AddCallback(ImDrawCallback_ResetRenderState, nullptr);  // ImGui's own state back for what follows
}

void TitleCardLayer::prepare() {
  if (!pending_) return;
  pending_ = false;
  if (!texture_ || texture_->width() != rect_.width || texture_->height() != rect_.height)
    texture_ = std::make_unique<RenderTarget>(rect_.width, rect_.height, 0);
  texture_->bind_color_for_drawing();
  glDisable(GL_SCISSOR_TEST);
  glClearColor(0, 0, 0, 0);
  glClear(GL_COLOR_BUFFER_BIT);
  // The card's draw list as the overlay's would be drawn, but onto the
  // texture: its origin at the rectangle's corner.
  ImDrawList* lists[] = {list_.get()};
  ImDrawData data;
  data.Valid = true;
  data.CmdLists = lists;
  data.CmdListsCount = 1;
  data.TotalVtxCount = list_->VtxBuffer.Size;
  data.TotalIdxCount = list_->IdxBuffer.Size;
  data.DisplayPos = ImVec2(static_cast<float>(rect_.x), static_cast<float>(rect_.y));
  data.DisplaySize = ImVec2(static_cast<float>(rect_.width), static_cast<float>(rect_.height));
  data.FramebufferScale = ImVec2(1, 1);
  ImGui_ImplOpenGL3_RenderDrawData(&data);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void TitleCardLayer::run(const ImDrawList*, const ImDrawCmd* cmd) {
  static_cast<const TitleCardLayer*>(cmd->UserCallbackData)->draw();
}

void TitleCardLayer::draw() const {
  if (!texture_) return;
  auto* self = const_cast<TitleCardLayer*>(this);  // GL objects made on first draw
  if (!program_) {
    self->program_ = std::make_unique<ShaderProgram>("title card", kVertex, kFragment);
    self->alpha_uniform_ = program_->uniform("alpha");
    program_->use();
    glUniform1i(program_->uniform("card"), 0);
    glGenVertexArrays(1, &self->vao_);
  }
  // The frame's colour alone: without the stencil llvmpipe lays a textured
  // quad in its linear rasteriser, at under half the cost.
  frame_->bind_color_for_drawing();
  glDisable(GL_SCISSOR_TEST);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  // GL rows count from the bottom.
  glViewport(rect_.x, frame_->height() - rect_.y - rect_.height, rect_.width, rect_.height);
  program_->use();
  glUniform1f(alpha_uniform_, alpha_);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, texture_->texture());
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  frame_->bind_for_drawing();  // the overlay's framebuffer again
}

}  // namespace annals
