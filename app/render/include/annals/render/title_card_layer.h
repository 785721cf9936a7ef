// Presentation's title card, a CachedLayer: drawn into a texture of its own
// when what it shows changes and laid over each frame as one quad, faded by
// its alpha. The card holds still while the camera flies and while it
// fades, so its type (the headlines are the largest on screen) is
// rasterised once rather than every frame: about 1.5 ms less a 1920x1080
// frame on llvmpipe (BM_RenderFlight/3).
#pragma once

#include "annals/render/cached_layer.h"
#include "annals/render/camera.h"
#include "annals/render/fonts.h"
#include "annals/render/presentation.h"
#include "annals/render/render_target.h"

namespace annals {

class TitleCardLayer {
 public:
  // Queues `card` in `box` (place_title_card) at this point of `d`, the
  // overlay of `frame` (the target it is rendered into). When the card
  // draws otherwise than the last (its text, its box, the type) or the
  // fonts were baked again (`fonts_generation`), it is drawn into the
  // texture by prepare().
  // Call with the overlay's ImGui context current, in its frame.
  void queue(ImDrawList* d, const RenderTarget& frame, const BakedFonts& fonts, const FontSizes& sizes,
             const Viewport& vp, const TitleCard& card, const OverlayBox& box, int fonts_generation);
  // Draws a card laid out anew into the texture. Call after ImGui::Render()
  // and before the overlay is rendered (the ImGui OpenGL backend draws it),
  // with the same context current. Leaves no framebuffer bound for drawing.
  void prepare() { layer_.prepare(); }

 private:
  CachedLayer layer_;
};

}  // namespace annals
