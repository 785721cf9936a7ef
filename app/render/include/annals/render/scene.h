// The scene: everything the renderer draws, already projected, styled and
// flattened into arrays ready for the GPU. Built on the CPU from the base map,
// the campaign's places and a Projection; no OpenGL here, so it is testable
// and rebuilt off the render loop when the projection changes.
#pragma once

#include <array>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "annals/geo/basemap.h"
#include "annals/geo/projection.h"
#include "annals/model/campaign_state.h"
#include "annals/render/camera.h"
#include "annals/render/image.h"

namespace annals {

struct Rgba {
  float r = 0, g = 0, b = 0, a = 1;
};
Rgba rgb(int r, int g, int b, float a = 1.0f);

// Instanced line segments: x0,y0,x1,y1 per segment, projected metres.
// `segments` is the full detail; `lods` are the same lines simplified
// (Douglas–Peucker in projected metres) for views where a pixel spans more
// ground than the tolerance, so zoomed-out frames shade far fewer vertices.
struct LineLod {
  double tolerance_m = 0;
  std::vector<float> segments;
};
struct LineLayer {
  std::string id;
  std::vector<float> segments;
  Rgba color;
  float width_px = 1.0f;  // logical pixels
  bool visible = true;
  std::vector<LineLod> lods;  // coarser and coarser
  // Drawn only while a logical pixel spans at most this many metres: the
  // smallest streams would mat the map when it is zoomed far out.
  double max_metres_per_px = std::numeric_limits<double>::infinity();
  std::size_t segment_count() const { return segments.size() / 4; }
};

// Tolerances of the line levels of detail, metres.
inline constexpr double kLineLodTolerances[] = {500.0, 1500.0, 4000.0};

// Polygons as triangles (x,y per vertex, 3 per triangle). `triangulated`:
// the polygon's own triangles, filled in one pass. Otherwise (rings with
// holes, crossings, or too many points to triangulate at load) triangle fans
// filled with the even-odd stencil rule, which needs no triangulation.
struct FillLayer {
  std::string id;
  std::vector<float> triangles;
  bool triangulated = false;  // else fans
  Bounds bounds;
  Rgba color;
  bool visible = true;
};

// The shaded relief reprojected into the map's projection by GDAL's warper:
// a north-up texture over `bounds` (projected metres), square texels. RGB is
// the relief; alpha 0 is beyond the DEM, and 1–255 the land mask from water
// to land (coverage of the land polygons less the lakes), so the sea and the
// coast need no per-frame polygon fill.
struct TerrainLayer {
  Image texture;
  Bounds bounds;
  Rgba sea;
  Rgba flat_land;  // drawn instead of the relief when the relief is off
  bool visible = true;
  double texel_m() const { return texture.width > 0 ? bounds.width() / texture.width : 0.0; }
};

struct PlaceMarker {
  std::string id;
  std::string name;    // as written, Chinese
  std::string pinyin;  // with tone marks
  std::string english;
  LonLat lonlat;
  XY position;   // projected
  int rank = 3;  // 0 capital, 1 prefecture, 2 county/city, 3 other; lower draws first and bigger
};

// A physical region's name (desert, range, corridor), placed by hand in data.
struct RegionLabel {
  std::string name;  // Chinese
  std::string pinyin;
  std::string english;
  XY position;   // projected
  int rank = 2;  // 1 most important
};

// Layers whose visibility follows the campaign's time, not a switch: the
// realm's cells ("realm:<seat>").
inline bool is_dynamic_layer(std::string_view id) { return id.rfind("realm:", 0) == 0; }

// A switch of the Layers panel and of `annals still --layers`: a layer the
// scene draws, its name in every label language (from the base map's
// layers.json) and whether it is on unless switched.
struct LayerSwitch {
  std::string id;
  std::map<std::string, std::string> names;  // label language -> name
  bool on_by_default = true;
};

struct Scene {
  std::string title;
  std::string subtitle;
  std::string credits;
  Rgba background;  // paper, beyond the DEM
  TerrainLayer terrain;
  std::vector<FillLayer> fills;
  std::vector<LineLayer> lines;
  std::vector<PlaceMarker> places;
  std::vector<RegionLabel> regions;
  Bounds extent;  // the campaign's extent, projected; the default view frames it
  // The graticule's lon/lat box and step, for its labels.
  std::array<double, 4> graticule_lonlat{};
  double graticule_step = 5;
  // The projection every position above is in; the overlay uses it for the
  // scale bar, north arrow and graticule labels.
  std::shared_ptr<const Projection> projection;
  // One per layer that is not dynamic (the terrain, every line layer, fills
  // other than the realm's), in layers.json's order.
  std::vector<LayerSwitch> switches;

  // The switch of layer `id`, or nullptr.
  const LayerSwitch* find_switch(std::string_view id) const;
  // Every string the overlay or the layer switches may show, for baking the glyphs they need.
  std::vector<std::string> strings() const;
};

struct SceneInputs {
  const Basemap* basemap = nullptr;
  // The shaded relief on the DEM's own grid (shade_terrain): independent of the
  // projection, so it is made once per load, not per projection switch.
  const Image* relief = nullptr;
  // The relief already in this projection (from the relief cache): then
  // nothing is shaded or warped, and neither the raster nor `relief` is read.
  const TerrainLayer* projected_terrain = nullptr;
  std::vector<PlaceMarker> places;        // positions are filled in by build_scene
  std::array<double, 4> extent_lonlat{};  // west, south, east, north
  // Meridians and parallels every graticule_step degrees over this lon/lat box.
  std::array<double, 4> graticule_lonlat{};
  double graticule_step = 5;
  // The realms' cells: fills with ids "realm:<seat>", switched per frame,
  // each in the colour of its side (realm_colours[cell.side]).
  const std::vector<RealmCell>* realm = nullptr;
  std::vector<Colour> realm_colours;
  std::string title, subtitle;
  std::string text_credit;  // the campaign's credit for its text; the base map's comes from the base map
};

// Throws DataError naming the base map's layers.json when it does not name
// exactly the layers the scene draws (a layer without a switch, or a switch
// that would switch nothing).
Scene build_scene(const SceneInputs& in, std::shared_ptr<const Projection> projection);

// Polygons of `layer` (those `keep` accepts, or all) as an even-odd fill.
FillLayer make_fill_layer(std::string id, const VectorLayer& layer, const Projection& projection, Rgba color,
                          bool (*keep)(const VectorFeature&) = nullptr);

// The hillshaded, tinted relief of `grid` as an RGB image of the same size,
// with playas tinted in, and alpha = how much of each cell is land (covered
// by `land` and not by `lakes`). Lakes and the sea are then one colour in one
// draw call, with no per-frame polygon fill; their shore lines, drawn as
// anti-aliased lines, keep the edges crisp.
Image shade_terrain(const ElevationGrid& grid, const VectorLayer& land, const VectorLayer& lakes,
                    const VectorLayer& playas);

// shade_terrain for a base map: splits its lakes layer into water and playas.
Image shade_basemap_relief(const Basemap& basemap);

// Reprojects `relief` (an image on `grid`'s lon/lat cells, as shade_terrain
// makes it) into `projection` with GDAL's warper, at about the DEM's own
// resolution at latitude `centre_lat` (capped at 8 million texels and 8192 on
// a side). Throws WarpError.
TerrainLayer project_relief(const ElevationGrid& grid, const Image& relief, const Projection& projection,
                            double centre_lat);

// The terrain as drawn, opaque: sea where the land mask is 0, the relief (or
// flat land when `relief` is false) where it is 1, blended across the coast,
// and `outside` beyond the DEM (filtering then softens the DEM's outline).
// Done once on the CPU so the frame's shader is a bare texture read, which
// software rasterisers run twice as fast as one that computes.
Image compose_terrain(const TerrainLayer& terrain, bool relief, Rgba outside);

// Fraction of each grid cell covered by the polygons (even-odd rule), 0–255,
// row-major, north row first. Four sub-scanlines per row smooth the coast.
std::vector<std::uint8_t> land_mask(const ElevationGrid& grid, const VectorLayer& polygons);

}  // namespace annals
