#include "annals/render/base_map_cache.h"

#include "annals/render/gl.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

namespace annals {

namespace {
// A move counts as whole pixels within this fraction of a pixel; the error
// left over is far below anything a frame can show.
constexpr double kWholePixel = 1e-3;
}  // namespace

void BaseMapCache::ensure_targets(const Viewport& vp) {
  auto fits = [&](const std::unique_ptr<RenderTarget>& t) {
    return t && t->width() == vp.width_px && t->height() == vp.height_px;
  };
  if (!fits(current_)) current_ = std::make_unique<RenderTarget>(vp.width_px, vp.height_px, 0);
  // The spare is only for scrolling: exact frames never need it.
  if (allow_scroll && !fits(spare_)) spare_ = std::make_unique<RenderTarget>(vp.width_px, vp.height_px, 0);
  if (!allow_scroll) spare_.reset();
  if (!allow_scroll) motion_.reset(), motion_valid_ = false, surround_.reset(), surround_valid_ = false;
  if (!allow_scroll) composed_.reset(), composed_serial_ = -1;
}

bool BaseMapCache::prepare_motion(const MapRenderer& map, const Camera& camera, const Viewport& vp,
                                  const LayerVisibility& base_layers, int scene_generation,
                                  const LayerVisibility* dynamic_layers) {
  if (!allow_scroll) return false;
  Key key{camera.metres_per_px, vp.width_px, vp.height_px, vp.pixel_ratio, base_layers, scene_generation};
  const bool with = dynamic_layers != nullptr;
  // The sharp picture with the layers, for a flight's first frames.
  if (with && valid_ && key == key_ && camera.centre.x == centre_.x && camera.centre.y == centre_.y)
    refresh_composed(map, vp, *dynamic_layers);
  if (surround_valid_ && surround_key_ == key && surround_picture_.centre.x == camera.centre.x &&
      surround_picture_.centre.y == camera.centre.y && surround_picture_.holds_dynamic == with &&
      (!with || surround_picture_.dynamic == *dynamic_layers))
    return false;
  if (!surround_ || surround_->width() != vp.width_px || surround_->height() != vp.height_px)
    surround_ = std::make_unique<RenderTarget>(vp.width_px, vp.height_px, 0);
  surround_->bind_for_drawing();
  Camera wide = camera;
  wide.metres_per_px *= kSurround;
  draw_picture(map, wide, vp, base_layers, dynamic_layers);
  surround_key_ = std::move(key);
  surround_picture_ = {surround_.get(), camera.centre, wide.metres_per_px / vp.pixel_ratio, with,
                       with ? *dynamic_layers : LayerVisibility{}};
  surround_valid_ = true;
  // One pixel scaled now, so the driver has compiled its scaling path
  // before the first frame of a flight needs it (on llvmpipe, 30 ms).
  if (!scaler_) scaler_ = std::make_unique<TextureScaler>();
  scaler_->warm_up(*surround_);
  return true;
}

void BaseMapCache::draw_picture(const MapRenderer& map, const Camera& camera, const Viewport& vp,
                                const LayerVisibility& base_layers, const LayerVisibility* dynamic_layers) {
  if (!dynamic_layers) {
    map.draw(camera, vp, base_layers, MapRenderer::Pass::Base);
    return;
  }
  LayerVisibility all = base_layers;
  all.insert(dynamic_layers->begin(), dynamic_layers->end());
  map.draw(camera, vp, all, MapRenderer::Pass::All);
}

void BaseMapCache::compose_dynamic(const MapRenderer& map, const Viewport& vp,
                                   const LayerVisibility* dynamic_layers) {
  if (!dynamic_layers) return;
  refresh_composed(map, vp, *dynamic_layers);
  holds_dynamic_ = true;
}

void BaseMapCache::refresh_composed(const MapRenderer& map, const Viewport& vp,
                                    const LayerVisibility& dynamic_layers) {
  if (composed_serial_ == base_serial_ && composed_dynamic_ == dynamic_layers) return;
  if (!composed_ || composed_->width() != vp.width_px || composed_->height() != vp.height_px) {
    composed_ = std::make_unique<RenderTarget>(vp.width_px, vp.height_px, 0);
    // Stencil fills expect a clear stencil (each leaves it so behind it).
    composed_->bind_for_drawing();
    glClearStencil(0);
    glStencilMask(0xFF);
    glClear(GL_STENCIL_BUFFER_BIT);
  }
  current_->copy_into(*composed_);
  composed_->bind_for_drawing();
  map.draw(Camera{centre_, key_.metres_per_px}, vp, dynamic_layers, MapRenderer::Pass::Dynamic);
  composed_serial_ = base_serial_;
  composed_dynamic_ = dynamic_layers;
}

bool BaseMapCache::plan_scaled(const Picture& from, const Camera& camera, const Viewport& vp,
                               double min_cover, const Rgba& paper) {
  // World rectangles (y north) of the picture and of the view.
  const double m = camera.metres_per_px / vp.pixel_ratio, f = from.metres_per_device_px;
  const double fw = from.target->width() * f, fh = from.target->height() * f;
  const double px0 = from.centre.x - fw / 2, py0 = from.centre.y - fh / 2;
  const double vx0 = camera.centre.x - vp.width_px * m / 2, vy0 = camera.centre.y - vp.height_px * m / 2;
  const double vx1 = vx0 + vp.width_px * m, vy1 = vy0 + vp.height_px * m;
  const double ix0 = std::max(px0, vx0), iy0 = std::max(py0, vy0);
  const double ix1 = std::min(px0 + fw, vx1), iy1 = std::min(py0 + fh, vy1);
  if (ix1 <= ix0 || iy1 <= iy0) return false;
  if ((ix1 - ix0) * (iy1 - iy0) < min_cover * (vx1 - vx0) * (vy1 - vy0)) return false;
  // GL pixels count rows from the bottom, as world y runs north.
  auto span = [](double a, double b, double origin, double per) {
    const int lo = static_cast<int>(std::lround((a - origin) / per)),
              hi = static_cast<int>(std::lround((b - origin) / per));
    return std::pair{lo, hi - lo};
  };
  const auto [sx, sw] = span(ix0, ix1, px0, f);
  const auto [sy, sh] = span(iy0, iy1, py0, f);
  const auto [dx, dw] = span(ix0, ix1, vx0, m);
  const auto [dy, dh] = span(iy0, iy1, vy0, m);
  plan_ = {from.target, {sx, sy, sw, sh}, {dx, dy, dw, dh}, false, paper};
  plan_.clear = dx > 0 || dy > 0 || dx + dw < vp.width_px || dy + dh < vp.height_px;
  return true;
}

BaseMapCache::Laying BaseMapCache::laying() const {
  if (scaled_) return {plan_.source, plan_.from, plan_.to, plan_.clear, plan_.paper};
  const RenderTarget* picture = (holds_dynamic_ ? composed_ : current_).get();
  const PixelRect whole{0, 0, picture->width(), picture->height()};
  return {picture, whole, whole, false, {}};
}

void BaseMapCache::compose_into(const RenderTarget& dest) const {
  if (!scaled_) {
    (holds_dynamic_ ? composed_ : current_)->copy_into(dest);
    return;
  }
  if (plan_.clear) {
    dest.bind_color_for_drawing();
    glClearColor(plan_.paper.r, plan_.paper.g, plan_.paper.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
  }
  // Every target here is a texture (no samples), and so is a frame drawn
  // without samples; a multisampled frame never scales (FrameRenderer), but
  // should one come, a blit serves.
  if (scaler_ && plan_.source->texture() && dest.texture())
    scaler_->draw(*plan_.source, plan_.from, dest, plan_.to);
  else
    plan_.source->copy_scaled_into(dest, plan_.from, plan_.to, false);
}

BaseMapCache::Update BaseMapCache::update(const MapRenderer& map, const Camera& camera, const Viewport& vp,
                                          const LayerVisibility& base_layers, int scene_generation,
                                          bool moving, const LayerVisibility* dynamic_layers) {
  Key key{camera.metres_per_px, vp.width_px, vp.height_px, vp.pixel_ratio, base_layers, scene_generation};
  ensure_targets(vp);
  const RenderTarget* last_source = scaled_ ? plan_.source : nullptr;
  scaled_ = false;
  holds_dynamic_ = false;
  const LayerVisibility* dynamic = allow_scroll ? dynamic_layers : nullptr;
  const bool same_key = valid_ && key == key_;
  if (same_key && camera.centre.x == centre_.x && camera.centre.y == centre_.y) {
    compose_dynamic(map, vp, dynamic);
    return Update::Reused;
  }

  if (moving && allow_scroll && !same_key) {
    // Everything but the scale and centre must match for a picture to serve.
    auto serves = [&](const Key& k) {
      return k.width == key.width && k.height == key.height && k.pixel_ratio == key.pixel_ratio &&
             k.layers == key.layers && k.scene_generation == key.scene_generation;
    };
    scaled_ = true;
    // Made on the first move, not for the first frame: compiling its shader
    // is start-up time.
    if (!scaler_) scaler_ = std::make_unique<TextureScaler>();
    // The surround while the last frame lay on it and it serves (below);
    // else the sharp picture while it covers nearly all the view (with the
    // dynamic layers drawn in if they are the frame's); then the surround;
    // then the half-resolution one; failing all, a new half-resolution
    // picture (a quarter of the pixels to fill).
    const double sharp_m = key_.metres_per_px / key_.pixel_ratio;
    // A flight that began on the surround stays on it while it serves: the
    // first frame laid from another picture reads all of it afresh, which
    // costs llvmpipe 2-3 ms more than the frame before (the sharp picture,
    // met again as a flight turns from zooming out to zooming in, is read
    // at nearly its own scale; BM_RenderFlight's frame 14 was its slowest).
    // The surround is at the view's pixel count, 1.6 times coarser: in
    // motion, and for a few frames, the difference does not show.
    if (last_source == surround_.get() && surround_valid_ && serves(surround_key_) &&
        dynamic_fits(surround_picture_, dynamic) &&
        plan_scaled(surround_picture_, camera, vp, 0.97, map.background())) {
      holds_dynamic_ = surround_picture_.holds_dynamic;
      return Update::Scaled;
    }
    if (dynamic && valid_ && serves(key_) && composed_serial_ == base_serial_ &&
        composed_dynamic_ == *dynamic &&
        plan_scaled({composed_.get(), centre_, sharp_m, true, *dynamic}, camera, vp, 0.97,
                    map.background())) {
      holds_dynamic_ = true;
      return Update::Scaled;
    }
    if (valid_ && serves(key_) &&
        plan_scaled({current_.get(), centre_, sharp_m, false, {}}, camera, vp, 0.97, map.background()))
      return Update::Scaled;
    for (const auto& [ok, k, picture, cover] :
         {std::tuple{surround_valid_, &surround_key_, &surround_picture_, 0.97},
          std::tuple{motion_valid_, &motion_key_, &motion_picture_, 0.9}})
      if (ok && serves(*k) && dynamic_fits(*picture, dynamic) &&
          plan_scaled(*picture, camera, vp, cover, map.background())) {
        holds_dynamic_ = picture->holds_dynamic;
        return Update::Scaled;
      }
    const Viewport half{std::max(1, vp.width_px / 2), std::max(1, vp.height_px / 2), vp.pixel_ratio / 2};
    if (!motion_ || motion_->width() != half.width_px || motion_->height() != half.height_px)
      motion_ = std::make_unique<RenderTarget>(half.width_px, half.height_px, 0);
    motion_->bind_for_drawing();
    // Drawn a little wider than the view, so the next frames of the move
    // still find it covering the view.
    Camera wide = camera;
    wide.metres_per_px *= 1.25;
    draw_picture(map, wide, half, base_layers, dynamic);
    motion_key_ = key;
    motion_picture_ = {motion_.get(), camera.centre, wide.metres_per_px / half.pixel_ratio,
                       dynamic != nullptr, dynamic ? *dynamic : LayerVisibility{}};
    motion_valid_ = true;
    holds_dynamic_ = dynamic != nullptr;
    plan_scaled(motion_picture_, camera, vp, 0.0, map.background());
    return Update::Scaled;
  }

  if (same_key && allow_scroll) {
    // The picture moves opposite to the camera: x right, y down on screen.
    const double metres_per_device_px = camera.metres_per_px / vp.pixel_ratio;
    const double fx = -(camera.centre.x - centre_.x) / metres_per_device_px;
    const double fy = (camera.centre.y - centre_.y) / metres_per_device_px;
    const double dx = std::round(fx), dy = std::round(fy);
    if (std::abs(fx - dx) < kWholePixel && std::abs(fy - dy) < kWholePixel && std::abs(dx) < vp.width_px &&
        std::abs(dy) < vp.height_px) {
      const int ix = static_cast<int>(dx), iy = static_cast<int>(dy);
      current_->copy_shifted_into(*spare_, ix, iy);
      // Draw the uncovered strips from the centre the copied picture implies,
      // so the new pixels line up exactly with the moved ones.
      Camera at = camera;
      at.centre = {centre_.x - ix * metres_per_device_px, centre_.y + iy * metres_per_device_px};
      spare_->bind_for_drawing();
      const int w = vp.width_px, h = vp.height_px;
      const PixelRect columns = ix > 0 ? PixelRect{0, 0, ix, h} : PixelRect{w + ix, 0, -ix, h};
      const PixelRect rows = iy > 0 ? PixelRect{0, 0, w, iy} : PixelRect{0, h + iy, w, -iy};
      if (!columns.empty()) map.draw(at, vp, base_layers, MapRenderer::Pass::Base, &columns);
      if (!rows.empty()) map.draw(at, vp, base_layers, MapRenderer::Pass::Base, &rows);
      std::swap(current_, spare_);
      centre_ = at.centre;
      ++base_serial_;
      compose_dynamic(map, vp, dynamic);
      return Update::Scrolled;
    }
  }

  current_->bind_for_drawing();
  map.draw(camera, vp, base_layers, MapRenderer::Pass::Base);
  key_ = std::move(key);
  centre_ = camera.centre;
  valid_ = true;
  ++base_serial_;
  // Not composed yet: a redrawn view (a launch, a landing) may be shown just
  // once, and the caller draws the layers itself; the composed picture is
  // made when the view is reused or scrolled, or the window goes idle
  // (prepare_motion), which keeps it off a launch's first frame.
  return Update::Redrawn;
}

}  // namespace annals
