#include "annals/render/map_furniture.h"

#include <geodesic.h>

#include <cmath>
#include <cstdio>

namespace annals {

namespace {
const geod_geodesic& wgs84() {
  static const geod_geodesic g = [] {
    geod_geodesic e;
    geod_init(&e, 6378137.0, 1 / 298.257223563);
    return e;
  }();
  return g;
}
}  // namespace

std::vector<LonLat> geodesic_circle(LonLat centre, double radius_km, int n) {
  std::vector<LonLat> out;
  out.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    double lat = 0, lon = 0;
    geod_direct(&wgs84(), centre.lat, centre.lon, 360.0 * i / n, radius_km * 1000.0, &lat, &lon, nullptr);
    out.push_back({lon, lat});
  }
  return out;
}

double geodesic_km(LonLat a, LonLat b) {
  double s12 = 0;
  geod_inverse(&wgs84(), a.lat, a.lon, b.lat, b.lon, &s12, nullptr, nullptr);
  return s12 / 1000.0;
}

std::optional<ScaleBar> scale_bar(const Camera& camera, const Viewport& vp, const Projection& projection,
                                  double target_logical_px) {
  // Measure a span centred on the view, then scale a round distance to it.
  const double half = target_logical_px * vp.pixel_ratio / 2;
  const XY c{vp.width_px / 2.0, vp.height_px / 2.0};
  LonLat a, b;
  if (!projection.inverse(camera.to_map({c.x - half, c.y}, vp), a) ||
      !projection.inverse(camera.to_map({c.x + half, c.y}, vp), b))
    return std::nullopt;
  const double span_km = geodesic_km(a, b);
  if (!(span_km > 0)) return std::nullopt;
  const double px_per_km = 2 * half / span_km;
  const double magnitude = std::pow(10.0, std::floor(std::log10(span_km)));
  double km = magnitude;
  for (double step : {1.0, 2.0, 5.0, 10.0})
    if (step * magnitude <= span_km) km = step * magnitude;
  ScaleBar bar;
  bar.km = km;
  bar.length_px = km * px_per_km;
  bar.label = km >= 1 ? std::to_string(static_cast<long long>(std::llround(km))) + " km"
                      : std::to_string(static_cast<long long>(std::llround(km * 1000))) + " m";
  return bar;
}

std::optional<double> north_angle(const Camera& camera, const Viewport& vp, const Projection& projection) {
  const XY c{vp.width_px / 2.0, vp.height_px / 2.0};
  LonLat here;
  if (!projection.inverse(camera.to_map(c, vp), here)) return std::nullopt;
  XY a, b;
  const LonLat north{here.lon, std::min(89.9, here.lat + 0.05)};
  if (!projection.forward(here, a) || !projection.forward(north, b)) return std::nullopt;
  const XY sa = camera.to_screen(a, vp), sb = camera.to_screen(b, vp);
  // Screen y runs down; clockwise from up.
  return std::atan2(sb.x - sa.x, -(sb.y - sa.y));
}

std::string graticule_text(double degrees, bool meridian) {
  const char* hemisphere = meridian ? (degrees < 0 ? "W" : "E") : (degrees < 0 ? "S" : "N");
  const double a = std::abs(degrees);
  std::string number;
  if (a == std::floor(a)) {
    number = std::to_string(static_cast<long long>(a));
  } else {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", a);
    number = buffer;
  }
  return number + "°" + hemisphere;
}

std::vector<GraticuleLabel> graticule_labels(const Camera& camera, const Viewport& vp,
                                             const Projection& projection, double inset_px,
                                             const std::array<double, 4>& box, double step) {
  std::vector<GraticuleLabel> out;
  auto screen = [&](LonLat ll, XY& s) {
    XY m;
    if (!projection.forward(ll, m)) return false;
    s = camera.to_screen(m, vp);
    return true;
  };
  const auto [west, south, east, north] = box;
  const double eps = step * 1e-6;
  const double bottom = vp.height_px - inset_px, left = inset_px;
  // Meridians: walk each southwards-to-northwards and find where it crosses the bottom line.
  for (double lon = west; lon <= east + eps; lon += step) {
    XY prev;
    bool have_prev = false;
    for (double lat = south - step; lat <= north + step + 0.001; lat += 0.25) {
      XY s;
      if (!screen({lon, lat}, s)) {
        have_prev = false;
        continue;
      }
      if (have_prev && (prev.y - bottom) * (s.y - bottom) <= 0 && prev.y != s.y) {
        const double t = (bottom - prev.y) / (s.y - prev.y);
        const double x = prev.x + t * (s.x - prev.x);
        if (x > inset_px && x < vp.width_px - inset_px)
          out.push_back({{x, bottom}, graticule_text(lon, true), true});
        break;
      }
      prev = s;
      have_prev = true;
    }
  }
  for (double lat = south; lat <= north + eps; lat += step) {
    XY prev;
    bool have_prev = false;
    for (double lon = west - step; lon <= east + step + 0.001; lon += 0.25) {
      XY s;
      if (!screen({lon, lat}, s)) {
        have_prev = false;
        continue;
      }
      if (have_prev && (prev.x - left) * (s.x - left) <= 0 && prev.x != s.x) {
        const double t = (left - prev.x) / (s.x - prev.x);
        const double y = prev.y + t * (s.y - prev.y);
        if (y > inset_px && y < vp.height_px - inset_px)
          out.push_back({{left, y}, graticule_text(lat, false), false});
        break;
      }
      prev = s;
      have_prev = true;
    }
  }
  return out;
}

}  // namespace annals
