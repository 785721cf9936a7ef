#include "annals/render/overlay_painter.h"

#include "annals/render/symbol_sheet.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <string>

#include "annals/render/haloed_text.h"
#include "annals/render/map_furniture.h"
#include "annals/render/presentation.h"
#include "annals/render/status_symbols.h"

namespace annals {

namespace {

struct Rect {
  float x0, y0, x1, y1;
  bool overlaps(const Rect& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

ImU32 col(int r, int g, int b, int a = 255) { return IM_COL32(r, g, b, a); }

// The label's second line per the language setting.
const std::string& second_line(const OverlayOptions& o, const std::string& pinyin,
                               const std::string& english) {
  static const std::string none;
  switch (o.second_line) {
    case OverlayOptions::SecondLine::Pinyin:
      return pinyin.empty() ? english : pinyin;
    case OverlayOptions::SecondLine::English:
      return english.empty() ? pinyin : english;
    case OverlayOptions::SecondLine::None:
      break;
  }
  return none;
}

// A place's or region's first line: its Chinese name, or in English its
// English name (its pinyin where it has none).
const std::string& first_line(const OverlayOptions& o, const std::string& name, const std::string& pinyin,
                              const std::string& english) {
  if (!o.english_first) return name;
  return !english.empty() ? english : !pinyin.empty() ? pinyin : name;
}

void place_symbol(ImDrawList* d, ImVec2 p, int rank, float ratio) {
  const ImU32 ink = col(110, 30, 24);
  const ImU32 paper = col(255, 252, 244);
  if (rank == 0) {  // capital: a square in a square
    const float r = 6.5f * ratio, r2 = 3.0f * ratio;
    d->AddRectFilled(ImVec2(p.x - r, p.y - r), ImVec2(p.x + r, p.y + r), paper);
    d->AddRect(ImVec2(p.x - r, p.y - r), ImVec2(p.x + r, p.y + r), ink, 0, 0, 2.0f * ratio);
    d->AddRectFilled(ImVec2(p.x - r2, p.y - r2), ImVec2(p.x + r2, p.y + r2), ink);
  } else if (rank == 1) {
    d->AddCircleFilled(p, 5.5f * ratio, paper);
    d->AddCircle(p, 5.5f * ratio, ink, 0, 2.0f * ratio);
    d->AddCircleFilled(p, 2.2f * ratio, ink);
  } else {
    d->AddCircleFilled(p, 3.8f * ratio, paper);
    d->AddCircle(p, 3.8f * ratio, ink, 0, 1.5f * ratio);
  }
}

// The title box, top left: its rectangle (empty when there is no title).
struct TitleBox {
  Rect rect{0, 0, 0, 0};
  float pad = 0, title_size = 0, subtitle_size = 0, title_height = 0;
};
TitleBox title_box(const Scene& scene, const Viewport& vp, const BakedFonts& fonts, const FontSizes& sizes,
                   const OverlayOptions& options) {
  TitleBox b;
  if (!options.title || scene.title.empty()) return b;
  const float ratio = vp.pixel_ratio;
  b.pad = 14 * ratio;
  b.title_size = sizes.title * ratio;
  b.subtitle_size = sizes.label * ratio;
  const ImVec2 t = fonts.title->CalcTextSizeA(b.title_size, 1e9f, 0, scene.title.c_str());
  const ImVec2 s = fonts.label->CalcTextSizeA(b.subtitle_size, 1e9f, 0, scene.subtitle.c_str());
  b.title_height = t.y;
  const float x = 16 * ratio, y = 16 * ratio;
  b.rect = {x, y, x + std::max(t.x, s.x) + 2 * b.pad, y + t.y + s.y + 2 * b.pad + 4 * ratio};
  return b;
}

// The date, large, at the top centre: the one thing a classroom must always
// see. On a narrow frame where the centre would run into the title box it
// moves right of the box, or below it when there is no room.
void draw_date(ImDrawList* d, const CampaignOverlay& c, const Viewport& vp, const BakedFonts& fonts,
               const FontSizes& sizes, const Rect& title, std::vector<Rect>* taken, bool draw,
               OverlayLayout* layout) {
  const float ratio = vp.pixel_ratio;
  const float ts = sizes.title * ratio * 1.15f, ss = sizes.label * ratio;
  const ImVec2 a = fonts.title->CalcTextSizeA(ts, 1e9f, 0, c.date_primary.c_str());
  const ImVec2 b = fonts.label->CalcTextSizeA(ss, 1e9f, 0, c.date_secondary.c_str());
  const float pad = 10 * ratio, w = std::max(a.x, b.x) + 2 * pad, h = a.y + b.y + 2 * pad;
  float x = (vp.width_px - w) / 2, y = 12 * ratio;
  const float gap = 12 * ratio;
  if (title.x1 > title.x0 && x < title.x1 + gap) {
    x = title.x1 + gap;
    if (x + w > vp.width_px - gap) {
      x = title.x0;
      y = title.y1 + gap;
    }
  }
  if (taken) taken->push_back({x, y, x + w, y + h});
  if (layout) layout->date_banner = {x, y, x + w, y + h};
  if (!draw) return;
  d->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + h), col(255, 252, 244, 230), 6 * ratio);
  d->AddRect(ImVec2(x, y), ImVec2(x + w, y + h), col(110, 30, 24, 160), 6 * ratio, 0, 1.5f * ratio);
  d->AddText(fonts.title, ts, ImVec2(x + (w - a.x) / 2, y + pad), col(60, 20, 16), c.date_primary.c_str());
  d->AddText(fonts.label, ss, ImVec2(x + (w - b.x) / 2, y + pad + a.y), col(70, 60, 50),
             c.date_secondary.c_str());
}

// The legend, bottom right above the credits: the rows the campaign names
// (campaign.json's legend): status symbols, army arrows, realm swatches.
void draw_legend(ImDrawList* d, const CampaignOverlay& campaign, const Viewport& vp, const BakedFonts& fonts,
                 const FontSizes& sizes, std::vector<Rect>* taken, bool draw, OverlayLayout* layout) {
  const CampaignVocabulary& v = campaign.model->vocabulary();
  if (v.legend.empty()) return;
  const float ratio = vp.pixel_ratio, ss = sizes.small * ratio;
  const float row = std::max(ss * 1.35f, 16 * ratio), pad = 8 * ratio, sym = 22 * ratio;
  std::vector<std::string> texts;
  float text_w = 0;
  for (const LegendRow& r : v.legend) {
    texts.push_back(r.text());
    text_w = std::max(text_w, fonts.small->CalcTextSizeA(ss, 1e9f, 0, texts.back().c_str()).x);
  }
  const int rows = int(v.legend.size());
  const float w = sym + text_w + 2 * pad, h = rows * row + 2 * pad;
  const float x = vp.width_px - w - 10 * ratio, y = vp.height_px - h - 34 * ratio;
  if (taken) taken->push_back({x, y, x + w, y + h});
  if (layout) layout->legend = {x, y, x + w, y + h};
  if (!draw) return;
  d->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + h), col(255, 252, 244, 225), 5 * ratio);
  float cy = y + pad + row / 2;
  const ImU32 ink = col(50, 36, 30);
  for (std::size_t i = 0; i < v.legend.size(); ++i) {
    const LegendRow& r = v.legend[i];
    switch (r.kind) {
      case LegendRow::Kind::Status:
        // County size, and a siege ring caught small, so the rows stay apart.
        draw_status_symbol(d, ImVec2(x + pad + sym / 2, cy), r.status, v, 2, ratio, 0.0);
        d->AddText(fonts.small, ss, ImVec2(x + pad + sym, cy - ss * 0.62f), ink, texts[i].c_str());
        break;
      case LegendRow::Kind::Army: {
        const ImU32 c = im_colour(v.sides[static_cast<std::size_t>(r.side)].colour);
        d->AddLine(ImVec2(x + pad, cy), ImVec2(x + pad + sym - 4 * ratio, cy), c, 3.5f * ratio);
        d->AddTriangleFilled(ImVec2(x + pad + sym - 2 * ratio, cy),
                             ImVec2(x + pad + sym - 9 * ratio, cy - 5 * ratio),
                             ImVec2(x + pad + sym - 9 * ratio, cy + 5 * ratio), c);
        d->AddText(fonts.small, ss, ImVec2(x + pad + sym + 2 * ratio, cy - ss * 0.62f), ink,
                   texts[i].c_str());
        break;
      }
      case LegendRow::Kind::Realm: {
        const Colour c = v.sides[static_cast<std::size_t>(r.side)].colour;
        d->AddRectFilled(ImVec2(x + pad + 2 * ratio, cy - 6 * ratio),
                         ImVec2(x + pad + sym - 4 * ratio, cy + 6 * ratio), im_colour(c, 60));
        d->AddRect(ImVec2(x + pad + 2 * ratio, cy - 6 * ratio),
                   ImVec2(x + pad + sym - 4 * ratio, cy + 6 * ratio), im_colour(c, 160), 0, 0, 1.0f * ratio);
        d->AddText(fonts.small, ss, ImVec2(x + pad + sym + 2 * ratio, cy - ss * 0.62f), ink,
                   texts[i].c_str());
        break;
      }
    }
    cy += row;
  }
}

// Army moves: each grows along its route through the month of its move, with
// an arrowhead at the front; finished moves stay as faded traces. Legs the
// chronicle does not state are dashed.
void draw_armies(ImDrawList* d, const CampaignOverlay& c, const Projection& projection, const Camera& camera,
                 const Viewport& vp) {
  const float ratio = vp.pixel_ratio;
  for (const ArmyState& a : c.state->armies) {
    const ArmyMove& m = *a.move;
    std::vector<ImVec2> pts;
    std::vector<bool> inferred;
    for (std::size_t i = 0; i < m.path.size(); ++i) {
      XY xy;
      if (!projection.forward(m.path[i], xy)) continue;
      const XY s = camera.to_screen(xy, vp);
      pts.push_back(ImVec2(float(s.x), float(s.y)));
      inferred.push_back(i < m.inferred.size() && m.inferred[i]);
    }
    if (pts.size() < 2) continue;
    double total = 0;
    for (std::size_t i = 1; i < pts.size(); ++i)
      total += std::hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y);
    const double shown = total * std::clamp(a.settled ? 1.0 : a.progress, 0.0, 1.0);
    // The moving side's colour; an actor that is no side is drawn in ink.
    const int side = c.model->vocabulary().side_index(m.actor);
    const ImU32 base = side >= 0
                           ? im_colour(c.model->vocabulary().sides[static_cast<std::size_t>(side)].colour)
                           : col(50, 36, 30);
    const ImU32 colour = a.settled ? ((base & 0x00FFFFFF) | (90u << 24)) : base;
    const float width = (a.settled ? 2.0f : 4.5f) * ratio;
    double walked = 0;
    ImVec2 tip = pts[0], dir(1, 0);
    for (std::size_t i = 1; i < pts.size() && walked < shown; ++i) {
      const ImVec2 p0 = pts[i - 1], p1 = pts[i];
      const double len = std::hypot(p1.x - p0.x, p1.y - p0.y);
      if (len <= 0) continue;
      const double take = std::min(len, shown - walked);
      const ImVec2 end(float(p0.x + (p1.x - p0.x) * take / len), float(p0.y + (p1.y - p0.y) * take / len));
      if (inferred[i - 1]) {
        // Dashes of 10 px with 7 px gaps.
        const double dash = 10 * ratio, gap = 7 * ratio;
        for (double s0 = 0; s0 < take; s0 += dash + gap) {
          const double s1 = std::min(take, s0 + dash);
          d->AddLine(ImVec2(float(p0.x + (p1.x - p0.x) * s0 / len), float(p0.y + (p1.y - p0.y) * s0 / len)),
                     ImVec2(float(p0.x + (p1.x - p0.x) * s1 / len), float(p0.y + (p1.y - p0.y) * s1 / len)),
                     colour, width);
        }
      } else {
        if (!a.settled) d->AddLine(p0, end, col(255, 252, 244, 200), width + 3 * ratio);  // casing
        d->AddLine(p0, end, colour, width);
      }
      walked += take;
      tip = end;
      dir = ImVec2(float((p1.x - p0.x) / len), float((p1.y - p0.y) / len));
    }
    if (!a.settled && walked > 0) {
      const float hl = 14 * ratio, hw = 8 * ratio;
      const ImVec2 n(-dir.y, dir.x);
      d->AddTriangleFilled(ImVec2(tip.x + dir.x * hl * 0.4f, tip.y + dir.y * hl * 0.4f),
                           ImVec2(tip.x - dir.x * hl * 0.6f + n.x * hw, tip.y - dir.y * hl * 0.6f + n.y * hw),
                           ImVec2(tip.x - dir.x * hl * 0.6f - n.x * hw, tip.y - dir.y * hl * 0.6f - n.y * hw),
                           colour);
    }
  }
}

// The title box and the credits line: their rectangles go into `taken` when
// given; they are drawn only when `draw` is set.
void draw_furniture(ImDrawList* d, const Scene& scene, const Camera& camera, const Viewport& vp,
                    const BakedFonts& fonts, const FontSizes& sizes, const OverlayOptions& options,
                    std::vector<Rect>* taken, bool draw, const CampaignOverlay* campaign,
                    OverlayLayout* layout = nullptr, FurnitureLayers* layers = nullptr) {
  const float ratio = vp.pixel_ratio;
  // A still part, `paint`ed into `d` or, given layers and a spotlight that
  // darkens all of it alike, through its layer. `box` and `reach` (how far
  // its strokes go beyond the box) bound what it draws. The layers are
  // queued after every part drawn as it is, so they are laid over the frame
  // one after another (and the title card's after them).
  std::vector<std::pair<CachedLayer*, float>> queued;  // each layer and its darkening
  auto still = [&](CachedLayer FurnitureLayers::*which, const OverlayBox& box, float reach, auto paint) {
    if (layers && layers->frame && !box.empty()) {
      const float x0 = box.x0 - reach, y0 = box.y0 - reach, x1 = box.x1 + reach, y1 = box.y1 + reach;
      std::optional<float> dim = 0.0f;
      if (layers->spotlight && !layers->spotlight->kept_clear(x0, y0, x1, y1))
        dim = layers->spotlight->uniform_dim(x0 - 1, y0 - 1, x1 + 1, y1 + 1);
      if (dim) {
        CachedLayer& layer = layers->*which;
        paint(layer.begin(x0, y0, x1, y1, fonts.label->ContainerAtlas->TexID));
        queued.push_back({&layer, 1 - SpotlightField::kDepth * *dim});
        return;
      }
    }
    paint(d);
  };
  const TitleBox title = title_box(scene, vp, fonts, sizes, options);
  if (layout) layout->title = {title.rect.x0, title.rect.y0, title.rect.x1, title.rect.y1};
  const ImU32 ink = col(50, 36, 30), paper = col(255, 252, 244, 215);
  // The scale bar and the north arrow change with the camera: drawn as they are.
  // Scale bar, bottom left: true at the view's centre (geodesic on WGS84).
  float furniture_right = 16 * ratio;
  if (options.scale_bar && scene.projection) {
    if (auto bar = scale_bar(camera, vp, *scene.projection)) {
      const float x = 18 * ratio, y = vp.height_px - 22 * ratio, len = float(bar->length_px);
      const float ss = sizes.small * ratio;
      const ImVec2 t = fonts.small->CalcTextSizeA(ss, 1e9f, 0, bar->label.c_str());
      const Rect box{x - 8 * ratio, y - t.y - 14 * ratio, x + len + 10 * ratio, y + 10 * ratio};
      if (taken) taken->push_back(box);
      if (draw) {
        d->AddRectFilled(ImVec2(box.x0, box.y0), ImVec2(box.x1, box.y1), paper, 3 * ratio);
        // Alternating halves, as on printed maps, so the bar reads at a glance.
        const float h = 5 * ratio;
        d->AddRectFilled(ImVec2(x, y - h), ImVec2(x + len / 2, y), ink);
        d->AddRectFilled(ImVec2(x + len / 2, y - h), ImVec2(x + len, y), col(255, 252, 244));
        d->AddRect(ImVec2(x, y - h), ImVec2(x + len, y), ink, 0, 0, 1.2f * ratio);
        d->AddText(fonts.small, ss, ImVec2(x + len - t.x, y - h - t.y - 2 * ratio), ink, bar->label.c_str());
        d->AddText(fonts.small, ss, ImVec2(x, y - h - t.y - 2 * ratio), ink, "0");
      }
      furniture_right = box.x1;
    }
  }
  // North arrow beside it, pointing to true north at the view's centre.
  if (options.north_arrow && scene.projection) {
    if (auto angle = north_angle(camera, vp, *scene.projection)) {
      const float r = 14 * ratio;
      const ImVec2 c(furniture_right + 10 * ratio + r, vp.height_px - 12 * ratio - r - 6 * ratio);
      const Rect box{c.x - r - 4 * ratio, c.y - r - 4 * ratio, c.x + r + 4 * ratio, c.y + r + 10 * ratio};
      if (taken) taken->push_back(box);
      if (draw) {
        d->AddCircleFilled(c, r + 3 * ratio, paper, 32);
        const float sa = std::sin(float(*angle)), ca = std::cos(float(*angle));
        auto rot = [&](float x, float y) { return ImVec2(c.x + x * ca - y * sa, c.y + x * sa + y * ca); };
        d->AddTriangleFilled(rot(0, -r), rot(-r * 0.38f, r * 0.55f), rot(0, r * 0.25f), ink);
        d->AddTriangleFilled(rot(0, -r), rot(0, r * 0.25f), rot(r * 0.38f, r * 0.55f), col(150, 130, 120));
        const float ss = sizes.small * ratio;
        const ImVec2 t = fonts.small->CalcTextSizeA(ss, 1e9f, 0, "N");
        const ImVec2 tip = rot(0, -r - t.y * 0.1f);
        d->AddText(fonts.small, ss, ImVec2(tip.x - t.x / 2 + (tip.x - c.x) * 0.35f, tip.y - t.y * 0.85f), ink,
                   "N");
      }
    }
  }
  // The still parts. Where each goes, then (drawing) each drawn there.
  OverlayLayout where;
  if (campaign && !campaign->date_primary.empty()) {
    draw_date(d, *campaign, vp, fonts, sizes, title.rect, taken, false, &where);
    if (draw)
      still(&FurnitureLayers::date_banner, where.date_banner, 1.5f * ratio, [&](ImDrawList* to) {
        draw_date(to, *campaign, vp, fonts, sizes, title.rect, nullptr, true, nullptr);
      });
  }
  if (campaign && campaign->legend) {
    draw_legend(d, *campaign, vp, fonts, sizes, taken, false, &where);
    if (draw)
      still(&FurnitureLayers::legend, where.legend, ratio,
            [&](ImDrawList* to) { draw_legend(to, *campaign, vp, fonts, sizes, nullptr, true, nullptr); });
  }
  if (layout) layout->date_banner = where.date_banner, layout->legend = where.legend;
  if (title.rect.x1 > title.rect.x0) {
    const Rect& r = title.rect;
    if (taken) taken->push_back(r);
    if (draw)
      still(&FurnitureLayers::title, {r.x0, r.y0, r.x1, r.y1}, 1.5f * ratio, [&](ImDrawList* to) {
        to->AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), col(255, 252, 244, 225), 6 * ratio);
        to->AddRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), col(110, 30, 24, 160), 6 * ratio, 0,
                    1.5f * ratio);
        to->AddText(fonts.title, title.title_size, ImVec2(r.x0 + title.pad, r.y0 + title.pad),
                    col(60, 20, 16), scene.title.c_str());
        to->AddText(fonts.label, title.subtitle_size,
                    ImVec2(r.x0 + title.pad, r.y0 + title.pad + title.title_height + 4 * ratio),
                    col(70, 60, 50), scene.subtitle.c_str());
      });
  }
  if (options.credits && !scene.credits.empty()) {
    const float cs = sizes.small * ratio;
    const ImVec2 c = fonts.small->CalcTextSizeA(cs, 1e9f, 0, scene.credits.c_str());
    const float x = vp.width_px - c.x - 10 * ratio, y = vp.height_px - c.y - 8 * ratio;
    if (taken) taken->push_back({x - 6 * ratio, y - 3 * ratio, float(vp.width_px), float(vp.height_px)});
    const OverlayBox box{x - 6 * ratio, y - 3 * ratio, vp.width_px - 4 * ratio, vp.height_px - 4 * ratio};
    if (draw)
      still(&FurnitureLayers::credits, box, 0, [&](ImDrawList* to) {
        to->AddRectFilled(ImVec2(box.x0, box.y0), ImVec2(box.x1, box.y1), col(255, 252, 244, 190), 3 * ratio);
        to->AddText(fonts.small, cs, ImVec2(x, y), col(70, 60, 50), scene.credits.c_str());
      });
  }
  for (const auto& [layer, darken] : queued) layer->queue(d, *layers->frame, layers->key, 1, darken);
}

}  // namespace

OverlayLayout furniture_layout(const Scene& scene, const Camera& camera, const Viewport& vp,
                               const BakedFonts& fonts, const FontSizes& sizes, const OverlayOptions& options,
                               const CampaignOverlay* campaign) {
  OverlayLayout layout;
  std::vector<Rect> taken;
  draw_furniture(nullptr, scene, camera, vp, fonts, sizes, options, &taken, /*draw=*/false, campaign,
                 &layout);
  return layout;
}

void paint_overlay(ImDrawList* d, HaloedText& text, const Scene& scene, const Camera& camera,
                   const Viewport& vp, const BakedFonts& fonts, const FontSizes& sizes,
                   const OverlayOptions& options, const Highlight& highlight, const CampaignOverlay* campaign,
                   OverlayLayout* layout, FurnitureLayers* layers, SymbolSheet* sheet) {
  const float ratio = vp.pixel_ratio;
  if (layout) *layout = OverlayLayout{};
  if (campaign && campaign->state && scene.projection)
    draw_armies(d, *campaign, *scene.projection, camera, vp);
  if (highlight.active && scene.projection) {
    // The uncertainty circle first, under every symbol and label.
    std::vector<ImVec2> ring;
    for (const LonLat& ll : geodesic_circle(highlight.centre, std::max(highlight.radius_km, 0.1), 96)) {
      XY m;
      if (!scene.projection->forward(ll, m)) continue;
      const XY s = camera.to_screen(m, vp);
      ring.push_back(ImVec2(float(s.x), float(s.y)));
    }
    if (ring.size() > 2) {
      d->AddConvexPolyFilled(ring.data(), int(ring.size()), col(200, 60, 30, 40));
      d->AddPolyline(ring.data(), int(ring.size()), col(170, 40, 20, 220), ImDrawFlags_Closed, 2.0f * ratio);
    }
    XY m;
    if (scene.projection->forward(highlight.centre, m)) {
      const XY s = camera.to_screen(m, vp);
      d->AddCircle(ImVec2(float(s.x), float(s.y)), 11 * ratio, col(170, 40, 20), 32, 2.5f * ratio);
    }
  }
  std::vector<Rect> taken;

  // Frame furniture is reserved first, so labels keep out of it, and drawn
  // last, so no symbol shows through it.
  draw_furniture(d, scene, camera, vp, fonts, sizes, options, &taken, /*draw=*/false, campaign, layout);

  // Graticule labels on the left and bottom edges, small and haloed.
  if (options.graticule_labels && scene.projection) {
    const float ss = sizes.small * ratio * 0.92f;
    for (const auto& g : graticule_labels(camera, vp, *scene.projection, 3 * ratio, scene.graticule_lonlat,
                                          scene.graticule_step)) {
      const ImVec2 t = fonts.small->CalcTextSizeA(ss, 1e9f, 0, g.text.c_str());
      const ImVec2 at = g.meridian ? ImVec2(float(g.at.x) - t.x / 2, float(g.at.y) - t.y)
                                   : ImVec2(float(g.at.x), float(g.at.y) - t.y / 2);
      const Rect r{at.x, at.y, at.x + t.x, at.y + t.y};
      bool clear = true;
      for (const Rect& k : taken) clear = clear && !r.overlaps(k);
      if (!clear) continue;
      text.add(fonts.small, ss, at, g.text, col(70, 70, 95), col(255, 252, 244, 200), ratio);
      taken.push_back(r);
    }
  }
  text.flush(d);  // under the symbols

  // Symbols for every place on screen, then labels by priority.
  struct OnScreen {
    const PlaceMarker* place;
    ImVec2 at;
  };
  std::vector<OnScreen> visible;
  std::vector<Rect> symbols;  // parallel to visible
  for (const auto& p : scene.places) {
    if (std::isnan(p.position.x)) continue;
    const XY s = camera.to_screen(p.position, vp);
    if (s.x < -50 || s.y < -50 || s.x > vp.width_px + 50 || s.y > vp.height_px + 50) continue;
    visible.push_back({&p, ImVec2(float(s.x), float(s.y))});
    const float r = 7 * ratio;
    symbols.push_back({float(s.x) - r, float(s.y) - r, float(s.x) + r, float(s.y) + r});
  }
  const double pulse =
      campaign && campaign->state ? campaign->state->t * 4 - std::floor(campaign->state->t * 4) : 0;
  if (sheet) sheet->begin(d, ImGui::GetIO().Fonts->TexID);
  for (auto it = visible.rbegin(); it != visible.rend(); ++it) {
    const std::size_t index = static_cast<std::size_t>(it->place - scene.places.data());
    if (layout) {
      // draw_status_symbol's widest: a capital's siege ring at full pulse.
      const float reach = 21 * ratio;
      layout->symbols.push_back(
          {it->place->id, {it->at.x - reach, it->at.y - reach, it->at.x + reach, it->at.y + reach}});
    }
    if (campaign && index < campaign->status.size())
      draw_status_symbol(d, it->at, campaign->status[index], campaign->model->vocabulary(), it->place->rank,
                         ratio, pulse, sheet);
    else if (sheet)
      sheet->add(d, it->at, "place " + std::to_string(it->place->rank) + " " + std::to_string(ratio),
                 8.5f * ratio,
                 [&](ImDrawList* into, ImVec2 at) { place_symbol(into, at, it->place->rank, ratio); });
    else
      place_symbol(d, it->at, it->place->rank, ratio);
  }
  if (sheet) sheet->end(d);
  if (!options.place_labels) {
    draw_furniture(d, scene, camera, vp, fonts, sizes, options, nullptr, /*draw=*/true, campaign, nullptr,
                   layers);
    return;
  }

  const ImU32 ink = col(40, 22, 18), halo = col(255, 252, 244, 230), ink2 = col(80, 64, 56);
  for (const auto& v : visible) {
    const PlaceMarker& p = *v.place;
    const float ls = (p.rank <= 1 ? sizes.label : sizes.label * 0.85f) * ratio;
    const float ss = sizes.small * ratio;
    const std::string& first = first_line(options, p.name, p.pinyin, p.english);
    const ImVec2 a = fonts.label->CalcTextSizeA(ls, 1e9f, 0, first.c_str());
    ImVec2 b(0, 0);
    static const std::string none;
    const std::string& second = options.english_first ? none : second_line(options, p.pinyin, p.english);
    const bool two_lines = !second.empty();
    if (two_lines) b = fonts.small->CalcTextSizeA(ss, 1e9f, 0, second.c_str());
    const float w = std::max(a.x, b.x), h = a.y + (two_lines ? b.y - 2 * ratio : 0);
    const float gap = 8 * ratio;
    // Right, left, above, below, then the four diagonals: the order cartographers prefer.
    const ImVec2 candidates[] = {
        {v.at.x + gap, v.at.y - a.y / 2},           {v.at.x - gap - w, v.at.y - a.y / 2},
        {v.at.x - w / 2, v.at.y - gap - h},         {v.at.x - w / 2, v.at.y + gap * 0.6f},
        {v.at.x + gap * 0.7f, v.at.y - gap - h},    {v.at.x - gap * 0.7f - w, v.at.y - gap - h},
        {v.at.x + gap * 0.7f, v.at.y + gap * 0.6f}, {v.at.x - gap * 0.7f - w, v.at.y + gap * 0.6f},
    };
    for (int i = 0; i < 8; ++i) {
      const ImVec2 c = candidates[i];
      const Rect r{c.x - 2 * ratio, c.y, c.x + w + 2 * ratio, c.y + h};
      if (r.x0 < 0 || r.y0 < 0 || r.x1 > vp.width_px || r.y1 > vp.height_px) continue;
      bool clear = true;
      for (const Rect& t : taken)
        if (r.overlaps(t)) {
          clear = false;
          break;
        }
      // Symbols block labels, except that the capital's name may cover the
      // symbols of lesser places: it must always be readable.
      for (std::size_t k = 0; clear && k < visible.size(); ++k)
        if (visible[k].place != &p && (p.rank > 0 || visible[k].place->rank == 0) && r.overlaps(symbols[k]))
          clear = false;
      if (!clear) continue;
      // The second line left-aligned right of the symbol, right-aligned left of it, centred above or below.
      const bool left_of_symbol = i == 1 || i == 5 || i == 7;
      const float shift = (i == 2 || i == 3) ? (w - b.x) / 2 : left_of_symbol ? (w - b.x) : 0.0f;
      text.add({{fonts.label, ls, c, first, ink},
                {fonts.small, ss, ImVec2(c.x + shift, c.y + a.y - 2 * ratio), second, ink2}},
               halo, ratio);
      taken.push_back(r);
      if (layout) layout->labels.push_back({p.id, first, {r.x0, r.y0, r.x1, r.y1}});
      break;
    }
  }
  // Physical regions last: they give way to every place. Spaced characters
  // in a muted brown, as atlases letter deserts and ranges.
  text.flush(d);
  for (const auto& region : scene.regions) {
    const XY at = camera.to_screen(region.position, vp);
    std::string spaced;
    if (options.english_first) {
      spaced = first_line(options, region.name, region.pinyin, region.english);
    } else {
      for (unsigned cp : utf8_codepoints(region.name)) {
        if (!spaced.empty()) spaced += ' ';
        spaced += utf8_encode(cp);
      }
    }
    const float ls = sizes.label * ratio * (region.rank <= 1 ? 1.05f : 0.9f), ss = sizes.small * ratio;
    const ImVec2 a = fonts.label->CalcTextSizeA(ls, 1e9f, 0, spaced.c_str());
    static const std::string none;
    const std::string& second =
        options.english_first ? none : second_line(options, region.pinyin, region.english);
    const ImVec2 b = fonts.small->CalcTextSizeA(ss, 1e9f, 0, second.c_str());
    const float w = std::max(a.x, b.x), h = a.y + b.y;
    const ImVec2 c(float(at.x) - w / 2, float(at.y) - h / 2);
    const Rect r{c.x, c.y, c.x + w, c.y + h};
    if (r.x0 < 0 || r.y0 < 0 || r.x1 > vp.width_px || r.y1 > vp.height_px) continue;
    bool clear = true;
    for (const Rect& t : taken) clear = clear && !r.overlaps(t);
    for (const Rect& t : symbols) clear = clear && !r.overlaps(t);
    if (!clear) continue;
    const ImU32 brown = col(128, 96, 72, 235), halo2 = col(255, 252, 244, 150);
    text.add({{fonts.label, ls, ImVec2(float(at.x) - a.x / 2, c.y), spaced, brown},
              {fonts.small, ss, ImVec2(float(at.x) - b.x / 2, c.y + a.y), second, brown}},
             halo2, ratio);
    taken.push_back(r);
    if (layout) layout->labels.push_back({"", region.name, {r.x0, r.y0, r.x1, r.y1}});
  }
  text.flush(d);  // the regions' labels drawn before the furniture
  draw_furniture(d, scene, camera, vp, fonts, sizes, options, nullptr, /*draw=*/true, campaign, nullptr,
                 layers);
}

}  // namespace annals
