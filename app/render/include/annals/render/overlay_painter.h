// Symbols, labels and the burned-in frame furniture (title, credits), drawn
// into an ImGui draw list in device pixels. Shared by the window and every
// export, so both carry exactly the same labels.
#pragma once

#include <string>
#include <vector>

#include "annals/model/campaign_state.h"
#include "annals/render/cached_layer.h"
#include "annals/render/camera.h"
#include "annals/render/fonts.h"
#include "annals/render/scene.h"

struct ImDrawList;

namespace annals {

class HaloedText;
class SpotlightField;
class SymbolSheet;

struct OverlayOptions {
  bool place_labels = true;
  // The second line under each Chinese name: the language setting.
  enum class SecondLine { Pinyin, English, None } second_line = SecondLine::Pinyin;
  // English names as the first line, in place of the Chinese (the language
  // setting "en"); second_line is then not drawn.
  bool english_first = false;
  bool title = true;
  bool credits = true;
  bool scale_bar = true;
  bool north_arrow = true;
  bool graticule_labels = true;
  bool legend = true;  // with a campaign: what the symbols, colours and arrows mean
};

// A selected place: a ring around its symbol and its uncertainty drawn as a
// geodesic circle of that radius (true on the ground in every projection).
struct Highlight {
  bool active = false;
  LonLat centre;
  double radius_km = 0;
};

// The campaign at the frame's time, as the overlay needs it.
struct CampaignOverlay {
  const CampaignModel* model = nullptr;
  const CampaignState* state = nullptr;
  std::vector<PlaceStatus> status;  // parallel to Scene::places
  std::string date_primary;         // "宝庆二年六月"
  std::string date_secondary;       // "June 1226"
  bool legend = true;
};

// Where the overlay put what it drew, in device pixels (origin top left):
// what a test reads to check a frame where its claims are.
struct OverlayBox {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0 || y1 <= y0; }
};
struct OverlayLayout {
  OverlayBox title;        // the title box; empty without a title
  OverlayBox date_banner;  // the campaign's date; empty without one
  OverlayBox legend;       // empty without a legend
  OverlayBox title_card;   // presentation mode's card; empty without one
  struct Label {
    std::string place_id;  // the place's id; empty for a physical region's label
    std::string text;      // its first line
    OverlayBox box;        // both lines with their halo
  };
  std::vector<Label> labels;  // in the order they were placed
  struct Symbol {
    std::string place_id;
    OverlayBox box;  // the symbol with room for a siege ring at its widest
  };
  std::vector<Symbol> symbols;  // every place symbol drawn, in drawing order
};

// Where paint_overlay puts the frame's furniture (title box, date banner,
// legend), without drawing anything: for what must be placed around them
// before the overlay is drawn (presentation's title card and spotlight).
OverlayLayout furniture_layout(const Scene& scene, const Camera& camera, const Viewport& vp,
                               const BakedFonts& fonts, const FontSizes& sizes, const OverlayOptions& options,
                               const CampaignOverlay* campaign);

// The furniture that holds still from frame to frame, each part drawn
// through a layer of its own: far cheaper on llvmpipe than its glyphs and
// boxes every frame. The scale bar and north arrow change with the camera
// and are drawn as they are.
struct FurnitureLayers {
  CachedLayer title, date_banner, legend, credits;
  const RenderTarget* frame = nullptr;  // the target the overlay is rendered into
  // Darkens each layer where it darkens all of the layer's box alike (a
  // part it grades across is drawn as it is, its vertices darkened with
  // the rest of the overlay's).
  const SpotlightField* spotlight = nullptr;
  std::string key;  // what else decides their pixels: the font atlas's bake
  void prepare() {
    title.prepare();
    date_banner.prepare();
    legend.prepare();
    credits.prepare();
  }
};

// Labels are placed greedily in rank order (capital, prefectures, counties,
// others), each at the first of four positions that overlaps nothing placed
// before. The order depends only on the data, so labels do not flicker.
// Their text goes through `text` (begun for this frame); the still parts of
// the furniture through `layers` when given; the places' symbols (all but
// their siege rings) from `symbols` when given, on whole pixels.
void paint_overlay(ImDrawList* draw, HaloedText& text, const Scene& scene, const Camera& camera,
                   const Viewport& vp, const BakedFonts& fonts, const FontSizes& sizes,
                   const OverlayOptions& options, const Highlight& highlight = {},
                   const CampaignOverlay* campaign = nullptr, OverlayLayout* layout = nullptr,
                   FurnitureLayers* layers = nullptr, SymbolSheet* symbols = nullptr);

}  // namespace annals
