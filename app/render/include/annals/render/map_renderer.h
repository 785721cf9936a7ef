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
#include "annals/render/segment_cells.h"
#include "annals/render/shader.h"

namespace annals {

// Which layers are on; ids as in Scene::switches (terrain, graticule,
// borders, coast, lake-shores, rivers-*) and the realm's "realm:<seat>".
// Missing ids keep the scene's default.
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
  // `clip`, if given, limits drawing (clearing included) to that rectangle
  // of device pixels, and the geometry sent to the GPU to what can reach it:
  // how a panned frame redraws only the strip that came into view.
  enum class Pass { Base, Dynamic, All };
  void draw(const Camera& camera, const Viewport& viewport, const LayerVisibility& visibility,
            Pass pass = Pass::All, const PixelRect* clip = nullptr) const;
  static bool is_dynamic_layer(const std::string& id) { return annals::is_dynamic_layer(id); }
  // The projected rectangle a camera shows.
  static Bounds view_bounds(const Camera& camera, const Viewport& viewport);

 private:
  // One level of detail of a line layer, its segments sorted into spatial
  // cells so a frame draws only those near the view.
  struct GpuLod {
    double tolerance_m = 0;  // 0: full detail
    GLuint vao = 0, vbo = 0;
    GLsizei count = 0;
    SegmentCells cells;
  };
  struct GpuLines {
    std::string id;
    std::vector<GpuLod> lods;  // full detail first, then coarser and coarser
    Rgba color;
    float width_px = 1;
    bool visible = true;
    double max_metres_per_px = 0;
  };
  struct GpuFill {
    std::string id;
    GLuint vao = 0, vbo = 0;
    GLsizei vertex_count = 0;
    bool triangulated = false;  // else fans for the stencil
    Bounds bounds;
    Rgba color;
    bool visible = true;
  };
  GpuFill upload_fill(const FillLayer& f);
  GpuLod upload_segments(double tolerance_m, std::vector<float> segments);
  void stencil_fill(const GpuFill& f) const;
  void set_transform(const ShaderProgram& p, const Camera& c, const Viewport& vp) const;
  bool is_visible(const std::string& id, bool fallback, const LayerVisibility& v) const;

  std::unique_ptr<ShaderProgram> flat_, line_, terrain_;
  void upload_terrain(bool relief) const;

  Rgba background_;

 public:
  const Rgba& background() const { return background_; }  // the paper beyond the relief

 private:
  const TerrainLayer& terrain_layer_;     // the scene outlives its renderer
  mutable bool terrain_relief_ = true;    // what the texture shows now
  mutable bool terrain_storage_ = false;  // the texture's levels are allocated
  GLuint quad_vbo_ = 0;                   // unit corners shared by every line instance
  GLuint cover_vao_ = 0, cover_vbo_ = 0;
  GLuint terrain_vao_ = 0, terrain_vbo_ = 0, terrain_tex_ = 0;

  bool terrain_visible_ = true;
  std::vector<GpuFill> fills_;
  std::vector<GpuLines> lines_;
};

}  // namespace annals
