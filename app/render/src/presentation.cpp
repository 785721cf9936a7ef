#include "annals/render/presentation.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "annals/model/campaign_state.h"
#include "annals/model/chronicle.h"

namespace annals {

float presentation_pixel_ratio(int height_px) {
  return std::max(1.0f, 2.2f * static_cast<float>(height_px) / 1080.0f);
}

FontSizes presentation_font_sizes() {
  // × 2.2 at 1080 lines: lesser labels 45 px (0.85 × 24), the date 89 px
  // (1.15 × 35), a card's headline 77 px (ImGui sizes, not ink heights).
  return FontSizes{24.0f, 35.0f, 14.0f};
}

TitleCard title_card_at(const CampaignModel& model, double t) {
  TitleCard card;
  const CampaignState s = model.state_at(t);
  card.date_chronicle = model.timeline().label_chinese(s.month);
  card.date_julian = model.timeline().label_julian(s.month);
  for (const Entry* e : s.entries) {
    card.lines.push_back({e->headline_normalized, e->gloss});
    for (const PlaceRef& p : e->places)
      if (std::find(card.place_ids.begin(), card.place_ids.end(), p.id) == card.place_ids.end())
        card.place_ids.push_back(p.id);
  }
  return card;
}

float title_card_alpha(double seconds, double hold_seconds) {
  if (seconds < 0) return 0;
  if (seconds < 0.4) return static_cast<float>(seconds / 0.4);
  if (seconds < 0.4 + hold_seconds) return 1;
  return static_cast<float>(std::clamp(1.0 - (seconds - 0.4 - hold_seconds), 0.0, 1.0));
}

namespace {

ImU32 with_alpha(int r, int g, int b, float a) { return IM_COL32(r, g, b, static_cast<int>(255 * a + 0.5f)); }

bool overlaps(const OverlayBox& a, const OverlayBox& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

}  // namespace

namespace {

// The card's measures at this viewport: shared by placing and drawing.
struct CardMetrics {
  float ratio, head, gloss, date, pad, gap, margin, wrap;
  std::string dates;
  std::size_t shown;
  std::vector<std::string> heads;  // the shown headlines, cut short to fit
  float width = 0, height = 0;
};

// `text` cut after `lines` lines wrapped at `wrap` pixels, ending in an
// ellipsis when cut.
std::string first_lines(const ImFont* font, float size, float wrap, const std::string& text, int lines) {
  const char* p = text.c_str();
  const char* end = p + text.size();
  for (int i = 0; i < lines && p < end; ++i) {
    const char* next = font->CalcWordWrapPositionA(size / font->FontSize, p, end, wrap);
    p = next > p ? next : p + 1;
  }
  if (p >= end) return text;
  // Room for the ellipsis: back off two characters (UTF-8 lead bytes).
  std::size_t cut = static_cast<std::size_t>(p - text.c_str());
  for (int k = 0; k < 2 && cut > 0; ++k) {
    --cut;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  return text.substr(0, cut) + "…";
}

CardMetrics measure(const BakedFonts& fonts, const FontSizes& sizes, const Viewport& vp,
                    const TitleCard& card) {
  CardMetrics m;
  m.ratio = vp.pixel_ratio;
  // The headline a little under the date banner's size (it still stands
  // over 44 px at 1080 lines), the gloss and dates smaller: the card must
  // leave the map room beside it.
  m.head = sizes.title * m.ratio * 0.9f;
  m.gloss = sizes.label * m.ratio * 0.85f;
  m.date = sizes.label * m.ratio * 0.75f;
  m.pad = 14 * m.ratio;
  m.gap = 6 * m.ratio;
  m.margin = 16 * m.ratio;
  m.wrap = std::max(200.0f, 0.42f * static_cast<float>(vp.width_px));
  m.shown = std::min<std::size_t>(card.lines.size(), 3);  // at most three entries
  m.dates = card.date_chronicle + "  ·  " + card.date_julian;
  // A card stands at most half the frame high: a headline of the annals
  // layout can be a whole year's paragraph. Its headlines are cut to fewer
  // lines (down to two), then fewer entries are shown, until it fits; the
  // gloss says what a cut headline is about.
  const float most = 0.5f * static_cast<float>(vp.height_px);
  for (int lines = 6;; lines = std::max(2, lines - 1)) {
    const ImVec2 d = fonts.label->CalcTextSizeA(m.date, 1e9f, 0, m.dates.c_str());
    float w = d.x, h = d.y;
    m.heads.clear();
    for (std::size_t i = 0; i < m.shown; ++i) {
      m.heads.push_back(first_lines(fonts.title, m.head, m.wrap, card.lines[i].headline, lines));
      const ImVec2 a = fonts.title->CalcTextSizeA(m.head, 1e9f, m.wrap, m.heads.back().c_str());
      w = std::max(w, a.x);
      h += m.gap + a.y;
      if (!card.lines[i].gloss.empty()) {
        const ImVec2 b = fonts.label->CalcTextSizeA(m.gloss, 1e9f, m.wrap, card.lines[i].gloss.c_str());
        w = std::max(w, b.x);
        h += b.y;
      }
    }
    m.width = std::min(w, m.wrap) + 2 * m.pad;
    m.height = h + 2 * m.pad;
    if (m.height <= most || (lines == 2 && m.shown == 1)) return m;
    if (lines == 2) --m.shown;
  }
}

}  // namespace

OverlayBox place_title_card(const BakedFonts& fonts, const FontSizes& sizes, const Viewport& vp,
                            const TitleCard& card, const std::vector<ImVec2>& avoid,
                            const std::vector<OverlayBox>& keep_clear) {
  if (card.lines.empty() || card.alpha <= 0) return {};
  const CardMetrics m = measure(fonts, sizes, vp, card);
  const float w = m.width, h = m.height, margin = m.margin;
  const float W = static_cast<float>(vp.width_px), H = static_cast<float>(vp.height_px);
  // The scale bar, north arrow and credits run along the bottom edge: the
  // card sits above them (they take about 56 px at a pixel ratio of 1).
  const float bottom = H - 64 * m.ratio;
  // Candidates along the bottom edge, then the top, then below the date
  // banner, each row from left to right: the first that hides no place of
  // the entries and clears the banner wins; failing that, the one hiding
  // fewest.
  std::vector<OverlayBox> candidates;
  float below_banner = margin;
  for (const OverlayBox& k : keep_clear)
    if (!k.empty()) below_banner = std::max(below_banner, k.y1 + margin);
  for (const float y : {bottom - h, margin, below_banner})
    for (int i = 0; i <= 8; ++i) {
      const float x = margin + (W - 2 * margin - w) * static_cast<float>(i) / 8.0f;
      if (x < margin - 0.5f) continue;  // wider than the frame: only the first fits
      candidates.push_back({x, y, x + w, y + h});
    }
  OverlayBox best = candidates.front();
  int best_hidden = 1 << 30;
  const float reach = 24 * m.ratio;
  for (const OverlayBox& c : candidates) {
    if (c.y1 > H) continue;
    int hidden = 0;
    for (const ImVec2& p : avoid)
      hidden += p.x > c.x0 - reach && p.x < c.x1 + reach && p.y > c.y0 - reach && p.y < c.y1 + reach;
    for (const OverlayBox& k : keep_clear) hidden += !k.empty() && overlaps(c, k) ? 1000 : 0;
    if (hidden < best_hidden) best = c, best_hidden = hidden;
    if (hidden == 0) break;
  }
  return best;
}

void draw_title_card(ImDrawList* d, const BakedFonts& fonts, const FontSizes& sizes, const Viewport& vp,
                     const TitleCard& card, const OverlayBox& box) {
  if (box.empty()) return;
  const CardMetrics m = measure(fonts, sizes, vp, card);
  const float a = card.alpha, ratio = m.ratio;
  // Dark ground, light type: legible on a washed-out projector image.
  d->AddRectFilled(ImVec2(box.x0, box.y0), ImVec2(box.x1, box.y1), with_alpha(28, 22, 18, 0.92f * a),
                   8 * ratio);
  d->AddRectFilled(ImVec2(box.x0, box.y0), ImVec2(box.x0 + 5 * ratio, box.y1), with_alpha(196, 64, 40, a),
                   8 * ratio, ImDrawFlags_RoundCornersLeft);
  const float x = box.x0 + m.pad;
  float y = box.y0 + m.pad;
  d->AddText(fonts.label, m.date, ImVec2(x, y), with_alpha(236, 214, 170, a), m.dates.c_str());
  y += fonts.label->CalcTextSizeA(m.date, 1e9f, 0, m.dates.c_str()).y;
  for (std::size_t i = 0; i < m.shown; ++i) {
    y += m.gap;
    const TitleCardLine& line = card.lines[i];
    d->AddText(fonts.title, m.head, ImVec2(x, y), with_alpha(255, 255, 255, a), m.heads[i].c_str(), nullptr,
               m.wrap);
    y += fonts.title->CalcTextSizeA(m.head, 1e9f, m.wrap, m.heads[i].c_str()).y;
    if (!line.gloss.empty()) {
      d->AddText(fonts.label, m.gloss, ImVec2(x, y), with_alpha(232, 226, 214, a), line.gloss.c_str(),
                 nullptr, m.wrap);
      y += fonts.label->CalcTextSizeA(m.gloss, 1e9f, m.wrap, line.gloss.c_str()).y;
    }
  }
}

SpotlightField::SpotlightField(const Viewport& vp, const std::vector<ImVec2>& spots, float radius_px,
                               const std::vector<OverlayBox>& keep_clear)
    : width_(vp.width_px), height_(vp.height_px) {
  if (spots.empty()) return;
  for (const OverlayBox& k : keep_clear)
    if (!k.empty()) keep_clear_.push_back(k);
  fringe_ = 2 * vp.pixel_ratio + 1;
  cell_w_ = static_cast<float>(width_) / kColumns;
  cell_h_ = static_cast<float>(height_) / kRows;
  auto dim_at = [&](float x, float y) -> float {
    // Only the corners within a box: the map grades into it across the
    // cells its edges cross, where the box hides most of it. (The corners
    // within a cell of it were kept clear too, which left a bright band of
    // one to two cells about the date banner and the title card.)
    for (const OverlayBox& k : keep_clear_)
      if (x >= k.x0 && x <= k.x1 && y >= k.y0 && y <= k.y1) return 0;
    float nearest = 1e30f;
    for (const ImVec2& s : spots) nearest = std::min(nearest, std::hypot(x - s.x, y - s.y));
    return std::clamp((nearest - radius_px) / radius_px, 0.0f, 1.0f);
  };
  corners_.resize(static_cast<std::size_t>((kColumns + 1) * (kRows + 1)));
  for (int j = 0; j <= kRows; ++j)
    for (int i = 0; i <= kColumns; ++i)
      corners_[static_cast<std::size_t>(j * (kColumns + 1) + i)] = dim_at(i * cell_w_, j * cell_h_);
}

float SpotlightField::dim_at(float x, float y) const {
  if (empty()) return 0;
  const float gx = std::clamp(x / cell_w_, 0.0f, static_cast<float>(kColumns));
  const float gy = std::clamp(y / cell_h_, 0.0f, static_cast<float>(kRows));
  const int i = std::min(static_cast<int>(gx), kColumns - 1), j = std::min(static_cast<int>(gy), kRows - 1);
  const float u = gx - static_cast<float>(i), v = gy - static_cast<float>(j);
  const float a = corner(i, j), b = corner(i + 1, j), c = corner(i + 1, j + 1), e = corner(i, j + 1);
  // The triangle holding the point: top right (u >= v) or bottom left.
  return u >= v ? a + u * (b - a) + v * (c - b) : a + v * (e - a) + u * (c - e);
}

bool SpotlightField::kept_clear(float x0, float y0, float x1, float y1) const {
  for (const OverlayBox& k : keep_clear_)
    if (x0 >= k.x0 - fringe_ && x1 <= k.x1 + fringe_ && y0 >= k.y0 - fringe_ && y1 <= k.y1 + fringe_)
      return true;
  return false;
}

unsigned SpotlightField::darken(unsigned colour, float x, float y) const {
  if (kept_clear(x, y, x, y)) return colour;
  const float f = factor_at(x, y);
  if (f >= 1) return colour;
  auto channel = [&](int shift) {
    return static_cast<unsigned>(std::lround(static_cast<float>((colour >> shift) & 0xFF) * f)) << shift;
  };
  return channel(IM_COL32_R_SHIFT) | channel(IM_COL32_G_SHIFT) | channel(IM_COL32_B_SHIFT) |
         (colour & IM_COL32_A_MASK);
}

std::vector<SpotlightQuad> SpotlightField::quads() const {
  std::vector<SpotlightQuad> quads;
  if (empty()) return quads;
  for (int j = 0; j < kRows; ++j)
    for (int i = 0; i < kColumns; ++i) {
      const float a = corner(i, j), b = corner(i + 1, j), c = corner(i + 1, j + 1), e = corner(i, j + 1);
      const float x0 = i * cell_w_, x1 = i == kColumns - 1 ? static_cast<float>(width_) : x0 + cell_w_;
      const float y0 = j * cell_h_, y1 = j == kRows - 1 ? static_cast<float>(height_) : y0 + cell_h_;
      const SpotlightQuad q{x0, y0, x1, y1, {a, b, c, e}};
      if (q.uniform() && i > 0 && quads.back().y0 == y0 && quads.back().uniform() &&
          quads.back().dim[0] == a) {
        quads.back().x1 = x1;
        continue;
      }
      quads.push_back(q);
    }
  return quads;
}

std::optional<float> SpotlightField::uniform_dim(float x0, float y0, float x1, float y1) const {
  if (empty()) return 0.0f;
  x0 = std::max(x0, 0.0f), y0 = std::max(y0, 0.0f);
  x1 = std::min(x1, static_cast<float>(width_)), y1 = std::min(y1, static_cast<float>(height_));
  if (!(x0 < x1 && y0 < y1)) return std::nullopt;
  // Every corner of every cell the rectangle meets.
  const int i0 = std::clamp(static_cast<int>(x0 / cell_w_), 0, kColumns - 1);
  const int i1 = std::clamp(static_cast<int>(std::ceil(x1 / cell_w_)), i0 + 1, kColumns);
  const int j0 = std::clamp(static_cast<int>(y0 / cell_h_), 0, kRows - 1);
  const int j1 = std::clamp(static_cast<int>(std::ceil(y1 / cell_h_)), j0 + 1, kRows);
  const float dim = corner(i0, j0);
  for (int j = j0; j <= j1; ++j)
    for (int i = i0; i <= i1; ++i)
      if (corner(i, j) != dim) return std::nullopt;
  return dim;
}

void SpotlightField::cut(float x0, float y0, float x1, float y1, std::vector<DimmedPoint>& out) const {
  if (!(x0 < x1 && y0 < y1)) return;
  auto rectangle = [&](float a0, float b0, float a1, float b1, float dim) {
    const DimmedPoint tl{a0, b0, dim}, tr{a1, b0, dim}, br{a1, b1, dim}, bl{a0, b1, dim};
    out.insert(out.end(), {tl, tr, br, tl, br, bl});
  };
  if (empty()) {
    rectangle(x0, y0, x1, y1, 0);
    return;
  }
  // A polygon clipped to one side of an axis: Sutherland and Hodgman's
  // step, the dimming carried linearly to the new points.
  using Polygon = std::vector<DimmedPoint>;
  auto clip = [](const Polygon& in, bool vertical, float edge, bool keep_above) {
    Polygon kept;
    auto inside = [&](const DimmedPoint& p) {
      const float v = vertical ? p.x : p.y;
      return keep_above ? v >= edge : v <= edge;
    };
    for (std::size_t k = 0; k < in.size(); ++k) {
      const DimmedPoint& a = in[k];
      const DimmedPoint& b = in[(k + 1) % in.size()];
      if (inside(a)) kept.push_back(a);
      if (inside(a) != inside(b)) {
        // The same point whichever way the edge is walked (the triangles
        // on either side of it walk it both ways), and exactly on the cut,
        // so that neighbouring pieces meet without a gap or an overlap.
        const bool forward = a.x < b.x || (a.x == b.x && a.y < b.y);
        const DimmedPoint& p = forward ? a : b;
        const DimmedPoint& q = forward ? b : a;
        const float vp = vertical ? p.x : p.y, vq = vertical ? q.x : q.y;
        const float t = (edge - vp) / (vq - vp);
        DimmedPoint m{p.x + t * (q.x - p.x), p.y + t * (q.y - p.y), p.dim + t * (q.dim - p.dim)};
        (vertical ? m.x : m.y) = edge;
        kept.push_back(m);
      }
    }
    return kept;
  };
  // Nothing beyond the frame is seen: the rectangle is cut to it.
  x0 = std::max(x0, 0.0f), y0 = std::max(y0, 0.0f);
  x1 = std::min(x1, static_cast<float>(width_)), y1 = std::min(y1, static_cast<float>(height_));
  if (!(x0 < x1 && y0 < y1)) return;
  auto edge_x = [&](int i) { return i == kColumns ? static_cast<float>(width_) : i * cell_w_; };
  auto edge_y = [&](int j) { return j == kRows ? static_cast<float>(height_) : j * cell_h_; };
  const int i0 = std::clamp(static_cast<int>(x0 / cell_w_), 0, kColumns - 1);
  const int i1 = std::clamp(static_cast<int>(std::ceil(x1 / cell_w_)), i0 + 1, kColumns);
  const int j0 = std::clamp(static_cast<int>(y0 / cell_h_), 0, kRows - 1);
  const int j1 = std::clamp(static_cast<int>(std::ceil(y1 / cell_h_)), j0 + 1, kRows);
  auto uniform = [&](int i, int j) {
    const float tl = corner(i, j);
    return tl == corner(i + 1, j) && tl == corner(i + 1, j + 1) && tl == corner(i, j + 1);
  };
  // Most labels lie wholly in the dimmed ground or wholly in a spot: one
  // rectangle. Else runs of uniform cells along each row are merged (their
  // edges, all along cell edges, meet the cut cells' exactly).
  if (const std::optional<float> dim = uniform_dim(x0, y0, x1, y1)) {
    rectangle(x0, y0, x1, y1, *dim);
    return;
  }
  for (int j = j0; j < j1; ++j)
    for (int i = i0; i < i1; ++i) {
      // The cell, its edges computed alike for both cells they part.
      const float cx0 = edge_x(i), cy0 = edge_y(j), cy1 = edge_y(j + 1);
      float cx1 = edge_x(i + 1);
      const float a0 = std::max(x0, cx0), b0 = std::max(y0, cy0), b1 = std::min(y1, cy1);
      const float tl = corner(i, j), tr = corner(i + 1, j), br = corner(i + 1, j + 1), bl = corner(i, j + 1);
      if (uniform(i, j)) {
        while (i + 1 < i1 && uniform(i + 1, j) && corner(i + 1, j) == tl) cx1 = edge_x(++i + 1);
        rectangle(a0, b0, std::min(x1, cx1), b1, tl);
        continue;
      }
      const float a1 = std::min(x1, cx1);
      const DimmedPoint TL{cx0, cy0, tl}, TR{cx1, cy0, tr}, BR{cx1, cy1, br}, BL{cx0, cy1, bl};
      for (const Polygon& triangle : {Polygon{TL, TR, BR}, Polygon{TL, BR, BL}}) {
        Polygon p = clip(triangle, true, a0, true);
        p = clip(p, true, a1, false);
        p = clip(p, false, b0, true);
        p = clip(p, false, b1, false);
        for (std::size_t k = 1; k + 1 < p.size(); ++k) out.insert(out.end(), {p[0], p[k], p[k + 1]});
      }
    }
}

}  // namespace annals
