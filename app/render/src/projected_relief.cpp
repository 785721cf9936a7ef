// The relief in the map's projection. GDAL's warper resamples it once per
// projection (at load and on a switch), so a frame draws one screen-aligned
// textured rectangle instead of texture-mapping a fine lon/lat mesh: software
// rasterisers fill such a rectangle on a fast path, several times quicker.
#include <algorithm>
#include <cmath>
#include <limits>

#include "annals/geo/raster_warp.h"
#include "annals/render/scene.h"

namespace annals {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr long long kMaxTexels = 8'000'000;
constexpr int kMaxSide = 8192;

// Projected outline of the grid, sampled finely enough that the bounding box
// misses the true bulge of a projected parallel by far less than a texel.
Bounds projected_bounds(const ElevationGrid& g, const Projection& proj) {
  constexpr int kSamples = 512;
  std::vector<double> xy;
  xy.reserve(kSamples * 8);
  for (int i = 0; i <= kSamples; ++i) {
    const double t = static_cast<double>(i) / kSamples;
    const double lon = g.west + t * (g.east - g.west), lat = g.south + t * (g.north - g.south);
    xy.insert(xy.end(), {lon, g.south, lon, g.north, g.west, lat, g.east, lat});
  }
  proj.forward_in_place(xy);
  constexpr double inf = std::numeric_limits<double>::infinity();
  Bounds b{inf, inf, -inf, -inf};
  for (std::size_t i = 0; i + 1 < xy.size(); i += 2) {
    if (std::isnan(xy[i]) || std::isnan(xy[i + 1])) continue;
    b.min_x = std::min(b.min_x, xy[i]);
    b.max_x = std::max(b.max_x, xy[i]);
    b.min_y = std::min(b.min_y, xy[i + 1]);
    b.max_y = std::max(b.max_y, xy[i + 1]);
  }
  if (!(b.max_x > b.min_x) || !(b.max_y > b.min_y))
    throw WarpError("the relief has no image in the projection '" + proj.definition() + "'");
  return b;
}

}  // namespace

TerrainLayer project_relief(const ElevationGrid& g, const Image& relief, const Projection& proj,
                            double centre_lat) {
  if (relief.width != g.width || relief.height != g.height)
    throw WarpError("the shaded relief is " + std::to_string(relief.width) + "×" +
                    std::to_string(relief.height) + " but its grid is " + std::to_string(g.width) + "×" +
                    std::to_string(g.height));
  TerrainLayer t;
  Bounds b = projected_bounds(g, proj);
  // About one texel per DEM cell where the campaign is: the finer of the
  // cell's east-west and north-south sizes there.
  double texel =
      std::min(g.lon_step() * 111320.0 * std::cos(centre_lat * kPi / 180.0), g.lat_step() * 110574.0);
  texel = std::max({texel, b.width() / kMaxSide, b.height() / kMaxSide,
                    std::sqrt(b.width() * b.height() / static_cast<double>(kMaxTexels))});
  const int w = std::max(1, static_cast<int>(std::ceil(b.width() / texel)));
  const int h = std::max(1, static_cast<int>(std::ceil(b.height() / texel)));
  b.max_x = b.min_x + w * texel;  // square texels
  b.min_y = b.max_y - h * texel;

  ByteGrid source;
  source.width = g.width;
  source.height = g.height;
  source.bands = 4;
  source.bounds = {g.west, g.south, g.east, g.north};
  source.pixels = relief.rgba;
  // Alpha 0 is kept for "not covered": the land mask 0–255 becomes 1–255.
  for (std::size_t i = 3; i < source.pixels.size(); i += 4)
    source.pixels[i] = static_cast<std::uint8_t>(1 + (source.pixels[i] * 254 + 127) / 255);
  ByteGrid warped = warp_grid(source, "+proj=longlat +datum=WGS84 +no_defs", proj.definition(),
                              {b.min_x, b.min_y, b.max_x, b.max_y}, w, h);
  t.texture.width = w;
  t.texture.height = h;
  t.texture.rgba = std::move(warped.pixels);
  t.bounds = b;
  return t;
}

Image compose_terrain(const TerrainLayer& t, bool relief, Rgba outside) {
  Image out(t.texture.width, t.texture.height);
  const float sea[3] = {t.sea.r * 255, t.sea.g * 255, t.sea.b * 255};
  const float flat[3] = {t.flat_land.r * 255, t.flat_land.g * 255, t.flat_land.b * 255};
  const std::uint8_t paper[4] = {static_cast<std::uint8_t>(outside.r * 255 + 0.5f),
                                 static_cast<std::uint8_t>(outside.g * 255 + 0.5f),
                                 static_cast<std::uint8_t>(outside.b * 255 + 0.5f), 255};
  const std::uint8_t* in = t.texture.rgba.data();
  std::uint8_t* o = out.rgba.data();
  for (std::size_t i = 0, n = out.rgba.size(); i < n; i += 4) {
    if (in[i + 3] == 0) {  // beyond the DEM
      std::copy_n(paper, 4, o + i);
      continue;
    }
    const float land = (in[i + 3] - 1) / 254.0f;
    for (int k = 0; k < 3; ++k) {
      const float ground = relief ? in[i + k] : flat[k];
      o[i + k] = static_cast<std::uint8_t>(sea[k] + (ground - sea[k]) * land + 0.5f);
    }
    o[i + 3] = 255;
  }
  return out;
}

}  // namespace annals
