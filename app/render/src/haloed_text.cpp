#include "annals/render/haloed_text.h"

#include <cmath>

#include "annals/render/presentation.h"
#include "annals/render/shader.h"

namespace annals {

namespace {
constexpr const char* kVertex = R"(#version 330 core
layout(location = 0) in vec2 a_pixel;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_rect;
layout(location = 3) in vec2 a_offset;
layout(location = 4) in vec4 a_ink;
layout(location = 5) in vec4 a_halo;
uniform vec2 u_size;
out vec2 uv;
flat out vec4 rect;
flat out vec2 offset;
out vec4 ink;
out vec4 halo;
void main() {
  uv = a_uv;
  rect = a_rect;
  offset = a_offset;
  ink = a_ink;
  halo = a_halo;
  gl_Position = vec4(a_pixel.x / u_size.x * 2.0 - 1.0, 1.0 - a_pixel.y / u_size.y * 2.0, 0.0, 1.0);
}
)";
// Two passes over a group: the halos, then the ink (u_ink), as the halos of
// one glyph may reach the ink of the next. A halo: each offset copy covers
// with its alpha times the glyph's coverage where it lands, and copies
// blended one over another let the ground through by the product of what
// each lets through. Premultiplied.
constexpr const char* kFragment = R"(#version 330 core
uniform sampler2D atlas;
uniform bool u_ink;
in vec2 uv;
flat in vec4 rect;
flat in vec2 offset;
in vec4 ink;
in vec4 halo;
out vec4 result;
// The glyph's coverage at p, none outside its rectangle. The cut is half a
// texel out, at the centre of the atlas's empty padding texel, where the
// filtered coverage is already none: a cut at the rectangle itself would
// jump there, and a sample landing on either side of it by a rounding
// would change the halo.
float coverage(vec2 p) {
  vec2 half_texel = 0.5 / vec2(textureSize(atlas, 0));
  vec2 inside = step(rect.xy - half_texel, p) * step(p, rect.zw + half_texel);
  return texture(atlas, p).a * inside.x * inside.y;
}
void main() {
  if (u_ink) {
    float a = ink.a * texture(atlas, uv).a;  // the ink's quad is the glyph's: always inside
    result = vec4(ink.rgb * a, a);
    return;
  }
  float through = (1.0 - halo.a * coverage(uv + vec2(-offset.x, -offset.y))) *
                  (1.0 - halo.a * coverage(uv + vec2(offset.x, -offset.y))) *
                  (1.0 - halo.a * coverage(uv + vec2(-offset.x, offset.y))) *
                  (1.0 - halo.a * coverage(uv + offset));
  result = vec4(halo.rgb * (1.0 - through), 1.0 - through);
}
)";
}  // namespace

HaloedText::HaloedText() = default;

HaloedText::~HaloedText() {
  if (vbo_) glDeleteBuffers(1, &vbo_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
}

void HaloedText::begin_frame(int width, int height) {
  vertices_.clear();
  halo_pending_.clear();
  ink_pending_.clear();
  batches_.clear();
  uploaded_ = false;
  width_ = width;
  height_ = height;
  if (!scratch_ || scratch_->_Data != ImGui::GetDrawListSharedData())
    scratch_ = std::make_unique<ImDrawList>(ImGui::GetDrawListSharedData());
}

void HaloedText::add(ImFont* font, float size, ImVec2 at, const std::string& text, ImU32 ink, ImU32 halo,
                     float reach) {
  // The glyphs' quads as AddText makes them: four vertices each, top left,
  // top right, bottom right, bottom left.
  ImDrawList& s = *scratch_;
  s._ResetForNewFrame();
  s.PushClipRectFullScreen();
  s.PushTextureID(font->ContainerAtlas->TexID);
  s.AddText(font, size, at, ink, text.c_str());
  texture_ = font->ContainerAtlas->TexID;
  for (int i = 0; i + 3 < s.VtxBuffer.Size; i += 4) {
    const ImDrawVert& a = s.VtxBuffer[i];
    const ImDrawVert& c = s.VtxBuffer[i + 2];
    const float w = c.pos.x - a.pos.x, h = c.pos.y - a.pos.y;
    if (w <= 0 || h <= 0) continue;
    const float du = (c.uv.x - a.uv.x) / w * reach, dv = (c.uv.y - a.uv.y) / h * reach;
    auto quad = [&](std::vector<Vertex>& out, float grow, float ugrow, float vgrow) {
      auto corner = [&](float x, float y, float u, float v) {
        return Vertex{x, y, u, v, a.uv.x, a.uv.y, c.uv.x, c.uv.y, du, dv, ink, halo};
      };
      const Vertex q[4] = {corner(a.pos.x - grow, a.pos.y - grow, a.uv.x - ugrow, a.uv.y - vgrow),
                           corner(c.pos.x + grow, a.pos.y - grow, c.uv.x + ugrow, a.uv.y - vgrow),
                           corner(c.pos.x + grow, c.pos.y + grow, c.uv.x + ugrow, c.uv.y + vgrow),
                           corner(a.pos.x - grow, c.pos.y + grow, a.uv.x - ugrow, c.uv.y + vgrow)};
      for (int k : {0, 1, 2, 0, 2, 3}) out.push_back(q[k]);
    };
    quad(halo_pending_, reach, du, dv);  // the glyph grown by the halo's reach
    quad(ink_pending_, 0, 0, 0);
  }
}

void HaloedText::flush(ImDrawList* d) {
  if (halo_pending_.empty() && ink_pending_.empty()) return;
  const int first = static_cast<int>(vertices_.size());
  const int halos = static_cast<int>(halo_pending_.size()), inks = static_cast<int>(ink_pending_.size());
  vertices_.insert(vertices_.end(), halo_pending_.begin(), halo_pending_.end());
  vertices_.insert(vertices_.end(), ink_pending_.begin(), ink_pending_.end());
  halo_pending_.clear();
  ink_pending_.clear();
  batches_.push_back({this, first, halos, inks, texture_});
  d->AddCallback(&HaloedText::run, &batches_.back());
  d->AddCallback(ImDrawCallback_ResetRenderState, nullptr);  // ImGui's own state back for what follows
}

void HaloedText::darken(const SpotlightField& field) {
  for (Vertex& v : vertices_) {
    v.ink = field.darken(v.ink, v.x, v.y);
    v.halo = field.darken(v.halo, v.x, v.y);
  }
}

void HaloedText::run(const ImDrawList*, const ImDrawCmd* cmd) {
  const Batch& b = *static_cast<const Batch*>(cmd->UserCallbackData);
  b.owner->draw(b);
}

void HaloedText::draw(const Batch& batch) {
  if (!program_) {
    program_ = std::make_unique<ShaderProgram>("haloed text", kVertex, kFragment);
    size_uniform_ = program_->uniform("u_size");
    ink_uniform_ = program_->uniform("u_ink");
    program_->use();
    glUniform1i(program_->uniform("atlas"), 0);
    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &vbo_);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    const GLsizei stride = sizeof(Vertex);
    auto attribute = [&](GLuint at, GLint n, GLenum type, GLboolean normalise, std::size_t offset) {
      glEnableVertexAttribArray(at);
      glVertexAttribPointer(at, n, type, normalise, stride, reinterpret_cast<const void*>(offset));
    };
    attribute(0, 2, GL_FLOAT, GL_FALSE, offsetof(Vertex, x));
    attribute(1, 2, GL_FLOAT, GL_FALSE, offsetof(Vertex, u));
    attribute(2, 4, GL_FLOAT, GL_FALSE, offsetof(Vertex, u0));
    attribute(3, 2, GL_FLOAT, GL_FALSE, offsetof(Vertex, du));
    attribute(4, 4, GL_UNSIGNED_BYTE, GL_TRUE, offsetof(Vertex, ink));
    attribute(5, 4, GL_UNSIGNED_BYTE, GL_TRUE, offsetof(Vertex, halo));
  }
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, vbo_);
  if (!uploaded_) {
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices_.size() * sizeof(Vertex)),
                 vertices_.data(), GL_STREAM_DRAW);
    uploaded_ = true;
  }
  glDisable(GL_SCISSOR_TEST);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // premultiplied
  program_->use();
  glUniform2f(size_uniform_, static_cast<float>(width_), static_cast<float>(height_));
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::intptr_t>(batch.texture)));
  glUniform1i(ink_uniform_, 0);
  glDrawArrays(GL_TRIANGLES, batch.first, batch.halos);
  glUniform1i(ink_uniform_, 1);
  glDrawArrays(GL_TRIANGLES, batch.first + batch.halos, batch.inks);
}

}  // namespace annals
