#include "annals/render/symbol_sheet.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "annals/render/cached_layer.h"
#include "annals/render/gl.h"

namespace annals {

namespace {
void premultiplied_blending(const ImDrawList*, const ImDrawCmd*) {
  glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
}
}  // namespace

SymbolSheet::SymbolSheet(int side_px) : side_(side_px) {}

SymbolSheet::~SymbolSheet() = default;

void SymbolSheet::begin(ImDrawList* d, ImTextureID font_texture) {
  if (!sheet_) {
    sheet_ = std::make_unique<RenderTarget>(side_, side_, 0);
    // Read texel for pixel: nearest, so that the interpolated coordinates'
    // rounding (which grows with a cell's distance from the sheet's corner)
    // never blends in a neighbouring texel.
    glBindTexture(GL_TEXTURE_2D, sheet_->texture());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindTexture(GL_TEXTURE_2D, 0);
  }
  if (full_) {
    // Full last frame: start again with this frame's symbols. (Not in the
    // middle of a frame, whose quads so far read the cells as they are.)
    clear();
    full_ = false;
    ++resets_;
  }
  font_texture_ = font_texture;
  d->AddCallback(&premultiplied_blending, nullptr);
}

void SymbolSheet::end(ImDrawList* d) { d->AddCallback(ImDrawCallback_ResetRenderState, nullptr); }

bool SymbolSheet::allocate(int size, Cell& cell) {
  if (size > side_) return false;
  if (shelf_x_ + size > side_) shelf_x_ = 0, shelf_y_ += shelf_h_, shelf_h_ = 0;
  if (shelf_y_ + size > side_) return false;
  cell = {shelf_x_, shelf_y_, size};
  shelf_x_ += size;
  shelf_h_ = std::max(shelf_h_, size);
  return true;
}

void SymbolSheet::clear() {
  cells_.clear();
  shelf_x_ = shelf_y_ = shelf_h_ = 0;
  pending_.clear();
}

void SymbolSheet::add(ImDrawList* d, ImVec2 at, const std::string& key, float reach, const Painter& paint) {
  // Whole pixels around the centre, one to spare for the edges' fringe.
  const int half = static_cast<int>(std::ceil(reach)) + 1, size = 2 * half + 1;
  auto it = cells_.find(key);
  if (it == cells_.end()) {
    Cell cell;
    if (!allocate(size, cell)) {
      // Full (or larger than the sheet): drawn as it is this frame.
      full_ = size <= side_;
      const int first = d->VtxBuffer.Size;
      paint(d, ImVec2(std::round(at.x), std::round(at.y)));
      premultiply_since(d, first);
      return;
    }
    // Each symbol is painted on a target of its own, centred on a pixel's
    // corner as at a whole-pixel place on the frame, and copied into its
    // cell: its pixels are then the same wherever the sheet holds it (drawn
    // straight into the sheet, the coordinates' rounding would differ by
    // cell, and with it an edge pixel now and then).
    auto list = std::make_unique<ImDrawList>(ImGui::GetDrawListSharedData());
    list->_ResetForNewFrame();
    list->PushClipRectFullScreen();
    list->PushTextureID(font_texture_);
    paint(list.get(), ImVec2(float(half), float(half)));
    pending_.push_back({cell, std::move(list)});
    it = cells_.emplace(key, cell).first;
    ++painted_;
  }
  const Cell& c = it->second;
  const float x0 = std::round(at.x) - half, y0 = std::round(at.y) - half, s = float(c.size);
  const float x1 = x0 + s, y1 = y0 + s;
  // GL rows count from the bottom: the cell's top row is the higher texel row.
  const float side = float(side_);
  const ImVec2 uv0(c.x / side, 1 - c.y / side), uv1((c.x + s) / side, 1 - (c.y + s) / side);
  const ImTextureID texture = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(sheet_->texture()));
  if (!spotlight_ || spotlight_->uniform_dim(x0, y0, x1, y1)) {
    d->AddImage(texture, ImVec2(x0, y0), ImVec2(x1, y1), uv0, uv1);
    return;
  }
  // Where the spotlight grades across the symbol, its quad in pieces cut
  // along the field's triangles, as labels are (HaloedText): darkened at
  // their corners with the overlay, they are darkened as the field is.
  pieces_.clear();  // cut() adds to what it is given
  spotlight_->cut(x0, y0, x1, y1, pieces_);
  d->PushTextureID(texture);
  const int n = static_cast<int>(pieces_.size());
  d->PrimReserve(n, n);
  const ImDrawIdx first = static_cast<ImDrawIdx>(d->_VtxCurrentIdx);
  for (int i = 0; i < n; ++i) {
    const SpotlightField::DimmedPoint& q = pieces_[static_cast<std::size_t>(i)];
    const ImVec2 uv(uv0.x + (q.x - x0) / s * (uv1.x - uv0.x), uv0.y + (q.y - y0) / s * (uv1.y - uv0.y));
    d->PrimWriteVtx(ImVec2(q.x, q.y), uv, IM_COL32_WHITE);
    d->PrimWriteIdx(static_cast<ImDrawIdx>(first + i));
  }
  d->PopTextureID();
}

void SymbolSheet::prepare() {
  // Only cells painted whole are ever read: the sheet needs no clearing.
  if (pending_.empty()) return;
  for (const auto& [cell, list] : pending_) {
    if (!scratch_ || scratch_->width() != cell.size)
      scratch_ = std::make_unique<RenderTarget>(cell.size, cell.size, 0);
    paint_over_nothing(*list, ImVec2(0, 0), *scratch_);  // premultiplied, as the overlay lays it
    // Copied as it is (a blit of the same size: GL 3.3 has no image copy).
    // GL rows count from the bottom.
    scratch_->copy_scaled_into(*sheet_, {0, 0, cell.size, cell.size},
                               {cell.x, side_ - cell.y - cell.size, cell.size, cell.size}, /*linear=*/false);
  }
  pending_.clear();
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void premultiply_since(ImDrawList* d, int first) {
  for (int i = first; i < d->VtxBuffer.Size; ++i) {
    ImU32& c = d->VtxBuffer[i].col;
    const unsigned a = (c >> IM_COL32_A_SHIFT) & 0xFF;
    auto channel = [&](int shift) { return ((((c >> shift) & 0xFF) * a + 127) / 255) << shift; };
    c = channel(IM_COL32_R_SHIFT) | channel(IM_COL32_G_SHIFT) | channel(IM_COL32_B_SHIFT) |
        (a << IM_COL32_A_SHIFT);
  }
}

}  // namespace annals
