#include "annals/render/label_picture.h"

#include <algorithm>
#include <cmath>

namespace annals {

namespace {
struct Colour {
  float r, g, b, a;
};
// IM_COL32's channels, red in the lowest byte.
Colour unpack(std::uint32_t c) {
  return {static_cast<float>(c & 0xFF) / 255.0f, static_cast<float>((c >> 8) & 0xFF) / 255.0f,
          static_cast<float>((c >> 16) & 0xFF) / 255.0f, static_cast<float>((c >> 24) & 0xFF) / 255.0f};
}

// The atlas's coverage at (x, y) texels from the texel (ox, oy), filtered
// bilinearly as a GPU samples it (texel centres at half-texel places);
// nothing beyond the atlas's edges. Counted from the glyph's own corner,
// so a glyph is sampled alike wherever the atlas holds it: the viewer's
// atlas and an export's place glyphs differently.
float sample(const FontPixels& font, int ox, int oy, float x, float y) {
  x -= 0.5f, y -= 0.5f;
  const float fx = std::floor(x), fy = std::floor(y);
  const int x0 = ox + static_cast<int>(fx), y0 = oy + static_cast<int>(fy);
  const float tx = x - fx, ty = y - fy;
  float t00, t10, t01, t11;
  if (x0 >= 0 && y0 >= 0 && x0 + 1 < font.width && y0 + 1 < font.height) {  // the usual case: all four inside
    const unsigned char* p = font.alpha +
                             static_cast<std::size_t>(y0) * static_cast<std::size_t>(font.width) +
                             static_cast<std::size_t>(x0);
    t00 = p[0], t10 = p[1], t01 = p[font.width], t11 = p[font.width + 1];
  } else {
    auto texel = [&](int i, int j) -> float {
      if (i < 0 || j < 0 || i >= font.width || j >= font.height) return 0;
      return font.alpha[static_cast<std::size_t>(j) * static_cast<std::size_t>(font.width) +
                        static_cast<std::size_t>(i)];
    };
    t00 = texel(x0, y0), t10 = texel(x0 + 1, y0), t01 = texel(x0, y0 + 1), t11 = texel(x0 + 1, y0 + 1);
  }
  const float top = t00 + (t10 - t00) * tx, bottom = t01 + (t11 - t01) * tx;
  return (top + (bottom - top) * ty) * (1.0f / 255.0f);
}

// A glyph's rectangle in the atlas, in whole texels (ImGui places glyphs on
// texels), and texels per pixel of its quad.
struct GlyphTexels {
  int x, y, w, h;
  float per_px_x, per_px_y;
};
GlyphTexels texels_of(const GlyphQuad& g, const FontPixels& font) {
  GlyphTexels t;
  t.x = static_cast<int>(std::lround(g.u0 * static_cast<float>(font.width)));
  t.y = static_cast<int>(std::lround(g.v0 * static_cast<float>(font.height)));
  t.w = static_cast<int>(std::lround(g.u1 * static_cast<float>(font.width))) - t.x;
  t.h = static_cast<int>(std::lround(g.v1 * static_cast<float>(font.height))) - t.y;
  t.per_px_x = static_cast<float>(t.w) / (g.x1 - g.x0);
  t.per_px_y = static_cast<float>(t.h) / (g.y1 - g.y0);
  return t;
}

// The pixels whose centres lie in [a, b): from ceil(a - 0.5) to ceil(b - 0.5).
void pixel_span(float a, float b, int limit, int& first, int& end) {
  first = std::max(0, static_cast<int>(std::ceil(a - 0.5f)));
  end = std::min(limit, static_cast<int>(std::ceil(b - 0.5f)));
}
}  // namespace

void paint_label(const std::vector<GlyphQuad>& glyphs, std::uint32_t halo, float reach,
                 const FontPixels& font, int width, int height, std::vector<unsigned char>& rgba) {
  std::vector<float> picture(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 0.0f);
  auto over = [&](int x, int y, const Colour& c, float a) {  // premultiplied c times a, over the picture
    float* p = &picture[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                         static_cast<std::size_t>(x)) *
                        4];
    const float keep = 1.0f - a;
    p[0] = c.r * a + p[0] * keep;
    p[1] = c.g * a + p[1] * keep;
    p[2] = c.b * a + p[2] * keep;
    p[3] = a + p[3] * keep;
  };
  const Colour h = unpack(halo);
  // The halos.
  for (const GlyphQuad& g : glyphs) {
    if (g.x1 <= g.x0 || g.y1 <= g.y0) continue;
    const GlyphTexels t = texels_of(g, font);
    const float dx = t.per_px_x * reach, dy = t.per_px_y * reach;
    const float w = static_cast<float>(t.w), gh = static_cast<float>(t.h);
    // The glyph's coverage, none outside its rectangle (cut half a texel
    // out, in the atlas's empty padding, where filtering already reads none).
    auto coverage = [&](float x, float y) {
      if (x < -0.5f || x > w + 0.5f || y < -0.5f || y > gh + 0.5f) return 0.0f;
      return sample(font, t.x, t.y, x, y);
    };
    int xa, xb, ya, yb;
    pixel_span(g.x0 - reach, g.x1 + reach, width, xa, xb);
    pixel_span(g.y0 - reach, g.y1 + reach, height, ya, yb);
    for (int y = ya; y < yb; ++y) {
      const float ty = (static_cast<float>(y) + 0.5f - g.y0) * t.per_px_y;
      for (int x = xa; x < xb; ++x) {
        const float tx = (static_cast<float>(x) + 0.5f - g.x0) * t.per_px_x;
        const float through =
            (1.0f - h.a * coverage(tx - dx, ty - dy)) * (1.0f - h.a * coverage(tx + dx, ty - dy)) *
            (1.0f - h.a * coverage(tx - dx, ty + dy)) * (1.0f - h.a * coverage(tx + dx, ty + dy));
        if (through < 1.0f) over(x, y, {h.r, h.g, h.b, 1}, 1.0f - through);
      }
    }
  }
  // The ink over them.
  for (const GlyphQuad& g : glyphs) {
    if (g.x1 <= g.x0 || g.y1 <= g.y0) continue;
    const GlyphTexels t = texels_of(g, font);
    const Colour ink = unpack(g.ink);
    int xa, xb, ya, yb;
    pixel_span(g.x0, g.x1, width, xa, xb);
    pixel_span(g.y0, g.y1, height, ya, yb);
    for (int y = ya; y < yb; ++y) {
      const float ty = (static_cast<float>(y) + 0.5f - g.y0) * t.per_px_y;
      for (int x = xa; x < xb; ++x) {
        const float a =
            ink.a * sample(font, t.x, t.y, (static_cast<float>(x) + 0.5f - g.x0) * t.per_px_x, ty);
        if (a > 0) over(x, y, {ink.r, ink.g, ink.b, 1}, a);
      }
    }
  }
  rgba.resize(picture.size());
  for (std::size_t i = 0; i < picture.size(); ++i)
    rgba[i] = static_cast<unsigned char>(std::lround(std::clamp(picture[i], 0.0f, 1.0f) * 255.0f));
}

}  // namespace annals
