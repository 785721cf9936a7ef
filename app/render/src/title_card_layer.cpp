#include "annals/render/title_card_layer.h"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cmath>
#include <sstream>

namespace annals {

TitleCardLayer::TitleCardLayer() = default;

TitleCardLayer::~TitleCardLayer() = default;

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
  static_cast<TitleCardLayer*>(cmd->UserCallbackData)->draw();
}

void TitleCardLayer::draw() {
  if (!texture_) return;
  if (!scaler_) scaler_ = std::make_unique<TextureScaler>();
  // Onto the frame's colour alone: without the stencil llvmpipe lays the
  // quad in its linear rasteriser, at under half the cost. GL rows count
  // from the bottom.
  scaler_->draw_over(*texture_, *frame_,
                     {rect_.x, frame_->height() - rect_.y - rect_.height, rect_.width, rect_.height}, alpha_);
  frame_->bind_for_drawing();  // the overlay's framebuffer again
}

}  // namespace annals
