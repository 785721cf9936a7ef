// The one render path. A FrameRenderer turns (scene, frame state, viewport)
// into a complete map frame — geometry, symbols, labels and burned-in
// furniture — in an offscreen framebuffer. The window blits that framebuffer
// to the screen and draws its UI panels on top; `annals still` and export read
// it back. Only the target differs.
#pragma once

#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "annals/render/base_map_cache.h"
#include "annals/render/camera.h"
#include "annals/render/fonts.h"
#include "annals/render/haloed_text.h"
#include "annals/render/map_renderer.h"
#include "annals/render/overlay_painter.h"
#include "annals/render/presentation.h"
#include "annals/render/render_target.h"
#include "annals/render/scene.h"
#include "annals/render/spotlight_pass.h"
#include "annals/render/symbol_sheet.h"
#include "annals/render/title_card_layer.h"

struct ImGuiContext;

namespace annals {
struct CampaignState;
}

namespace annals {

// Everything that varies from frame to frame. Later issues add the campaign
// time t here; the frame stays a pure function of (scene, FrameState, viewport).
struct FrameState {
  std::optional<double> t;  // campaign time in months; none for a base map without a campaign
  Camera camera;
  LayerVisibility layers;
  OverlayOptions overlay;
  Highlight highlight;        // the selected place and its uncertainty circle
  Presentation presentation;  // title card and spotlight (presentation mode)
  // The camera is moving (a flight, a wheel zoom): the viewer may show the
  // base map scaled from its last picture, and draws it sharp at rest.
  // Exports never set it (exact frames).
  bool camera_moving = false;
};

// A whole description of a frame but for its time: what `annals still`,
// export and the viewer's Export dialog hand the renderer.
struct FrameSpec {
  Viewport viewport;
  FrameState state;
};

class FrameRenderer {
 public:
  // Needs a current OpenGL 3.3 core context. `glyphs` adds the strings the
  // caller will draw besides the scene's own (none for a still). With no
  // `font_bytes` the font file is read whenever glyphs are baked and not kept.
  // `bake_ahead`: the first frame's pixel ratio and styling, when the
  // caller knows them (a still, an export): the font atlas is then baked on
  // a second thread while the map's buffers and textures are uploaded here.
  // Its model is set here (set_campaign), so that its glyphs are baked too.
  struct FirstFrame {
    float pixel_ratio = 1;
    bool presentation = false;
    const CampaignModel* model = nullptr;
  };
  FrameRenderer(const Scene& scene, const FontFile& font,
                std::shared_ptr<const std::vector<unsigned char>> font_bytes,
                const GlyphSet& extra_glyphs = {}, std::optional<FirstFrame> bake_ahead = std::nullopt);
  ~FrameRenderer();
  FrameRenderer(const FrameRenderer&) = delete;
  FrameRenderer& operator=(const FrameRenderer&) = delete;

  // Renders the whole frame into the internal target (resized to vp as needed).
  const RenderTarget& render(const FrameState& state, const Viewport& vp);
  // For a window gone idle on `state`'s view: draws what a camera flight
  // from it will scale (BaseMapCache::prepare_motion). False when there was
  // nothing to draw. Changes no pixel of any frame at rest.
  bool prepare_motion(const FrameState& state, const Viewport& vp);
  Image render_image(const FrameState& state, const Viewport& vp) { return render(state, vp).read_pixels(); }

  const Scene& scene() const { return scene_; }
  // The scene was rebuilt in place (a projection switch): upload it again.
  void scene_changed();
  // Draw this campaign's state at FrameState::t (nullptr: base map only).
  // The model must outlive the renderer or the next call.
  void set_campaign(const CampaignModel* model);
  // Exact frames: each frame the same pixels as one drawn from scratch,
  // whatever was drawn before (exports). The viewer scrolls its cached base
  // map instead, which is cheaper and matches within a level.
  void set_exact_frames(bool exact) { base_.allow_scroll = !exact; }
  // The viewer: the base map is kept with the campaign's time-dependent
  // fills (realms) drawn in, so frames whose fills have not changed (playing
  // within a month, a camera flight) do not draw them again. One more
  // frame-sized buffer; no pixel changes. Off for exact frames.
  void set_cache_campaign_fills(bool cache) { cache_dynamic_ = cache; }
  // 4× multisampling on GPUs, none on software rasterisers (llvmpipe).
  static int msaa_samples();
  // How the last frame got its base map (software rasterisers; a GPU frame
  // always draws it): for tests and benchmarks.
  BaseMapCache::Update last_base_update() const { return last_base_update_; }
  // Where the last frame's overlay put its title, date banner, legend and labels.
  const OverlayLayout& last_layout() const { return last_layout_; }
  // The spotlight the last frame was darkened by, if any: for tests.
  const std::optional<SpotlightField>& last_spotlight() const { return last_spotlight_; }
  // Whether the still parts of the furniture (title box, date banner,
  // legend, credits) are laid from layers of their own (FurnitureLayers),
  // as they are unless a test compares them with the furniture drawn as it is.
  void set_furniture_layers(bool on) { cache_furniture_ = on; }
  // A sheet `side_px` square for the places' symbols (SymbolSheet; 1024
  // unless a test fills a small one), and the sheet: for tests.
  void set_symbol_sheet(int side_px) { symbols_ = std::make_unique<SymbolSheet>(side_px); }
  const SymbolSheet& symbol_sheet() const { return *symbols_; }
  // Labels the last frame painted into the label atlas (the rest were there),
  // and how often the atlas was full and cleared: for tests and benchmarks.
  int labels_painted() const { return labels_->labels_painted(); }
  int label_atlas_resets() const { return labels_->atlas_resets(); }
  // A label atlas of pages `page_px` square, at most `max_pages` of them
  // before it is cleared (HaloedText): for tests of a full atlas.
  void set_label_atlas(int page_px, int max_pages) {
    labels_ = std::make_unique<HaloedText>(page_px, max_pages);
  }
  // Characters the font lacks, each reported once with where it first occurs.
  const std::vector<std::string>& font_warnings() const { return font_warnings_; }

 private:
  bool first_render_ = true;  // for ANNALS_TRACE
  static LayerVisibility base_layers_of(const LayerVisibility& layers);
  static LayerVisibility dynamic_layers_of(const LayerVisibility& layers);
  // The frame's layer visibility: the state's, with the realm cells of the
  // campaign at its time (none without one).
  LayerVisibility layers_at(const FrameState& state, const CampaignState* campaign_state) const;
  bool cache_dynamic_ = false;
  void ensure_fonts(float pixel_ratio);
  void add_card_glyphs();
  // Presentation's part of a frame, placed before anything is drawn: where
  // the title card goes (clear of the date banner and the entry's places)
  // and the spotlight (none when off or without places).
  struct PresentationPlan {
    bool card = false;
    OverlayBox card_box;
    std::optional<SpotlightField> spotlight;
  };
  PresentationPlan plan_presentation(const FrameState& state, const Viewport& vp,
                                     const CampaignOverlay* overlay) const;
  // Darkens the overlay's first `overlay_vertices` vertices and its labels
  // by the spotlight and queues the title card over them.
  void draw_presentation(const FrameState& state, const Viewport& vp, const PresentationPlan& plan,
                         int overlay_vertices);

  const Scene& scene_;
  FontFile font_;
  std::shared_ptr<const std::vector<unsigned char>> font_bytes_;
  GlyphSet glyphs_;
  FontSizes sizes_;
  BakedFonts fonts_;
  float baked_ratio_ = 0;
  // A bake started by the constructor, for this ratio and these sizes.
  struct Baked {
    BakedFonts fonts;
    std::vector<std::string> missing;
  };
  std::future<Baked> pending_bake_;
  float pending_ratio_ = 0;
  FontSizes pending_sizes_;
  bool glyphs_changed_ = false;
  bool card_glyphs_ = false;  // the chronicle's headlines are in glyphs_
  bool font_texture_uploaded_ = false;
  std::vector<std::string> font_warnings_;
  std::unique_ptr<MapRenderer> map_;
  std::unique_ptr<SpotlightPass> spotlight_;  // made on first use
  TitleCardLayer card_layer_;  // presentation's title card, drawn once into a texture of its own
  FurnitureLayers furniture_;  // the furniture that holds still, likewise
  bool cache_furniture_ = true;
  std::unique_ptr<SymbolSheet> symbols_ =
      std::make_unique<SymbolSheet>();  // the places' symbols, each drawn once
  int fonts_generation_ = 0;            // counts the font bakes: a new atlas, new glyph places
  std::unique_ptr<HaloedText> labels_ = std::make_unique<HaloedText>();  // the overlay's labels
  const CampaignModel* model_ = nullptr;
  std::vector<int> model_index_;  // Scene::places[i] -> CampaignState::places index, -1 if none
  std::unique_ptr<RenderTarget> target_;
  // The base map of the last view (software rasterisers only: a GPU redraws
  // it faster than it is copied).
  BaseMapCache base_;
  BaseMapCache::Update last_base_update_ = BaseMapCache::Update::Redrawn;
  OverlayLayout last_layout_;
  std::optional<SpotlightField> last_spotlight_;
  int scene_generation_ = 0;
  ImGuiContext* overlay_context_ = nullptr;  // its own ImGui context: the window's UI never leaks into frames
};

}  // namespace annals
