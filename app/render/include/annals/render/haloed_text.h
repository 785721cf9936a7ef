// Map labels: ink with a soft light halo, legible over relief and rivers.
//
// A label looks the same in every frame it is in, wherever it stands: its
// glyphs are laid out from a whole pixel (ImGui floors a text's origin), so
// only its position changes as the camera moves. So each label is drawn
// once, halo and ink, into a page of a label atlas (LabelAtlas), and each
// frame lays it down as one textured quad, a single texture read a pixel
// where drawing it took five (four for the halo, one for the ink): the
// labels were the costliest part of a presentation frame's overlay on
// llvmpipe (BM_RenderFlight/3; docs/performance.md).
//
// Drawing a label into the atlas: each glyph's quad, grown by the halo's
// reach, is drawn by a shader that samples the glyph at the four diagonal
// offsets and blends them as four offset copies would (each lets through 1
// - its coverage), then the glyphs' ink over all the halos: the halo of
// one glyph, or of one line, may reach the ink of the next, which must stay
// on top. Premultiplied, onto a clear page, so laying the label over the
// frame is the same blend as drawing it there.
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
#include "annals/render/presentation.h"

namespace annals {

class ShaderProgram;

class HaloedText {
 public:
  // `page_px`: the side of an atlas page; `max_pages`: how many pages the
  // atlas grows to before it is cleared and filled again with the frame's
  // labels. Small values are for tests of a full atlas.
  explicit HaloedText(int page_px = 2048, int max_pages = 4);
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
  // places glyphs anew in the font atlas: every label is drawn again). Call
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
  // Draws the labels the atlas lacks into it and uploads the frame's
  // quads. After ImGui::Render, before its draw data is drawn; leaves the
  // framebuffer and viewport to be set again.
  void prepare();

  // Labels drawn into the atlas by the last prepare(), for tests and
  // benchmarks: the rest were there already.
  int labels_drawn() const { return labels_drawn_; }
  // Times the atlas was full and cleared.
  int atlas_resets() const { return atlas_resets_; }

 private:
  // A glyph's vertex in the halo and ink passes.
  struct GlyphVertex {
    float x, y;            // pixels from the label's corner, y down
    float u, v;            // the font atlas at this corner
    float u0, v0, u1, v1;  // the glyph's rectangle in the font atlas: nothing is sampled outside it
    float du, dv;          // the halo's offset, in font atlas units
    ImU32 ink, halo;
  };
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
    GLuint texture = 0, framebuffer = 0;
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
  // full) and queues it to be drawn there; false when the atlas was cleared
  // and every label must be placed again.
  bool place(Label& label, const std::string& key, bool may_clear);
  bool place_on(Page& page, int w, int h, int& x, int& y) const;
  void add_page(int size);
  void clear_atlas();
  void draw_queued();
  static void run(const ImDrawList* list, const ImDrawCmd* cmd);
  void draw(const Batch& batch);

  int page_px_, max_pages_;
  std::vector<Label> labels_;
  std::deque<Batch> batches_;  // stable addresses: ImGui holds pointers to them until the frame is drawn
  int first_unflushed_ = 0;
  std::optional<SpotlightField> field_;
  int width_ = 0, height_ = 0;
  int fonts_generation_ = -1;
  int labels_drawn_ = 0, atlas_resets_ = 0;
  std::unique_ptr<ImDrawList> scratch_;  // lays text out as AddText does

  // The atlas: labels by what they show, and where.
  std::unordered_map<std::string, int> by_key_;
  std::vector<Sprite> sprites_;
  std::vector<Page> pages_;
  // Labels to draw into the atlas: their glyphs' halos and ink, from the
  // label's corner, and where each goes.
  struct Queued {
    int sprite;
    int first, halos, inks;  // in queued_vertices_: the halos from first, then the ink
  };
  std::vector<Queued> queued_;
  std::vector<GlyphVertex> queued_vertices_, queued_inks_;
  // Where a label is drawn before it is copied to its page: always at the
  // same pixels, so that its pixels are the same whichever page and place
  // it is copied to (rasterisers interpolate a little differently at
  // different places of a framebuffer).
  GLuint easel_texture_ = 0, easel_framebuffer_ = 0;
  int easel_w_ = 0, easel_h_ = 0;
  ImTextureID font_texture_ = nullptr;

  // GL: made on first use (with the context current).
  std::unique_ptr<ShaderProgram> glyph_program_, quad_program_;
  GLint glyph_size_ = -1, glyph_ink_ = -1, quad_size_ = -1;
  GLuint glyph_vao_ = 0, glyph_vbo_ = 0, quad_vao_ = 0, quad_vbo_ = 0;
  std::vector<QuadVertex> quads_;
};

}  // namespace annals
