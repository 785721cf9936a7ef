#include "annals/render/title_card_layer.h"

#include <imgui.h>

#include <string>

namespace annals {

void TitleCardLayer::queue(ImDrawList* d, const RenderTarget& frame, const BakedFonts& fonts,
                           const FontSizes& sizes, const Viewport& vp, const TitleCard& card,
                           const OverlayBox& box, int fonts_generation) {
  if (box.empty()) return;
  TitleCard opaque = card;
  opaque.alpha = 1;
  draw_title_card(layer_.begin(box.x0, box.y0, box.x1, box.y1, fonts.label->ContainerAtlas->TexID), fonts,
                  sizes, vp, opaque, box);
  layer_.queue(d, frame, std::to_string(fonts_generation), card.alpha);
}

}  // namespace annals
