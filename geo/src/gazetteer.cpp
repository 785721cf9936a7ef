// Loading and validating the gazetteer GeoJSON. Search and nearest are in
// gazetteer_index.cpp, the exports in gazetteer_export.cpp.
#include "annals/geo/gazetteer.h"

#include "gazetteer_id_map.h"
#include "geojson_reader.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <utility>

namespace annals {

namespace {

constexpr std::array<std::pair<PlaceKind, std::string_view>, 10> kKinds = {{
    {PlaceKind::SuperiorPrefecture, "superior_prefecture"},
    {PlaceKind::Prefecture, "prefecture"},
    {PlaceKind::City, "city"},
    {PlaceKind::County, "county"},
    {PlaceKind::Region, "region"},
    {PlaceKind::River, "river"},
    {PlaceKind::Mountain, "mountain"},
    {PlaceKind::Plain, "plain"},
    {PlaceKind::Tomb, "tomb"},
    {PlaceKind::Ford, "ford"},
}};
constexpr std::array<std::pair<Confidence, std::string_view>, 3> kConfidences = {{
    {Confidence::High, "high"},
    {Confidence::Medium, "medium"},
    {Confidence::Low, "low"},
}};

template <typename Table>
std::string joined_names(const Table& table) {
  std::string out;
  for (const auto& [value, name] : table) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

template <typename Table, typename E>
std::string_view name_of(const Table& table, E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "?";
}

template <typename Table>
auto value_of(const Table& table, std::string_view text)
    -> std::optional<typename Table::value_type::first_type> {
  for (const auto& [v, name] : table)
    if (name == text) return v;
  return std::nullopt;
}

// Built by appending: GCC 12 at -O2 warns (-Wrestrict, a false positive)
// on the equivalent "\"" + std::string(s) + "\"".
std::string in_quotes(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  out.append(s);
  out += '"';
  return out;
}

bool is_slug(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// "feature N" or "feature N (id)": where a feature's problems are reported.
std::string feature_where(std::size_t index, std::string_view id) {
  std::string where = "feature " + std::to_string(index);
  if (!id.empty()) {
    where += " (";
    where.append(id);
    where += ')';
  }
  return where;
}

// Collects the problems of one feature under one `where`, built only when
// the first problem is found: most features have none, and building it for
// each cost an allocation per feature.
class FeatureErrors {
 public:
  FeatureErrors(Diagnostics& sink, const std::string& file, std::size_t index, const std::string& id)
      : sink_(sink), file_(file), index_(index), id_(id) {}
  void operator()(std::string message) {
    if (count_ == 0) where_ = feature_where(index_, id_);
    sink_.error(file_, where_, std::move(message));
    ++count_;
  }
  int count() const { return count_; }

 private:
  Diagnostics& sink_;
  const std::string& file_;
  std::size_t index_;
  const std::string& id_;
  std::string where_;
  int count_ = 0;
};

using detail::JNode;
using detail::JTree;

// The member `key` of an object is named prefix + key in messages
// ("names." + "pinyin"); the name is built only for a message.
std::string label_of(std::string_view prefix, std::string_view key) {
  std::string label(prefix);
  label.append(key);
  return label;
}

// A required non-empty string member; reports and returns empty otherwise.
// Strings are copied out of the tree, whose views die with the feature.
std::string take_string(JTree& t, JNode& obj, std::string_view key, std::string_view prefix,
                        FeatureErrors& err) {
  JNode* v = t.find(obj, key);
  if (!v || !v->is_string() || v->text.empty()) {
    err("missing or empty " + label_of(prefix, key));
    return {};
  }
  return std::string(v->text);
}

std::string take_optional_string(JTree& t, JNode& obj, std::string_view key, std::string_view prefix,
                                 FeatureErrors& err) {
  JNode* v = t.find(obj, key);
  if (!v || v->is_null()) return {};
  if (!v->is_string()) {
    err(label_of(prefix, key) + " must be a string");
    return {};
  }
  return std::string(v->text);
}

std::vector<std::string> take_string_array(JTree& t, JNode& obj, std::string_view key,
                                           std::string_view prefix, bool required, FeatureErrors& err) {
  std::vector<std::string> out;
  JNode* v = t.find(obj, key);
  if (!v || v->is_null()) {
    if (required) err("missing " + label_of(prefix, key));
    return out;
  }
  if (!v->is_array()) {
    err(label_of(prefix, key) + " must be an array of strings");
    return out;
  }
  out.reserve(v->size);
  bool ok = true;
  t.for_each(*v, [&](JNode& item) {
    if (!item.is_string() || item.text.empty())
      ok = false;
    else
      out.emplace_back(item.text);
  });
  if (!ok) {
    err(label_of(prefix, key) + " must be an array of non-empty strings");
    out.clear();
  }
  return out;
}

bool read_position(const JTree& t, const JNode& j, LonLat& out, FeatureErrors& err) {
  const JNode* x = j.is_array() ? (j.first == JNode::kNone ? nullptr : &t.at(j.first)) : nullptr;
  const JNode* y = x && x->next != JNode::kNone ? &t.at(x->next) : nullptr;
  if (!x || !y || !x->is_number() || !y->is_number()) {
    err("geometry: a position must be [longitude, latitude]");
    return false;
  }
  out.lon = x->number;
  out.lat = y->number;
  bool ok = true;
  if (!std::isfinite(out.lon) || out.lon < -180.0 || out.lon > 180.0) {
    err("geometry: longitude " + t.describe(*x) + " out of range [-180, 180]");
    ok = false;
  }
  if (!std::isfinite(out.lat) || out.lat < -90.0 || out.lat > 90.0) {
    err("geometry: latitude " + t.describe(*y) + " out of range [-90, 90]");
    ok = false;
  }
  return ok;
}

bool read_line(const JTree& t, const JNode& j, std::vector<LonLat>& out, std::size_t min_positions,
               FeatureErrors& err) {
  if (!j.is_array()) {
    err("geometry: coordinates must be an array of positions");
    return false;
  }
  out.clear();
  out.reserve(j.size);
  for (auto i = j.first; i != JNode::kNone; i = t.at(i).next) {
    LonLat ll;
    if (!read_position(t, t.at(i), ll, err)) return false;
    out.push_back(ll);
  }
  if (out.size() < min_positions) {
    err("geometry: needs at least " + std::to_string(min_positions) + " positions, has " +
        std::to_string(out.size()));
    return false;
  }
  return true;
}

bool read_polygon(const JTree& t, const JNode& j, std::vector<std::vector<LonLat>>& rings,
                  FeatureErrors& err) {
  if (!j.is_array() || j.size == 0) {
    err("geometry: a polygon must be a non-empty array of rings");
    return false;
  }
  for (auto i = j.first; i != JNode::kNone; i = t.at(i).next) {
    std::vector<LonLat> ring;
    if (!read_line(t, t.at(i), ring, 4, err)) return false;
    if (ring.front().lon != ring.back().lon || ring.front().lat != ring.back().lat) {
      err("geometry: polygon ring is not closed (first and last positions differ)");
      return false;
    }
    rings.push_back(std::move(ring));
  }
  return true;
}

bool read_geometry(const JTree& t, const JNode& g, Geometry& out, FeatureErrors& err) {
  if (!g.is_object()) {
    err("geometry must be an object or null");
    return false;
  }
  const JNode* type_node = t.find(g, "type");
  const JNode* coords = t.find(g, "coordinates");
  if (!type_node || !type_node->is_string()) {
    err("geometry: missing type");
    return false;
  }
  if (!coords) {
    err("geometry: missing coordinates");
    return false;
  }
  const std::string_view type = type_node->text;
  const JNode& c = *coords;
  out.parts.clear();
  if (type == "Point") {
    LonLat p;
    if (!read_position(t, c, p, err)) return false;
    out.type = GeometryType::Point;
    // Built in place: a braced {{{p}}} copies each level out of its
    // initializer_list, twice the allocations.
    out.parts.emplace_back().emplace_back().push_back(p);
    return true;
  }
  if (type == "LineString") {
    std::vector<LonLat> line;
    if (!read_line(t, c, line, 2, err)) return false;
    out.type = GeometryType::LineString;
    out.parts.emplace_back().push_back(std::move(line));
    return true;
  }
  if (type == "MultiLineString" || type == "Polygon" || type == "MultiPolygon") {
    if (!c.is_array() || c.size == 0) {
      err("geometry: " + std::string(type) + " coordinates must be a non-empty array");
      return false;
    }
  }
  if (type == "Polygon") {
    std::vector<std::vector<LonLat>> rings;
    if (!read_polygon(t, c, rings, err)) return false;
    out.type = GeometryType::Polygon;
    out.parts.push_back(std::move(rings));
    return true;
  }
  if (type == "MultiLineString") {
    std::vector<std::vector<LonLat>> lines;
    for (auto i = c.first; i != JNode::kNone; i = t.at(i).next) {
      std::vector<LonLat> line;
      if (!read_line(t, t.at(i), line, 2, err)) return false;
      lines.push_back(std::move(line));
    }
    out.type = GeometryType::MultiLineString;
    out.parts.push_back(std::move(lines));
    return true;
  }
  if (type == "MultiPolygon") {
    for (auto i = c.first; i != JNode::kNone; i = t.at(i).next) {
      std::vector<std::vector<LonLat>> rings;
      if (!read_polygon(t, t.at(i), rings, err)) return false;
      out.parts.push_back(std::move(rings));
    }
    out.type = GeometryType::MultiPolygon;
    return true;
  }
  err("geometry: unsupported type " + in_quotes(type) +
      " (use Point, LineString, MultiLineString, Polygon or MultiPolygon)");
  return false;
}

// Validates feature `index` and fills `out`; returns false (having reported
// every problem found) when the feature must be left out.
bool read_feature(JTree& t, std::size_t index, const std::string& file, Diagnostics& diags, Place& out,
                  std::string& id_seen) {
  JNode& f = t.at(0);
  id_seen.clear();
  if (!f.is_object()) {
    diags.error(file, feature_where(index, ""), "feature is not a JSON object");
    return false;
  }
  JNode* props = t.find(f, "properties");
  const bool props_ok = props && props->is_object();
  // The id is needed for `where` before anything else is checked.
  const JNode* top_id = t.find(f, "id");
  const JNode* prop_id = props_ok ? t.find(*props, "id") : nullptr;
  if (top_id && top_id->is_string())
    id_seen = top_id->text;
  else if (prop_id && prop_id->is_string())
    id_seen = prop_id->text;
  FeatureErrors err(diags, file, index, id_seen);

  if (const JNode* type = t.find(f, "type"); !type || !type->is_string() || type->text != "Feature")
    err("type must be \"Feature\"");
  if (!props_ok) {
    err("missing properties object");
    return false;
  }
  JNode& p = *props;

  // Identity.
  if (!top_id || !top_id->is_string()) err("missing top-level \"id\" (a string)");
  if (!prop_id || !prop_id->is_string()) err("missing properties.id (a string)");
  if (top_id && prop_id && top_id->is_string() && prop_id->is_string() && top_id->text != prop_id->text)
    err("top-level id " + in_quotes(top_id->text) + " differs from properties.id " +
        in_quotes(prop_id->text));
  if (!id_seen.empty() && !is_slug(id_seen))
    err("id " + in_quotes(id_seen) + " must be a lowercase slug (a-z, 0-9, _)");
  out.id = id_seen;

  // Names.
  out.name = take_string(t, p, "name", "", err);
  JNode* names = t.find(p, "names");
  if (!names || !names->is_object()) {
    err("missing names object");
  } else {
    JNode& n = *names;
    const bool has_as_written = t.find(n, "as_written") != nullptr;
    out.names.as_written = take_string_array(t, n, "as_written", "names.", true, err);
    out.names.simplified = take_string(t, n, "simplified", "names.", err);
    out.names.traditional = take_string(t, n, "traditional", "names.", err);
    out.names.pinyin = take_string(t, n, "pinyin", "names.", err);
    out.names.pinyin_plain = take_string(t, n, "pinyin_plain", "names.", err);
    out.names.english = take_string(t, n, "english", "names.", err);
    // The text sometimes abbreviates (唐 for 唐州), so the full simplified
    // form is accepted as the display name too.
    if (!out.name.empty() && has_as_written && out.name != out.names.simplified &&
        std::find(out.names.as_written.begin(), out.names.as_written.end(), out.name) ==
            out.names.as_written.end())
      err("name " + in_quotes(out.name) + " is neither among names.as_written nor names.simplified");
  }
  out.aliases = take_string_array(t, p, "aliases", "", false, err);

  // Classification.
  auto enum_field = [&](const char* key, auto& table, auto& target) {
    const JNode* v = t.find(p, key);
    if (!v || !v->is_string()) {
      err(std::string("missing ") + key + " (one of " + joined_names(table) + ")");
      return;
    }
    if (auto parsed = value_of(table, v->text))
      target = *parsed;
    else
      err(std::string(key) + " " + in_quotes(v->text) + " is not one of " + joined_names(table));
  };
  enum_field("kind", kKinds, out.kind);
  if (const JNode* v = t.find(p, "polity_1224"); !v || !v->is_string()) {
    err("missing polity_1224 (a side id of campaign.json, none or unknown)");
  } else if (v->text.empty() || !std::all_of(v->text.begin(), v->text.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
             })) {
    err("polity_1224 " + in_quotes(v->text) +
        " is not a side id (lower-case ASCII letters, digits, _ or -), none or unknown");
  } else {
    out.polity_1224.id = v->text;
  }
  enum_field("confidence", kConfidences, out.confidence);

  out.modern_location = take_string(t, p, "modern_location", "", err);
  if (const JNode* u = t.find(p, "uncertainty_km");
      !u || !u->is_number() || !std::isfinite(u->number) || u->number <= 0.0) {
    err("uncertainty_km must be a positive number of kilometres (got " +
        (u ? t.describe(*u) : std::string("missing")) + ")");
  } else {
    out.uncertainty_km = u->number;
  }

  // Sources.
  if (JNode* s = t.find(p, "sources"); !s || !s->is_array() || s->size == 0) {
    err("sources must be a non-empty array of {work, record, note}");
  } else {
    std::size_t k = 0;
    out.sources.reserve(s->size);
    t.for_each(*s, [&](JNode& src) {
      const std::string label = "sources[" + std::to_string(k++) + "]";
      if (!src.is_object()) {
        err(label + " must be an object");
        return;
      }
      const std::string prefix = label + ".";
      SourceRef& ref = out.sources.emplace_back();
      ref.work = take_string(t, src, "work", prefix, err);
      ref.record = take_optional_string(t, src, "record", prefix, err);
      ref.note = take_optional_string(t, src, "note", prefix, err);
    });
  }
  out.note = take_optional_string(t, p, "note", "", err);
  out.part_of = take_optional_string(t, p, "part_of", "", err);
  if (!out.part_of.empty() && out.part_of == out.id) err("part_of refers to the place itself");

  if (const JNode* w = t.find(p, "when"); w && !w->is_null()) {
    const JNode* start = w->is_object() ? t.find(*w, "start") : nullptr;
    const JNode* end = w->is_object() ? t.find(*w, "end") : nullptr;
    if (!start || !end || !start->is_integer() || !end->is_integer() || start->integer > end->integer ||
        start->integer < -10000 || end->integer > 10000) {
      err("when must be {\"start\": year, \"end\": year} with start <= end");
    } else {
      out.when_start = static_cast<int>(start->integer);
      out.when_end = static_cast<int>(end->integer);
    }
  }

  // Location: `located` and `geometry` must agree.
  const JNode* located = t.find(p, "located");
  if (!located || !located->is_bool())
    err("located must be true or false");
  else
    out.located = located->boolean;
  const JNode* geom = t.find(f, "geometry");
  const bool has_geometry = geom && !geom->is_null();
  if (!geom) err("missing geometry member (use null for an unlocated place)");
  if (located && located->is_bool()) {
    if (out.located && !has_geometry) err("located is true but geometry is null");
    if (!out.located && has_geometry) err("located is false but the feature has a geometry");
    if (!out.located && out.note.empty()) err("unlocated place needs a note saying why it cannot be located");
  }
  if (has_geometry && read_geometry(t, *geom, out.geometry, err)) out.anchor = out.geometry.anchor();

  return err.count() == 0;
}

}  // namespace

std::string_view to_string(PlaceKind kind) { return name_of(kKinds, kind); }
std::string_view to_string(const Polity& polity) { return polity.id; }
std::string_view to_string(Confidence confidence) { return name_of(kConfidences, confidence); }
std::optional<PlaceKind> parse_place_kind(std::string_view text) { return value_of(kKinds, text); }
std::optional<Confidence> parse_confidence(std::string_view text) { return value_of(kConfidences, text); }

int importance(PlaceKind kind) {
  // The table is already in order of importance: capitals first, fords last.
  for (std::size_t i = 0; i < kKinds.size(); ++i)
    if (kKinds[i].first == kind) return static_cast<int>(i);
  return static_cast<int>(kKinds.size());
}

std::string_view to_string(GeometryType type) {
  switch (type) {
    case GeometryType::None:
      return "None";
    case GeometryType::Point:
      return "Point";
    case GeometryType::LineString:
      return "LineString";
    case GeometryType::MultiLineString:
      return "MultiLineString";
    case GeometryType::Polygon:
      return "Polygon";
    case GeometryType::MultiPolygon:
      return "MultiPolygon";
  }
  return "None";
}

std::string_view to_string(MatchKind kind) {
  switch (kind) {
    case MatchKind::Exact:
      return "exact";
    case MatchKind::Prefix:
      return "prefix";
    case MatchKind::Fuzzy:
      return "fuzzy";
  }
  return "exact";
}

LonLat Geometry::anchor() const {
  if (parts.empty() || parts[0].empty() || parts[0][0].empty()) return {};
  const auto& first = parts[0][0];
  switch (type) {
    case GeometryType::None:
      return {};
    case GeometryType::Point:
      return first[0];
    case GeometryType::LineString:
    case GeometryType::MultiLineString:
      return first[first.size() / 2];
    case GeometryType::Polygon:
    case GeometryType::MultiPolygon: {
      // Vertex mean of the exterior ring without its closing duplicate: good
      // enough for the coarse, convex-ish region outlines a gazetteer holds.
      double lon = 0.0;
      double lat = 0.0;
      const std::size_t n = first.size() > 1 ? first.size() - 1 : first.size();
      for (std::size_t i = 0; i < n; ++i) {
        lon += first[i].lon;
        lat += first[i].lat;
      }
      return {lon / static_cast<double>(n), lat / static_cast<double>(n)};
    }
  }
  return {};
}

double great_circle_km(LonLat a, LonLat b) {
  constexpr double kRadiusKm = 6371.0088;
  constexpr double kDeg = 3.14159265358979323846 / 180.0;
  const double dlat = (b.lat - a.lat) * kDeg;
  const double dlon = (b.lon - a.lon) * kDeg;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kDeg) * std::cos(b.lat * kDeg) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * kRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

Gazetteer Gazetteer::load(const std::filesystem::path& path, Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path.string(), "", "cannot open gazetteer file");
  // One read of the known size: istreambuf_iterator goes byte by byte, which
  // showed up in profiles of large gazetteers.
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  in.seekg(0, std::ios::beg);
  // Not zero-filled first (std::string would be): the read overwrites it all.
  const std::size_t length = size > 0 ? static_cast<std::size_t>(size) : 0;
  const auto text = std::make_unique_for_overwrite<char[]>(length);
  if (size > 0) in.read(text.get(), static_cast<std::streamsize>(size));
  if (in.bad() || (size > 0 && in.gcount() != size))
    throw DataError(path.string(), "", "error reading gazetteer file");
  return parse(std::string_view(text.get(), length), path.string(), diagnostics);
}

Gazetteer Gazetteer::parse(std::string_view text, const std::string& display_path, Diagnostics& diagnostics) {
  Gazetteer g;
  // Feature problems are collected apart and handed over only once the file
  // is known to be a FeatureCollection: a wrong file gets one clear error,
  // not a flood of per-feature ones.
  Diagnostics found;
  // Every id that appears, valid feature or not, so that a duplicate or a
  // part_of reference is judged against the file as written.
  detail::IdMap first_index;
  std::string id;
  detail::read_feature_collection(text, display_path, [&](detail::JTree& tree, std::size_t i) {
    Place place;
    bool ok = read_feature(tree, i, display_path, found, place, id);
    if (!id.empty()) {
      if (const std::size_t first = first_index.insert(id, i); first != detail::IdMap::npos) {
        found.error(
            display_path, "feature " + std::to_string(i) + " (" + id + ")",
            "duplicate id " + in_quotes(id) + " (first used by feature " + std::to_string(first) + ")");
        ok = false;
      }
    }
    if (ok) g.places_.push_back(std::move(place));
  });
  // References are resolved once every id is known. Places that stay are
  // compacted in place: moving every place into a new vector showed up in
  // profiles, and usually none is dropped.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < g.places_.size(); ++i) {
    Place& place = g.places_[i];
    if (!place.part_of.empty() && first_index.find(place.part_of) == detail::IdMap::npos) {
      found.error(display_path,
                  "feature " + std::to_string(first_index.find(place.id)) + " (" + place.id + ")",
                  "part_of " + in_quotes(place.part_of) + " is not the id of any place");
      continue;
    }
    if (kept != i) g.places_[kept] = std::move(place);
    ++kept;
  }
  g.places_.erase(g.places_.begin() + static_cast<std::ptrdiff_t>(kept), g.places_.end());
  diagnostics.append(found);
  g.build_index();
  return g;
}

}  // namespace annals
