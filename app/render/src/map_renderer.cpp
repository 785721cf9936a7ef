#include "annals/render/map_renderer.h"
#include "annals/geo/trace.h"

#include <algorithm>
#include <cstdint>

namespace annals {

namespace {

// Line segments are filed in a kCellGrid × kCellGrid grid over each layer.
constexpr int kCellGrid = 32;

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

// The relief texture is a north-up grid over `u_bounds`; positions give its
// texture coordinates, so the footprint mesh needs none of its own.
const std::string kTerrainVs = std::string("#version 330 core\n") + kTransform + R"(
layout(location = 0) in vec2 a_pos;
uniform vec4 u_bounds;  // min x, min y, max x, max y
out vec2 v_uv;
void main() {
  v_uv = vec2((a_pos.x - u_bounds.x) / (u_bounds.z - u_bounds.x), (u_bounds.w - a_pos.y) / (u_bounds.w - u_bounds.y));
  gl_Position = vec4(to_clip(a_pos), 0.0, 1.0);
}
)";
// The texture is composed already (compose_terrain): a bare read, which
// llvmpipe runs on its fast 8-bit path.
constexpr const char* kTerrainFs = R"(#version 330 core
uniform sampler2D u_texture;
in vec2 v_uv;
out vec4 o_color;
void main() { o_color = texture(u_texture, v_uv); }
)";

// The next mipmap level: each texel the mean of the 2x2 block below it (the
// last row or column of an odd size joins the block before it). Empty once
// the image is a single texel.
Image half_size(const Image& in) {
  if (in.width <= 1 && in.height <= 1) return Image();
  Image out(std::max(1, in.width / 2), std::max(1, in.height / 2));
  const std::size_t stride = static_cast<std::size_t>(in.width) * 4;
  for (int y = 0; y < out.height; ++y) {
    const std::uint8_t* r0 = in.rgba.data() + std::min(2 * y, in.height - 1) * stride;
    const std::uint8_t* r1 = in.rgba.data() + std::min(2 * y + 1, in.height - 1) * stride;
    std::uint8_t* o = out.rgba.data() + static_cast<std::size_t>(y) * out.width * 4;
    for (int x = 0; x < out.width; ++x) {
      const std::size_t a = static_cast<std::size_t>(std::min(2 * x, in.width - 1)) * 4,
                        b = static_cast<std::size_t>(std::min(2 * x + 1, in.width - 1)) * 4;
      for (std::size_t k = 0; k < 4; ++k)
        o[4 * x + k] = static_cast<std::uint8_t>((r0[a + k] + r0[b + k] + r1[a + k] + r1[b + k] + 2) / 4);
    }
  }
  return out;
}

void set_color(const ShaderProgram& p, Rgba c) { glUniform4f(p.uniform("u_color"), c.r, c.g, c.b, c.a); }

}  // namespace

MapRenderer::MapRenderer(const Scene& scene) : background_(scene.background), terrain_layer_(scene.terrain) {
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

  // Terrain: one rectangle of the relief texture, the part in view.
  const TerrainLayer& t = scene.terrain;
  terrain_visible_ = t.visible && t.texture.width > 0;
  glGenVertexArrays(1, &terrain_vao_);
  glBindVertexArray(terrain_vao_);
  glGenBuffers(1, &terrain_vbo_);
  glBindBuffer(GL_ARRAY_BUFFER, terrain_vbo_);
  glBufferData(GL_ARRAY_BUFFER, 8 * sizeof(float), nullptr, GL_DYNAMIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  glGenTextures(1, &terrain_tex_);
  upload_terrain(true);

  for (const auto& f : scene.fills) fills_.push_back(upload_fill(f));

  for (const auto& l : scene.lines) {
    GpuLines g{l.id, {}, l.color, l.width_px, l.visible, l.max_metres_per_px};
    g.lods.push_back(upload_segments(0.0, l.segments));
    for (const auto& lod : l.lods) g.lods.push_back(upload_segments(lod.tolerance_m, lod.segments));
    lines_.push_back(std::move(g));
  }
  glBindVertexArray(0);
}

void MapRenderer::upload_terrain(bool relief) const {
  const Image composed = compose_terrain(terrain_layer_, relief, background_);
  glBindTexture(GL_TEXTURE_2D, terrain_tex_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  // The mipmaps are made here, not by glGenerateMipmap, which took llvmpipe
  // 135 ms for a 3-megatexel relief; and the storage for every level is
  // allocated once (glTexStorage2D), so no level's upload moves the others.
  std::vector<Image> levels;
  for (Image m = half_size(composed); m.width > 0; m = half_size(levels.back()))
    levels.push_back(std::move(m));
  if (!terrain_storage_) {
    glTexStorage2D(GL_TEXTURE_2D, static_cast<GLsizei>(levels.size() + 1), GL_RGBA8, composed.width,
                   composed.height);
    terrain_storage_ = true;
  }
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, composed.width, composed.height, GL_RGBA, GL_UNSIGNED_BYTE,
                  composed.rgba.data());
  for (std::size_t l = 0; l < levels.size(); ++l)
    glTexSubImage2D(GL_TEXTURE_2D, static_cast<GLint>(l + 1), 0, 0, levels[l].width, levels[l].height,
                    GL_RGBA, GL_UNSIGNED_BYTE, levels[l].rgba.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  // Clamp so the texture edge never wraps (no seams).
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  terrain_relief_ = relief;
}

MapRenderer::GpuLod MapRenderer::upload_segments(double tolerance_m, std::vector<float> segments) {
  GpuLod lod;
  lod.tolerance_m = tolerance_m;
  lod.count = static_cast<GLsizei>(segments.size() / 4);
  lod.cells = sort_into_cells(segments, kCellGrid);
  glGenVertexArrays(1, &lod.vao);
  glBindVertexArray(lod.vao);
  glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  glGenBuffers(1, &lod.vbo);
  glBindBuffer(GL_ARRAY_BUFFER, lod.vbo);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(segments.size() * sizeof(float)), segments.data(),
               GL_STATIC_DRAW);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, 0, nullptr);
  glVertexAttribDivisor(1, 1);
  return lod;
}

MapRenderer::GpuFill MapRenderer::upload_fill(const FillLayer& f) {
  GpuFill g{f.id,           0,        0,       static_cast<GLsizei>(f.triangles.size() / 2),
            f.triangulated, f.bounds, f.color, f.visible};
  glGenVertexArrays(1, &g.vao);
  glBindVertexArray(g.vao);
  glGenBuffers(1, &g.vbo);
  glBindBuffer(GL_ARRAY_BUFFER, g.vbo);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(f.triangles.size() * sizeof(float)),
               f.triangles.data(), GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  return g;
}

MapRenderer::~MapRenderer() {
  auto del = [](GLuint vao, GLuint vbo) {
    glDeleteVertexArrays(1, &vao);
    glDeleteBuffers(1, &vbo);
  };
  for (auto& l : lines_)
    for (auto& lod : l.lods) del(lod.vao, lod.vbo);
  for (auto& f : fills_) del(f.vao, f.vbo);
  del(cover_vao_, cover_vbo_);
  del(terrain_vao_, terrain_vbo_);
  glDeleteBuffers(1, &quad_vbo_);
  glDeleteTextures(1, &terrain_tex_);
}

Bounds MapRenderer::view_bounds(const Camera& c, const Viewport& vp) {
  const double hw = vp.logical_width() * c.metres_per_px / 2, hh = vp.logical_height() * c.metres_per_px / 2;
  return {c.centre.x - hw, c.centre.y - hh, c.centre.x + hw, c.centre.y + hh};
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

void MapRenderer::draw(const Camera& camera, const Viewport& vp, const LayerVisibility& visibility, Pass pass,
                       const PixelRect* clip) const {
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  // What is drawn, in projected metres: the whole view or the clip's part.
  Bounds drawn = view_bounds(camera, vp);
  if (clip) {
    if (clip->empty()) return;
    const XY top_left = camera.to_map({double(clip->x), double(clip->y)}, vp);
    const XY bottom_right =
        camera.to_map({double(clip->x + clip->width), double(clip->y + clip->height)}, vp);
    drawn = {top_left.x, bottom_right.y, bottom_right.x, top_left.y};
    glEnable(GL_SCISSOR_TEST);  // GL counts rows from the bottom
    glScissor(clip->x, vp.height_px - clip->y - clip->height, clip->width, clip->height);
  } else {
    glDisable(GL_SCISSOR_TEST);
  }
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);

  auto cover = [&](const GpuFill& f) {
    // A quad over the fill's bounds, drawn where the stencil is set; it also
    // clears the stencil (op ZERO) for the next fill.
    const float q[] = {float(f.bounds.min_x), float(f.bounds.min_y), float(f.bounds.max_x),
                       float(f.bounds.min_y), float(f.bounds.min_x), float(f.bounds.max_y),
                       float(f.bounds.max_x), float(f.bounds.max_y)};
    glBindVertexArray(cover_vao_);
    glBindBuffer(GL_ARRAY_BUFFER, cover_vbo_);
    glBufferSubData(GL_ARRAY_BUFFER, 0, sizeof q, q);
    glStencilOp(GL_ZERO, GL_ZERO, GL_ZERO);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  };
  auto draw_fills = [&](bool dynamic) {
    flat_->use();
    set_transform(*flat_, camera, vp);
    for (const auto& f : fills_) {
      if (is_dynamic_layer(f.id) != dynamic) continue;
      if (!is_visible(f.id, f.visible, visibility) || f.vertex_count == 0) continue;
      set_color(*flat_, f.color);
      if (f.triangulated) {
        // Each pixel inside is covered by one triangle: one blended pass,
        // no stencil (a realm's 14 cells: 3.5 ms a 1080p frame on llvmpipe
        // with the stencil, BM_RenderFlight).
        glDisable(GL_STENCIL_TEST);
        glBindVertexArray(f.vao);
        glDrawArrays(GL_TRIANGLES, 0, f.vertex_count);
        continue;
      }
      glEnable(GL_STENCIL_TEST);
      stencil_fill(f);
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
    // Switching the relief off or on recomposes the texture (rare; ~30 ms).
    const bool relief = is_visible("terrain", terrain_visible_, visibility);
    if (relief != terrain_relief_) upload_terrain(relief);
    const Bounds& tb = terrain_layer_.bounds;
    glUniform4f(terrain_->uniform("u_bounds"), static_cast<float>(tb.min_x), static_cast<float>(tb.min_y),
                static_cast<float>(tb.max_x), static_cast<float>(tb.max_y));
    // Mipmaps only where the texture is shrunk: trilinear filtering costs a
    // software rasteriser a third more than bilinear.
    const bool minified = camera.metres_per_px / vp.pixel_ratio > 1.25 * terrain_layer_.texel_m();
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, minified ? GL_LINEAR_MIPMAP_LINEAR : GL_LINEAR);
    // Only the part in view, as a screen-aligned rectangle: llvmpipe fills
    // those on a fast path and spends nothing on what lies off-screen.
    const Bounds r{std::max(drawn.min_x, tb.min_x), std::max(drawn.min_y, tb.min_y),
                   std::min(drawn.max_x, tb.max_x), std::min(drawn.max_y, tb.max_y)};
    if (r.max_x > r.min_x && r.max_y > r.min_y) {
      const float q[] = {float(r.min_x), float(r.min_y), float(r.max_x), float(r.min_y),
                         float(r.min_x), float(r.max_y), float(r.max_x), float(r.max_y)};
      glBindVertexArray(terrain_vao_);
      glBindBuffer(GL_ARRAY_BUFFER, terrain_vbo_);
      glBufferSubData(GL_ARRAY_BUFFER, 0, sizeof q, q);
      // Opaque: without blending, software rasterisers skip reading the target back.
      glDisable(GL_BLEND);
      glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    }
    glEnable(GL_BLEND);

    draw_fills(false);

    line_->use();
    set_transform(*line_, camera, vp);
    glUniform2f(line_->uniform("u_viewport"), static_cast<float>(vp.width_px),
                static_cast<float>(vp.height_px));
    const double metres_per_device_px = camera.metres_per_px / vp.pixel_ratio;
    for (const auto& l : lines_) {
      if (!is_visible(l.id, l.visible, visibility) || l.lods.front().count == 0) continue;
      if (camera.metres_per_px > l.max_metres_per_px) continue;  // too small at this scale
      set_color(*line_, l.color);
      glUniform1f(line_->uniform("u_width"), l.width_px * vp.pixel_ratio);
      // Translucent lines get butt ends, or their overlapping joints show as dots.
      glUniform1f(line_->uniform("u_cap"), l.color.a >= 0.999f ? 1.0f : 0.0f);
      // The coarsest level whose simplification stays within a device pixel.
      const GpuLod* lod = &l.lods.front();
      for (const auto& level : l.lods)
        if (level.tolerance_m <= metres_per_device_px) lod = &level;
      // Segments whose cells can reach the drawn area, widened by the line's
      // half width and its soft edge.
      const double reach = (0.5 * l.width_px * vp.pixel_ratio + 1.0) * metres_per_device_px;
      const Bounds near{drawn.min_x - reach, drawn.min_y - reach, drawn.max_x + reach, drawn.max_y + reach};
      glBindVertexArray(lod->vao);
      glBindBuffer(GL_ARRAY_BUFFER, lod->vbo);
      for (const SegmentRun& run : visible_runs(lod->cells, near)) {
        // GL 3.3 has no base instance: point the per-instance attribute at the run.
        glVertexAttribPointer(
            1, 4, GL_FLOAT, GL_FALSE, 0,
            reinterpret_cast<const void*>(static_cast<std::uintptr_t>(run.first) * 4 * sizeof(float)));
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(run.count));
      }
    }
  }
  // Time-dependent fills (the realms) lie over the base map, so the base
  // can be cached while the campaign plays.
  if (pass != Pass::Base) draw_fills(true);
  glBindVertexArray(0);
  glDisable(GL_SCISSOR_TEST);
}

}  // namespace annals
