// A map label's picture, painted on the CPU from the font atlas's pixels:
// ink with a soft light halo, premultiplied. HaloedText keeps each label's
// picture in its label atlas and lays it on the frame as one textured quad.
//
// Painted here rather than drawn by the GPU because a label is new in the
// middle of a frame: drawing it on llvmpipe, then reading it back into the
// atlas, made the driver finish the map queued before it, so this thread
// waited where it would have laid out the overlay (3 ms a new label in
// BM_RenderFlight/3's first flight). A label is painted once; its pixels
// depend on nothing but what it shows.
//
// The halo: each glyph grown by `reach` pixels, covered at each pixel by
// the glyph sampled at the four diagonal offsets, blended as four offset
// copies would blend (each lets through 1 - its coverage). Every glyph's
// halo first, then every glyph's ink: a halo may reach the ink of the next
// glyph or line, which must stay on top.
#pragma once

#include <cstdint>
#include <vector>

namespace annals {

// A glyph as ImGui lays it out: its quad in the picture's pixels (y down)
// and its rectangle in the font atlas (as fractions), with its ink.
struct GlyphQuad {
  float x0, y0, x1, y1;
  float u0, v0, u1, v1;
  std::uint32_t ink;  // IM_COL32
};

// The font atlas's coverage, one byte a texel, rows top first.
struct FontPixels {
  const unsigned char* alpha = nullptr;
  int width = 0, height = 0;
};

// Paints `glyphs` with a halo in `halo` (IM_COL32; its alpha is each offset
// copy's) `reach` pixels wide into `rgba`: `width` x `height` premultiplied
// RGBA pixels, rows top first. A pixel is painted when its centre is in a
// quad, as a rasteriser fills it; the atlas is sampled bilinearly, and
// around a glyph's rectangle (half a texel out, in its padding) the halo
// reads no coverage, so no neighbouring glyph of the atlas shows.
void paint_label(const std::vector<GlyphQuad>& glyphs, std::uint32_t halo, float reach,
                 const FontPixels& font, int width, int height, std::vector<unsigned char>& rgba);

}  // namespace annals
