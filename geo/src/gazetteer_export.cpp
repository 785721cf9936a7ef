// Gazetteer exports: GeoJSON (round-trips through Gazetteer::load), CSV, and
// the Linked Places Format of the World Historical Gazetteer.
#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <string>

#include "annals/geo/gazetteer.h"

namespace annals {

namespace {

// ordered_json keeps keys in the order written, so exports diff cleanly and
// read like the source file.
using ojson = nlohmann::ordered_json;

ojson position(LonLat p) { return ojson::array({p.lon, p.lat}); }

ojson line(const std::vector<LonLat>& positions) {
  ojson out = ojson::array();
  for (const auto& p : positions) out.push_back(position(p));
  return out;
}

ojson lines(const std::vector<std::vector<LonLat>>& parts) {
  ojson out = ojson::array();
  for (const auto& l : parts) out.push_back(line(l));
  return out;
}

ojson geometry_json(const Geometry& g) {
  if (g.empty() || g.parts.empty()) return nullptr;
  ojson out;
  out["type"] = std::string(to_string(g.type));
  switch (g.type) {
    case GeometryType::Point:
      out["coordinates"] = position(g.parts[0][0][0]);
      break;
    case GeometryType::LineString:
      out["coordinates"] = line(g.parts[0][0]);
      break;
    case GeometryType::MultiLineString:
    case GeometryType::Polygon:
      out["coordinates"] = lines(g.parts[0]);
      break;
    case GeometryType::MultiPolygon: {
      ojson polys = ojson::array();
      for (const auto& p : g.parts) polys.push_back(lines(p));
      out["coordinates"] = std::move(polys);
      break;
    }
    case GeometryType::None:
      return nullptr;
  }
  return out;
}

ojson sources_json(const Place& p) {
  ojson out = ojson::array();
  for (const auto& s : p.sources) out.push_back({{"work", s.work}, {"record", s.record}, {"note", s.note}});
  return out;
}

std::string number(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// The chronicle itself, when the place cites it; otherwise the first source.
const SourceRef* text_source(const Place& p, std::string_view chronicle_work) {
  for (const auto& s : p.sources)
    if (!chronicle_work.empty() && s.work.find(chronicle_work) != std::string::npos) return &s;
  return p.sources.empty() ? nullptr : &p.sources.front();
}

ojson citation(const SourceRef* s) {
  if (!s) return ojson::array();
  ojson c = {{"label", s->work + (s->record.empty() ? "" : ", " + s->record)}};
  return ojson::array({c});
}

struct LpfType {
  const char* aat;  // Getty AAT identifier, or nullptr where no exact concept is known
  const char* label;
  const char* source_label;
  std::vector<const char*> fclasses;  // GeoNames feature classes WHG uses
};

LpfType lpf_type(PlaceKind kind) {
  switch (kind) {
    case PlaceKind::SuperiorPrefecture:
      return {"aat:300008347", "superior prefecture (fu)", "府", {"A", "P"}};
    case PlaceKind::Prefecture:
      return {"aat:300008347", "prefecture (zhou)", "州", {"A", "P"}};
    case PlaceKind::County:
      return {"aat:300008347", "county (xian)", "县", {"A", "P"}};
    case PlaceKind::City:
      return {"aat:300008347", "walled city", "城", {"P"}};
    case PlaceKind::River:
      return {"aat:300008707", "river", "河", {"H"}};
    case PlaceKind::Mountain:
      return {"aat:300008795", "mountain", "山", {"T"}};
    case PlaceKind::Region:
      return {"aat:300182722", "region", "", {"L"}};
    case PlaceKind::Plain:
      return {nullptr, "plain", "川", {"L"}};
    case PlaceKind::Tomb:
      return {nullptr, "imperial tomb", "陵", {"S"}};
    case PlaceKind::Ford:
      return {nullptr, "ford, river crossing", "渡", {"H"}};
  }
  return {nullptr, "place", "", {"L"}};
}

const char* certainty(Confidence c) {
  switch (c) {
    case Confidence::High:
      return "certain";
    case Confidence::Medium:
      return "less-certain";
    case Confidence::Low:
      return "uncertain";
  }
  return "uncertain";
}

}  // namespace

std::string to_geojson(const Gazetteer& gazetteer) {
  ojson features = ojson::array();
  for (const Place& p : gazetteer.places()) {
    ojson props;
    props["id"] = p.id;
    props["name"] = p.name;
    props["names"] = {{"as_written", p.names.as_written},     {"simplified", p.names.simplified},
                      {"traditional", p.names.traditional},   {"pinyin", p.names.pinyin},
                      {"pinyin_plain", p.names.pinyin_plain}, {"english", p.names.english}};
    props["aliases"] = p.aliases;
    props["kind"] = std::string(to_string(p.kind));
    props["polity_1224"] = std::string(to_string(p.polity_1224));
    props["modern_location"] = p.modern_location;
    props["uncertainty_km"] = p.uncertainty_km;
    props["confidence"] = std::string(to_string(p.confidence));
    props["sources"] = sources_json(p);
    props["note"] = p.note;
    props["located"] = p.located;
    if (!p.part_of.empty()) props["part_of"] = p.part_of;
    if (p.when_start && p.when_end) props["when"] = {{"start", *p.when_start}, {"end", *p.when_end}};
    features.push_back({{"type", "Feature"},
                        {"id", p.id},
                        {"properties", std::move(props)},
                        {"geometry", geometry_json(p.geometry)}});
  }
  ojson doc = {{"type", "FeatureCollection"}, {"features", std::move(features)}};
  return doc.dump(2) + "\n";
}

std::string to_csv(const Gazetteer& gazetteer) {
  std::string out =
      "id,name,kind,polity_1224,located,geometry_type,lon,lat,uncertainty_km,confidence,simplified,"
      "traditional,"
      "pinyin,pinyin_plain,english,as_written,aliases,part_of,modern_location,sources,note\r\n";
  for (const Place& p : gazetteer.places()) {
    std::vector<std::string> sources;
    for (const auto& s : p.sources) sources.push_back(s.record.empty() ? s.work : s.work + ": " + s.record);
    const std::string fields[] = {
        p.id,
        p.name,
        std::string(to_string(p.kind)),
        std::string(to_string(p.polity_1224)),
        p.located ? "true" : "false",
        p.located ? std::string(to_string(p.geometry.type)) : "",
        p.located ? number(p.anchor.lon) : "",
        p.located ? number(p.anchor.lat) : "",
        number(p.uncertainty_km),
        std::string(to_string(p.confidence)),
        p.names.simplified,
        p.names.traditional,
        p.names.pinyin,
        p.names.pinyin_plain,
        p.names.english,
        joined(p.names.as_written, "|"),
        joined(p.aliases, "|"),
        p.part_of,
        p.modern_location,
        joined(sources, " | "),
        p.note,
    };
    bool first = true;
    for (const auto& f : fields) {
      if (!first) out += ',';
      first = false;
      out += csv_field(f);
    }
    out += "\r\n";  // RFC 4180 line ends
  }
  return out;
}

std::string to_linked_places(const Gazetteer& gazetteer, std::string_view uri_base,
                             std::string_view chronicle_work) {
  ojson features = ojson::array();
  for (const Place& p : gazetteer.places()) {
    const SourceRef* text = text_source(p, chronicle_work);
    const SourceRef* first = p.sources.empty() ? nullptr : &p.sources.front();
    ojson names = ojson::array();
    std::vector<std::string> done;
    auto add_name = [&](const std::string& toponym, const char* lang, const SourceRef* src) {
      if (toponym.empty() || std::find(done.begin(), done.end(), toponym) != done.end()) return;
      done.push_back(toponym);
      names.push_back({{"toponym", toponym}, {"lang", lang}, {"citations", citation(src)}});
    };
    for (const auto& n : p.names.as_written) add_name(n, "zh-Hans", text);
    add_name(p.names.simplified, "zh-Hans", first);
    add_name(p.names.traditional, "zh-Hant", first);
    add_name(p.names.pinyin, "zh-Latn-pinyin", first);
    add_name(p.names.english, "en", first);
    for (const auto& a : p.aliases) add_name(a, is_ascii(a) ? "en" : "zh", first);

    const LpfType t = lpf_type(p.kind);
    ojson type = ojson::object();
    if (t.aat) type["identifier"] = t.aat;
    type["label"] = t.label;
    if (*t.source_label) type["sourceLabels"] = ojson::array({{{"label", t.source_label}, {"lang", "zh"}}});

    ojson geometry = nullptr;
    if (p.located) {
      ojson g = geometry_json(p.geometry);
      g["certainty"] = certainty(p.confidence);
      geometry = {{"type", "GeometryCollection"}, {"geometries", ojson::array({std::move(g)})}};
    }

    ojson feature;
    feature["@id"] = std::string(uri_base) + p.id;
    feature["type"] = "Feature";
    feature["properties"] = {{"title", p.name}, {"fclasses", t.fclasses}};
    if (p.when_start && p.when_end)
      feature["when"] = {{"timespans", ojson::array({{{"start", {{"in", std::to_string(*p.when_start)}}},
                                                      {"end", {{"in", std::to_string(*p.when_end)}}}}})}};
    feature["names"] = std::move(names);
    feature["types"] = ojson::array({std::move(type)});
    feature["geometry"] = std::move(geometry);
    feature["links"] = ojson::array();
    ojson descriptions = ojson::array();
    if (!p.note.empty()) descriptions.push_back({{"value", p.note}, {"lang", "en"}});
    if (!p.modern_location.empty())
      descriptions.push_back({{"value", "Modern location: " + p.modern_location}, {"lang", "en"}});
    feature["descriptions"] = std::move(descriptions);
    features.push_back(std::move(feature));
  }
  ojson doc;
  doc["type"] = "FeatureCollection";
  doc["@context"] =
      "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld";
  doc["features"] = std::move(features);
  return doc.dump(2) + "\n";
}

}  // namespace annals
