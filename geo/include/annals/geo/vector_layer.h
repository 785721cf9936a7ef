// Vector layers (lines, polygons, points) read through GDAL/OGR from any
// format it knows (the shipped ones are GeoJSON), in WGS84 lon/lat.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "annals/geo/projection.h"

namespace annals {

enum class GeometryKind { Points, Lines, Polygons };

struct VectorFeature {
  // Lines: one part per line string. Polygons: one part per ring (outer rings
  // and holes alike; the renderer fills with the even-odd rule).
  std::vector<std::vector<LonLat>> parts;
  std::map<std::string, std::string> attributes;
};

struct VectorLayer {
  std::string name;
  GeometryKind kind = GeometryKind::Lines;
  std::vector<VectorFeature> features;
  std::size_t point_count() const;
};

// Reads the first layer of `path`. Throws DataError naming the file (and the
// feature, for a geometry that is not of the layer's kind or not in lon/lat).
VectorLayer load_vector_layer(const std::filesystem::path& path);

}  // namespace annals
