// Map labels: ink with a soft light halo, legible over relief and rivers,
// in two passes. A halo was the text drawn four times in its halo colour,
// offset diagonally, under the ink: five blended passes over every glyph,
// most of what labels cost a frame on llvmpipe. Here each glyph's quad,
// grown by the offset, is drawn once by a shader that samples the glyph at
// the four offsets and blends them as the four copies would (each lets
// through 1 - its coverage), then the ink: a label looks the same and costs
// about two passes (BM_RenderFlight/3). Not one: a glyph's halo may reach
// the ink of the next, which must stay on top.
//
// The overlay painter adds a group of labels that do not overlap one
// another and flushes it, as one ImGui callback, where the group is drawn.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "annals/render/gl.h"

namespace annals {

class ShaderProgram;
class SpotlightField;

class HaloedText {
 public:
  HaloedText();
  ~HaloedText();
  HaloedText(const HaloedText&) = delete;
  HaloedText& operator=(const HaloedText&) = delete;

  // Forgets the last frame's text; the frame is `width` x `height` pixels.
  // Call in the ImGui frame the text is drawn in (after NewFrame).
  void begin_frame(int width, int height);
  // `text` laid out as ImDrawList::AddText(font, size, at, ...) lays it
  // out, in `ink`, with a halo `reach` pixels wide in `halo` (its alpha is
  // each offset copy's).
  void add(ImFont* font, float size, ImVec2 at, const std::string& text, ImU32 ink, ImU32 halo, float reach);
  // Queues the text added since the last flush at this point of `d`.
  void flush(ImDrawList* d);
  // Darkens every colour by the spotlight at its vertices (as
  // SpotlightPass::darken_vertices does the rest of the overlay's).
  void darken(const SpotlightField& field);

 private:
  struct Vertex {
    float x, y;            // frame pixels, y down
    float u, v;            // the atlas at this corner
    float u0, v0, u1, v1;  // the glyph's rectangle in the atlas: nothing is sampled outside it
    float du, dv;          // the halo's offset, in atlas units
    ImU32 ink, halo;
  };
  struct Batch {
    HaloedText* owner;
    int first, halos, inks;  // vertices (6 a glyph): the halos from first, then the ink
    ImTextureID texture;
  };
  static void run(const ImDrawList* list, const ImDrawCmd* cmd);
  void draw(const Batch& batch);

  std::vector<Vertex> vertices_;                    // every flushed group's, for one upload
  std::vector<Vertex> halo_pending_, ink_pending_;  // the group being added
  std::deque<Batch> batches_;  // stable addresses: ImGui holds pointers to them until the frame is drawn
  ImTextureID texture_ = nullptr;
  int width_ = 0, height_ = 0;
  bool uploaded_ = false;                // vertices_ is in vbo_ for this frame
  std::unique_ptr<ImDrawList> scratch_;  // lays text out as AddText does
  // GL: made on the first draw (the callback runs with the context current).
  std::unique_ptr<ShaderProgram> program_;
  GLint size_uniform_ = -1, ink_uniform_ = -1;
  GLuint vao_ = 0, vbo_ = 0;
};

}  // namespace annals
