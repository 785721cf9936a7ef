#include "annals/render/scene.h"

#include "annals/geo/triangulate.h"

#include <algorithm>
#include <set>

#include <cmath>
#include <future>
#include <limits>
#include <string>
#include "annals/geo/diagnostic.h"
#include "annals/geo/trace.h"

namespace annals {

Rgba rgb(int r, int g, int b, float a) { return {r / 255.0f, g / 255.0f, b / 255.0f, a}; }

const LayerSwitch* Scene::find_switch(std::string_view id) const {
  for (const LayerSwitch& s : switches)
    if (s.id == id) return &s;
  return nullptr;
}

std::vector<std::string> Scene::strings() const {
  std::vector<std::string> out{title, subtitle, credits};
  for (const LayerSwitch& s : switches)
    for (const auto& [language, name] : s.names) out.push_back(name);
  for (const auto& p : places) {
    out.push_back(p.name);
    out.push_back(p.pinyin);
    out.push_back(p.english);
  }
  for (const auto& r : regions) {
    out.push_back(r.name);
    out.push_back(r.pinyin);
    out.push_back(r.english);
  }
  return out;
}

namespace {

std::vector<double> project_part(const std::vector<LonLat>& part, const Projection& proj) {
  std::vector<double> xy;
  xy.reserve(part.size() * 2);
  for (const auto& p : part) {
    xy.push_back(p.lon);
    xy.push_back(p.lat);
  }
  proj.forward_in_place(xy);
  return xy;
}

// Douglas–Peucker on interleaved x,y (no NaNs), keeping the ends.
std::vector<double> simplify(const std::vector<double>& xy, double tolerance) {
  const std::size_t n = xy.size() / 2;
  if (n <= 2 || tolerance <= 0) return xy;
  std::vector<char> keep(n, 0);
  keep[0] = keep[n - 1] = 1;
  std::vector<std::pair<std::size_t, std::size_t>> stack{{0, n - 1}};
  const double tol2 = tolerance * tolerance;
  while (!stack.empty()) {
    const auto [a, b] = stack.back();
    stack.pop_back();
    const double ax = xy[2 * a], ay = xy[2 * a + 1], bx = xy[2 * b], by = xy[2 * b + 1];
    const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    double worst = -1;
    std::size_t worst_i = a;
    for (std::size_t i = a + 1; i < b; ++i) {
      const double px = xy[2 * i] - ax, py = xy[2 * i + 1] - ay;
      double d2;
      if (len2 == 0) {
        d2 = px * px + py * py;
      } else {
        const double cross = px * dy - py * dx;
        d2 = cross * cross / len2;
      }
      if (d2 > worst) worst = d2, worst_i = i;
    }
    if (worst > tol2) {
      keep[worst_i] = 1;
      stack.push_back({a, worst_i});
      stack.push_back({worst_i, b});
    }
  }
  std::vector<double> out;
  for (std::size_t i = 0; i < n; ++i)
    if (keep[i]) out.insert(out.end(), {xy[2 * i], xy[2 * i + 1]});
  return out;
}

void emit_segments(const std::vector<double>& xy, std::vector<float>& out) {
  for (std::size_t i = 2; i + 1 < xy.size(); i += 2)
    out.insert(out.end(), {static_cast<float>(xy[i - 2]), static_cast<float>(xy[i - 1]),
                           static_cast<float>(xy[i]), static_cast<float>(xy[i + 1])});
}

// Projects a line and appends its segments at full detail and at each level
// of detail. Points without an image split the line.
void append_line(const std::vector<LonLat>& part, const Projection& proj, LineLayer& layer) {
  const auto xy = project_part(part, proj);
  std::vector<double> run;
  auto flush = [&] {
    emit_segments(run, layer.segments);
    for (auto& lod : layer.lods) emit_segments(simplify(run, lod.tolerance_m), lod.segments);
    run.clear();
  };
  for (std::size_t i = 0; i + 1 < xy.size(); i += 2) {
    if (std::isnan(xy[i]) || std::isnan(xy[i + 1])) {
      flush();
      continue;
    }
    run.push_back(xy[i]);
    run.push_back(xy[i + 1]);
  }
  flush();
}

void append_segments(const std::vector<LonLat>& part, const Projection& proj, std::vector<float>& out) {
  const auto xy = project_part(part, proj);
  for (std::size_t i = 2; i + 1 < xy.size(); i += 2) {
    const double x0 = xy[i - 2], y0 = xy[i - 1], x1 = xy[i], y1 = xy[i + 1];
    if (std::isnan(x0) || std::isnan(y0) || std::isnan(x1) || std::isnan(y1)) continue;
    out.insert(out.end(), {static_cast<float>(x0), static_cast<float>(y0), static_cast<float>(x1),
                           static_cast<float>(y1)});
  }
}

LineLayer lines_of(std::string id, const VectorLayer& layer, const Projection& proj, Rgba color, float width,
                   bool visible, bool (*keep)(const VectorFeature&) = nullptr) {
  LineLayer out{std::move(id), {}, color, width, visible, {}};
  for (double t : kLineLodTolerances) out.lods.push_back({t, {}});
  for (const auto& f : layer.features) {
    if (keep && !keep(f)) continue;
    for (const auto& part : f.parts) append_line(part, proj, out);
  }
  return out;
}

int attribute_int(const VectorFeature& f, const char* key, int fallback) {
  auto it = f.attributes.find(key);
  if (it == f.attributes.end()) return fallback;
  try {
    return static_cast<int>(std::stod(it->second));
  } catch (...) {
    return fallback;
  }
}

// Meridians and parallels every `step` degrees over the box, densified so
// they curve with the projection.
LineLayer graticule(const Projection& proj, const std::array<double, 4>& box, double step) {
  LineLayer g{"graticule", {}, rgb(70, 70, 95, 0.28f), 0.7f, true, {}};
  const auto [w, so, e, n] = box;
  const double eps = step * 1e-6;
  for (double lon = w; lon <= e + eps; lon += step) {
    std::vector<LonLat> line;
    for (double lat = so; lat <= n + 0.001; lat += 0.25) line.push_back({lon, lat});
    append_segments(line, proj, g.segments);
  }
  for (double lat = so; lat <= n + eps; lat += step) {
    std::vector<LonLat> line;
    for (double lon = w; lon <= e + 0.001; lon += 0.25) line.push_back({lon, lat});
    append_segments(line, proj, g.segments);
  }
  return g;
}

// The scene's switches, from the base map's layer descriptions: exactly one
// per layer that is not dynamic, none for a layer the scene does not draw.
void link_switches(Scene& s, const Basemap& b) {
  std::map<std::string, bool> drawn;  // id -> on by default
  drawn["terrain"] = s.terrain.visible;
  for (const LineLayer& l : s.lines) drawn[l.id] = l.visible;
  for (const FillLayer& f : s.fills)
    if (!is_dynamic_layer(f.id)) drawn[f.id] = f.visible;
  auto list = [&] {
    std::string out;
    for (const auto& [id, on] : drawn) out += (out.empty() ? "" : ", ") + id;
    return out;
  };
  const std::string file = b.layers_file.string();
  std::set<std::string> named;
  for (std::size_t i = 0; i < b.layers.size(); ++i) {
    const LayerDescription& d = b.layers[i];
    const auto it = drawn.find(d.id);
    if (it == drawn.end())
      throw DataError(file, "layer " + std::to_string(i),
                      "'" + d.id +
                          "' is not a layer of the base map, so its switch would switch nothing; the "
                          "layers are " +
                          list());
    named.insert(d.id);
    s.switches.push_back({d.id, d.names, it->second});
  }
  for (const auto& [id, on] : drawn)
    if (!named.count(id))
      throw DataError(file, "",
                      "the base map's layer '" + id +
                          "' has no entry, so it would have no switch; give it a name in every label "
                          "language");
}

}  // namespace

FillLayer make_fill_layer(std::string id, const VectorLayer& layer, const Projection& proj, Rgba color,
                          bool (*keep)(const VectorFeature&)) {
  FillLayer out;
  out.id = std::move(id);
  out.color = color;
  double inf = std::numeric_limits<double>::infinity();
  out.bounds = {inf, inf, -inf, -inf};
  std::vector<std::vector<XY>> rings;  // projected, every part of every feature kept
  for (const auto& f : layer.features) {
    if (keep && !keep(f)) continue;
    for (const auto& ring : f.parts) {
      if (ring.size() < 3) continue;
      const auto xy = project_part(ring, proj);
      bool finite = true;
      for (double v : xy) finite = finite && !std::isnan(v);
      if (!finite) continue;
      auto& r = rings.emplace_back();
      for (std::size_t k = 0; k + 1 < xy.size(); k += 2) {
        r.push_back({xy[k], xy[k + 1]});
        out.bounds.min_x = std::min(out.bounds.min_x, xy[k]);
        out.bounds.max_x = std::max(out.bounds.max_x, xy[k]);
        out.bounds.min_y = std::min(out.bounds.min_y, xy[k + 1]);
        out.bounds.max_y = std::max(out.bounds.max_y, xy[k + 1]);
      }
    }
  }
  auto push = [&](const XY& p) {
    out.triangles.push_back(static_cast<float>(p.x));
    out.triangles.push_back(static_cast<float>(p.y));
  };
  // All the rings under the even-odd rule: the polygon's own triangles when
  // they are simple and apart, else a fan per ring for the stencil.
  if (auto triangles = triangulate_simple_rings(rings)) {
    for (const XY& p : *triangles) push(p);
    out.triangulated = true;
    return out;
  }
  for (const auto& r : rings)
    for (std::size_t i = 1; i + 1 < r.size(); ++i)
      for (std::size_t k : {std::size_t{0}, i, i + 1}) push(r[k]);
  return out;
}

Image shade_basemap_relief(const Basemap& b) {
  VectorLayer water = b.lakes, playas = b.lakes;
  auto is_playa = [](const VectorFeature& f) {
    auto it = f.attributes.find("kind");
    return it != f.attributes.end() && it->second == "playa";
  };
  std::erase_if(water.features, is_playa);
  std::erase_if(playas.features, [&](const VectorFeature& f) { return !is_playa(f); });
  return shade_terrain(b.terrain, b.land, water, playas);
}

Scene build_scene(const SceneInputs& in, std::shared_ptr<const Projection> projection) {
  const Projection& proj = *projection;
  Scene s;
  s.projection = projection;
  s.title = in.title;
  s.subtitle = in.subtitle;
  // The base map credits its own sources (assets/basemap/credit.json); the
  // campaign its text (campaign.json's source).
  s.credits = in.basemap->credit;
  if (!in.text_credit.empty()) s.credits += (s.credits.empty() ? "" : " · ") + in.text_credit;
  s.graticule_lonlat = in.graticule_lonlat;
  s.graticule_step = in.graticule_step;
  s.background = rgb(236, 232, 222);  // paper, beyond the DEM
  const Basemap& b = *in.basemap;

  const Image relief = in.relief || in.projected_terrain ? Image() : shade_basemap_relief(b);
  // The relief is warped on a second core while the vector layers are
  // projected here. It gets its own Projection: one PROJ object must not be
  // used by two threads at once.
  auto terrain = std::async(std::launch::async, [&] {
    if (in.projected_terrain) return *in.projected_terrain;
    const Projection own(proj.definition());
    auto projected = project_relief(b.terrain, in.relief ? *in.relief : relief, own,
                                    (in.extent_lonlat[1] + in.extent_lonlat[3]) / 2);
    trace("scene: relief warped");
    return projected;
  });
  if (in.realm)
    for (const RealmCell& cell : *in.realm) {
      VectorLayer layer;
      layer.kind = GeometryKind::Polygons;
      layer.features.push_back(VectorFeature{cell.rings, {}});
      const Colour c = cell.side >= 0 && static_cast<std::size_t>(cell.side) < in.realm_colours.size()
                           ? in.realm_colours[static_cast<std::size_t>(cell.side)]
                           : Colour{};
      s.fills.push_back(make_fill_layer("realm:" + cell.id, layer, proj, rgb(c.r, c.g, c.b, 0.13f)));
    }

  const Rgba water = rgb(72, 124, 178);
  s.lines.push_back(graticule(proj, in.graticule_lonlat, in.graticule_step));
  s.lines.push_back(lines_of("borders", b.borders, proj, rgb(120, 100, 140, 0.8f), 1.0f, false));
  s.lines.push_back(lines_of("coast", b.land, proj, rgb(96, 132, 168), 0.8f, true));
  s.lines.push_back(lines_of("lake-shores", b.lakes, proj, rgb(96, 140, 180), 0.6f, true));
  // GSHHG classes: 0–1 double-lined and major, 2–4 lesser permanent, 5–6 intermittent.
  s.lines.push_back(lines_of("rivers-intermittent", b.rivers_detail, proj, rgb(92, 142, 190, 0.85f), 0.9f,
                             true, [](const VectorFeature& f) { return attribute_int(f, "level", 4) >= 5; }));
  s.lines.push_back(
      lines_of("rivers-minor", b.rivers_detail, proj, water, 0.7f, true, [](const VectorFeature& f) {
        const int l = attribute_int(f, "level", 4);
        return l >= 3 && l <= 4;
      }));
  // Zoomed out beyond about twice the whole campaign, the lesser streams go:
  // at that scale they are a mesh of blue, not rivers.
  s.lines.back().max_metres_per_px = 3500.0;
  s.lines.push_back(lines_of("rivers-detail", b.rivers_detail, proj, water, 1.0f, true,
                             [](const VectorFeature& f) { return attribute_int(f, "level", 4) <= 2; }));
  s.lines.push_back(lines_of("rivers-major", b.rivers_major, proj, water, 1.3f, true,
                             [](const VectorFeature& f) { return attribute_int(f, "scalerank", 9) > 4; }));
  s.lines.push_back(lines_of("rivers-great", b.rivers_major, proj, water, 2.2f, true,
                             [](const VectorFeature& f) { return attribute_int(f, "scalerank", 9) <= 4; }));

  s.places = in.places;
  for (auto& p : s.places) {
    XY xy;
    if (!proj.forward(p.lonlat, xy)) xy = {std::nan(""), std::nan("")};
    p.position = xy;
  }
  for (const auto& f : b.region_labels.features) {
    if (f.parts.empty() || f.parts[0].empty()) continue;
    RegionLabel r;
    r.name = f.attributes.at("name_zh");
    r.english = f.attributes.at("name_en");
    if (auto it = f.attributes.find("pinyin"); it != f.attributes.end()) r.pinyin = it->second;
    r.rank = attribute_int(f, "rank", 2);
    if (!proj.forward(f.parts[0][0], r.position)) continue;
    s.regions.push_back(std::move(r));
  }
  std::stable_sort(s.regions.begin(), s.regions.end(),
                   [](const RegionLabel& a, const RegionLabel& c) { return a.rank < c.rank; });
  std::stable_sort(s.places.begin(), s.places.end(),
                   [](const PlaceMarker& a, const PlaceMarker& c) { return a.rank < c.rank; });

  // The extent is a lon/lat box; its projected outline bulges, so sample it.
  const auto [w, so, e, n] = in.extent_lonlat;
  double inf = std::numeric_limits<double>::infinity();
  s.extent = {inf, inf, -inf, -inf};
  for (int i = 0; i <= 20; ++i) {
    const double t = i / 20.0;
    for (LonLat p : {LonLat{w + t * (e - w), so}, LonLat{w + t * (e - w), n}, LonLat{w, so + t * (n - so)},
                     LonLat{e, so + t * (n - so)}}) {
      XY xy;
      if (!proj.forward(p, xy)) continue;
      s.extent.min_x = std::min(s.extent.min_x, xy.x);
      s.extent.max_x = std::max(s.extent.max_x, xy.x);
      s.extent.min_y = std::min(s.extent.min_y, xy.y);
      s.extent.max_y = std::max(s.extent.max_y, xy.y);
    }
  }
  s.terrain = terrain.get();
  s.terrain.sea = rgb(176, 202, 222);
  s.terrain.flat_land = rgb(232, 228, 206);
  link_switches(s, b);
  return s;
}

}  // namespace annals
