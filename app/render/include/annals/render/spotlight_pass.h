// Draws the spotlight's darkening (presentation mode; SpotlightField) in one
// of two ways that give the same frame:
// - compose(): the map picture laid down already darkened where the field
//   is uniform (most of the frame: fully dimmed or clear), as textured
//   quads times a uniform factor, which llvmpipe draws in its linear
//   rasteriser at about 1 ms over laying the picture down plainly; only
//   the graded cells at the spots' edges are darkened after, by a blend.
//   About 3 ms less a 1920x1080 frame than darkening it all afterwards
//   (BM_RenderFlight/3);
// - darken(): a multiplying blend over what a target holds, for frames
//   whose picture does not hold the whole map (realms drawn over it after,
//   as in exports) and multisampled frames.
// Either way the overlay drawn over the map is darkened by its vertex
// colours (darken_vertices), so its labels and symbols are darkened alike
// and the title card drawn after them is not.
#pragma once

#include <vector>

#include "annals/render/camera.h"
#include "annals/render/presentation.h"
#include "annals/render/render_target.h"
#include "annals/render/scene.h"
#include "annals/render/shader.h"

struct ImDrawList;

namespace annals {

class SpotlightPass {
 public:
  SpotlightPass();  // needs a current GL context
  ~SpotlightPass();
  SpotlightPass(const SpotlightPass&) = delete;
  SpotlightPass& operator=(const SpotlightPass&) = delete;

  // `from` (GL pixels of `source`, rows from the bottom) laid onto `to` of
  // `dest`, darkened by `field` (of `dest`'s size). Where `to` leaves `dest`
  // bare, `paper` is laid (darkened too): `from` must then reach the edge
  // of `source` on those sides, as BaseMapCache's plans do. Both targets
  // without samples; leaves blending off and `dest`'s colour framebuffer
  // bound.
  void compose(const RenderTarget& source, const PixelRect& from, const RenderTarget& dest,
               const PixelRect& to, const SpotlightField& field, const Rgba& paper);
  // Darkens what `dest` holds by `field`. Leaves `dest` bound for drawing.
  void darken(const RenderTarget& dest, const SpotlightField& field);
  // Lays a small picture down through compose(), covering its target and
  // leaving it bare, once: llvmpipe compiles a draw's code the first time it
  // meets its state, which made a presentation's first camera flight start
  // with a frame 6 ms slower (BM_RenderFlight/3). For a window gone idle.
  void warm_up();
  // Darkens the colours of `d`'s vertices [first, last) by the field at
  // their positions.
  static void darken_vertices(ImDrawList* d, int first, int last, const SpotlightField& field);

 private:
  // A run of the uploaded vertices, and the factor it is darkened by when
  // it is uniform.
  struct Range {
    float factor = 1;
    GLint first = 0;
    GLsizei count = 0;
  };
  // The field's cells as triangles (x, y in pixels, y down; factor): the
  // uniform ones grouped by factor (groups_), then the graded (graded_).
  void upload(const SpotlightField& field);
  // Darkens `cells` of `dest` by their vertices' factors, with a blend.
  void draw_darkening(const RenderTarget& dest, const Range& cells) const;

  ShaderProgram compose_program_, darken_program_;
  GLint compose_size_ = -1, compose_to_ = -1, compose_from_ = -1, compose_factor_ = -1, darken_size_ = -1;
  GLuint vao_ = 0, vbo_ = 0;
  GLuint border_sampler_ = 0;  // for a picture that leaves the view bare: paper beyond its edges
  std::vector<float> vertices_;
  std::vector<Range> groups_;
  Range graded_;
  bool warm_ = false;
};

}  // namespace annals
