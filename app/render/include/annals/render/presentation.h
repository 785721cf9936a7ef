// Presentation mode's part of a frame: the title card that introduces each
// month's entries, and the spotlight that dims all but their places. Both
// are described in FrameState and drawn by the FrameRenderer over the map,
// so the window, a still and an export show the same thing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "annals/render/camera.h"
#include "annals/render/fonts.h"
#include "annals/render/overlay_painter.h"

struct ImDrawList;
struct ImVec2;

namespace annals {

class CampaignModel;

// One entry on a card: its headline as written and its English gloss.
struct TitleCardLine {
  std::string headline;
  std::string gloss;  // may be empty
};

struct TitleCard {
  std::string date_chronicle;  // the month in the chronicle's reckoning, "宝庆二年二月"
  std::string date_julian;     // "March 1226"
  std::vector<TitleCardLine> lines;
  std::vector<std::string> place_ids;  // the entries' places: the card keeps clear of them
  float alpha = 1;                     // 0 to 1: the fade
};

struct Presentation {
  bool on = false;    // projection styling: the caller also raises the pixel ratio
  bool card = false;  // draw `title_card` (when alpha > 0)
  TitleCard title_card;
  bool spotlight = false;  // dim all but the places of `title_card`
};

// The pixel ratio presentation mode draws a frame of `height_px` at: lines
// and symbols heavier for a projector, in proportion to the display's lines
// (twice at 2160 as at 1080).
float presentation_pixel_ratio(int height_px);

// Presentation's type sizes (at a pixel ratio of 1; the desk's are
// FontSizes{}). Measured on Noto Sans CJK, whose ideographs stand 0.65 to
// 0.9 of ImGui's font size tall: at 1080 lines and presentation_pixel_ratio
// every place label stands at least 28 px, the date banner's date 56 px and
// a title card's headline 44 px (tests/render/presentation_test.cpp).
FontSizes presentation_font_sizes();

// The card for the month at time t: every entry in force, in order. Empty
// lines when the month has none.
TitleCard title_card_at(const CampaignModel& model, double t);

// How opaque a card is `seconds` after it first showed: in over 0.4 s, held
// for `hold_seconds`, out over 1 s.
float title_card_alpha(double seconds, double hold_seconds);

// Where the card goes: the first place along the bottom edge, then the top,
// then below `keep_clear` (the date banner), left to right, where it covers
// none of `avoid` (screen positions) and nothing in `keep_clear`. Empty when
// there is nothing to show.
OverlayBox place_title_card(const BakedFonts& fonts, const FontSizes& sizes, const Viewport& vp,
                            const TitleCard& card, const std::vector<ImVec2>& avoid,
                            const std::vector<OverlayBox>& keep_clear);
// Draws the card in `box` (from place_title_card).
void draw_title_card(ImDrawList* d, const BakedFonts& fonts, const FontSizes& sizes, const Viewport& vp,
                     const TitleCard& card, const OverlayBox& box);

// The spotlight: the frame darkened but for soft circles of `radius_px`
// around `spots`, leaving the boxes in `keep_clear` (date banner, title
// card) clear: the cells' corners inside them are not dimmed, and neither
// is what the overlay draws within them (kept_clear), so the date banner,
// drawn with the overlay, keeps its colours. A grid of cells whose corners carry the dimming, from 0
// (none) to 1 (full), interpolated over each cell's two triangles (top
// left, top right, bottom right; top left, bottom right, bottom left), so
// the circles' edges are soft. Darkening multiplies a colour by
// factor_at(): a multiply, not a blend towards black, because that is what
// llvmpipe's fast textured path can apply while it lays the map down
// (SpotlightPass), and what a vertex colour can apply to the overlay drawn
// over it, so the map, the realms and the labels are darkened alike.
struct SpotlightQuad {
  float x0, y0, x1, y1;  // pixels, y down
  float dim[4];          // top left, top right, bottom right, bottom left
  bool uniform() const { return dim[0] == dim[1] && dim[1] == dim[2] && dim[2] == dim[3]; }
};
class SpotlightField {
 public:
  // How far full dimming darkens: colour times 1 - kDepth.
  static constexpr float kDepth = 150.0f / 255.0f;
  static constexpr int kColumns = 64, kRows = 36;
  SpotlightField(const Viewport& vp, const std::vector<ImVec2>& spots, float radius_px,
                 const std::vector<OverlayBox>& keep_clear);
  // Without spots nothing is dimmed (an entry without places).
  bool empty() const { return corners_.empty(); }
  // The dimming at a point of the frame, as the cells' triangles carry it.
  float dim_at(float x, float y) const;
  // Whether the rectangle lies within a kept-clear box (with room for its
  // strokes' anti-aliased fringe): the overlay is not darkened there.
  bool kept_clear(float x0, float y0, float x1, float y1) const;
  // The dimming over the rectangle from (x0, y0) to (x1, y1), cut to the
  // frame, when it is the same throughout; else nothing.
  std::optional<float> uniform_dim(float x0, float y0, float x1, float y1) const;
  float factor_at(float x, float y) const { return 1.0f - kDepth * dim_at(x, y); }
  // An ImGui colour (IM_COL32) at a point of the frame, darkened there: its
  // red, green and blue times factor_at, its alpha kept. Darkening after
  // blending equals blending darkened colours over a darkened ground,
  // (s a + g (1 - a)) f = (s f) a + (g f)(1 - a), so the overlay is
  // darkened through its vertex colours.
  // Not within a kept-clear box.
  unsigned darken(unsigned colour, float x, float y) const;
  // Cells covering the whole frame, runs of uniform cells with the same
  // dimming merged along their row (most of the frame is dimmed fully).
  std::vector<SpotlightQuad> quads() const;
  // The rectangle [x0, x1] x [y0, y1] cut along the cells' triangles, as
  // triangles (three points each, in `out`) across which the dimming is
  // linear as across the field's own: a rectangle drawn in these pieces,
  // each vertex darkened by its dimming, is darkened as the field darkens.
  // A uniform cell's part is two triangles. Without spots, the rectangle.
  struct DimmedPoint {
    float x, y, dim;
  };
  void cut(float x0, float y0, float x1, float y1, std::vector<DimmedPoint>& out) const;
  int width() const { return width_; }
  int height() const { return height_; }

 private:
  float corner(int i, int j) const { return corners_[static_cast<std::size_t>(j * (kColumns + 1) + i)]; }
  int width_ = 0, height_ = 0;
  float cell_w_ = 0, cell_h_ = 0;
  std::vector<float> corners_;  // (kColumns + 1) x (kRows + 1), row by row
  std::vector<OverlayBox> keep_clear_;
  float fringe_ = 0;  // how far beyond a kept-clear box its strokes reach
};

}  // namespace annals
