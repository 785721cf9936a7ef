#include "annals/geo/vector_layer.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <memory>
#include <string>

#include "annals/geo/diagnostic.h"
#include "annals/geo/utf8.h"
#include "gdal_init.h"

namespace annals {

std::size_t VectorLayer::point_count() const {
  std::size_t n = 0;
  for (const auto& f : features)
    for (const auto& p : f.parts) n += p.size();
  return n;
}

namespace {

std::vector<LonLat> read_points(OGRGeometryH g) {
  std::vector<LonLat> out;
  const int n = OGR_G_GetPointCount(g);
  out.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out.push_back({OGR_G_GetX(g, i), OGR_G_GetY(g, i)});
  return out;
}

// Flattens any (multi)geometry into parts of the wanted kind; returns false
// if it meets a geometry of another kind.
bool collect(OGRGeometryH g, GeometryKind kind, VectorFeature& f) {
  const OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
  switch (t) {
    case wkbPoint:
      if (kind != GeometryKind::Points) return false;
      f.parts.push_back(read_points(g));
      return true;
    case wkbLineString:
      if (kind != GeometryKind::Lines) return false;
      f.parts.push_back(read_points(g));
      return true;
    case wkbPolygon:
      if (kind != GeometryKind::Polygons) return false;
      for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i)
        f.parts.push_back(read_points(OGR_G_GetGeometryRef(g, i)));
      return true;
    case wkbMultiPoint:
    case wkbMultiLineString:
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i)
        if (!collect(OGR_G_GetGeometryRef(g, i), kind, f)) return false;
      return true;
    default:
      return false;
  }
}

GeometryKind kind_of(OGRwkbGeometryType t) {
  switch (wkbFlatten(t)) {
    case wkbPoint:
    case wkbMultiPoint:
      return GeometryKind::Points;
    case wkbPolygon:
    case wkbMultiPolygon:
      return GeometryKind::Polygons;
    default:
      return GeometryKind::Lines;
  }
}

}  // namespace

VectorLayer load_vector_layer(const std::filesystem::path& path) {
  ensure_gdal_registered();
  const std::string file = path.string();
  if (!std::filesystem::exists(path)) throw DataError(file, "", "vector layer file does not exist");
  GDALDatasetH ds = GDALOpenEx(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
  if (!ds)
    throw DataError(file, "",
                    "GDAL cannot read this as a vector layer: " + std::string(CPLGetLastErrorMsg()));
  std::unique_ptr<void, void (*)(void*)> guard(ds, [](void* d) { GDALClose(d); });
  if (GDALDatasetGetLayerCount(ds) < 1) throw DataError(file, "", "file has no layer");
  OGRLayerH layer = GDALDatasetGetLayer(ds, 0);

  VectorLayer out;
  out.name = path.stem().string();
  bool kind_known = false;
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  const int nfields = OGR_FD_GetFieldCount(defn);
  OGR_L_ResetReading(layer);
  long index = 0;
  while (OGRFeatureH feat = OGR_L_GetNextFeature(layer)) {
    std::unique_ptr<void, void (*)(void*)> fguard(feat, [](void* f) { OGR_F_Destroy(f); });
    ++index;
    OGRGeometryH g = OGR_F_GetGeometryRef(feat);
    if (!g) continue;  // attribute-only features carry nothing to draw
    if (!kind_known) {
      out.kind = kind_of(OGR_G_GetGeometryType(g));
      kind_known = true;
    }
    VectorFeature f;
    if (!collect(g, out.kind, f))
      throw DataError(
          file, "feature " + std::to_string(index),
          std::string("geometry ") + OGR_G_GetGeometryName(g) + " does not match the layer's first geometry");
    for (const auto& part : f.parts)
      for (const auto& p : part)
        if (p.lon < -180.0 || p.lon > 180.0 || p.lat < -90.0 || p.lat > 90.0)
          throw DataError(file, "feature " + std::to_string(index),
                          "coordinate outside longitude/latitude range; expected WGS84 degrees");
    for (int i = 0; i < nfields; ++i) {
      if (!OGR_F_IsFieldSetAndNotNull(feat, i)) continue;
      const std::string name = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i));
      std::string value = OGR_F_GetFieldAsString(feat, i);
      // Attributes become labels (region names); GDAL passes their bytes on
      // unchecked, so text that is not UTF-8 is refused here, at its feature.
      if (const auto bad = first_invalid_utf8(value))
        throw DataError(file, "feature " + std::to_string(index),
                        "attribute \"" + name + "\": " + describe_invalid_utf8(value, *bad));
      f.attributes[name] = std::move(value);
    }
    out.features.push_back(std::move(f));
  }
  return out;
}

}  // namespace annals
