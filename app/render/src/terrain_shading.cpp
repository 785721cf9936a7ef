// Relief in the manner of a printed atlas: a muted hypsometric tint, modulated
// by a multidirectional hillshade so that no single light direction hides
// ridges that run parallel to it.
#include <algorithm>
#include <array>
#include <cmath>
#include <future>
#include <thread>

#include "annals/render/scene.h"

namespace annals {

namespace {

struct Stop {
  float metres;
  std::array<float, 3> rgb;
};

// Muted tints: green lowlands, pale steppe, buff uplands, grey-brown high
// mountains, near-white summits (Tibetan plateau edge).
constexpr std::array<Stop, 8> kTint = {{
    {-50.0f, {196, 214, 176}},
    {300.0f, {200, 216, 172}},
    {900.0f, {222, 226, 184}},
    {1400.0f, {236, 228, 190}},
    {2000.0f, {230, 210, 168}},
    {3000.0f, {222, 190, 150}},
    {4500.0f, {212, 188, 162}},
    {6000.0f, {236, 234, 230}},
}};

std::array<float, 3> tint(float m) {
  if (m <= kTint.front().metres) return kTint.front().rgb;
  for (std::size_t i = 1; i < kTint.size(); ++i) {
    if (m <= kTint[i].metres) {
      const float t = (m - kTint[i - 1].metres) / (kTint[i].metres - kTint[i - 1].metres);
      std::array<float, 3> c{};
      for (int k = 0; k < 3; ++k) c[k] = kTint[i - 1].rgb[k] + t * (kTint[i].rgb[k] - kTint[i - 1].rgb[k]);
      return c;
    }
  }
  return kTint.back().rgb;
}

}  // namespace

std::vector<std::uint8_t> land_mask(const ElevationGrid& g, const VectorLayer& polygons) {
  std::vector<std::uint8_t> mask(static_cast<std::size_t>(g.width) * static_cast<std::size_t>(g.height), 0);
  constexpr int kSub = 4;
  std::vector<float> coverage(static_cast<std::size_t>(g.width));
  std::vector<double> xs;
  for (int r = 0; r < g.height; ++r) {
    std::fill(coverage.begin(), coverage.end(), 0.0f);
    for (int sub = 0; sub < kSub; ++sub) {
      const double lat = g.north - (r + (sub + 0.5) / kSub) * g.lat_step();
      // Crossings of this latitude with every ring edge, in grid columns.
      xs.clear();
      for (const auto& f : polygons.features)
        for (const auto& ring : f.parts)
          for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const LonLat a = ring[j], b = ring[i];
            if ((a.lat > lat) != (b.lat > lat)) {
              const double lon = a.lon + (lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon);
              xs.push_back((lon - g.west) / g.lon_step());
            }
          }
      std::sort(xs.begin(), xs.end());
      // Even-odd: pairs of crossings bound the inside; add each span's
      // fractional overlap with every cell it touches.
      for (std::size_t k = 0; k + 1 < xs.size(); k += 2) {
        const double x0 = std::max(0.0, xs[k]), x1 = std::min(double(g.width), xs[k + 1]);
        if (x1 <= x0) continue;
        const int c0 = int(x0), c1 = std::min(g.width - 1, int(x1));
        for (int c = c0; c <= c1; ++c) {
          const double overlap = std::min(x1, c + 1.0) - std::max(x0, double(c));
          if (overlap > 0) coverage[static_cast<std::size_t>(c)] += static_cast<float>(overlap / kSub);
        }
      }
    }
    for (int c = 0; c < g.width; ++c)
      mask[static_cast<std::size_t>(r) * g.width + c] = static_cast<std::uint8_t>(
          std::clamp(coverage[static_cast<std::size_t>(c)], 0.0f, 1.0f) * 255.0f + 0.5f);
  }
  return mask;
}

Image shade_terrain(const ElevationGrid& g, const VectorLayer& land, const VectorLayer& lakes,
                    const VectorLayer& playas) {
  Image img(g.width, g.height);
  // The masks are independent of the shading: rasterise them meanwhile.
  auto land_cover = std::async(std::launch::async, [&] { return land_mask(g, land); });
  auto lake_cover = std::async(std::launch::async, [&] { return land_mask(g, lakes); });
  auto playa_cover = std::async(std::launch::async, [&] { return land_mask(g, playas); });
  constexpr std::array<float, 3> kPlaya{222, 220, 204};  // salt flats: pale, cool
  constexpr double kPi = 3.14159265358979323846;
  // Vertical exaggeration: at 2′ (~3.7 km) cells real slopes look flat.
  constexpr double kExaggeration = 9.0;
  const double altitude = 45.0 * kPi / 180.0;
  struct Light {
    double azimuth_deg, weight;
  };
  const std::array<Light, 3> lights = {{{315.0, 0.6}, {255.0, 0.2}, {15.0, 0.2}}};
  const double flat = std::sin(altitude);
  // Horn's hillshade, sin(alt)·cos(slope) + cos(alt)·sin(slope)·cos(az − aspect),
  // written with the surface normal instead of slope and aspect angles:
  // (sin(alt) + cos(alt)·(−dz/dx·cos az + dz/dy·sin az)) / √(1 + |∇z|²),
  // the same values with no trigonometry per cell.
  struct LightTerms {
    double cx, cy, weight;
  };
  std::array<LightTerms, 3> terms{};
  for (std::size_t k = 0; k < lights.size(); ++k) {
    const double az = (360.0 - lights[k].azimuth_deg + 90.0) * kPi / 180.0;
    terms[k] = {-std::cos(altitude) * std::cos(az), std::cos(altitude) * std::sin(az), lights[k].weight};
  }

  auto value = [&](int c, int r) {
    c = std::clamp(c, 0, g.width - 1);
    r = std::clamp(r, 0, g.height - 1);
    float v = g.at(c, r);
    return std::isnan(v) ? 0.0f : v;
  };
  // Shaded, tinted colour per cell, before the masks are applied.
  std::vector<float> factors(static_cast<std::size_t>(g.width) * static_cast<std::size_t>(g.height));
  auto shade_rows = [&](int first, int last) {
    for (int r = first; r < last; ++r) {
      const double lat = g.north - (r + 0.5) * g.lat_step();
      const double dx_m = g.lon_step() * 111320.0 * std::cos(lat * kPi / 180.0);
      const double dy_m = g.lat_step() * 110574.0;
      for (int c = 0; c < g.width; ++c) {
        const double a = value(c - 1, r - 1), b = value(c, r - 1), cc = value(c + 1, r - 1);
        const double d = value(c - 1, r), f = value(c + 1, r);
        const double gg = value(c - 1, r + 1), h = value(c, r + 1), i = value(c + 1, r + 1);
        const double dzdx = ((cc + 2 * f + i) - (a + 2 * d + gg)) / (8 * dx_m) * kExaggeration;
        const double dzdy = ((gg + 2 * h + i) - (a + 2 * b + cc)) / (8 * dy_m) * kExaggeration;
        const double inv_norm = 1.0 / std::sqrt(1.0 + dzdx * dzdx + dzdy * dzdy);
        double shade = 0;
        for (const auto& l : terms)
          shade += l.weight * std::max(0.0, (flat + l.cx * dzdx + l.cy * dzdy) * inv_norm);
        const double factor = std::clamp(1.0 + 1.5 * (shade - flat), 0.32, 1.15);
        const auto t = tint(value(c, r));
        std::uint8_t* p = img.pixel(c, r);
        for (int k = 0; k < 3; ++k) p[k] = static_cast<std::uint8_t>(std::clamp(t[k] * factor, 0.0, 255.0));
        factors[static_cast<std::size_t>(r) * g.width + c] = static_cast<float>(factor);  // for the playas
      }
    }
  };
  const int threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::vector<std::thread> workers;
  for (int k = 1; k < threads; ++k)
    workers.emplace_back(shade_rows, g.height * k / threads, g.height * (k + 1) / threads);
  shade_rows(0, g.height / threads);
  for (auto& w : workers) w.join();

  const std::vector<std::uint8_t> land_c = land_cover.get(), lake_c = lake_cover.get(),
                                  playa_c = playa_cover.get();
  for (std::size_t cell = 0, n = land_c.size(); cell < n; ++cell) {
    std::uint8_t* p = img.rgba.data() + cell * 4;
    if (playa_c[cell]) {
      // Salt flats take their own pale colour under the same shading.
      const double factor = factors[cell];
      const float playa = playa_c[cell] / 255.0f;
      const int r = static_cast<int>(cell / static_cast<std::size_t>(g.width));
      const int c = static_cast<int>(cell % static_cast<std::size_t>(g.width));
      const auto t = tint(value(c, r));
      for (int k = 0; k < 3; ++k)
        p[k] = static_cast<std::uint8_t>(
            std::clamp((t[k] * (1 - playa) + kPlaya[k] * playa) * factor, 0.0, 255.0));
    }
    // Water (sea and lakes) is where the alpha is low.
    p[3] = static_cast<std::uint8_t>(land_c[cell] * (255 - lake_c[cell]) / 255);
  }
  return img;
}

}  // namespace annals
