// Draws a rectangle of one target's colour onto a rectangle of another,
// scaled with linear filtering: how a flight's frame shows a base map drawn
// for another view. A textured quad rather than glBlitFramebuffer, because
// llvmpipe draws an axis-aligned textured quad between two B8G8R8A8 targets
// without a stencil buffer in its linear rasteriser, which is twice as fast
// as its nearest blit and filters linearly as well (BM_CacheOps). It also
// lays a premultiplied layer over a frame, faded (draw_over), which the
// linear rasteriser takes too.
#pragma once

#include <memory>

#include "annals/render/camera.h"
#include "annals/render/render_target.h"
#include "annals/render/shader.h"

namespace annals {

class TextureScaler {
 public:
  TextureScaler();  // needs a current GL context
  ~TextureScaler();
  TextureScaler(const TextureScaler&) = delete;
  TextureScaler& operator=(const TextureScaler&) = delete;

  // `from` (GL pixels of `source`, rows from the bottom) onto `to` (of
  // `dest`). Both targets without samples. Leaves blending, scissor and
  // stencil tests off and `dest`'s colour framebuffer bound.
  void draw(const RenderTarget& source, const PixelRect& from, const RenderTarget& dest,
            const PixelRect& to) const;
  // All of `source`, its colour premultiplied by its alpha, its colour
  // times `darken` (the spotlight) and all of it times `alpha` (a fade),
  // blended over `to` of `dest`: a layer drawn once and laid over each
  // frame (CachedLayer). Leaves blending on and `dest`'s colour framebuffer
  // bound.
  void draw_over(const RenderTarget& source, const RenderTarget& dest, const PixelRect& to, float alpha,
                 float darken = 1);
  // Draws a corner of `source` onto a pixel of a target of its own, so the
  // driver compiles the code for draw() now rather than on a flight's first
  // frame.
  void warm_up(const RenderTarget& source);

 private:
  // The quad onto `to`, sampling `source`, with the program and its
  // uniforms already set.
  void draw_quad(const RenderTarget& source, const RenderTarget& dest, const PixelRect& to) const;

  ShaderProgram program_;
  std::unique_ptr<ShaderProgram> over_program_;  // draw_over's, made on its first use
  GLint over_rect_uniform_ = -1, over_factor_uniform_ = -1;
  std::unique_ptr<RenderTarget> warm_target_;
  GLint rect_uniform_ = -1;
  GLuint vao_ = 0;  // the quad's corners come from gl_VertexID; core GL wants a VAO bound
};

}  // namespace annals
