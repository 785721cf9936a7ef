#include "annals/render/status_symbols.h"

#include <cmath>

namespace annals {

namespace {
constexpr ImU32 kPaper = IM_COL32(255, 252, 244, 255);
constexpr ImU32 kInk = IM_COL32(40, 28, 24, 255);
// Okabe & Ito (2002), "Color Universal Design": safe for the common colour-vision deficiencies.
constexpr ImU32 kVermillion = IM_COL32(213, 94, 0, 255);
constexpr ImU32 kBlue = IM_COL32(0, 114, 178, 255);
constexpr ImU32 kOrange = IM_COL32(230, 159, 0, 255);
constexpr ImU32 kGreen = IM_COL32(0, 158, 115, 255);
constexpr ImU32 kPurple = IM_COL32(204, 121, 167, 255);

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

ImU32 status_colour(PlaceStatus s) {
  switch (s) {
    case PlaceStatus::XiaHeld:
      return kVermillion;
    case PlaceStatus::Besieged:
      return kPurple;
    case PlaceStatus::Taken:
    case PlaceStatus::Surrendered:
    case PlaceStatus::Mongol:
      return kBlue;
    case PlaceStatus::Massacred:
      return kInk;
    case PlaceStatus::Jin:
      return kOrange;
    case PlaceStatus::Song:
      return kGreen;
    case PlaceStatus::Other:
      break;
  }
  return kInk;
}

const char* status_label(PlaceStatus s) {
  switch (s) {
    case PlaceStatus::XiaHeld:
      return "西夏所守 held by Xia";
    case PlaceStatus::Besieged:
      return "被围 besieged";
    case PlaceStatus::Taken:
      return "陷落 taken";
    case PlaceStatus::Massacred:
      return "屠城 massacred";
    case PlaceStatus::Surrendered:
      return "降 surrendered";
    case PlaceStatus::Jin:
      return "金 Jin";
    case PlaceStatus::Song:
      return "宋 Song";
    case PlaceStatus::Mongol:
      return "蒙古 Mongol";
    case PlaceStatus::Other:
      break;
  }
  return "其他 other";
}

void draw_status_symbol(ImDrawList* d, ImVec2 p, PlaceStatus status, int rank, float ratio, double pulse) {
  const float k = ratio * (rank == 0 ? 1.3f : rank == 1 ? 1.0f : 0.78f);
  const float r = 5.5f * k, w = 1.8f * k;
  switch (status) {
    case PlaceStatus::Besieged: {
      // A ring of dashes that breathes with time: outward, fading.
      const float ring = r + (4.0f + 5.0f * float(pulse)) * k;
      const int alpha = int(255 * (1.0 - 0.6 * pulse));
      const ImU32 c = (kPurple & 0x00FFFFFF) | (ImU32(alpha) << 24);
      for (int i = 0; i < 12; ++i) {
        const float a0 = 6.2831853f * i / 12, a1 = a0 + 6.2831853f / 24;
        d->PathArcTo(p, ring, a0, a1, 4);
        d->PathStroke(c, 0, 2.2f * k);
      }
      [[fallthrough]];
    }
    case PlaceStatus::XiaHeld:
      if (rank == 0) {
        d->AddRectFilled(ImVec2(p.x - r * 1.2f, p.y - r * 1.2f), ImVec2(p.x + r * 1.2f, p.y + r * 1.2f),
                         kPaper);
        d->AddRect(ImVec2(p.x - r * 1.2f, p.y - r * 1.2f), ImVec2(p.x + r * 1.2f, p.y + r * 1.2f),
                   kVermillion, 0, 0, w);
        d->AddRectFilled(ImVec2(p.x - r * 0.55f, p.y - r * 0.55f), ImVec2(p.x + r * 0.55f, p.y + r * 0.55f),
                         kVermillion);
      } else {
        d->AddCircleFilled(p, r, kPaper, 24);
        d->AddCircleFilled(p, r - w, kVermillion, 24);
      }
      break;
    case PlaceStatus::Taken:
      d->AddCircleFilled(p, r, kPaper, 24);
      d->AddCircle(p, r, kBlue, 24, w);
      d->AddLine(ImVec2(p.x - r * 0.7f, p.y - r * 0.7f), ImVec2(p.x + r * 0.7f, p.y + r * 0.7f), kBlue, w);
      d->AddLine(ImVec2(p.x - r * 0.7f, p.y + r * 0.7f), ImVec2(p.x + r * 0.7f, p.y - r * 0.7f), kBlue, w);
      break;
    case PlaceStatus::Massacred:
      d->AddRectFilled(ImVec2(p.x - r, p.y - r), ImVec2(p.x + r, p.y + r), kInk);
      d->AddLine(ImVec2(p.x - r * 0.6f, p.y - r * 0.6f), ImVec2(p.x + r * 0.6f, p.y + r * 0.6f), kPaper, w);
      d->AddLine(ImVec2(p.x - r * 0.6f, p.y + r * 0.6f), ImVec2(p.x + r * 0.6f, p.y - r * 0.6f), kPaper, w);
      break;
    case PlaceStatus::Surrendered:
      polygon(d, p, r * 1.25f, 4, 0, kPaper, kBlue, w);
      d->AddCircleFilled(p, r * 0.35f, kBlue, 12);
      break;
    case PlaceStatus::Jin:
      d->AddRectFilled(ImVec2(p.x - r * 0.8f, p.y - r * 0.8f), ImVec2(p.x + r * 0.8f, p.y + r * 0.8f),
                       kOrange);
      d->AddRect(ImVec2(p.x - r * 0.8f, p.y - r * 0.8f), ImVec2(p.x + r * 0.8f, p.y + r * 0.8f), kInk, 0, 0,
                 1.0f * k);
      break;
    case PlaceStatus::Song:
      polygon(d, p, r, 3, 0, kGreen, kInk, 1.0f * k);
      break;
    case PlaceStatus::Mongol:
      polygon(d, p, r, 5, 0, kBlue, kPaper, 1.0f * k);
      break;
    case PlaceStatus::Other:
      d->AddCircleFilled(p, r * 0.6f, kPaper, 16);
      d->AddCircle(p, r * 0.6f, kInk, 16, 1.2f * k);
      break;
  }
}

}  // namespace annals
