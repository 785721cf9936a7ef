#include "annals/render/status_symbols.h"

#include "annals/render/symbol_sheet.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace annals {

namespace {
constexpr ImU32 kPaper = IM_COL32(255, 252, 244, 255);
constexpr ImU32 kInk = IM_COL32(40, 28, 24, 255);

void polygon(ImDrawList* d, ImVec2 c, float r, int n, float rotation, ImU32 fill, ImU32 edge, float width) {
  ImVec2 pts[8];
  for (int i = 0; i < n; ++i) {
    const float a = rotation + 6.2831853f * i / n;
    pts[i] = ImVec2(c.x + r * std::sin(a), c.y - r * std::cos(a));
  }
  d->AddConvexPolyFilled(pts, n, fill);
  d->AddPolyline(pts, n, edge, ImDrawFlags_Closed, width);
}
}  // namespace

ImU32 im_colour(Colour c, int alpha) { return IM_COL32(c.r, c.g, c.b, alpha); }

ImU32 status_colour(PlaceStatus s, const CampaignVocabulary& v) { return im_colour(v.colour(s)); }

namespace {

void draw_shape(ImDrawList* d, ImVec2 p, SymbolShape shape, ImU32 c, int rank, float r, float w, float k) {
  switch (shape) {
    case SymbolShape::Dot:
      if (rank == 0) {
        d->AddRectFilled(ImVec2(p.x - r * 1.2f, p.y - r * 1.2f), ImVec2(p.x + r * 1.2f, p.y + r * 1.2f),
                         kPaper);
        d->AddRect(ImVec2(p.x - r * 1.2f, p.y - r * 1.2f), ImVec2(p.x + r * 1.2f, p.y + r * 1.2f), c, 0, 0,
                   w);
        d->AddRectFilled(ImVec2(p.x - r * 0.55f, p.y - r * 0.55f), ImVec2(p.x + r * 0.55f, p.y + r * 0.55f),
                         c);
      } else {
        d->AddCircleFilled(p, r, kPaper);
        d->AddCircleFilled(p, r - w, c);
      }
      break;
    case SymbolShape::CrossedCircle:
      d->AddCircleFilled(p, r, kPaper);
      d->AddCircle(p, r, c, 0, w);
      d->AddLine(ImVec2(p.x - r * 0.7f, p.y - r * 0.7f), ImVec2(p.x + r * 0.7f, p.y + r * 0.7f), c, w);
      d->AddLine(ImVec2(p.x - r * 0.7f, p.y + r * 0.7f), ImVec2(p.x + r * 0.7f, p.y - r * 0.7f), c, w);
      break;
    case SymbolShape::CrossedSquare:
      d->AddRectFilled(ImVec2(p.x - r, p.y - r), ImVec2(p.x + r, p.y + r), c);
      d->AddLine(ImVec2(p.x - r * 0.6f, p.y - r * 0.6f), ImVec2(p.x + r * 0.6f, p.y + r * 0.6f), kPaper, w);
      d->AddLine(ImVec2(p.x - r * 0.6f, p.y + r * 0.6f), ImVec2(p.x + r * 0.6f, p.y - r * 0.6f), kPaper, w);
      break;
    case SymbolShape::Diamond:
      polygon(d, p, r * 1.25f, 4, 0, kPaper, c, w);
      d->AddCircleFilled(p, r * 0.35f, c);
      break;
    case SymbolShape::Square:
      d->AddRectFilled(ImVec2(p.x - r * 0.8f, p.y - r * 0.8f), ImVec2(p.x + r * 0.8f, p.y + r * 0.8f), c);
      d->AddRect(ImVec2(p.x - r * 0.8f, p.y - r * 0.8f), ImVec2(p.x + r * 0.8f, p.y + r * 0.8f), kInk, 0, 0,
                 1.0f * k);
      break;
    case SymbolShape::Triangle:
      polygon(d, p, r, 3, 0, c, kInk, 1.0f * k);
      break;
    case SymbolShape::Pentagon:
      polygon(d, p, r, 5, 0, c, kPaper, 1.0f * k);
      break;
    case SymbolShape::Ring:
    case SymbolShape::SiegeRing:  // drawn by draw_status_symbol; never a shape of its own
      d->AddCircleFilled(p, r * 0.6f, kPaper);
      d->AddCircle(p, r * 0.6f, c, 0, 1.2f * k);
      break;
  }
}

}  // namespace

namespace {
// What decides a shape's pixels, for SymbolSheet.
std::string shape_key(SymbolShape shape, ImU32 c, int rank, float k) {
  char key[64];
  std::snprintf(key, sizeof key, "status %d %08x %d %.5f", static_cast<int>(shape), c, rank == 0 ? 0 : 1,
                static_cast<double>(k));
  return key;
}
}  // namespace

void draw_status_symbol(ImDrawList* d, ImVec2 p, PlaceStatus status, const CampaignVocabulary& v, int rank,
                        float ratio, double pulse, SymbolSheet* sheet) {
  const float k = ratio * (rank == 0 ? 1.3f : rank == 1 ? 1.0f : 0.78f);
  const float r = 5.5f * k, w = 1.8f * k;
  auto shape = [&](PlaceStatus s) {
    const SymbolShape symbol = v.symbol(s);
    const ImU32 c = im_colour(v.colour(s));
    if (!sheet) {
      draw_shape(d, p, symbol, c, rank, r, w, k);
      return;
    }
    // The widest shape reaches 1.25 r (the diamond), a capital's seal
    // 1.2 r, each with half its line's width beyond.
    sheet->add(d, p, shape_key(symbol, c, rank, k), 1.25f * r + w,
               [&](ImDrawList* into, ImVec2 at) { draw_shape(into, at, symbol, c, rank, r, w, k); });
  };
  if (status.kind == StatusKind::Besieged) {
    // A ring of dashes that breathes with time: outward, fading; inside it
    // the symbol of the side that held the place when the siege began. The
    // ring changes every frame, so it is drawn as it is; from a sheet it
    // stands where the symbol does, on a whole pixel.
    const ImVec2 at = sheet ? ImVec2(std::round(p.x), std::round(p.y)) : p;
    const int first = d->VtxBuffer.Size;
    const float ring = r + (4.0f + 5.0f * float(pulse)) * k;
    const int alpha = int(255 * (1.0 - 0.6 * pulse));
    const ImU32 c = im_colour(v.style(StatusKind::Besieged).colour, alpha);
    for (int i = 0; i < 12; ++i) {
      const float a0 = 6.2831853f * i / 12, a1 = a0 + 6.2831853f / 24;
      d->PathArcTo(at, ring, a0, a1, 4);
      d->PathStroke(c, 0, 2.2f * k);
    }
    if (sheet) premultiply_since(d, first);
    shape(status.side >= 0 ? PlaceStatus{StatusKind::Held, status.side} : PlaceStatus{StatusKind::Other, -1});
    return;
  }
  shape(status);
}

}  // namespace annals
