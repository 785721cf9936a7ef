#include "annals/render/haloed_text.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "annals/render/label_picture.h"
#include "annals/render/shader.h"

namespace annals {

namespace {
// Laying a label from its page onto the frame, darkened by the spotlight's
// factor (premultiplied: the colour scaled, the alpha kept).
constexpr const char* kQuadVertex = R"(#version 330 core
layout(location = 0) in vec2 a_pixel;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in float a_factor;
uniform vec2 u_size;
out vec2 uv;
out float factor;
void main() {
  uv = a_uv;
  factor = a_factor;
  gl_Position = vec4(a_pixel.x / u_size.x * 2.0 - 1.0, 1.0 - a_pixel.y / u_size.y * 2.0, 0.0, 1.0);
}
)";
constexpr const char* kQuadFragment = R"(#version 330 core
uniform sampler2D page;
in vec2 uv;
in float factor;
out vec4 result;
void main() {
  vec4 c = texture(page, uv);
  result = vec4(c.rgb * factor, c.a);
}
)";

template <typename T>
void append_bits(std::string& key, const T& value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  key.append(bytes, sizeof(T));
}

using DimmedPoint = SpotlightField::DimmedPoint;

// Whole pixels: a label's origin (where AddText would start it), and each
// line's place from the first's, rounded, so that the lines keep together
// as the label moves and a label is one picture wherever it stands.
int floor_px(float v) { return static_cast<int>(std::floor(v)); }
int offset_px(float v, float first) { return static_cast<int>(std::lround(v - first)); }
}  // namespace

HaloedText::HaloedText(int page_px, int max_pages) : page_px_(page_px), max_pages_(std::max(1, max_pages)) {}

HaloedText::~HaloedText() {
  for (Page& p : pages_) glDeleteTextures(1, &p.texture);
  if (quad_vbo_) glDeleteBuffers(1, &quad_vbo_);
  if (quad_vao_) glDeleteVertexArrays(1, &quad_vao_);
}

void HaloedText::begin_frame(int width, int height, int fonts_generation) {
  labels_.clear();
  batches_.clear();
  first_unflushed_ = 0;
  field_.reset();
  width_ = width;
  height_ = height;
  if (fonts_generation != fonts_generation_) {
    // The glyphs are elsewhere in a new font atlas, and may be drawn otherwise.
    fonts_generation_ = fonts_generation;
    if (!sprites_.empty()) clear_atlas();
  }
  if (!scratch_ || scratch_->_Data != ImGui::GetDrawListSharedData())
    scratch_ = std::make_unique<ImDrawList>(ImGui::GetDrawListSharedData());
}

void HaloedText::add(std::initializer_list<Run> runs, ImU32 halo, float reach) {
  Label label;
  label.halo = halo;
  label.reach = reach;
  for (const Run& r : runs)
    if (!r.text.empty()) label.runs.push_back({r.font, r.size, r.at, r.text, r.ink});
  if (!label.runs.empty()) labels_.push_back(std::move(label));
}

void HaloedText::flush(ImDrawList* d) {
  const int count = static_cast<int>(labels_.size()) - first_unflushed_;
  if (count == 0) return;
  batches_.push_back({this, first_unflushed_, count, {}});
  first_unflushed_ = static_cast<int>(labels_.size());
  d->AddCallback(&HaloedText::run, &batches_.back());
  d->AddCallback(ImDrawCallback_ResetRenderState, nullptr);  // ImGui's own state back for what follows
}

std::string HaloedText::key_of(const Label& label) const {
  // What decides a label's pixels: each line's font, size, ink, text and
  // whole-pixel place from the first line's, and the halo.
  std::string key;
  append_bits(key, label.halo);
  append_bits(key, label.reach);
  for (const StoredRun& r : label.runs) {
    append_bits(key, r.font);
    append_bits(key, r.size);
    append_bits(key, r.ink);
    append_bits(key, offset_px(r.at.x, label.runs[0].at.x));
    append_bits(key, offset_px(r.at.y, label.runs[0].at.y));
    append_bits(key, r.text.size());
    key += r.text;
  }
  return key;
}

void HaloedText::prepare() {
  labels_painted_ = 0;
  quads_.clear();
  for (Batch& b : batches_) b.draws.clear();
  if (labels_.empty()) return;
  // Where each label lies in the atlas, painted there if it is new. Should
  // the atlas fill up, it is cleared and this frame's labels placed again;
  // should they not fit even then, it grows past its pages.
  bool may_clear = true;
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    Label& label = labels_[i];
    const std::string key = key_of(label);
    const auto found = by_key_.find(key);
    if (found != by_key_.end()) {
      label.sprite = found->second;
    } else if (!place(label, key, may_clear)) {
      may_clear = false;
      i = static_cast<std::size_t>(-1);  // from the first label again
    }
  }

  // The frame's quads: each group's labels, page by page (a group's
  // labels do not overlap, so their order does not matter).
  std::vector<DimmedPoint> pieces;
  for (Batch& b : batches_)
    for (std::size_t page = 0; page < pages_.size(); ++page) {
      const int first = static_cast<int>(quads_.size());
      const float size = static_cast<float>(pages_[page].size);
      for (int k = b.first_label; k < b.first_label + b.labels; ++k) {
        const Label& label = labels_[static_cast<std::size_t>(k)];
        if (label.sprite < 0) continue;
        const Sprite& s = sprites_[static_cast<std::size_t>(label.sprite)];
        if (s.page != static_cast<int>(page)) continue;
        const float x0 = static_cast<float>(floor_px(label.runs[0].at.x) + s.dx);
        const float y0 = static_cast<float>(floor_px(label.runs[0].at.y) + s.dy);
        const float x1 = x0 + static_cast<float>(s.w), y1 = y0 + static_cast<float>(s.h);
        pieces.clear();
        if (field_) {
          field_->cut(x0, y0, x1, y1, pieces);
        } else {
          const DimmedPoint tl{x0, y0, 0}, tr{x1, y0, 0}, br{x1, y1, 0}, bl{x0, y1, 0};
          pieces = {tl, tr, br, tl, br, bl};
        }
        for (const DimmedPoint& p : pieces)
          quads_.push_back({p.x, p.y, (static_cast<float>(s.x) + p.x - x0) / size,
                            (static_cast<float>(s.y) + p.y - y0) / size,
                            1.0f - SpotlightField::kDepth * p.dim});
      }
      const int count = static_cast<int>(quads_.size()) - first;
      if (count > 0) b.draws.push_back({pages_[page].texture, first, count});
    }
  if (quads_.empty()) return;
  if (!quad_program_) {
    quad_program_ = std::make_unique<ShaderProgram>("label quads", kQuadVertex, kQuadFragment);
    quad_size_ = quad_program_->uniform("u_size");
    quad_program_->use();
    glUniform1i(quad_program_->uniform("page"), 0);
    glGenVertexArrays(1, &quad_vao_);
    glGenBuffers(1, &quad_vbo_);
    glBindVertexArray(quad_vao_);
    glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_);
    const GLsizei stride = sizeof(QuadVertex);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<const void*>(offsetof(QuadVertex, x)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<const void*>(offsetof(QuadVertex, u)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<const void*>(offsetof(QuadVertex, factor)));
  }
  glBindVertexArray(quad_vao_);
  glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(quads_.size() * sizeof(QuadVertex)), quads_.data(),
               GL_STREAM_DRAW);
}

bool HaloedText::place(Label& label, const std::string& key, bool may_clear) {
  // The label's glyphs as AddText lays them out (four vertices each: top
  // left, top right, bottom right, bottom left), from its origin: the same
  // wherever the label stands. No clipping: the whole label is kept.
  ImDrawList& s = *scratch_;
  s._ResetForNewFrame();
  s.PushClipRect(ImVec2(-1e7f, -1e7f), ImVec2(1e7f, 1e7f));
  s.PushTextureID(label.runs[0].font->ContainerAtlas->TexID);
  for (const StoredRun& r : label.runs) {
    // Each line laid out from a whole pixel, moved to its place.
    const float x = static_cast<float>(offset_px(r.at.x, label.runs[0].at.x));
    const float y = static_cast<float>(offset_px(r.at.y, label.runs[0].at.y));
    const int first = s.VtxBuffer.Size;
    s.AddText(r.font, r.size, ImVec2(0, 0), r.ink, r.text.c_str());
    for (int i = first; i < s.VtxBuffer.Size; ++i) {
      s.VtxBuffer[i].pos.x += x;
      s.VtxBuffer[i].pos.y += y;
    }
  }
  float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
  for (int i = 0; i + 3 < s.VtxBuffer.Size; i += 4) {
    const ImDrawVert& a = s.VtxBuffer[i];
    const ImDrawVert& c = s.VtxBuffer[i + 2];
    x0 = std::min(x0, a.pos.x - label.reach), y0 = std::min(y0, a.pos.y - label.reach);
    x1 = std::max(x1, c.pos.x + label.reach), y1 = std::max(y1, c.pos.y + label.reach);
  }
  if (x0 > x1) {  // nothing visible: spaces
    label.sprite = -1;
    return true;
  }
  Sprite sprite{};
  sprite.dx = floor_px(x0), sprite.dy = floor_px(y0);
  sprite.w = static_cast<int>(std::ceil(x1)) - sprite.dx,
  sprite.h = static_cast<int>(std::ceil(y1)) - sprite.dy;
  // A page with room, or a new one; or, the atlas full, a cleared atlas.
  sprite.page = -1;
  for (std::size_t p = 0; p < pages_.size() && sprite.page < 0; ++p)
    if (place_on(pages_[p], sprite.w, sprite.h, sprite.x, sprite.y)) sprite.page = static_cast<int>(p);
  if (sprite.page < 0) {
    if (may_clear && static_cast<int>(pages_.size()) >= max_pages_) {
      clear_atlas();
      ++atlas_resets_;
      return false;
    }
    add_page(std::max({page_px_, sprite.w, sprite.h}));
    place_on(pages_.back(), sprite.w, sprite.h, sprite.x, sprite.y);
    sprite.page = static_cast<int>(pages_.size()) - 1;
  }
  label.sprite = static_cast<int>(sprites_.size());
  sprites_.push_back(sprite);
  by_key_.emplace(key, label.sprite);
  ++labels_painted_;

  // Painted, and copied into its page.
  glyphs_.clear();
  for (int i = 0; i + 3 < s.VtxBuffer.Size; i += 4) {
    const ImDrawVert& a = s.VtxBuffer[i];
    const ImDrawVert& c = s.VtxBuffer[i + 2];
    const float dx = static_cast<float>(sprite.dx), dy = static_cast<float>(sprite.dy);
    glyphs_.push_back(
        {a.pos.x - dx, a.pos.y - dy, c.pos.x - dx, c.pos.y - dy, a.uv.x, a.uv.y, c.uv.x, c.uv.y, a.col});
  }
  const ImFontAtlas& atlas = *label.runs[0].font->ContainerAtlas;
  if (!atlas.TexPixelsAlpha8)
    throw std::runtime_error("the font atlas keeps no coverage to paint labels from");
  paint_label(glyphs_, label.halo, label.reach, {atlas.TexPixelsAlpha8, atlas.TexWidth, atlas.TexHeight},
              sprite.w, sprite.h, picture_);
  // The page's rows from the top at GL's row 0: a sprite lies there as painted.
  glBindTexture(GL_TEXTURE_2D, pages_[static_cast<std::size_t>(sprite.page)].texture);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexSubImage2D(GL_TEXTURE_2D, 0, sprite.x, sprite.y, sprite.w, sprite.h, GL_RGBA, GL_UNSIGNED_BYTE,
                  picture_.data());
  return true;
}

bool HaloedText::place_on(Page& page, int w, int h, int& x, int& y) {
  if (page.shelf_x + w > page.size) {  // a new shelf below
    page.shelf_y += page.shelf_h;
    page.shelf_x = 0;
    page.shelf_h = 0;
  }
  if (w > page.size || page.shelf_y + h > page.size) return false;
  x = page.shelf_x;
  y = page.shelf_y;
  page.shelf_x += w;
  page.shelf_h = std::max(page.shelf_h, h);
  return true;
}

void HaloedText::add_page(int size) {
  GLint most = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &most);
  if (size > most)
    throw std::runtime_error("a label " + std::to_string(size) + " pixels long is larger than a texture (" +
                             std::to_string(most) + " pixels)");
  Page p;
  p.size = size;
  // Left undefined: only the sprites' rectangles are read, each written
  // whole when its label is painted.
  glGenTextures(1, &p.texture);
  glBindTexture(GL_TEXTURE_2D, p.texture);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, size, size, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  // Read texel for pixel: each label is laid on whole pixels.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  pages_.push_back(p);
}

void HaloedText::clear_atlas() {
  // The pages stay, to be painted over.
  by_key_.clear();
  sprites_.clear();
  for (Page& p : pages_) p.shelf_x = p.shelf_y = p.shelf_h = 0;
  labels_painted_ = 0;
}

void HaloedText::run(const ImDrawList*, const ImDrawCmd* cmd) {
  const Batch& b = *static_cast<const Batch*>(cmd->UserCallbackData);
  b.owner->draw(b);
}

void HaloedText::draw(const Batch& batch) {
  if (batch.draws.empty()) return;
  glDisable(GL_SCISSOR_TEST);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // premultiplied
  quad_program_->use();
  glUniform2f(quad_size_, static_cast<float>(width_), static_cast<float>(height_));
  glBindVertexArray(quad_vao_);
  glActiveTexture(GL_TEXTURE0);
  for (const Draw& d : batch.draws) {
    glBindTexture(GL_TEXTURE_2D, d.texture);
    glDrawArrays(GL_TRIANGLES, d.first, d.count);
  }
}

}  // namespace annals
