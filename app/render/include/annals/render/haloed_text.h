// Map labels: ink with a soft light halo, legible over relief and rivers.
//
// A label looks the same in every frame it is in, wherever it stands: its
// glyphs are laid out from a whole pixel (ImGui floors a text's origin) and
// its lines at whole pixels from its first, so only its position changes as
// the camera moves. So each label is painted once (paint_label, on the CPU)
// into a page of a label atlas, and each frame lays it down as one textured
// quad: a single texture read a pixel where drawing its halo and ink took
// five, when the labels were the costliest part of a presentation frame's
// overlay on llvmpipe (BM_RenderFlight/3; docs/performance.md). A label's
// pixels depend on nothing but what it shows, not on where the atlas holds
// it or what was drawn before, so exports stay exact.
//
// The overlay painter adds labels that do not overlap one another and
// flushes them, as one ImGui callback, where the group is drawn.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <imgui.h>

#include "annals/render/gl.h"
#include "annals/render/label_picture.h"
#include "annals/render/presentation.h"

namespace annals {

class ShaderProgram;

class HaloedText {
 public:
  // `page_px`: the side of an atlas page; `max_pages`: how many pages the
  // atlas grows to before it is cleared and filled again with the frame's
  // labels. A 1024 px page (4 MiB) holds about 150 labels of a 1080p
  // presentation, 40 at 4K; a page is added only when one fills. Small
  // values are for tests of a full atlas.
  explicit HaloedText(int page_px = 1024, int max_pages = 8);
  ~HaloedText();
  HaloedText(const HaloedText&) = delete;
  HaloedText& operator=(const HaloedText&) = delete;

  // One line of a label: `text` laid out as ImDrawList::AddText(font, size,
  // at, ink, text) lays it out.
  struct Run {
    ImFont* font;
    float size;
    ImVec2 at;
    const std::string& text;
    ImU32 ink;
  };

  // Forgets the last frame's labels; the frame is `width` x `height`
  // pixels, its fonts the bake numbered `fonts_generation` (a new bake
  // places glyphs anew in the font atlas: every label is painted again). Call
  // in the ImGui frame the labels are drawn in (after NewFrame).
  void begin_frame(int width, int height, int fonts_generation);
  // A label of one or more lines, with a halo `reach` pixels wide in `halo`
  // (its alpha is each offset copy's) around all of them.
  void add(std::initializer_list<Run> runs, ImU32 halo, float reach);
  void add(ImFont* font, float size, ImVec2 at, const std::string& text, ImU32 ink, ImU32 halo, float reach) {
    add({Run{font, size, at, text, ink}}, halo, reach);
  }
  // Queues the labels added since the last flush at this point of `d`.
  void flush(ImDrawList* d);
  // Darkens this frame's labels by the spotlight, as SpotlightPass::
  // darken_vertices does the rest of the overlay.
  void darken(const SpotlightField& field) { field_ = field; }
  // Paints the labels the atlas lacks into it and uploads the frame's
  // quads. After ImGui::Render, before its draw data is drawn; leaves the
  // vertex array, buffer and texture bindings to be set again.
  void prepare();

  // Labels painted into the atlas by the last prepare(), for tests and
  // benchmarks: the rest were there already.
  int labels_painted() const { return labels_painted_; }
  // Times the atlas was full and cleared.
  int atlas_resets() const { return atlas_resets_; }

 private:
  struct QuadVertex {
    float x, y;    // frame pixels, y down
    float u, v;    // the page
    float factor;  // the spotlight's darkening
  };
  struct StoredRun {
    ImFont* font;
    float size;
    ImVec2 at;
    std::string text;
    ImU32 ink;
  };
  struct Label {
    std::vector<StoredRun> runs;
    ImU32 halo;
    float reach;
    int sprite = -1;  // in sprites_, from prepare(); -1 when it has no glyphs
  };
  struct Sprite {
    int page;
    int x, y, w, h;  // on the page, pixels, y down
    int dx, dy;      // its corner from the label's origin (its first line's, floored)
  };
  struct Page {
    GLuint texture = 0;
    int size = 0;
    int shelf_x = 0, shelf_y = 0, shelf_h = 0;  // next-fit shelves, left to right, top down
  };
  struct Draw {
    GLuint texture;
    int first, count;
  };
  struct Batch {
    HaloedText* owner;
    int first_label, labels;
    std::vector<Draw> draws;  // from prepare(): a draw per page the labels lie on
  };

  std::string key_of(const Label& label) const;
  // Places `label` in the atlas (a new page, or a cleared atlas, when it is
  // full) and paints it there; false when the atlas was cleared and every
  // label must be placed again.
  bool place(Label& label, const std::string& key, bool may_clear);
  static bool place_on(Page& page, int w, int h, int& x, int& y);
  void add_page(int size);
  void clear_atlas();
  static void run(const ImDrawList* list, const ImDrawCmd* cmd);
  void draw(const Batch& batch);

  int page_px_, max_pages_;
  std::vector<Label> labels_;
  std::deque<Batch> batches_;  // stable addresses: ImGui holds pointers to them until the frame is drawn
  int first_unflushed_ = 0;
  std::optional<SpotlightField> field_;
  int width_ = 0, height_ = 0;
  int fonts_generation_ = -1;
  int labels_painted_ = 0, atlas_resets_ = 0;
  std::unique_ptr<ImDrawList> scratch_;  // lays text out as AddText does

  // The atlas: labels by what they show, and where.
  std::unordered_map<std::string, int> by_key_;
  std::vector<Sprite> sprites_;
  std::vector<Page> pages_;
  std::vector<GlyphQuad> glyphs_;       // the label being painted
  std::vector<unsigned char> picture_;  // its pixels

  // GL: made on first use (with the context current).
  std::unique_ptr<ShaderProgram> quad_program_;
  GLint quad_size_ = -1;
  GLuint quad_vao_ = 0, quad_vbo_ = 0;
  std::vector<QuadVertex> quads_;
};

}  // namespace annals
