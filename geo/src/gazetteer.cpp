// Loading and validating the gazetteer GeoJSON. Search and nearest are in
// gazetteer_index.cpp, the exports in gazetteer_export.cpp.
#include "annals/geo/gazetteer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>
#include <utility>

namespace annals {

using nlohmann::json;

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
constexpr std::array<std::pair<Polity, std::string_view>, 6> kPolities = {{
    {Polity::Xia, "xia"},
    {Polity::Jin, "jin"},
    {Polity::Song, "song"},
    {Polity::Mongol, "mongol"},
    {Polity::None, "none"},
    {Polity::Unknown, "unknown"},
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
auto value_of(const Table& table, std::string_view text) -> std::optional<typename Table::value_type::first_type> {
  for (const auto& [v, name] : table)
    if (name == text) return v;
  return std::nullopt;
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

bool is_slug(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// nlohmann reports a parse error as a byte offset; people want a line.
std::size_t line_of_offset(std::string_view text, std::size_t byte) {
  const std::size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
}

// "[json.exception.parse_error.101] parse error at line 3, column 7: syntax
// error ..." -> "syntax error ..." (the line is reported in `where`, and the
// column is kept).
std::string parse_error_message(const json::parse_error& e) {
  std::string what = e.what();
  std::string column;
  if (auto c = what.find("column "); c != std::string::npos) {
    auto end = what.find(':', c);
    if (end != std::string::npos) column = what.substr(c, end - c);
  }
  auto colon = what.find("parse error");
  if (colon != std::string::npos) colon = what.find(": ", colon);
  std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
  return "invalid JSON" + (column.empty() ? std::string() : " at " + column) + ": " + detail;
}

// Collects the problems of one feature under one `where`.
class FeatureErrors {
 public:
  FeatureErrors(Diagnostics& sink, const std::string& file, std::string where)
      : sink_(sink), file_(file), where_(std::move(where)) {}
  void operator()(std::string message) {
    sink_.error(file_, where_, std::move(message));
    ++count_;
  }
  int count() const { return count_; }

 private:
  Diagnostics& sink_;
  const std::string& file_;
  std::string where_;
  int count_ = 0;
};

// A required non-empty string member; reports and returns empty otherwise.
std::string take_string(json& obj, const char* key, const std::string& label, FeatureErrors& err) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    err("missing or empty " + label);
    return {};
  }
  return std::move(it->get_ref<std::string&>());
}

std::string take_optional_string(json& obj, const char* key, const std::string& label, FeatureErrors& err) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (!it->is_string()) {
    err(label + " must be a string");
    return {};
  }
  return std::move(it->get_ref<std::string&>());
}

std::vector<std::string> take_string_array(json& obj, const char* key, const std::string& label, bool required,
                                           FeatureErrors& err) {
  std::vector<std::string> out;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) err("missing " + label);
    return out;
  }
  if (!it->is_array()) {
    err(label + " must be an array of strings");
    return out;
  }
  out.reserve(it->size());
  for (auto& v : *it) {
    if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
      err(label + " must be an array of non-empty strings");
      return {};
    }
    out.push_back(std::move(v.get_ref<std::string&>()));
  }
  return out;
}

bool read_position(const json& j, LonLat& out, FeatureErrors& err) {
  if (!j.is_array() || j.size() < 2 || !j[0].is_number() || !j[1].is_number()) {
    err("geometry: a position must be [longitude, latitude]");
    return false;
  }
  out.lon = j[0].get<double>();
  out.lat = j[1].get<double>();
  bool ok = true;
  if (!std::isfinite(out.lon) || out.lon < -180.0 || out.lon > 180.0) {
    std::ostringstream s;
    s << "geometry: longitude " << out.lon << " out of range [-180, 180]";
    err(s.str());
    ok = false;
  }
  if (!std::isfinite(out.lat) || out.lat < -90.0 || out.lat > 90.0) {
    std::ostringstream s;
    s << "geometry: latitude " << out.lat << " out of range [-90, 90]";
    err(s.str());
    ok = false;
  }
  return ok;
}

bool read_line(const json& j, std::vector<LonLat>& out, std::size_t min_positions, FeatureErrors& err) {
  if (!j.is_array()) {
    err("geometry: coordinates must be an array of positions");
    return false;
  }
  out.clear();
  out.reserve(j.size());
  bool ok = true;
  for (const auto& p : j) {
    LonLat ll;
    if (!read_position(p, ll, err)) {
      ok = false;
      break;
    }
    out.push_back(ll);
  }
  if (ok && out.size() < min_positions) {
    err("geometry: needs at least " + std::to_string(min_positions) + " positions, has " +
        std::to_string(out.size()));
    ok = false;
  }
  return ok;
}

bool read_polygon(const json& j, std::vector<std::vector<LonLat>>& rings, FeatureErrors& err) {
  if (!j.is_array() || j.empty()) {
    err("geometry: a polygon must be a non-empty array of rings");
    return false;
  }
  for (const auto& r : j) {
    std::vector<LonLat> ring;
    if (!read_line(r, ring, 4, err)) return false;
    if (ring.front().lon != ring.back().lon || ring.front().lat != ring.back().lat) {
      err("geometry: polygon ring is not closed (first and last positions differ)");
      return false;
    }
    rings.push_back(std::move(ring));
  }
  return true;
}

bool read_geometry(const json& g, Geometry& out, FeatureErrors& err) {
  if (!g.is_object()) {
    err("geometry must be an object or null");
    return false;
  }
  auto type_it = g.find("type");
  auto coords_it = g.find("coordinates");
  if (type_it == g.end() || !type_it->is_string()) {
    err("geometry: missing type");
    return false;
  }
  if (coords_it == g.end()) {
    err("geometry: missing coordinates");
    return false;
  }
  const std::string& type = type_it->get_ref<const std::string&>();
  const json& c = *coords_it;
  out.parts.clear();
  if (type == "Point") {
    LonLat p;
    if (!read_position(c, p, err)) return false;
    out.type = GeometryType::Point;
    out.parts = {{{p}}};
    return true;
  }
  if (type == "LineString") {
    std::vector<LonLat> line;
    if (!read_line(c, line, 2, err)) return false;
    out.type = GeometryType::LineString;
    out.parts = {{std::move(line)}};
    return true;
  }
  if (type == "MultiLineString" || type == "Polygon") {
    if (!c.is_array() || c.empty()) {
      err("geometry: " + type + " coordinates must be a non-empty array");
      return false;
    }
    std::vector<std::vector<LonLat>> lines;
    if (type == "Polygon") {
      if (!read_polygon(c, lines, err)) return false;
    } else {
      for (const auto& l : c) {
        std::vector<LonLat> line;
        if (!read_line(l, line, 2, err)) return false;
        lines.push_back(std::move(line));
      }
    }
    out.type = type == "Polygon" ? GeometryType::Polygon : GeometryType::MultiLineString;
    out.parts = {std::move(lines)};
    return true;
  }
  if (type == "MultiPolygon") {
    if (!c.is_array() || c.empty()) {
      err("geometry: MultiPolygon coordinates must be a non-empty array");
      return false;
    }
    for (const auto& p : c) {
      std::vector<std::vector<LonLat>> rings;
      if (!read_polygon(p, rings, err)) return false;
      out.parts.push_back(std::move(rings));
    }
    out.type = GeometryType::MultiPolygon;
    return true;
  }
  err("geometry: unsupported type " + quoted(type) +
      " (use Point, LineString, MultiLineString, Polygon or MultiPolygon)");
  return false;
}

// Validates feature `index` and fills `out`; returns false (having reported
// every problem found) when the feature must be left out.
bool read_feature(json& f, std::size_t index, const std::string& file, Diagnostics& diags, Place& out,
                  std::string& id_seen) {
  std::string where = "feature " + std::to_string(index);
  id_seen.clear();
  if (!f.is_object()) {
    diags.error(file, where, "feature is not a JSON object");
    return false;
  }
  auto props_it = f.find("properties");
  // The id is needed for `where` before anything else is checked.
  if (auto top = f.find("id"); top != f.end() && top->is_string()) id_seen = top->get<std::string>();
  else if (props_it != f.end() && props_it->is_object())
    if (auto pid = props_it->find("id"); pid != props_it->end() && pid->is_string()) id_seen = pid->get<std::string>();
  if (!id_seen.empty()) where += " (" + id_seen + ")";
  FeatureErrors err(diags, file, where);

  if (auto t = f.find("type"); t == f.end() || *t != "Feature") err("type must be \"Feature\"");
  if (props_it == f.end() || !props_it->is_object()) {
    err("missing properties object");
    return false;
  }
  json& p = *props_it;

  // Identity.
  auto top_id = f.find("id");
  auto prop_id = p.find("id");
  if (top_id == f.end() || !top_id->is_string()) err("missing top-level \"id\" (a string)");
  if (prop_id == p.end() || !prop_id->is_string()) err("missing properties.id (a string)");
  if (top_id != f.end() && prop_id != p.end() && top_id->is_string() && prop_id->is_string() &&
      *top_id != *prop_id)
    err("top-level id " + quoted(top_id->get<std::string>()) + " differs from properties.id " +
        quoted(prop_id->get<std::string>()));
  if (!id_seen.empty() && !is_slug(id_seen))
    err("id " + quoted(id_seen) + " must be a lowercase slug (a-z, 0-9, _)");
  out.id = id_seen;

  // Names.
  out.name = take_string(p, "name", "name", err);
  auto names_it = p.find("names");
  if (names_it == p.end() || !names_it->is_object()) {
    err("missing names object");
  } else {
    json& n = *names_it;
    out.names.as_written = take_string_array(n, "as_written", "names.as_written", true, err);
    out.names.simplified = take_string(n, "simplified", "names.simplified", err);
    out.names.traditional = take_string(n, "traditional", "names.traditional", err);
    out.names.pinyin = take_string(n, "pinyin", "names.pinyin", err);
    out.names.pinyin_plain = take_string(n, "pinyin_plain", "names.pinyin_plain", err);
    out.names.english = take_string(n, "english", "names.english", err);
    if (!out.name.empty() && names_it->contains("as_written") &&
        std::find(out.names.as_written.begin(), out.names.as_written.end(), out.name) ==
            out.names.as_written.end())
      err("name " + quoted(out.name) + " is not among names.as_written");
  }
  out.aliases = take_string_array(p, "aliases", "aliases", false, err);

  // Classification.
  auto enum_field = [&](const char* key, auto& table, auto& target) {
    auto it = p.find(key);
    if (it == p.end() || !it->is_string()) {
      err(std::string("missing ") + key + " (one of " + joined_names(table) + ")");
      return;
    }
    if (auto v = value_of(table, it->get_ref<const std::string&>())) target = *v;
    else err(std::string(key) + " " + quoted(it->get_ref<const std::string&>()) + " is not one of " +
             joined_names(table));
  };
  enum_field("kind", kKinds, out.kind);
  enum_field("polity_1224", kPolities, out.polity_1224);
  enum_field("confidence", kConfidences, out.confidence);

  out.modern_location = take_string(p, "modern_location", "modern_location", err);
  if (auto u = p.find("uncertainty_km");
      u == p.end() || !u->is_number() || !std::isfinite(u->get<double>()) || u->get<double>() <= 0.0) {
    std::string got = u == p.end() ? "missing" : u->dump();
    err("uncertainty_km must be a positive number of kilometres (got " + got + ")");
  } else {
    out.uncertainty_km = u->get<double>();
  }

  // Sources.
  if (auto s = p.find("sources"); s == p.end() || !s->is_array() || s->empty()) {
    err("sources must be a non-empty array of {work, record, note}");
  } else {
    std::size_t k = 0;
    for (auto& src : *s) {
      const std::string label = "sources[" + std::to_string(k++) + "]";
      if (!src.is_object()) {
        err(label + " must be an object");
        continue;
      }
      SourceRef ref;
      ref.work = take_string(src, "work", label + ".work", err);
      ref.record = take_optional_string(src, "record", label + ".record", err);
      ref.note = take_optional_string(src, "note", label + ".note", err);
      out.sources.push_back(std::move(ref));
    }
  }
  out.note = take_optional_string(p, "note", "note", err);
  out.part_of = take_optional_string(p, "part_of", "part_of", err);
  if (!out.part_of.empty() && out.part_of == out.id) err("part_of refers to the place itself");

  if (auto w = p.find("when"); w != p.end() && !w->is_null()) {
    auto start = w->is_object() ? w->find("start") : w->end();
    auto end = w->is_object() ? w->find("end") : w->end();
    if (!w->is_object() || start == w->end() || end == w->end() || !start->is_number_integer() ||
        !end->is_number_integer() || start->get<int>() > end->get<int>()) {
      err("when must be {\"start\": year, \"end\": year} with start <= end");
    } else {
      out.when_start = start->get<int>();
      out.when_end = end->get<int>();
    }
  }

  // Location: `located` and `geometry` must agree.
  auto located_it = p.find("located");
  if (located_it == p.end() || !located_it->is_boolean()) {
    err("located must be true or false");
  } else {
    out.located = located_it->get<bool>();
  }
  auto geom_it = f.find("geometry");
  const bool has_geometry = geom_it != f.end() && !geom_it->is_null();
  if (geom_it == f.end()) err("missing geometry member (use null for an unlocated place)");
  if (located_it != p.end() && located_it->is_boolean()) {
    if (out.located && !has_geometry) err("located is true but geometry is null");
    if (!out.located && has_geometry) err("located is false but the feature has a geometry");
    if (!out.located && out.note.empty()) err("unlocated place needs a note saying why it cannot be located");
  }
  if (has_geometry && read_geometry(*geom_it, out.geometry, err)) out.anchor = out.geometry.anchor();

  return err.count() == 0;
}

}  // namespace

std::string_view to_string(PlaceKind kind) { return name_of(kKinds, kind); }
std::string_view to_string(Polity polity) { return name_of(kPolities, polity); }
std::string_view to_string(Confidence confidence) { return name_of(kConfidences, confidence); }
std::optional<PlaceKind> parse_place_kind(std::string_view text) { return value_of(kKinds, text); }
std::optional<Polity> parse_polity(std::string_view text) { return value_of(kPolities, text); }
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

Gazetteer::Gazetteer() = default;
Gazetteer::~Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;

Gazetteer Gazetteer::load(const std::filesystem::path& path, Diagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path.string(), "", "cannot open gazetteer file");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw DataError(path.string(), "", "error reading gazetteer file");
  return parse(text, path.string(), diagnostics);
}

Gazetteer Gazetteer::parse(std::string_view text, const std::string& display_path, Diagnostics& diagnostics) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    throw DataError(display_path, std::to_string(line_of_offset(text, e.byte)), parse_error_message(e));
  }
  if (!doc.is_object() || doc.value("type", json()) != "FeatureCollection")
    throw DataError(display_path, "", "not a GeoJSON FeatureCollection (top-level \"type\" must be \"FeatureCollection\")");
  auto features = doc.find("features");
  if (features == doc.end() || !features->is_array())
    throw DataError(display_path, "", "FeatureCollection has no \"features\" array");

  Gazetteer g;
  g.places_.reserve(features->size());
  // Every id that appears, valid feature or not, so that a duplicate or a
  // part_of reference is judged against the file as written.
  std::unordered_map<std::string, std::size_t> first_index;
  first_index.reserve(features->size());
  std::string id;
  for (std::size_t i = 0; i < features->size(); ++i) {
    Place place;
    bool ok = read_feature((*features)[i], i, display_path, diagnostics, place, id);
    if (!id.empty()) {
      auto [it, inserted] = first_index.emplace(id, i);
      if (!inserted) {
        diagnostics.error(display_path, "feature " + std::to_string(i) + " (" + id + ")",
                          "duplicate id " + quoted(id) + " (first used by feature " + std::to_string(it->second) + ")");
        ok = false;
      }
    }
    if (ok) g.places_.push_back(std::move(place));
  }
  // References are resolved once every id is known.
  std::vector<Place> kept;
  kept.reserve(g.places_.size());
  for (auto& place : g.places_) {
    if (!place.part_of.empty() && !first_index.count(place.part_of)) {
      diagnostics.error(display_path, "feature " + std::to_string(first_index[place.id]) + " (" + place.id + ")",
                        "part_of " + quoted(place.part_of) + " is not the id of any place");
      continue;
    }
    kept.push_back(std::move(place));
  }
  g.places_ = std::move(kept);
  g.build_index();
  return g;
}

}  // namespace annals
