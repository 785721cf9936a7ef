#include "annals/render/map_renderer.h"

namespace annals {

namespace {

// Positions are projected metres; the camera maps them to clip space. Doing
// the subtraction of the centre on the GPU keeps float precision (~0.25 m at
// 3,000 km) far below a pixel at any zoom we allow.
constexpr const char* kTransform = R"(
uniform vec2 u_centre;
uniform vec2 u_scale;  // clip units per metre
vec2 to_clip(vec2 m) { return (m - u_centre) * u_scale; }
)";

const std::string kFlatVs = std::string("#version 330 core\n") + kTransform + R"(
layout(location = 0) in vec2 a_pos;
void main() { gl_Position = vec4(to_clip(a_pos), 0.0, 1.0); }
)";
constexpr const char* kFlatFs = R"(#version 330 core
uniform vec4 u_color;
out vec4 o_color;
void main() { o_color = u_color; }
)";

// Each segment is one instance: a quad around the segment, widened in
// screen space so the width is in pixels whatever the zoom.
const std::string kLineVs = std::string("#version 330 core\n") + kTransform + R"(
layout(location = 0) in vec2 a_corner;   // x: 0 start / 1 end; y: -1 / +1 side
layout(location = 1) in vec4 a_segment;  // x0, y0, x1, y1 in metres
uniform vec2 u_viewport;                 // device pixels
uniform float u_width;                   // device pixels
uniform float u_cap;                     // 1: extend ends by half the width (opaque joins), 0: butt
out float v_across;
void main() {
  vec2 s0 = to_clip(a_segment.xy) * 0.5 * u_viewport;
  vec2 s1 = to_clip(a_segment.zw) * 0.5 * u_viewport;
  vec2 d = s1 - s0;
  float len = length(d);
  vec2 dir = len > 1e-6 ? d / len : vec2(1.0, 0.0);
  vec2 n = vec2(-dir.y, dir.x);
  float half_w = 0.5 * u_width + 0.5;  // + half a pixel for the soft edge
  vec2 s = mix(s0, s1, a_corner.x) + dir * (a_corner.x * 2.0 - 1.0) * half_w * u_cap + n * a_corner.y * half_w;
  v_across = a_corner.y * half_w;
  gl_Position = vec4(s / (0.5 * u_viewport), 0.0, 1.0);
}
)";
constexpr const char* kLineFs = R"(#version 330 core
uniform vec4 u_color;
uniform float u_width;
in float v_across;
out vec4 o_color;
void main() {
  // Lines thinner than a pixel fade instead of breaking up.
  float coverage = clamp(0.5 * max(u_width, 1.0) + 0.5 - abs(v_across), 0.0, 1.0) * min(u_width, 1.0);
  o_color = vec4(u_color.rgb, u_color.a * coverage);
}
)";

const std::string kTerrainVs = std::string("#version 330 core\n") + kTransform + R"(
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_uv;
out vec2 v_uv;
void main() { v_uv = a_uv; gl_Position = vec4(to_clip(a_pos), 0.0, 1.0); }
)";
// Alpha is the land mask: sea where it is 0, relief (or flat land when the
// relief is off) where it is 1, blended across the coast.
constexpr const char* kTerrainFs = R"(#version 330 core
uniform sampler2D u_texture;
uniform vec4 u_sea;
uniform vec4 u_flat_land;
uniform float u_relief;
in vec2 v_uv;
out vec4 o_color;
void main() {
  vec4 t = texture(u_texture, v_uv);
  vec3 land = mix(u_flat_land.rgb, t.rgb, u_relief);
  o_color = vec4(mix(u_sea.rgb, land, t.a), 1.0);
}
)";

void set_color(const ShaderProgram& p, Rgba c) { glUniform4f(p.uniform("u_color"), c.r, c.g, c.b, c.a); }

}  // namespace

MapRenderer::MapRenderer(const Scene& scene)
    : background_(scene.background), sea_(scene.terrain.sea), flat_land_(scene.terrain.flat_land) {
  flat_ = std::make_unique<ShaderProgram>("flat", kFlatVs.c_str(), kFlatFs);
  line_ = std::make_unique<ShaderProgram>("line", kLineVs.c_str(), kLineFs);
  terrain_ = std::make_unique<ShaderProgram>("terrain", kTerrainVs.c_str(), kTerrainFs);

  const float corners[] = {0, -1, 1, -1, 0, 1, 1, 1};
  glGenBuffers(1, &quad_vbo_);
  glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_);
  glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);

  glGenVertexArrays(1, &cover_vao_);
  glGenBuffers(1, &cover_vbo_);
  glBindVertexArray(cover_vao_);
  glBindBuffer(GL_ARRAY_BUFFER, cover_vbo_);
  glBufferData(GL_ARRAY_BUFFER, 8 * sizeof(float), nullptr, GL_DYNAMIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);

  // Terrain.
  const TerrainLayer& t = scene.terrain;
  terrain_visible_ = t.visible && !t.indices.empty();
  glGenVertexArrays(1, &terrain_vao_);
  glBindVertexArray(terrain_vao_);
  glGenBuffers(1, &terrain_vbo_);
  glBindBuffer(GL_ARRAY_BUFFER, terrain_vbo_);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(t.vertices.size() * sizeof(float)), t.vertices.data(),
               GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), nullptr);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), reinterpret_cast<void*>(2 * sizeof(float)));
  glGenBuffers(1, &terrain_ibo_);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, terrain_ibo_);
  glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(t.indices.size() * sizeof(unsigned)),
               t.indices.data(), GL_STATIC_DRAW);
  terrain_index_count_ = static_cast<GLsizei>(t.indices.size());
  glGenTextures(1, &terrain_tex_);
  glBindTexture(GL_TEXTURE_2D, terrain_tex_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, t.texture.width, t.texture.height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
               t.texture.rgba.data());
  glGenerateMipmap(GL_TEXTURE_2D);
  // Trilinear when zoomed out; clamp so the texture edge never wraps (no seams).
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);

  for (const auto& f : scene.fills) fills_.push_back(upload_fill(f));

  for (const auto& l : scene.lines) {
    GpuLines g{l.id, 0, 0, static_cast<GLsizei>(l.segment_count()), {}, l.color, l.width_px, l.visible};
    upload_segments(l.segments, g.vao, g.vbo);
    for (const auto& lod : l.lods) {
      GpuLod gl{lod.tolerance_m, 0, 0, static_cast<GLsizei>(lod.segments.size() / 4)};
      upload_segments(lod.segments, gl.vao, gl.vbo);
      g.lods.push_back(gl);
    }
    lines_.push_back(g);
  }
  glBindVertexArray(0);
}

void MapRenderer::upload_segments(const std::vector<float>& segments, GLuint& vao, GLuint& vbo) {
  glGenVertexArrays(1, &vao);
  glBindVertexArray(vao);
  glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  glGenBuffers(1, &vbo);
  glBindBuffer(GL_ARRAY_BUFFER, vbo);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(segments.size() * sizeof(float)), segments.data(),
               GL_STATIC_DRAW);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, 0, nullptr);
  glVertexAttribDivisor(1, 1);
}

MapRenderer::GpuFill MapRenderer::upload_fill(const FillLayer& f) {
  GpuFill g{f.id, 0, 0, static_cast<GLsizei>(f.fan_triangles.size() / 2), f.bounds, f.color, f.visible};
  glGenVertexArrays(1, &g.vao);
  glBindVertexArray(g.vao);
  glGenBuffers(1, &g.vbo);
  glBindBuffer(GL_ARRAY_BUFFER, g.vbo);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(f.fan_triangles.size() * sizeof(float)),
               f.fan_triangles.data(), GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  return g;
}

MapRenderer::~MapRenderer() {
  auto del = [](GLuint vao, GLuint vbo) {
    glDeleteVertexArrays(1, &vao);
    glDeleteBuffers(1, &vbo);
  };
  for (auto& l : lines_) {
    del(l.vao, l.vbo);
    for (auto& lod : l.lods) del(lod.vao, lod.vbo);
  }
  for (auto& f : fills_) del(f.vao, f.vbo);
  del(cover_vao_, cover_vbo_);
  del(terrain_vao_, terrain_vbo_);
  glDeleteBuffers(1, &terrain_ibo_);
  glDeleteBuffers(1, &quad_vbo_);
  glDeleteTextures(1, &terrain_tex_);
}

void MapRenderer::set_transform(const ShaderProgram& p, const Camera& c, const Viewport& vp) const {
  // Clip x spans 2 units over the logical width of metres_per_px metres each.
  const double sx = 2.0 / (vp.logical_width() * c.metres_per_px);
  const double sy = 2.0 / (vp.logical_height() * c.metres_per_px);
  glUniform2f(p.uniform("u_centre"), static_cast<float>(c.centre.x), static_cast<float>(c.centre.y));
  glUniform2f(p.uniform("u_scale"), static_cast<float>(sx), static_cast<float>(sy));
}

bool MapRenderer::is_visible(const std::string& id, bool fallback, const LayerVisibility& v) const {
  auto it = v.find(id);
  return it == v.end() ? fallback : it->second;
}

// Even-odd fill: every fan triangle inverts the stencil, so points inside an
// odd number of rings end up set. Colour writes are off during that pass.
void MapRenderer::stencil_fill(const GpuFill& f) const {
  glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_FALSE);
  glStencilMask(0xFF);
  glStencilFunc(GL_ALWAYS, 0, 0xFF);
  glStencilOp(GL_KEEP, GL_KEEP, GL_INVERT);
  glBindVertexArray(f.vao);
  glDrawArrays(GL_TRIANGLES, 0, f.vertex_count);
  glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
  glStencilFunc(GL_NOTEQUAL, 0, 0xFF);
}

void MapRenderer::draw(const Camera& camera, const Viewport& vp, const LayerVisibility& visibility,
                       Pass pass) const {
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glDisable(GL_SCISSOR_TEST);
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);

  auto cover = [&](const GpuFill& f) {
    // A quad over the fill's bounds, drawn where the stencil is set; it also
    // clears the stencil (op ZERO) for the next fill.
    const float q[] = {float(f.bounds.min_x), float(f.bounds.min_y), float(f.bounds.max_x), float(f.bounds.min_y),
                       float(f.bounds.min_x), float(f.bounds.max_y), float(f.bounds.max_x), float(f.bounds.max_y)};
    glBindVertexArray(cover_vao_);
    glBindBuffer(GL_ARRAY_BUFFER, cover_vbo_);
    glBufferSubData(GL_ARRAY_BUFFER, 0, sizeof q, q);
    glStencilOp(GL_ZERO, GL_ZERO, GL_ZERO);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  };
  auto draw_fills = [&](bool dynamic) {
    flat_->use();
    set_transform(*flat_, camera, vp);
    glEnable(GL_STENCIL_TEST);
    for (const auto& f : fills_) {
      if (is_dynamic_layer(f.id) != dynamic) continue;
      if (!is_visible(f.id, f.visible, visibility) || f.vertex_count == 0) continue;
      stencil_fill(f);
      set_color(*flat_, f.color);
      cover(f);
    }
    glDisable(GL_STENCIL_TEST);
  };

  if (pass != Pass::Dynamic) {
    glClearColor(background_.r, background_.g, background_.b, 1.0f);
    glClearStencil(0);
    glStencilMask(0xFF);
    glClear(GL_COLOR_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);

    // Land and sea in one pass: the relief texture carries the land mask.
    terrain_->use();
    set_transform(*terrain_, camera, vp);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, terrain_tex_);
    glUniform1i(terrain_->uniform("u_texture"), 0);
    glUniform4f(terrain_->uniform("u_sea"), sea_.r, sea_.g, sea_.b, 1.0f);
    glUniform4f(terrain_->uniform("u_flat_land"), flat_land_.r, flat_land_.g, flat_land_.b, 1.0f);
    glUniform1f(terrain_->uniform("u_relief"), is_visible("terrain", terrain_visible_, visibility) ? 1.0f : 0.0f);
    glBindVertexArray(terrain_vao_);
    // Opaque: without blending, software rasterisers skip reading the target back.
    glDisable(GL_BLEND);
    glDrawElements(GL_TRIANGLES, terrain_index_count_, GL_UNSIGNED_INT, nullptr);
    glEnable(GL_BLEND);

    draw_fills(false);

    line_->use();
    set_transform(*line_, camera, vp);
    glUniform2f(line_->uniform("u_viewport"), static_cast<float>(vp.width_px), static_cast<float>(vp.height_px));
    const double metres_per_device_px = camera.metres_per_px / vp.pixel_ratio;
    for (const auto& l : lines_) {
      if (!is_visible(l.id, l.visible, visibility) || l.count == 0) continue;
      set_color(*line_, l.color);
      glUniform1f(line_->uniform("u_width"), l.width_px * vp.pixel_ratio);
      // Translucent lines get butt ends, or their overlapping joints show as dots.
      glUniform1f(line_->uniform("u_cap"), l.color.a >= 0.999f ? 1.0f : 0.0f);
      // The coarsest level whose simplification stays within a device pixel.
      GLuint vao = l.vao;
      GLsizei count = l.count;
      for (const auto& lod : l.lods)
        if (lod.tolerance_m <= metres_per_device_px) vao = lod.vao, count = lod.count;
      glBindVertexArray(vao);
      glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, count);
    }
  }
  // Time-dependent fills (the Xia realm) lie over the base map, so the base
  // can be cached while the campaign plays.
  if (pass != Pass::Base) draw_fills(true);
  glBindVertexArray(0);
}

}  // namespace annals
