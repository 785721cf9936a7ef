// Relief in the manner of a printed atlas: a muted hypsometric tint, modulated
// by a multidirectional hillshade so that no single light direction hides
// ridges that run parallel to it.
#include <algorithm>
#include <array>
#include <cmath>

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
    {3000.0f, {214, 186, 150}},
    {4500.0f, {196, 182, 170}},
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

Image shade_terrain(const ElevationGrid& g) {
  Image img(g.width, g.height);
  constexpr double kPi = 3.14159265358979323846;
  // Vertical exaggeration: at 2′ (~3.7 km) cells real slopes look flat.
  constexpr double kExaggeration = 6.0;
  const double altitude = 45.0 * kPi / 180.0;
  struct Light {
    double azimuth_deg, weight;
  };
  const std::array<Light, 3> lights = {{{315.0, 0.6}, {255.0, 0.2}, {15.0, 0.2}}};
  const double flat = std::sin(altitude);

  auto value = [&](int c, int r) {
    c = std::clamp(c, 0, g.width - 1);
    r = std::clamp(r, 0, g.height - 1);
    float v = g.at(c, r);
    return std::isnan(v) ? 0.0f : v;
  };

  for (int r = 0; r < g.height; ++r) {
    const double lat = g.north - (r + 0.5) * g.lat_step();
    const double dx_m = g.lon_step() * 111320.0 * std::cos(lat * kPi / 180.0);
    const double dy_m = g.lat_step() * 110574.0;
    for (int c = 0; c < g.width; ++c) {
      // Horn's gradient.
      const double a = value(c - 1, r - 1), b = value(c, r - 1), cc = value(c + 1, r - 1);
      const double d = value(c - 1, r), f = value(c + 1, r);
      const double gg = value(c - 1, r + 1), h = value(c, r + 1), i = value(c + 1, r + 1);
      const double dzdx = ((cc + 2 * f + i) - (a + 2 * d + gg)) / (8 * dx_m) * kExaggeration;
      const double dzdy = ((gg + 2 * h + i) - (a + 2 * b + cc)) / (8 * dy_m) * kExaggeration;
      const double slope = std::atan(std::hypot(dzdx, dzdy));
      const double aspect = std::atan2(dzdy, -dzdx);
      double shade = 0;
      for (const auto& l : lights) {
        const double zenith_az = (360.0 - l.azimuth_deg + 90.0) * kPi / 180.0;
        const double s =
            std::sin(altitude) * std::cos(slope) + std::cos(altitude) * std::sin(slope) * std::cos(zenith_az - aspect);
        shade += l.weight * std::max(0.0, s);
      }
      const double factor = std::clamp(1.0 + 1.1 * (shade - flat), 0.5, 1.12);
      const auto t = tint(value(c, r));
      std::uint8_t* p = img.pixel(c, r);
      for (int k = 0; k < 3; ++k) p[k] = static_cast<std::uint8_t>(std::clamp(t[k] * factor, 0.0, 255.0));
      p[3] = 255;
    }
  }
  return img;
}

}  // namespace annals
