// The base map (relief, water, coast, graticule, borders) of the last view,
// kept in an offscreen target and brought up to date for a new view at the
// least cost: reused when only campaign time changed; scrolled when the view
// moved by whole device pixels at the same scale, drawing only the strips
// that came into view; redrawn otherwise. On a software rasteriser this is
// what makes panning cheap; the picture is the same as a full redraw (the
// render tests compare them). While the camera moves, a picture already
// drawn is scaled instead (Update::Scaled), and the viewer may keep the
// realms drawn into its pictures (update's dynamic_layers). Why each step
// costs what it does on llvmpipe: docs/performance.md.
#pragma once

#include <memory>

#include "annals/render/camera.h"
#include "annals/render/map_renderer.h"
#include "annals/render/render_target.h"
#include "annals/render/texture_scaler.h"

namespace annals {

class BaseMapCache {
 public:
  // Scaled: while the camera moves (a flight, a wheel zoom), a picture
  // already drawn scaled to the new view: the last sharp one, else the
  // surround (prepare_motion), else one drawn at half resolution when neither
  // covers the view; the next frame at rest is drawn sharp.
  enum class Update { Reused, Scrolled, Redrawn, Scaled };

  // Brings the cache to `camera`. `base_layers` holds the visibility of the
  // base map's layers only; `scene_generation` changes when the scene is
  // rebuilt; `moving` says the camera is in motion (with allow_scroll only).
  // Needs a current GL context.
  // `dynamic_layers` (the visibility of the time-dependent fills, the
  // realms), given with allow_scroll: pictures are kept with those fills
  // drawn in, so a frame whose fills have not changed since (playback
  // within a month, a flight) lays them down with the map instead of
  // drawing them again (2-2.5 ms a 1080p frame on llvmpipe). See
  // holds_dynamic_layers.
  Update update(const MapRenderer& map, const Camera& camera, const Viewport& vp,
                const LayerVisibility& base_layers, int scene_generation, bool moving = false,
                const LayerVisibility* dynamic_layers = nullptr);
  // Whether what compose_into lays down already holds the dynamic layers
  // given to the last update; if not, the caller draws them over it
  // (MapRenderer::Pass::Dynamic).
  bool holds_dynamic_layers() const { return holds_dynamic_; }
  // The picture at rest (after any update but a Scaled one).
  const RenderTarget& target() const { return *current_; }
  // Lays the base map for the last update down on `dest` (same size): the
  // picture copied, or in motion scaled straight onto `dest`, so a flight's
  // frame fills its pixels once rather than scaling into a spare and copying.
  void compose_into(const RenderTarget& dest) const;
  // What compose_into lays down: `from` (GL pixels of `source`) onto `to`
  // of the frame; `bare` when that leaves part of the view to the paper,
  // whose colour is `paper`. For a caller that lays it down its own way
  // (SpotlightPass::compose).
  struct Laying {
    const RenderTarget* source = nullptr;
    PixelRect from, to;
    bool bare = false;
    Rgba paper;
  };
  Laying laying() const;
  // Draws, for the view at rest, the surround: the ground around the view,
  // kSurround times as wide and high, at the view's pixel count. The viewer
  // calls it when it goes idle, so a flight that starts from this view finds
  // a picture for its first frames (which zoom out) instead of drawing one
  // in the middle of the flight. False when the surround was already drawn
  // for this view (or scrolling is off).
  // With `dynamic_layers`, the surround holds them (as update's).
  bool prepare_motion(const MapRenderer& map, const Camera& camera, const Viewport& vp,
                      const LayerVisibility& base_layers, int scene_generation,
                      const LayerVisibility* dynamic_layers = nullptr);
  static constexpr double kSurround = 1.6;
  // The next update redraws.
  void invalidate() { valid_ = false, surround_valid_ = false; }
  // Off: the picture is reused only for the very same view and redrawn for any
  // other, so a frame never depends on the frames before it (exports: a frame
  // rendered by one process of a split export must equal the same frame of a
  // whole run). A scrolled picture matches a redrawn one only within a level.
  bool allow_scroll = true;

 private:
  // What a cached picture depends on besides the view's centre.
  struct Key {
    double metres_per_px = 0;
    int width = 0, height = 0;
    float pixel_ratio = 0;
    LayerVisibility layers;
    int scene_generation = -1;
    bool operator==(const Key&) const = default;
  };
  void ensure_targets(const Viewport& vp);
  // Draws the base map, and the dynamic layers over it when given.
  static void draw_picture(const MapRenderer& map, const Camera& camera, const Viewport& vp,
                           const LayerVisibility& base_layers, const LayerVisibility* dynamic_layers);
  // Brings composed_ up to date for `dynamic_layers` (nothing without them)
  // and lays it down at rest.
  void compose_dynamic(const MapRenderer& map, const Viewport& vp, const LayerVisibility* dynamic_layers);
  // Brings composed_ up to date for the sharp picture and these layers.
  void refresh_composed(const MapRenderer& map, const Viewport& vp, const LayerVisibility& dynamic_layers);
  // A picture of the map and the ground it shows, for scaling in motion.
  struct Picture {
    const RenderTarget* target = nullptr;
    XY centre;
    double metres_per_device_px = 0;
    bool holds_dynamic = false;  // drawn with `dynamic` as well as the base map
    LayerVisibility dynamic;
  };
  // Whether `p` can be laid down for a frame whose dynamic layers are
  // `dynamic` (null: none asked for): a picture without them always can (the
  // caller draws them), one with them only if they are the same.
  static bool dynamic_fits(const Picture& p, const LayerVisibility* dynamic) {
    return !p.holds_dynamic || (dynamic && p.dynamic == *dynamic);
  }
  // Plans `from` scaled to `camera`'s view (for compose_into); false when it
  // covers less than `min_cover` of the view.
  bool plan_scaled(const Picture& from, const Camera& camera, const Viewport& vp, double min_cover,
                   const Rgba& paper);
  // A scaled picture waiting to be laid down: source rectangle, destination
  // rectangle (GL pixels), and whether the destination must first be cleared
  // to the paper colour because the picture leaves part of the view bare.
  struct ScaledPlan {
    const RenderTarget* source = nullptr;
    PixelRect from, to;
    bool clear = false;
    Rgba paper;
  };

  std::unique_ptr<RenderTarget> current_, spare_;
  Key key_;
  XY centre_;  // the centre the cached picture was drawn for
  bool valid_ = false;
  bool scaled_ = false;  // the last update was Scaled: compose_into lays plan_ down
  bool holds_dynamic_ = false;
  // The sharp picture with the dynamic layers drawn over it: rebuilt (a
  // copy and the fills) when either changes. base_serial_ counts the
  // sharp picture's changes.
  std::unique_ptr<RenderTarget> composed_;
  int base_serial_ = 0, composed_serial_ = -1;
  LayerVisibility composed_dynamic_;
  ScaledPlan plan_;
  // In motion: a half-resolution picture and what it was drawn for.
  std::unique_ptr<RenderTarget> motion_;
  Key motion_key_;
  Picture motion_picture_;
  bool motion_valid_ = false;
  // The surround of the last view at rest (prepare_motion).
  std::unique_ptr<RenderTarget> surround_;
  std::unique_ptr<TextureScaler> scaler_;  // made with the targets (needs GL)
  Key surround_key_;
  Picture surround_picture_;
  bool surround_valid_ = false;
};

}  // namespace annals
