#include "annals/render/frame_renderer.h"

#include "annals/geo/gazetteer.h"
#include "annals/geo/trace.h"
#include "annals/model/chronicle.h"

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cmath>
#include <string>

namespace annals {

namespace {
// Switches ImGui's current context for a scope and restores the caller's.
struct ContextScope {
  ImGuiContext* previous;
  explicit ContextScope(ImGuiContext* c) : previous(ImGui::GetCurrentContext()) {
    ImGui::SetCurrentContext(c);
  }
  ~ContextScope() { ImGui::SetCurrentContext(previous); }
};
}  // namespace

FrameRenderer::FrameRenderer(const Scene& scene, const FontFile& font,
                             std::shared_ptr<const std::vector<unsigned char>> font_bytes,
                             const GlyphSet& extra, std::optional<FirstFrame> bake_ahead)
    : scene_(scene), font_(font), font_bytes_(std::move(font_bytes)), glyphs_(extra) {
  for (const auto& p : scene.places) {
    glyphs_.add(p.name, "place " + p.id);
    glyphs_.add(p.pinyin, "place " + p.id);
    glyphs_.add(p.english, "place " + p.id);
  }
  for (const auto& r : scene.regions) {
    glyphs_.add(r.name, "region label");
    glyphs_.add(r.pinyin, "region label");
    glyphs_.add(r.english, "region label");
  }
  glyphs_.add(scene.title, "campaign title");
  glyphs_.add(scene.subtitle, "campaign title");
  glyphs_.add(scene.credits, "credits");
  ImGuiContext* previous = ImGui::GetCurrentContext();
  overlay_context_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(overlay_context_);
  ImGui::GetIO().IniFilename = nullptr;
  ImGui::GetIO().LogFilename = nullptr;
  if (bake_ahead) {
    // Every glyph the first frame draws, as render() would add them.
    if (bake_ahead->model) set_campaign(bake_ahead->model);
    if (bake_ahead->presentation && model_) add_card_glyphs();
    // Only the atlas is touched on the other thread, and nothing of this
    // context runs a frame before ensure_fonts has waited for it.
    pending_ratio_ = bake_ahead->pixel_ratio;
    pending_sizes_ = bake_ahead->presentation ? presentation_font_sizes() : FontSizes{};
    sizes_ = pending_sizes_;
    glyphs_changed_ = false;  // the bake below has them all
    pending_bake_ =
        std::async(std::launch::async, [atlas = ImGui::GetIO().Fonts, font = font_, bytes = font_bytes_,
                                        glyphs = glyphs_, sizes = pending_sizes_, ratio = pending_ratio_] {
          Baked b;
          const auto source = bytes ? bytes : load_font_bytes(font);
          b.fonts = bake_fonts(*atlas, font, *source, glyphs, sizes, ratio, &b.missing);
          trace("renderer: fonts baked ahead");
          return b;
        });
  }
  ImGui_ImplOpenGL3_Init("#version 330 core");
  ImGui::SetCurrentContext(previous);
  map_ = std::make_unique<MapRenderer>(scene);
  trace("renderer: map uploaded");
}

FrameRenderer::~FrameRenderer() {
  if (pending_bake_.valid()) pending_bake_.wait();  // it writes into the context's atlas
  ImGuiContext* previous = ImGui::GetCurrentContext();
  ImGui::SetCurrentContext(overlay_context_);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext(overlay_context_);
  ImGui::SetCurrentContext(previous == overlay_context_ ? nullptr : previous);
}

void FrameRenderer::scene_changed() {
  map_ = std::make_unique<MapRenderer>(scene_);
  ++scene_generation_;
  set_campaign(model_);  // scene places may be reordered
}

void FrameRenderer::set_campaign(const CampaignModel* model) {
  model_ = model;
  model_index_.assign(scene_.places.size(), -1);
  if (!model) return;
  const std::vector<std::string> ids = model->gazetteer().ids();
  for (std::size_t i = 0; i < scene_.places.size(); ++i)
    for (std::size_t k = 0; k < ids.size(); ++k)
      if (ids[k] == scene_.places[i].id) model_index_[i] = static_cast<int>(k);
  // The timeline's labels and the legend are drawn too; a rebake only if
  // they bring new glyphs (not when the same model is set again).
  bool grew = false;
  for (int m = 0; m < model->timeline().month_count(); ++m) {
    grew |= glyphs_.add(model->timeline().label_chinese(m), "timeline");
    grew |= glyphs_.add(model->timeline().label_julian(m), "timeline");
  }
  for (const LegendRow& row : model->vocabulary().legend) grew |= glyphs_.add(row.text(), "legend");
  if (grew) glyphs_changed_ = true;
  card_glyphs_ = false;  // the headlines are baked when a title card is first drawn
}

FrameRenderer::PresentationPlan FrameRenderer::plan_presentation(const FrameState& state, const Viewport& vp,
                                                                 const CampaignOverlay* overlay) const {
  PresentationPlan plan;
  const Presentation& p = state.presentation;
  plan.card = p.card && p.title_card.alpha > 0 && !p.title_card.lines.empty();
  if (!plan.card && !p.spotlight) return plan;
  std::vector<ImVec2> places;
  for (const std::string& id : p.title_card.place_ids)
    for (const PlaceMarker& m : scene_.places)
      if (m.id == id && !std::isnan(m.position.x)) {
        const XY s = state.camera.to_screen(m.position, vp);
        places.push_back(ImVec2(static_cast<float>(s.x), static_cast<float>(s.y)));
      }
  // The card keeps clear of the date banner, and the spotlight of both.
  const OverlayBox banner =
      furniture_layout(scene_, state.camera, vp, fonts_, sizes_, state.overlay, overlay).date_banner;
  if (plan.card) plan.card_box = place_title_card(fonts_, sizes_, vp, p.title_card, places, {banner});
  if (p.spotlight) {
    plan.spotlight.emplace(vp, places, 60.0f * vp.pixel_ratio,
                           std::vector<OverlayBox>{banner, plan.card_box});
    if (plan.spotlight->empty()) plan.spotlight.reset();
  }
  return plan;
}

void FrameRenderer::draw_presentation(const FrameState& state, const Viewport& vp,
                                      const PresentationPlan& plan, int overlay_vertices) {
  ImDrawList* d = ImGui::GetBackgroundDrawList();
  // The overlay drawn so far is darkened with the map; the card after it is not.
  if (plan.spotlight) {
    SpotlightPass::darken_vertices(d, 0, overlay_vertices, *plan.spotlight);
    labels_->darken(*plan.spotlight);
  }
  if (plan.card) {
    last_layout_.title_card = plan.card_box;
    card_layer_.queue(d, *target_, fonts_, sizes_, vp, state.presentation.title_card, plan.card_box,
                      fonts_generation_);
  }
}

void FrameRenderer::add_card_glyphs() {
  bool grew = false;
  for (const Entry& e : model_->chronicle().entries)
    grew |= glyphs_.add(e.headline_normalized, "entry " + e.id);
  grew |= glyphs_.add("·…", "title card");
  card_glyphs_ = true;
  if (grew) glyphs_changed_ = true;
}

void FrameRenderer::ensure_fonts(float ratio) {
  if (baked_ratio_ == ratio && !glyphs_changed_) return;
  ImGuiIO& io = ImGui::GetIO();
  if (pending_bake_.valid()) {
    Baked b = pending_bake_.get();  // an error in the bake is thrown here
    if (pending_ratio_ == ratio && pending_sizes_.label == sizes_.label &&
        pending_sizes_.title == sizes_.title && pending_sizes_.small == sizes_.small && !glyphs_changed_) {
      fonts_ = b.fonts;
      font_warnings_ = std::move(b.missing);
      baked_ratio_ = ratio;
      ++fonts_generation_;
      return;
    }
  }
  std::vector<std::string> missing;
  // Without shared bytes the font is read for the bake and let go after it:
  // a still or an export bakes once and keeps 19.5 MB less for its whole run.
  const auto bytes = font_bytes_ ? font_bytes_ : load_font_bytes(font_);
  fonts_ = bake_fonts(*io.Fonts, font_, *bytes, glyphs_, sizes_, ratio, &missing);
  font_warnings_ = std::move(missing);
  if (font_texture_uploaded_) {
    // ImGui 1.86's backend recreates its font texture only together with its
    // shaders, so upload a rebuilt atlas ourselves. (The first bake is
    // uploaded by the backend's first NewFrame.)
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  baked_ratio_ = ratio;
  glyphs_changed_ = false;
  ++fonts_generation_;
}

int FrameRenderer::msaa_samples() {
  // Multisampling is nearly free on a GPU but triples the frame time of
  // Mesa's software rasterisers; lines are anti-aliased in their shader and
  // outline every filled edge, so software renderers do without it.
  static const int samples = [] {
    const GLubyte* r = glGetString(GL_RENDERER);
    const std::string name = r ? reinterpret_cast<const char*>(r) : "";
    return (name.find("llvmpipe") != std::string::npos || name.find("softpipe") != std::string::npos) ? 0 : 4;
  }();
  return samples;
}

LayerVisibility FrameRenderer::base_layers_of(const LayerVisibility& layers) {
  LayerVisibility base_layers;
  for (const auto& [id, on] : layers)
    if (!MapRenderer::is_dynamic_layer(id)) base_layers[id] = on;
  return base_layers;
}

LayerVisibility FrameRenderer::dynamic_layers_of(const LayerVisibility& layers) {
  LayerVisibility dynamic;
  for (const auto& [id, on] : layers)
    if (MapRenderer::is_dynamic_layer(id)) dynamic[id] = on;
  return dynamic;
}

LayerVisibility FrameRenderer::layers_at(const FrameState& state, const CampaignState* campaign_state) const {
  LayerVisibility layers = state.layers;
  if (model_ && campaign_state) {
    // Realm cells: on while their seat holds.
    for (const RealmCell& cell : model_->realm()) layers["realm:" + cell.id] = false;
    for (const RealmCell* cell : campaign_state->realm_cells) layers["realm:" + cell->id] = true;
  }
  return layers;
}

bool FrameRenderer::prepare_motion(const FrameState& state, const Viewport& vp) {
  if (msaa_samples() != 0) return false;  // a GPU draws every frame sharp
  CampaignState campaign_state;
  if (model_ && state.t) campaign_state = model_->state_at(*state.t);
  const LayerVisibility layers = layers_at(state, model_ && state.t ? &campaign_state : nullptr);
  const LayerVisibility dynamic = dynamic_layers_of(layers);
  const bool drew = base_.prepare_motion(*map_, state.camera, vp, base_layers_of(layers), scene_generation_,
                                         cache_dynamic_ ? &dynamic : nullptr);
  if (drew) glFlush();
  // A presentation with the spotlight flies with the spotlight laid down
  // with the map: its draws made ready while nobody waits.
  if (state.presentation.spotlight) {
    if (!spotlight_) spotlight_ = std::make_unique<SpotlightPass>();
    spotlight_->warm_up();
  }
  return drew;
}

const RenderTarget& FrameRenderer::render(const FrameState& state, const Viewport& vp) {
  if (!target_ || target_->width() != vp.width_px || target_->height() != vp.height_px) {
    target_ = std::make_unique<RenderTarget>(vp.width_px, vp.height_px, msaa_samples());
    target_->bind_for_drawing();
    glClearStencil(0);
    glStencilMask(0xFF);
    glClear(GL_STENCIL_BUFFER_BIT);
  }
  // The campaign at t: a pure function of the data and t.
  CampaignState campaign_state;
  CampaignOverlay overlay;
  if (model_ && state.t) {
    campaign_state = model_->state_at(*state.t);
    overlay.model = model_;
    overlay.state = &campaign_state;
    overlay.legend = state.overlay.legend;
    overlay.status.assign(scene_.places.size(), PlaceStatus{});
    for (std::size_t i = 0; i < scene_.places.size(); ++i)
      if (model_index_[i] >= 0)
        overlay.status[i] = campaign_state.places[static_cast<std::size_t>(model_index_[i])].status;
    overlay.date_primary = model_->timeline().label_chinese(campaign_state.month);
    overlay.date_secondary = model_->timeline().label_julian(campaign_state.month);
  }
  const LayerVisibility layers = layers_at(state, overlay.state);
  // Lays the map down on the target: the base map and the realms, darkened
  // by the spotlight when it is given.
  auto lay_down_map = [&](const SpotlightField* spotlight) {
    bool darkened = false;
    if (msaa_samples() == 0) {
      // The spotlight darkens the picture as it is laid down when the
      // picture is the whole map; else it darkens the frame after the realms.
      const BaseMapCache::Laying laying = base_.laying();
      if (spotlight && base_.holds_dynamic_layers() && laying.source->texture() && target_->texture()) {
        spotlight_->compose(*laying.source, laying.from, *target_, laying.to, *spotlight, laying.paper);
        darkened = true;
      } else {
        base_.compose_into(*target_);
      }
      // In motion, start rasterising the scaled base map now: llvmpipe works
      // through it on its threads while this one lays out the overlay. (Not
      // at rest: there the base map is a plain copy, with nothing to
      // overlap, and an export would pay a second flush per frame.)
      if (state.camera_moving) glFlush();
      target_->bind_for_drawing();
      // No stencil clear: it costs llvmpipe over a millisecond a frame, and
      // every fill leaves the stencil zeroed behind it (the target starts so).
      if (!base_.holds_dynamic_layers()) map_->draw(state.camera, vp, layers, MapRenderer::Pass::Dynamic);
    } else {
      target_->bind_for_drawing();
      map_->draw(state.camera, vp, layers);
    }
    if (spotlight && !darkened) spotlight_->darken(*target_, *spotlight);
  };
  if (msaa_samples() == 0) {
    // Only the viewer keeps the realms with the map; other callers skip the map of them.
    const LayerVisibility dynamic = cache_dynamic_ ? dynamic_layers_of(layers) : LayerVisibility{};
    last_base_update_ = base_.update(*map_, state.camera, vp, base_layers_of(layers), scene_generation_,
                                     state.camera_moving, cache_dynamic_ ? &dynamic : nullptr);
  }
  // Without a spotlight the map goes down first, so llvmpipe draws it while
  // this thread waits for a first frame's fonts. (The spotlight's shape
  // needs the fonts: the title card's size.)
  const bool spotlight = state.presentation.spotlight;
  if (!spotlight) lay_down_map(nullptr);

  ContextScope scope(overlay_context_);
  // A title card's headlines: baked only once a card is asked for, so a
  // plain still or export bakes (and waits for) fewer glyphs.
  if (state.presentation.card && model_ && !card_glyphs_) add_card_glyphs();
  // Presentation's type is larger than its lines: baked at its own sizes.
  const FontSizes wanted = state.presentation.on ? presentation_font_sizes() : FontSizes{};
  if (wanted.label != sizes_.label || wanted.title != sizes_.title || wanted.small != sizes_.small) {
    sizes_ = wanted;
    glyphs_changed_ = true;
  }
  if (first_render_) trace("render: map drawn (queued)");
  ensure_fonts(vp.pixel_ratio);
  if (first_render_) trace("render: fonts baked");
  // The card's place and the spotlight's shape, before the map: the
  // spotlight darkens the map as it is laid down.
  const PresentationPlan plan = plan_presentation(state, vp, overlay.state ? &overlay : nullptr);
  last_spotlight_ = plan.spotlight;
  if (spotlight) {
    if (plan.spotlight && !spotlight_) spotlight_ = std::make_unique<SpotlightPass>();
    lay_down_map(plan.spotlight ? &*plan.spotlight : nullptr);
  }

  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(float(vp.width_px), float(vp.height_px));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  io.DeltaTime = 1.0f / 60.0f;
  ImGui_ImplOpenGL3_NewFrame();
  font_texture_uploaded_ = true;
  ImGui::NewFrame();
  ImDrawList* background = ImGui::GetBackgroundDrawList();
  labels_->begin_frame(vp.width_px, vp.height_px, fonts_generation_);
  furniture_.frame = target_.get();
  furniture_.spotlight = plan.spotlight ? &*plan.spotlight : nullptr;
  symbols_->set_spotlight(furniture_.spotlight);
  furniture_.key = std::to_string(fonts_generation_);
  paint_overlay(background, *labels_, scene_, state.camera, vp, fonts_, sizes_, state.overlay,
                state.highlight, overlay.state ? &overlay : nullptr, &last_layout_,
                cache_furniture_ ? &furniture_ : nullptr, symbols_.get());
  draw_presentation(state, vp, plan, background->VtxBuffer.Size);
  ImGui::Render();
  furniture_.prepare();
  symbols_->prepare();
  card_layer_.prepare();
  labels_->prepare();
  target_->bind_for_drawing();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (first_render_) trace("render: overlay queued"), first_render_ = false;
  return *target_;
}

}  // namespace annals
