// Geographic and projected coordinates shared by every part of geo/.
#pragma once

namespace annals {

// WGS84 longitude and latitude in degrees.
struct LonLat {
  double lon = 0.0;
  double lat = 0.0;
};

// Projected coordinates in metres.
struct XY {
  double x = 0.0;
  double y = 0.0;
};

}  // namespace annals
