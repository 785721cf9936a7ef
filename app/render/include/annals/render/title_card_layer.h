// Presentation's title card, drawn into a texture of its own when what it
// shows changes and laid over each frame as one quad, faded by its alpha.
// The card holds still while the camera flies and while it fades, so its
// type (the headlines are the largest on screen) is rasterised once rather
// than every frame: about 1.5 ms less a 1920x1080 frame on llvmpipe
// (BM_RenderFlight/3). The texture holds the card over nothing, its colour
// premultiplied by its alpha, so laying it over the map gives the pixels
// drawing it there would; faded, the card fades as one layer.
#pragma once

#include <memory>
#include <string>

#include "annals/render/camera.h"
#include "annals/render/fonts.h"
#include "annals/render/presentation.h"
#include "annals/render/render_target.h"
#include "annals/render/texture_scaler.h"

struct ImDrawList;
struct ImDrawCmd;

namespace annals {

class TitleCardLayer {
 public:
  TitleCardLayer();
  ~TitleCardLayer();
  TitleCardLayer(const TitleCardLayer&) = delete;
  TitleCardLayer& operator=(const TitleCardLayer&) = delete;

  // Queues `card` in `box` (place_title_card) at this point of `d`, the
  // overlay of `frame` (the target it is rendered into). When the card, its box, the type or the fonts
  // (`fonts_generation`, which changes with every bake) differ from the
  // last, it is laid out again here and drawn into the texture by prepare().
  // Call with the overlay's ImGui context current, in its frame.
  void queue(ImDrawList* d, const RenderTarget& frame, const BakedFonts& fonts, const FontSizes& sizes,
             const Viewport& vp, const TitleCard& card, const OverlayBox& box, int fonts_generation);
  // Draws a card laid out anew into the texture. Call after ImGui::Render()
  // and before the overlay is rendered (the ImGui OpenGL backend draws it),
  // with the same context current. Leaves no framebuffer bound for drawing.
  void prepare();

 private:
  static void run(const ImDrawList* list, const ImDrawCmd* cmd);
  void draw();

  std::string key_;                   // what the texture holds
  std::unique_ptr<ImDrawList> list_;  // the card laid out, waiting for prepare()
  bool pending_ = false;
  PixelRect rect_;  // the texture's place in the frame: x, y from the top
  const RenderTarget* frame_ = nullptr;
  float alpha_ = 1;
  std::unique_ptr<RenderTarget> texture_;
  std::unique_ptr<TextureScaler> scaler_;  // lays the texture over the frame; made on first use
};

}  // namespace annals
