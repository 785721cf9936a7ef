// A part of the overlay that holds still from frame to frame (the title
// card, the date banner, the legend, the title box, the credits), drawn into
// a texture of its own when what it shows changes and laid over each frame
// as one quad. Its type and boxes are rasterised once rather than every
// frame: on llvmpipe a textured quad costs a fraction of the glyphs and
// rounded boxes it holds (BM_RenderFlight). The texture holds the layer over
// nothing, its colour premultiplied by its alpha, so laying it over the map
// gives the pixels drawing it there would; faded, it fades as one layer.
#pragma once

#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "annals/render/render_target.h"
#include "annals/render/texture_scaler.h"

namespace annals {

// Draws `list` over nothing onto the whole of `target` (its colour, cleared
// to transparent first), the list's point `origin` at the target's top left
// corner. Drawn by ImGui's blending over nothing, the colour comes out
// premultiplied by its alpha, as a layer is laid. Call with the list's
// ImGui context current. Leaves no framebuffer bound.
void paint_over_nothing(const ImDrawList& list, ImVec2 origin, const RenderTarget& target);

class CachedLayer {
 public:
  CachedLayer();
  ~CachedLayer();
  CachedLayer(const CachedLayer&) = delete;
  CachedLayer& operator=(const CachedLayer&) = delete;

  // Starts the layer for this frame, covering the frame pixels from
  // (x0, y0) to (x1, y1) (y down; whatever it draws must lie within, a
  // pixel of fringe aside). Returns an empty draw list, in frame
  // coordinates with `font_texture` bound, to lay the layer out in.
  // Call with the overlay's ImGui context current, in its frame.
  ImDrawList* begin(float x0, float y0, float x1, float y1, ImTextureID font_texture);
  // Queues the layer laid out since begin() at this point of `d`, the
  // overlay of `frame` (the target it is rendered into): its colour times
  // `darken`, all of it times `alpha`. It is drawn into the texture again
  // only if it lies elsewhere or draws otherwise than what the texture
  // holds, or if `key` (what else decides its pixels, such as the font
  // atlas's bake) differs.
  void queue(ImDrawList* d, const RenderTarget& frame, const std::string& key, float alpha = 1,
             float darken = 1);
  // Draws a layer laid out anew into the texture. Call after ImGui::Render()
  // and before the overlay is rendered (the ImGui OpenGL backend draws it),
  // with the same context current. Leaves no framebuffer bound for drawing.
  void prepare();

 private:
  static void run(const ImDrawList* list, const ImDrawCmd* cmd);
  void draw();

  // Whether what list_ holds, at rect_ and with `key`, is what the texture holds.
  bool holds(const std::string& key) const;

  std::unique_ptr<ImDrawList> list_;  // the layer laid out this frame
  PixelRect next_;                    // where begin() put it
  // What the texture holds: the key, and the draw list's vertices, indices
  // and commands (texture, clip, count) as it was drawn.
  std::string key_;
  std::vector<ImDrawVert> vertices_;
  std::vector<ImDrawIdx> indices_;
  std::vector<float> commands_;
  bool pending_ = false;
  PixelRect rect_;  // the texture's place in the frame: x, y from the top
  const RenderTarget* frame_ = nullptr;
  float alpha_ = 1, darken_ = 1;
  std::unique_ptr<RenderTarget> texture_;
  std::unique_ptr<TextureScaler> scaler_;  // lays the texture over the frame; made on first use
};

}  // namespace annals
