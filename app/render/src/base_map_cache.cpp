#include "annals/render/base_map_cache.h"

#include <cmath>
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
}

BaseMapCache::Update BaseMapCache::update(const MapRenderer& map, const Camera& camera, const Viewport& vp,
                                          const LayerVisibility& base_layers, int scene_generation) {
  Key key{camera.metres_per_px, vp.width_px, vp.height_px, vp.pixel_ratio, base_layers, scene_generation};
  ensure_targets(vp);
  const bool same_key = valid_ && key == key_;
  if (same_key && camera.centre.x == centre_.x && camera.centre.y == centre_.y) return Update::Reused;

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
      return Update::Scrolled;
    }
  }

  current_->bind_for_drawing();
  map.draw(camera, vp, base_layers, MapRenderer::Pass::Base);
  key_ = std::move(key);
  centre_ = camera.centre;
  valid_ = true;
  return Update::Redrawn;
}

}  // namespace annals
