// Map projections through PROJ. A Projection converts WGS84 longitude/latitude
// (degrees) to projected metres and back. Each instance owns its own PROJ
// context, so instances may be used on different threads (one per thread).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "annals/geo/lonlat.h"

namespace annals {

class ProjectionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What a projection is fitted to: a campaign's extent (or what its
// campaign.json says).
struct ProjectionParameters {
  LonLat centre;                          // lon_0 and lat_0; eqc's true-scale latitude; aeqd's centre
  double parallel_1 = 0, parallel_2 = 0;  // albers' and lcc's standard parallels, south then north
};

// Parameters fitted to a lon/lat box: centred on it, with the standard
// parallels one sixth of its height inside its southern and northern edges
// (the "one-sixth rule" for conic projections: C. H. Deetz and O. S. Adams,
// Elements of Map Projection, US Coast and Geodetic Survey, 1945), which keeps
// the scale error small and about even across the box.
ProjectionParameters projection_parameters_for(double west, double south, double east, double north);

// The projections Annals offers by name: albers (the campaign default), lcc,
// eqc (equirectangular), webmerc, aeqd. Throws ProjectionError for an unknown
// name.
std::string projection_definition(std::string_view name, const ProjectionParameters& parameters);

class Projection {
 public:
  // `definition` is anything PROJ accepts as a target CRS ("+proj=aea …",
  // "EPSG:3857"). Throws ProjectionError with PROJ's message if it fails.
  explicit Projection(const std::string& definition);
  ~Projection();
  Projection(Projection&&) noexcept;
  Projection& operator=(Projection&&) noexcept;
  Projection(const Projection&) = delete;
  Projection& operator=(const Projection&) = delete;

  const std::string& definition() const { return definition_; }

  // Returns false (and leaves out untouched) where the point has no image,
  // e.g. beyond Web Mercator's latitude limit.
  bool forward(LonLat in, XY& out) const;
  bool inverse(XY in, LonLat& out) const;

  // Projects interleaved lon,lat pairs in place to x,y. Points without an
  // image become NaN. Much faster than calling forward() per point.
  void forward_in_place(std::vector<double>& interleaved) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string definition_;
};

}  // namespace annals
