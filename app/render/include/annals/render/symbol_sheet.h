// The map's status and place symbols, each drawn once into a sheet (a
// texture) and laid on the map as one textured quad. A symbol looks the same
// wherever it stands, but as anti-aliased circles and polygons it is dozens
// of triangles, which llvmpipe pays for one by one (about 0.4 µs each at
// 1080p: 2,300 triangles a presentation frame). A symbol is placed with its
// centre on a whole pixel, as it is painted in the sheet, so its quad is read
// texel for pixel and its pixels are those drawing it there would give.
//
// The sheet holds each picture over nothing, its colour premultiplied by its
// alpha; begin() switches the overlay to premultiplied blending and end()
// back, and whatever is drawn between as shapes must carry premultiplied
// colours (premultiply_since).
#pragma once

#include <imgui.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "annals/render/presentation.h"
#include "annals/render/render_target.h"

namespace annals {

class SymbolSheet {
 public:
  // Draws one symbol centred on `at` into `d`.
  using Painter = std::function<void(ImDrawList* d, ImVec2 at)>;

  // `side_px`: the sheet's width and height.
  explicit SymbolSheet(int side_px = 1024);
  ~SymbolSheet();
  SymbolSheet(const SymbolSheet&) = delete;
  SymbolSheet& operator=(const SymbolSheet&) = delete;

  // The spotlight the frame is darkened by (none: nullptr), for the frames
  // to come: where it grades across a symbol, its quad is cut along the
  // field's triangles, so that darkened by its corners it is darkened as the
  // field darkens.
  void set_spotlight(const SpotlightField* field) { spotlight_ = field; }
  // Starts the symbols in `d`, the overlay, with `font_texture` (the shapes'
  // white pixel) bound: premultiplied blending from here to end().
  void begin(ImDrawList* d, ImTextureID font_texture);
  // The symbol that `key` names (all that decides its pixels), whose
  // painter stays within `reach` pixels of its centre, centred on `at`
  // rounded to whole pixels. `paint` is called only when the sheet lacks it.
  void add(ImDrawList* d, ImVec2 at, const std::string& key, float reach, const Painter& paint);
  // Back to ImGui's own blending.
  void end(ImDrawList* d);
  // Paints the symbols new this frame into the sheet. Call after
  // ImGui::Render() and before the overlay is rendered, with the overlay's
  // ImGui context current. Leaves no framebuffer bound for drawing.
  void prepare();

  // Symbols painted into the sheet since it was made, and how often it was
  // full and started again (at the next frame's begin(); the symbols that
  // found no room are drawn as they are): for tests.
  int painted() const { return painted_; }
  int resets() const { return resets_; }

 private:
  struct Cell {
    int x = 0, y = 0, size = 0;  // top left in the sheet (y down), and side
  };
  // A free cell of `size` pixels, or none when the sheet is full.
  bool allocate(int size, Cell& cell);
  void clear();

  int side_;
  std::map<std::string, Cell> cells_;
  int shelf_x_ = 0, shelf_y_ = 0, shelf_h_ = 0;  // the shelf packer's state
  // Symbols to paint: each cell with its symbol drawn about (half, half).
  std::vector<std::pair<Cell, std::unique_ptr<ImDrawList>>> pending_;
  std::unique_ptr<RenderTarget> scratch_;  // where one is painted before it is copied to its cell
  ImTextureID font_texture_{};
  std::unique_ptr<RenderTarget> sheet_;
  bool full_ = false;  // a symbol found no room: start again next frame
  int painted_ = 0, resets_ = 0;
  const SpotlightField* spotlight_ = nullptr;
  std::vector<SpotlightField::DimmedPoint> pieces_;  // a quad's pieces, kept for their memory
};

// Multiplies the colour of the vertices of `d` from `first` on by their
// alpha: shapes drawn between SymbolSheet::begin() and end().
void premultiply_since(ImDrawList* d, int first);

}  // namespace annals
