// Colour-blind safety of a campaign's palette (see colour_vision.h for the
// simulation's source).
#include "annals/model/colour_vision.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace annals {

namespace {

// Machado, Oliveira and Fernandes (2009), table of simulation matrices:
// deuteranomaly at severity 1.0 (deuteranopia), rows give linear R, G, B.
constexpr double kDeuteranopia[3][3] = {
    {0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}};

double linear(std::uint8_t v) {
  const double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

std::array<double, 3> linear_rgb(Colour c) { return {linear(c.r), linear(c.g), linear(c.b)}; }

// Linear sRGB to CIELAB, D65 white.
std::array<double, 3> lab(const std::array<double, 3>& rgb) {
  const auto [r, g, b] = rgb;
  const double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
  const double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
  auto f = [](double t) { return t > 216.0 / 24389.0 ? std::cbrt(t) : (24389.0 / 27.0 * t + 16) / 116; };
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

double distance(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  const auto la = lab(a), lb = lab(b);
  return std::hypot(la[0] - lb[0], la[1] - lb[1], la[2] - lb[2]);
}

}  // namespace

std::array<double, 3> simulate_deuteranopia(Colour c) {
  const auto l = linear_rgb(c);
  std::array<double, 3> out{};
  for (int i = 0; i < 3; ++i) {
    double v = 0;
    for (int k = 0; k < 3; ++k) v += kDeuteranopia[i][k] * l[static_cast<std::size_t>(k)];
    out[static_cast<std::size_t>(i)] = std::clamp(v, 0.0, 1.0);
  }
  return out;
}

double colour_distance(Colour a, Colour b) { return distance(linear_rgb(a), linear_rgb(b)); }

double deuteranopia_distance(Colour a, Colour b) {
  return distance(simulate_deuteranopia(a), simulate_deuteranopia(b));
}

void check_colour_vision(const CampaignVocabulary& v, Diagnostics& diag) {
  struct Named {
    std::string what;
    Colour colour;
    int line;
    bool side;
  };
  auto number = [](double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return std::string(text);
  };
  const std::string minimum = std::to_string(static_cast<int>(kMinColourDistance));
  std::vector<Named> all;
  for (const Side& s : v.sides) all.push_back({"side \"" + s.id + "\"", s.colour, s.colour_line, true});
  for (StatusKind k : kEventStatuses) {
    const StatusStyle& st = v.style(k);
    if (st.side >= 0) continue;  // a side's colour on purpose: compared as that side
    all.push_back({"status \"" + std::string(to_string(k)) + "\"", st.colour, st.colour_line, false});
  }
  for (std::size_t i = 0; i < all.size(); ++i)
    for (std::size_t j = i + 1; j < all.size(); ++j) {
      const std::string where = all[j].line > 0 ? std::to_string(all[j].line) : "";
      const std::string pair = all[i].what + " (" + to_string(all[i].colour) + ") and " + all[j].what + " (" +
                               to_string(all[j].colour) + ")";
      const double normal = colour_distance(all[i].colour, all[j].colour);
      if (all[i].side && all[j].side && normal < kMinColourDistance) {
        diag.warning(v.file, where,
                     pair + " are too close for normal vision: ΔE*ab " + number(normal) + ", below " +
                         minimum + "; pick colours from a colour-blind-safe palette such as Okabe-Ito");
        continue;
      }
      if (all[i].colour == all[j].colour) continue;
      const double seen = deuteranopia_distance(all[i].colour, all[j].colour);
      if (seen >= kMinColourDistance || normal < kMinColourDistance) continue;
      diag.warning(v.file, where,
                   pair + " are too close for deuteranopia: ΔE*ab " + number(seen) +
                       " under the Machado et al. (2009) simulation, below " + minimum +
                       "; pick colours from a colour-blind-safe palette such as Okabe-Ito");
    }
}

}  // namespace annals
