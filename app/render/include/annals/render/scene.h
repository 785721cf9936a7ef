// The scene: everything the renderer draws, already projected, styled and
// flattened into arrays ready for the GPU. Built on the CPU from the base map,
// the campaign's places and a Projection; no OpenGL here, so it is testable
// and rebuilt off the render loop when the projection changes.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "annals/geo/basemap.h"
#include "annals/geo/projection.h"
#include "annals/render/camera.h"
#include "annals/render/image.h"

namespace annals {

struct Rgba {
  float r = 0, g = 0, b = 0, a = 1;
};
Rgba rgb(int r, int g, int b, float a = 1.0f);

// Instanced line segments: x0,y0,x1,y1 per segment, projected metres.
struct LineLayer {
  std::string id;
  std::vector<float> segments;
  Rgba color;
  float width_px = 1.0f;  // logical pixels
  bool visible = true;
  std::size_t segment_count() const { return segments.size() / 4; }
};

// Polygons as triangle fans (x,y per vertex, 3 per triangle) filled with the
// even-odd stencil rule, so rings with holes need no triangulation.
struct FillLayer {
  std::string id;
  std::vector<float> fan_triangles;
  Bounds bounds;
  Rgba color;
  bool visible = true;
};

// The shaded relief as a texture on a projected grid: x,y,u,v per vertex.
struct TerrainLayer {
  Image texture;
  std::vector<float> vertices;
  std::vector<unsigned> indices;
  bool visible = true;
};

struct PlaceMarker {
  std::string id;
  std::string name;       // as written, Chinese
  std::string secondary;  // pinyin or English
  LonLat lonlat;
  XY position;   // projected
  int rank = 3;  // 0 capital, 1 prefecture, 2 county/city, 3 other; lower draws first and bigger
};

struct Scene {
  std::string title;
  std::string subtitle;
  std::string credits;
  Rgba background;  // sea
  TerrainLayer terrain;
  FillLayer land;  // stencil mask for the terrain, and the coast
  std::vector<FillLayer> fills;
  std::vector<LineLayer> lines;
  std::vector<PlaceMarker> places;
  Bounds extent;  // the campaign's extent, projected; the default view frames it

  // Every string the overlay may draw, for baking the glyphs it needs.
  std::vector<std::string> strings() const;
};

struct SceneInputs {
  const Basemap* basemap = nullptr;
  std::vector<PlaceMarker> places;  // positions are filled in by build_scene
  std::array<double, 4> extent_lonlat{88.0, 32.0, 114.0, 45.5};  // west, south, east, north
  std::string title, subtitle;
};

Scene build_scene(const SceneInputs& in, const Projection& projection);

// The hillshaded, tinted relief of `grid` as an RGBA image of the same size.
Image shade_terrain(const ElevationGrid& grid);

}  // namespace annals
