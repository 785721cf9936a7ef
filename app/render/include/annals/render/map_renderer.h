// Draws a Scene's geometry (terrain, fills, lines) with OpenGL 3.3 into the
// framebuffer that is bound. Line widths are given in logical pixels and
// multiplied by the viewport's pixel ratio, so they are the same on a window
// and on an export of any size. Labels and symbols are drawn afterwards by the
// OverlayPainter.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "annals/render/camera.h"
#include "annals/render/gl.h"
#include "annals/render/scene.h"
#include "annals/render/shader.h"

namespace annals {

// Which layers are on; ids as in Scene (terrain, land, lakes, playas,
// graticule, borders, coast, rivers-*). Missing ids keep the scene's default.
using LayerVisibility = std::map<std::string, bool>;

class MapRenderer {
 public:
  // Needs a current GL 3.3 context; uploads the scene's buffers and texture.
  explicit MapRenderer(const Scene& scene);
  ~MapRenderer();
  MapRenderer(const MapRenderer&) = delete;
  MapRenderer& operator=(const MapRenderer&) = delete;

  // What to draw: the static base map (it clears the target first), the
  // layers that change with campaign time (fills whose id starts "realm:",
  // drawn over the base), or both in that order.
  enum class Pass { Base, Dynamic, All };
  void draw(const Camera& camera, const Viewport& viewport, const LayerVisibility& visibility,
            Pass pass = Pass::All) const;
  static bool is_dynamic_layer(const std::string& id) { return id.rfind("realm:", 0) == 0; }

 private:
  struct GpuLod {
    double tolerance_m = 0;
    GLuint vao = 0, vbo = 0;
    GLsizei count = 0;
  };
  struct GpuLines {
    std::string id;
    GLuint vao = 0, vbo = 0;
    GLsizei count = 0;
    std::vector<GpuLod> lods;
    Rgba color;
    float width_px = 1;
    bool visible = true;
  };
  struct GpuFill {
    std::string id;
    GLuint vao = 0, vbo = 0;
    GLsizei vertex_count = 0;
    Bounds bounds;
    Rgba color;
    bool visible = true;
  };
  GpuFill upload_fill(const FillLayer& f);
  void upload_segments(const std::vector<float>& segments, GLuint& vao, GLuint& vbo);
  void stencil_fill(const GpuFill& f) const;
  void set_transform(const ShaderProgram& p, const Camera& c, const Viewport& vp) const;
  bool is_visible(const std::string& id, bool fallback, const LayerVisibility& v) const;

  std::unique_ptr<ShaderProgram> flat_, line_, terrain_;
  Rgba background_, sea_, flat_land_;
  GLuint quad_vbo_ = 0;  // unit corners shared by every line instance
  GLuint cover_vao_ = 0, cover_vbo_ = 0;
  GLuint terrain_vao_ = 0, terrain_vbo_ = 0, terrain_ibo_ = 0, terrain_tex_ = 0;
  GLsizei terrain_index_count_ = 0;
  bool terrain_visible_ = true;
  std::vector<GpuFill> fills_;
  std::vector<GpuLines> lines_;
};

}  // namespace annals
