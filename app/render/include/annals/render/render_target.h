// Where a frame is drawn: an offscreen framebuffer of any size, 4x
// multisampled on a GPU; without samples (llvmpipe) its colour is a texture,
// so a cached picture can be scaled from it (TextureScaler). The window and
// `annals still` both draw the map into one of these (so their pixels are the
// same) and then either blit it to the window or read it back.
#pragma once

#include "annals/render/camera.h"

#include "annals/render/gl.h"
#include "annals/render/image.h"

namespace annals {

class RenderTarget {
 public:
  // samples is clamped to what the driver offers (GL_MAX_SAMPLES).
  RenderTarget(int width, int height, int samples = 4);
  ~RenderTarget();
  RenderTarget(const RenderTarget&) = delete;
  RenderTarget& operator=(const RenderTarget&) = delete;

  int width() const { return width_; }
  int height() const { return height_; }
  int samples() const { return samples_; }
  // The colour as a texture (GL_TEXTURE_2D, linear filtering, one level), or
  // 0 for a multisampled target.
  GLuint texture() const { return color_texture_; }

  // Binds the multisampled framebuffer and sets the viewport to all of it.
  void bind_for_drawing() const;
  // The same without the stencil buffer (for a target without samples; else
  // as bind_for_drawing): what a scaled picture is drawn into.
  void bind_color_for_drawing() const;
  // Copies this target's colour into `other` (same size, both without
  // multisampling): how a cached base map is laid down before each frame.
  void copy_into(const RenderTarget& other) const;
  // Copies this target's colour into `other` moved by (dx, dy) device pixels
  // (x right, y down); what moves off the edge is dropped and what it
  // uncovers in `other` is left as it was.
  void copy_shifted_into(const RenderTarget& other, int dx, int dy) const;
  // Copies the rectangle `from` of this target (GL pixels, rows from the
  // bottom) onto the rectangle `to` of `other`, scaled with linear filtering:
  // a picture drawn for another scale, shown while the camera moves.
  void copy_scaled_into(const RenderTarget& other, const PixelRect& from, const PixelRect& to,
                        bool linear = true) const;
  // Resolves the samples and copies the frame to `framebuffer` (0 = window),
  // at the same size, bottom-left aligned.
  void blit_to(GLuint framebuffer, int x = 0, int y = 0) const;
  // Resolves and reads the frame back, top row first.
  Image read_pixels() const;
  // The same into `img`, reusing its memory when the size matches (export).
  void read_pixels_into(Image& img) const;

 private:
  void resolve() const;
  int width_, height_, samples_ = 0;
  GLuint msaa_fbo_ = 0, msaa_color_ = 0, msaa_depth_stencil_ = 0;
  GLuint resolve_fbo_ = 0, resolve_color_ = 0, color_texture_ = 0, color_fbo_ = 0;
  bool read_bgra_ = false;  // the driver reads this colour fastest as BGRA
};

}  // namespace annals
