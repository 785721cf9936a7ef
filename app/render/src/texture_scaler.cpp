#include "annals/render/texture_scaler.h"

namespace annals {

namespace {
// The quad fills the viewport (set to the destination rectangle); its
// texture coordinates span the source rectangle.
constexpr const char* kVertex = R"(#version 330 core
uniform vec4 source_rect;  // x, y, width, height, as fractions of the texture
out vec2 uv;
void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
  uv = source_rect.xy + corner * source_rect.zw;
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
)";
constexpr const char* kFragment = R"(#version 330 core
uniform sampler2D picture;
in vec2 uv;
out vec4 colour;
void main() { colour = texture(picture, uv); }
)";
// For draw_over: premultiplied colour, so a fade scales all four channels
// and darkening the first three. Still a texture times a uniform, which the
// linear rasteriser takes.
constexpr const char* kOverFragment = R"(#version 330 core
uniform sampler2D picture;
uniform vec4 factor;
in vec2 uv;
out vec4 colour;
void main() { colour = texture(picture, uv) * factor; }
)";
}  // namespace

TextureScaler::TextureScaler() : program_("texture scaler", kVertex, kFragment) {
  rect_uniform_ = program_.uniform("source_rect");
  program_.use();
  glUniform1i(program_.uniform("picture"), 0);
  glGenVertexArrays(1, &vao_);
}

TextureScaler::~TextureScaler() { glDeleteVertexArrays(1, &vao_); }

void TextureScaler::draw(const RenderTarget& source, const PixelRect& from, const RenderTarget& dest,
                         const PixelRect& to) const {
  if (from.empty() || to.empty()) return;
  dest.bind_color_for_drawing();
  glDisable(GL_BLEND);
  program_.use();
  glUniform4f(rect_uniform_, from.x / float(source.width()), from.y / float(source.height()),
              from.width / float(source.width()), from.height / float(source.height()));
  draw_quad(source, dest, to);
}

void TextureScaler::draw_over(const RenderTarget& source, const RenderTarget& dest, const PixelRect& to,
                              float alpha, float darken) {
  if (to.empty()) return;
  if (!over_program_) {  // made on first use: the base map's scaler never needs it
    over_program_ = std::make_unique<ShaderProgram>("texture over", kVertex, kOverFragment);
    over_rect_uniform_ = over_program_->uniform("source_rect");
    over_factor_uniform_ = over_program_->uniform("factor");
    over_program_->use();
    glUniform1i(over_program_->uniform("picture"), 0);
  }
  dest.bind_color_for_drawing();
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  over_program_->use();
  glUniform4f(over_rect_uniform_, 0, 0, 1, 1);
  glUniform4f(over_factor_uniform_, alpha * darken, alpha * darken, alpha * darken, alpha);
  draw_quad(source, dest, to);
}

void TextureScaler::draw_quad(const RenderTarget& source, const RenderTarget& dest,
                              const PixelRect& to) const {
  glViewport(to.x, to.y, to.width, to.height);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_STENCIL_TEST);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, source.texture());
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  glBindVertexArray(0);
  glViewport(0, 0, dest.width(), dest.height());
}

void TextureScaler::warm_up(const RenderTarget& source) {
  if (!warm_target_) warm_target_ = std::make_unique<RenderTarget>(1, 1, 0);
  draw(source, {0, 0, 2, 2}, *warm_target_, {0, 0, 1, 1});
}

}  // namespace annals
