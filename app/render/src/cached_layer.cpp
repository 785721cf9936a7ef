#include "annals/render/cached_layer.h"

#include <backends/imgui_impl_opengl3.h>

#include <cmath>
#include <cstring>

namespace annals {

namespace {
// A draw list's commands as numbers, to compare: texture, clip rectangle,
// and the span of indices each draws.
std::vector<float> commands_of(const ImDrawList& list) {
  std::vector<float> out;
  for (const ImDrawCmd& c : list.CmdBuffer) {
    std::uint64_t texture = 0;
    static_assert(sizeof(ImTextureID) <= sizeof(texture));
    std::memcpy(&texture, &c.TextureId, sizeof(ImTextureID));
    out.insert(out.end(), {static_cast<float>(texture), c.ClipRect.x, c.ClipRect.y, c.ClipRect.z,
                           c.ClipRect.w, static_cast<float>(c.IdxOffset), static_cast<float>(c.ElemCount),
                           static_cast<float>(c.VtxOffset)});
  }
  return out;
}
}  // namespace

void paint_over_nothing(const ImDrawList& list, ImVec2 origin, const RenderTarget& target) {
  target.bind_color_for_drawing();
  glDisable(GL_SCISSOR_TEST);
  glClearColor(0, 0, 0, 0);
  glClear(GL_COLOR_BUFFER_BIT);
  ImDrawList* lists[] = {const_cast<ImDrawList*>(&list)};  // ImDrawData's type; it is only read
  ImDrawData data;
  data.Valid = true;
  data.CmdLists = lists;
  data.CmdListsCount = 1;
  data.TotalVtxCount = list.VtxBuffer.Size;
  data.TotalIdxCount = list.IdxBuffer.Size;
  data.DisplayPos = origin;
  data.DisplaySize = ImVec2(static_cast<float>(target.width()), static_cast<float>(target.height()));
  data.FramebufferScale = ImVec2(1, 1);
  ImGui_ImplOpenGL3_RenderDrawData(&data);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

CachedLayer::CachedLayer() = default;

CachedLayer::~CachedLayer() = default;

ImDrawList* CachedLayer::begin(float x0, float y0, float x1, float y1, ImTextureID font_texture) {
  // Whole pixels around the box, with one to spare for the edges' fringe,
  // so the texture lies on the frame's pixel grid and what is drawn into it
  // falls on its pixels as it would on the frame's.
  const int left = static_cast<int>(std::floor(x0)) - 1, top = static_cast<int>(std::floor(y0)) - 1;
  const int right = static_cast<int>(std::ceil(x1)) + 1, bottom = static_cast<int>(std::ceil(y1)) + 1;
  next_ = {left, top, right - left, bottom - top};
  if (!list_) list_ = std::make_unique<ImDrawList>(ImGui::GetDrawListSharedData());
  list_->_ResetForNewFrame();
  list_->PushClipRectFullScreen();
  list_->PushTextureID(font_texture);
  return list_.get();
}

bool CachedLayer::holds(const std::string& key) const {
  return texture_ && key == key_ && next_.x == rect_.x && next_.y == rect_.y && next_.width == rect_.width &&
         next_.height == rect_.height &&
         static_cast<std::size_t>(list_->VtxBuffer.Size) == vertices_.size() &&
         static_cast<std::size_t>(list_->IdxBuffer.Size) == indices_.size() &&
         std::memcmp(list_->VtxBuffer.Data, vertices_.data(), vertices_.size() * sizeof(ImDrawVert)) == 0 &&
         std::memcmp(list_->IdxBuffer.Data, indices_.data(), indices_.size() * sizeof(ImDrawIdx)) == 0 &&
         commands_of(*list_) == commands_;
}

void CachedLayer::queue(ImDrawList* d, const RenderTarget& frame, const std::string& key, float alpha,
                        float darken) {
  if (!list_ || next_.width <= 0 || next_.height <= 0) return;
  if (!holds(key)) {
    key_ = key;
    rect_ = next_;
    vertices_.assign(list_->VtxBuffer.begin(), list_->VtxBuffer.end());
    indices_.assign(list_->IdxBuffer.begin(), list_->IdxBuffer.end());
    commands_ = commands_of(*list_);
    pending_ = true;
  }
  frame_ = &frame;
  alpha_ = alpha;
  darken_ = darken;
  d->AddCallback(&CachedLayer::run, this);
  d->AddCallback(ImDrawCallback_ResetRenderState, nullptr);  // ImGui's own state back for what follows
}

void CachedLayer::prepare() {
  if (!pending_) return;
  pending_ = false;
  if (!texture_ || texture_->width() != rect_.width || texture_->height() != rect_.height)
    texture_ = std::make_unique<RenderTarget>(rect_.width, rect_.height, 0);
  // The layer's draw list as the overlay's would be drawn, but onto the
  // texture: its origin at the rectangle's corner.
  paint_over_nothing(*list_, ImVec2(static_cast<float>(rect_.x), static_cast<float>(rect_.y)), *texture_);
}

void CachedLayer::run(const ImDrawList*, const ImDrawCmd* cmd) {
  static_cast<CachedLayer*>(cmd->UserCallbackData)->draw();
}

void CachedLayer::draw() {
  if (!texture_) return;
  if (!scaler_) scaler_ = std::make_unique<TextureScaler>();
  // Onto the frame's colour alone: without the stencil llvmpipe lays the
  // quad in its linear rasteriser, at under half the cost. (Layers queued
  // one after another share that binding: the driver only changes its
  // framebuffer, and starts a new scene, when something is drawn between.)
  // GL rows count from the bottom.
  scaler_->draw_over(*texture_, *frame_,
                     {rect_.x, frame_->height() - rect_.y - rect_.height, rect_.width, rect_.height}, alpha_,
                     darken_);
  frame_->bind_for_drawing();  // the overlay's framebuffer again
}

}  // namespace annals
