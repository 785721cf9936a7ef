#include "annals/render/spotlight_pass.h"

#include <imgui.h>

namespace annals {

namespace {
constexpr const char* kVertex = R"(#version 330 core
layout(location = 0) in vec2 a_pixel;
layout(location = 1) in float a_dim;
uniform vec2 u_size;
out float dim;
void main() {
  dim = a_dim;
  gl_Position = vec4(a_pixel.x / u_size.x * 2.0 - 1.0, 1.0 - a_pixel.y / u_size.y * 2.0, 0.0, 1.0);
}
)";
// Full dimming: a near-black at 150/255, as the spotlight has always been.
constexpr const char* kFragment = R"(#version 330 core
in float dim;
out vec4 colour;
void main() { colour = vec4(12.0 / 255.0, 10.0 / 255.0, 8.0 / 255.0, 150.0 / 255.0 * dim); }
)";
}  // namespace

SpotlightPass::SpotlightPass() : program_("spotlight", kVertex, kFragment) {
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
  glDeleteBuffers(1, &vbo_);
  glDeleteVertexArrays(1, &vao_);
}

void SpotlightPass::queue(ImDrawList* d, const Viewport& vp, const std::vector<SpotlightQuad>& quads) {
  width_ = vp.width_px;
  height_ = vp.height_px;
  vertices_.clear();
  for (const SpotlightQuad& q : quads) {
    const float v[4][3] = {
        {q.x0, q.y0, q.dim[0]}, {q.x1, q.y0, q.dim[1]}, {q.x1, q.y1, q.dim[2]}, {q.x0, q.y1, q.dim[3]}};
    for (int k : {0, 1, 2, 0, 2, 3}) vertices_.insert(vertices_.end(), v[k], v[k] + 3);
  }
  if (vertices_.empty()) return;
  d->AddCallback(&SpotlightPass::run, this);
  d->AddCallback(ImDrawCallback_ResetRenderState, nullptr);  // ImGui's own state back for what follows
}

void SpotlightPass::run(const ImDrawList*, const ImDrawCmd* cmd) {
  static_cast<const SpotlightPass*>(cmd->UserCallbackData)->draw();
}

void SpotlightPass::draw() const {
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  program_.use();
  glUniform2f(program_.uniform("u_size"), static_cast<float>(width_), static_cast<float>(height_));
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, vbo_);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(vertices_.size() * sizeof(float)), vertices_.data(),
               GL_STREAM_DRAW);
  glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(vertices_.size() / 3));
  glBindVertexArray(0);
}

}  // namespace annals
