#include "annals/render/spotlight_pass.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace annals {

namespace {
// Both programs take the field's cells in frame pixels (y down); the
// darkening one also the factor each vertex darkens by (the composing one
// takes a cell group's factor as a uniform).
constexpr const char* kComposeVertex = R"(#version 330 core
layout(location = 0) in vec2 a_pixel;
uniform vec2 u_size;       // the frame, pixels
uniform vec4 u_to;         // destination rectangle: x, y (GL, from the bottom), width, height
uniform vec4 u_from;       // source rectangle as fractions of its texture
out vec2 uv;
void main() {
  vec2 frame_pixel = vec2(a_pixel.x, u_size.y - a_pixel.y);
  uv = u_from.xy + (frame_pixel - u_to.xy) / u_to.zw * u_from.zw;
  gl_Position = vec4(frame_pixel / u_size * 2.0 - 1.0, 0.0, 1.0);
}
)";
// A texture times a uniform colour: a shape llvmpipe's linear rasteriser
// takes. (Times a vertex colour it takes too, but Mesa 22.3 interpolates
// all but the first channel of that colour wrongly there; an offset or a
// mix falls back to its general path at three times the cost.)
constexpr const char* kComposeFragment = R"(#version 330 core
uniform sampler2D picture;
uniform vec4 u_factor;
in vec2 uv;
out vec4 colour;
void main() { colour = texture(picture, uv) * u_factor; }
)";
constexpr const char* kDarkenVertex = R"(#version 330 core
layout(location = 0) in vec2 a_pixel;
layout(location = 1) in float a_factor;
uniform vec2 u_size;
out vec4 factor;
void main() {
  factor = vec4(vec3(a_factor), 1.0);
  gl_Position = vec4(a_pixel.x / u_size.x * 2.0 - 1.0, 1.0 - a_pixel.y / u_size.y * 2.0, 0.0, 1.0);
}
)";
constexpr const char* kDarkenFragment = R"(#version 330 core
in vec4 factor;
out vec4 colour;
void main() { colour = factor; }
)";
}  // namespace

SpotlightPass::SpotlightPass()
    : compose_program_("spotlight compose", kComposeVertex, kComposeFragment),
      darken_program_("spotlight darken", kDarkenVertex, kDarkenFragment) {
  compose_size_ = compose_program_.uniform("u_size");
  compose_to_ = compose_program_.uniform("u_to");
  compose_from_ = compose_program_.uniform("u_from");
  compose_factor_ = compose_program_.uniform("u_factor");
  compose_program_.use();
  glUniform1i(compose_program_.uniform("picture"), 0);
  darken_size_ = darken_program_.uniform("u_size");
  glGenVertexArrays(1, &vao_);
  glGenBuffers(1, &vbo_);
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, vbo_);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 3 * sizeof(float), nullptr);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 1, GL_FLOAT, GL_FALSE, 3 * sizeof(float),
                        reinterpret_cast<const void*>(2 * sizeof(float)));
  glBindVertexArray(0);
}

SpotlightPass::~SpotlightPass() {
  if (border_sampler_) glDeleteSamplers(1, &border_sampler_);
  glDeleteBuffers(1, &vbo_);
  glDeleteVertexArrays(1, &vao_);
}

void SpotlightPass::upload(const SpotlightField& field) {
  // Uniform cells grouped by their factor (there are few: none, full, and
  // whatever a wide spot's plateau holds), then the graded ones.
  std::vector<std::pair<float, std::vector<float>>> uniform;
  std::vector<float> graded;
  const float k = SpotlightField::kDepth;
  for (const SpotlightQuad& q : field.quads()) {
    const float v[4][3] = {{q.x0, q.y0, 1 - k * q.dim[0]},
                           {q.x1, q.y0, 1 - k * q.dim[1]},
                           {q.x1, q.y1, 1 - k * q.dim[2]},
                           {q.x0, q.y1, 1 - k * q.dim[3]}};
    std::vector<float>* out = &graded;
    if (q.uniform()) {
      auto group =
          std::find_if(uniform.begin(), uniform.end(), [&](const auto& g) { return g.first == v[0][2]; });
      if (group == uniform.end()) group = uniform.insert(uniform.end(), {v[0][2], {}});
      out = &group->second;
    }
    // The two triangles SpotlightField::dim_at interpolates over.
    for (int i : {0, 1, 2, 0, 2, 3}) out->insert(out->end(), v[i], v[i] + 3);
  }
  vertices_.clear();
  groups_.clear();
  for (const auto& [factor, v] : uniform) {
    groups_.push_back({factor, static_cast<GLint>(vertices_.size() / 3), static_cast<GLsizei>(v.size() / 3)});
    vertices_.insert(vertices_.end(), v.begin(), v.end());
  }
  graded_ = {1, static_cast<GLint>(vertices_.size() / 3), static_cast<GLsizei>(graded.size() / 3)};
  vertices_.insert(vertices_.end(), graded.begin(), graded.end());
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, vbo_);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices_.size() * sizeof(float)), vertices_.data(),
               GL_STREAM_DRAW);
}

void SpotlightPass::compose(const RenderTarget& source, const PixelRect& from, const RenderTarget& dest,
                            const PixelRect& to, const SpotlightField& field, const Rgba& paper) {
  upload(field);
  dest.bind_color_for_drawing();
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_STENCIL_TEST);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  compose_program_.use();
  const float w = static_cast<float>(source.width()), h = static_cast<float>(source.height());
  glUniform2f(compose_size_, static_cast<float>(dest.width()), static_cast<float>(dest.height()));
  glUniform4f(compose_to_, static_cast<float>(to.x), static_cast<float>(to.y), static_cast<float>(to.width),
              static_cast<float>(to.height));
  glUniform4f(compose_from_, from.x / w, from.y / h, from.width / w, from.height / h);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, source.texture());
  // The cells cover the frame and map linearly onto the source beyond
  // `from`; where the picture leaves the view bare they run off its edge,
  // and a border of paper colour lays the paper there.
  const bool bare =
      to.x > 0 || to.y > 0 || to.x + to.width < dest.width() || to.y + to.height < dest.height();
  if (bare) {
    if (!border_sampler_) {
      glGenSamplers(1, &border_sampler_);
      glSamplerParameteri(border_sampler_, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
      glSamplerParameteri(border_sampler_, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
      glSamplerParameteri(border_sampler_, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_BORDER);
      glSamplerParameteri(border_sampler_, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_BORDER);
    }
    const float border[4] = {paper.r, paper.g, paper.b, 1.0f};
    glSamplerParameterfv(border_sampler_, GL_TEXTURE_BORDER_COLOR, border);
    glBindSampler(0, border_sampler_);
  }
  // Each uniform group darkened as laid down; the graded cells laid down
  // plainly and darkened after, by the blend.
  for (const Range& g : groups_) {
    glUniform4f(compose_factor_, g.factor, g.factor, g.factor, 1);
    glDrawArrays(GL_TRIANGLES, g.first, g.count);
  }
  if (graded_.count > 0) {
    glUniform4f(compose_factor_, 1, 1, 1, 1);
    glDrawArrays(GL_TRIANGLES, graded_.first, graded_.count);
    draw_darkening(dest, graded_);
  }
  if (bare) glBindSampler(0, 0);
  glBindVertexArray(0);
}

void SpotlightPass::warm_up() {
  if (warm_) return;
  warm_ = true;
  const RenderTarget source(16, 16, 0), dest(16, 16, 0);
  const SpotlightField field(Viewport{16, 16, 1}, {ImVec2(8, 8)}, 3, {});
  compose(source, {0, 0, 16, 16}, dest, {0, 0, 16, 16}, field, Rgba{});
  compose(source, {0, 0, 16, 16}, dest, {2, 2, 12, 12}, field, Rgba{});
  glFlush();
}

void SpotlightPass::darken(const RenderTarget& dest, const SpotlightField& field) {
  upload(field);
  draw_darkening(dest, {1, 0, static_cast<GLsizei>(vertices_.size() / 3)});
  glBindVertexArray(0);
}

void SpotlightPass::draw_darkening(const RenderTarget& dest, const Range& cells) const {
  // The framebuffer with the stencil: a colour-only one takes llvmpipe's
  // linear path, and that path gets the vertex colour wrong (see above).
  dest.bind_for_drawing();
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_BLEND);
  // The destination times the factor; its alpha kept.
  glBlendFuncSeparate(GL_ZERO, GL_SRC_COLOR, GL_ZERO, GL_ONE);
  darken_program_.use();
  glUniform2f(darken_size_, static_cast<float>(dest.width()), static_cast<float>(dest.height()));
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLES, cells.first, cells.count);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
}

void SpotlightPass::darken_vertices(ImDrawList* d, int first, int last, const SpotlightField& field) {
  for (int i = first; i < last; ++i) {
    ImDrawVert& v = d->VtxBuffer[i];
    v.col = field.darken(v.col, v.pos.x, v.pos.y);
  }
}

}  // namespace annals
