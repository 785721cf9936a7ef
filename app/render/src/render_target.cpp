#include "annals/render/render_target.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace annals {

namespace {
// Pixels as little-endian words (R the low byte). Sixteen at a time: GCC's
// -O2 vectorises loops of a known count only.
static_assert(std::endian::native == std::endian::little, "pixels are read as little-endian words");
inline std::uint32_t rgba_of_bgra(std::uint32_t x) {
  return ((x & 0xFFu) << 16) | ((x >> 16) & 0xFFu) | (x & 0xFF00u) | 0xFF000000u;
}
void bgra_to_rgba(std::uint32_t* __restrict v, std::size_t n) {
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16)
    for (std::size_t k = 0; k < 16; ++k) v[i + k] = rgba_of_bgra(v[i + k]);
  for (; i < n; ++i) v[i] = rgba_of_bgra(v[i]);
}
void make_opaque(std::uint32_t* __restrict v, std::size_t n) {
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16)
    for (std::size_t k = 0; k < 16; ++k) v[i + k] |= 0xFF000000u;
  for (; i < n; ++i) v[i] |= 0xFF000000u;
}

void check_complete(const char* what) {
  GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  if (status != GL_FRAMEBUFFER_COMPLETE)
    throw std::runtime_error(std::string(what) + " framebuffer incomplete (status 0x" +
                             std::to_string(status) + ")");
}
}  // namespace

RenderTarget::RenderTarget(int width, int height, int samples) : width_(width), height_(height) {
  GLint max_samples = 0, max_size = 0, max_texture = 0;
  glGetIntegerv(GL_MAX_SAMPLES, &max_samples);
  glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_size);
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_texture);
  if (samples <= 0) max_size = std::min(max_size, max_texture);  // the colour is then a texture
  if (width <= 0 || height <= 0 || width > max_size || height > max_size)
    throw std::runtime_error("frame size " + std::to_string(width) + "x" + std::to_string(height) +
                             " is outside what the GL driver supports (1 to " + std::to_string(max_size) +
                             ")");
  samples_ = std::clamp(samples, 0, static_cast<int>(max_samples));

  glGenFramebuffers(1, &msaa_fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, msaa_fbo_);
  if (samples_ == 0) {
    // A texture, so a picture can be drawn scaled onto another target
    // (TextureScaler). The unsized GL_RGBA with BGRA bytes lets Mesa store it
    // as B8G8R8A8, the one layout llvmpipe's linear rasteriser draws: a
    // scaled quad then costs 3-4 ms at 1920x1080 against 6 for a nearest
    // glBlitFramebuffer and 9 for a linear one (BM_CacheOps). Other drivers
    // pick their own layout; read_pixels_into asks which.
    glGenTextures(1, &color_texture_);
    glBindTexture(GL_TEXTURE_2D, color_texture_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_BGRA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
    // The colour alone, for drawing a scaled picture: llvmpipe leaves its
    // linear rasteriser for any framebuffer with a stencil buffer.
    glGenFramebuffers(1, &color_fbo_);
    glBindFramebuffer(GL_FRAMEBUFFER, color_fbo_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_texture_, 0);
    check_complete("colour");
    GLint read_format = GL_RGBA;
    glGetIntegerv(GL_IMPLEMENTATION_COLOR_READ_FORMAT, &read_format);
    read_bgra_ = read_format == GL_BGRA;
    glBindFramebuffer(GL_FRAMEBUFFER, msaa_fbo_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_texture_, 0);
  } else {
    glGenRenderbuffers(1, &msaa_color_);
    glBindRenderbuffer(GL_RENDERBUFFER, msaa_color_);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_RGBA8, width, height);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, msaa_color_);
  }
  // Stencil: polygons (land, lakes) are filled with the even-odd stencil rule.
  // Nothing uses depth, so the buffer is stencil alone: a byte a pixel
  // instead of four (24 MB less at 3840x2160 for each target).
  glGenRenderbuffers(1, &msaa_depth_stencil_);
  glBindRenderbuffer(GL_RENDERBUFFER, msaa_depth_stencil_);
  glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples_, GL_STENCIL_INDEX8, width, height);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_STENCIL_ATTACHMENT, GL_RENDERBUFFER, msaa_depth_stencil_);
  check_complete("multisampled");

  if (samples_ == 0) {
    // Nothing to resolve: reads and blits take the drawn buffer itself, and
    // the target costs one colour buffer less (8 MB at 1080p, 33 MB at 4K).
    resolve_fbo_ = msaa_fbo_;
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return;
  }
  glGenFramebuffers(1, &resolve_fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, resolve_fbo_);
  glGenRenderbuffers(1, &resolve_color_);
  glBindRenderbuffer(GL_RENDERBUFFER, resolve_color_);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, resolve_color_);
  check_complete("resolve");
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

RenderTarget::~RenderTarget() {
  glDeleteFramebuffers(1, &msaa_fbo_);
  if (resolve_fbo_ != msaa_fbo_) glDeleteFramebuffers(1, &resolve_fbo_);
  if (color_fbo_) glDeleteFramebuffers(1, &color_fbo_);
  if (color_texture_) glDeleteTextures(1, &color_texture_);
  // Names of 0 are ignored.
  GLuint rbs[] = {msaa_color_, msaa_depth_stencil_, resolve_color_};
  glDeleteRenderbuffers(3, rbs);
}

void RenderTarget::bind_for_drawing() const {
  glBindFramebuffer(GL_FRAMEBUFFER, msaa_fbo_);
  glViewport(0, 0, width_, height_);
}

void RenderTarget::bind_color_for_drawing() const {
  glBindFramebuffer(GL_FRAMEBUFFER, color_fbo_ ? color_fbo_ : msaa_fbo_);
  glViewport(0, 0, width_, height_);
}

void RenderTarget::copy_into(const RenderTarget& other) const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, msaa_fbo_);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, other.msaa_fbo_);
  glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, other.msaa_fbo_);
}

void RenderTarget::copy_scaled_into(const RenderTarget& other, const PixelRect& from, const PixelRect& to,
                                    bool linear) const {
  if (from.empty() || to.empty()) return;
  glBindFramebuffer(GL_READ_FRAMEBUFFER, msaa_fbo_);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, other.msaa_fbo_);
  glBlitFramebuffer(from.x, from.y, from.x + from.width, from.y + from.height, to.x, to.y, to.x + to.width,
                    to.y + to.height, GL_COLOR_BUFFER_BIT, linear ? GL_LINEAR : GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, other.msaa_fbo_);
}

void RenderTarget::copy_shifted_into(const RenderTarget& other, int dx, int dy) const {
  const int w = width_ - std::abs(dx), h = height_ - std::abs(dy);
  if (w <= 0 || h <= 0) return;
  // GL rows count from the bottom: moving down the image is -y in GL.
  const int sx = std::max(0, -dx), dx0 = std::max(0, dx);
  const int sy = std::max(0, dy), dy0 = std::max(0, -dy);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, msaa_fbo_);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, other.msaa_fbo_);
  glBlitFramebuffer(sx, sy, sx + w, sy + h, dx0, dy0, dx0 + w, dy0 + h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, other.msaa_fbo_);
}

void RenderTarget::resolve() const {
  if (resolve_fbo_ == msaa_fbo_) return;
  glBindFramebuffer(GL_READ_FRAMEBUFFER, msaa_fbo_);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolve_fbo_);
  glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
}

void RenderTarget::blit_to(GLuint framebuffer, int x, int y) const {
  resolve();
  glBindFramebuffer(GL_READ_FRAMEBUFFER, resolve_fbo_);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, framebuffer);
  glBlitFramebuffer(0, 0, width_, height_, x, y, x + width_, y + height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
}

Image RenderTarget::read_pixels() const {
  Image img;
  read_pixels_into(img);
  return img;
}

void RenderTarget::read_pixels_into(Image& img) const {
  resolve();
  glBindFramebuffer(GL_READ_FRAMEBUFFER, resolve_fbo_);
  if (img.width != width_ || img.height != height_) img = Image(width_, height_);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  // In the target's own channel order (a plain copy; llvmpipe converts
  // BGRA to RGBA at 2.6 ms a 1080p frame), put right below.
  glReadPixels(0, 0, width_, height_, read_bgra_ ? GL_BGRA : GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
  // GL's rows run bottom-up and images top-down: rows are swapped in pairs
  // through whole-pixel buffers, where each pixel is made RGBA and opaque
  // (frames are) by loops the compiler vectorises (fix_pixels): 0.8 ms a
  // 1080p frame, where a byte-wise channel swap alone took 1.6.
  const bool bgra = read_bgra_;
  auto fix = [bgra](std::uint32_t* v, std::size_t n) { bgra ? bgra_to_rgba(v, n) : make_opaque(v, n); };
  const std::size_t w = static_cast<std::size_t>(width_), row = w * 4;
  std::vector<std::uint32_t> a(w), b(w);
  for (int y = 0; y < (height_ + 1) / 2; ++y) {
    std::uint8_t* top = img.rgba.data() + static_cast<std::size_t>(y) * row;
    std::uint8_t* bottom = img.rgba.data() + static_cast<std::size_t>(height_ - 1 - y) * row;
    std::memcpy(a.data(), top, row);
    std::memcpy(b.data(), bottom, row);
    fix(a.data(), w);
    fix(b.data(), w);
    std::memcpy(top, b.data(), row);
    if (bottom != top) std::memcpy(bottom, a.data(), row);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

}  // namespace annals
