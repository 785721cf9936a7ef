// movements.geojson and realm.geojson: reading and checking the two
// hand-made data files behind the animated campaign (docs/data-format.md).
//
// Both are GeoJSON FeatureCollections; a problem is reported at the feature
// ("feature N", counted from 0 like the gazetteer's diagnostics) because
// that is what a person finds in a GIS or an editor's outline, and the first
// problem stops the load: the model must not run on half a file.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>

#include "annals/geo/diagnostic.h"
#include "annals/geo/gazetteer.h"
#include "annals/model/calendar.h"
#include "annals/model/campaign_state.h"
#include "annals/model/chronicle.h"
#include "annals/model/era_date.h"
#include "json_document.h"

namespace annals {

namespace {

using nlohmann::json;

const json& features_of(const json& j, const std::string& path) {
  // Comparisons, not json::value("type", ""), which throws nlohmann's
  // type_error when "type" is not a string.
  if (!j.is_object() || !j.contains("type") || j["type"] != "FeatureCollection")
    throw DataError(path, "1", "expected a GeoJSON FeatureCollection");
  if (!j.contains("features") || !j["features"].is_array())
    throw DataError(path, "1", "expected \"features\" to be an array");
  return j["features"];
}

// Reports problems of one feature.
class FeatureErrors {
 public:
  FeatureErrors(const std::string& path, std::size_t index)
      : path_(path), where_("feature " + std::to_string(index)) {}
  [[noreturn]] void fail(const std::string& message) const { throw DataError(path_, where_, message); }

  const json& properties(const json& f) const {
    if (!f.is_object() || !f.contains("type") || f["type"] != "Feature") fail("expected a GeoJSON Feature");
    if (!f.contains("properties") || !f["properties"].is_object()) fail("expected a \"properties\" object");
    return f["properties"];
  }
  std::string string(const json& props, const char* key, bool required) const {
    if (!props.contains(key) || props[key].is_null()) {
      if (required) fail(std::string("missing \"") + key + "\"");
      return {};
    }
    if (!props[key].is_string()) fail(std::string("\"") + key + "\" must be a string");
    return props[key].get<std::string>();
  }
  LonLat position(const json& p) const {
    if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
      fail("expected a position [longitude, latitude]");
    const LonLat ll{p[0].get<double>(), p[1].get<double>()};
    if (!(ll.lon >= -180 && ll.lon <= 180 && ll.lat >= -90 && ll.lat <= 90))
      fail("coordinate outside longitude/latitude range; expected WGS84 degrees");
    return ll;
  }
  const json& geometry(const json& f, const char* what) const {
    if (!f.contains("geometry") || !f["geometry"].is_object())
      fail(std::string("expected a ") + what + " geometry");
    const json& g = f["geometry"];
    if (!g.contains("coordinates") || !g["coordinates"].is_array())
      fail(std::string("expected a ") + what + " geometry with \"coordinates\"");
    return g;
  }

 private:
  const std::string& path_;
  std::string where_;
};

bool is_slug(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// "宝庆二年二月" → the month's index on the timeline. Only a whole month with
// its era and year is accepted: a move is timed by months, and a bare month
// would silently borrow a year.
int month_of(const std::string& text, const CampaignTimeline& timeline, const FeatureErrors& err) {
  if (!timeline.calendar()) err.fail("no calendar to resolve \"month\"");
  EraDate d;
  LunarMonth lm;
  try {
    d = parse_era_date(text);
    if (d.era.empty() || d.era_year == 0 || d.month == 0)
      err.fail("\"month\" must name an era, a year and a month, e.g. 宝庆二年二月; got \"" + text + "\"");
    if (d.day || d.sexagenary)
      err.fail("\"month\" must be a whole month, without a day; got \"" + text + "\"");
    lm = timeline.calendar()->resolve_month(d, timeline.reckoning());
  } catch (const CalendarError& e) {
    err.fail("\"month\": " + std::string(e.what()));
  }
  const int index = timeline.month_containing(lm.first_jdn);
  if (index < 0)
    err.fail("\"month\" " + text + " is outside the campaign's timeline (" + timeline.label_chinese(0) +
             " to " + timeline.label_chinese(timeline.month_count() - 1) + ")");
  return index;
}

// Calls `each(err, feature, properties)` for every feature of the
// FeatureCollection in `text`, where `err` names the file and the feature.
template <typename Each>
void for_each_feature(std::string_view text, const std::string& path, Each each) {
  const json doc = detail::parse_json_document(text, path);
  const json& features = features_of(doc, path);
  for (std::size_t i = 0; i < features.size(); ++i) {
    const FeatureErrors err(path, i);
    const json& f = features[i];
    each(err, f, err.properties(f));
  }
}

}  // namespace

std::vector<ArmyMove> parse_movements(std::string_view text, const std::string& path,
                                      const CampaignTimeline& timeline, const Chronicle& chronicle) {
  std::vector<ArmyMove> out;
  std::set<std::string> ids;
  for_each_feature(text, path, [&](const FeatureErrors& err, const json& f, const json& p) {
    ArmyMove m;

    m.id = err.string(p, "id", true);
    if (!is_slug(m.id))
      err.fail("\"id\" must be lower-case ASCII letters, digits and _; got \"" + m.id + "\"");
    if (!ids.insert(m.id).second) err.fail("duplicate id \"" + m.id + "\"");

    m.entry_id = err.string(p, "entry", true);
    const auto entry = std::find_if(chronicle.entries.begin(), chronicle.entries.end(),
                                    [&](const Entry& e) { return e.id == m.entry_id; });
    if (entry == chronicle.entries.end())
      err.fail("\"entry\" " + m.entry_id + " is not an entry of the chronicle");

    m.actor = err.string(p, "actor", true);
    if (!chronicle.actor(m.actor)) err.fail("\"actor\" " + m.actor + " is not an actor of the chronicle");
    m.led_by = err.string(p, "led_by", false);
    if (!m.led_by.empty() && !chronicle.actor(m.led_by))
      err.fail("\"led_by\" " + m.led_by + " is not an actor of the chronicle");
    m.label = err.string(p, "label", false);
    m.note = err.string(p, "note", false);

    const std::string month = err.string(p, "month", true);
    const int first = month_of(month, timeline, err);
    int months = 1;
    if (p.contains("months")) {
      // As a 64-bit number: get<int>() would take 4294967297 for 1.
      if (!p["months"].is_number_integer() || p["months"].get<std::int64_t>() < 1)
        err.fail("\"months\" must be a whole number of months, 1 or more");
      // Compared before adding, so that first + months cannot overflow.
      if (p["months"].get<std::int64_t>() > timeline.month_count() - first)
        err.fail("the move runs past the end of the timeline (" + month + " plus " + p["months"].dump() +
                 " months)");
      months = static_cast<int>(p["months"].get<std::int64_t>());
    }
    if (first + months > timeline.month_count())
      err.fail("the move runs past the end of the timeline (" + month + " plus " + std::to_string(months) +
               " months)");
    m.start_t = first;
    m.end_t = first + months;
    // A move illustrates its entry: the entry's month must be one the move
    // spans, or the one it leads into.
    const int entry_month = static_cast<int>(std::floor(timeline.time_of_jdn(entry->date.first_jdn)));
    if (entry_month < first || entry_month > first + months)
      err.fail("the move (" + month + ", " + std::to_string(months) +
               " month(s)) does not reach the month of " + m.entry_id + " (" +
               timeline.label_chinese(entry_month) + ")");

    if (!p.contains("basis") || !p["basis"].is_array() || p["basis"].empty())
      err.fail("\"basis\" must be a non-empty array of source line numbers");
    for (const json& line : p["basis"]) {
      if (!line.is_number_integer() || line.get<std::int64_t>() < 1 ||
          line.get<std::int64_t>() > chronicle.source_lines)
        err.fail("\"basis\" must hold line numbers of the source text (1 to " +
                 std::to_string(chronicle.source_lines) + ")");
      m.basis.push_back(line.get<int>());
    }

    const json& g = err.geometry(f, "LineString");
    if (!g.contains("type") || g["type"] != "LineString") err.fail("expected a LineString geometry");
    for (const json& pos : g["coordinates"]) m.path.push_back(err.position(pos));
    if (m.path.size() < 2) err.fail("a route needs at least two positions");

    if (!p.contains("inferred_legs") || !p["inferred_legs"].is_array())
      err.fail("\"inferred_legs\" must be an array of booleans, one per leg");
    const json& legs = p["inferred_legs"];
    if (legs.size() != m.path.size() - 1)
      err.fail("\"inferred_legs\" has " + std::to_string(legs.size()) + " values but the route has " +
               std::to_string(m.path.size() - 1) + " legs");
    for (const json& leg : legs) {
      if (!leg.is_boolean()) err.fail("\"inferred_legs\" must hold only true or false");
      m.inferred.push_back(leg.get<bool>());
    }
    out.push_back(std::move(m));
  });
  return out;
}

std::vector<RealmCell> parse_realm(std::string_view text, const std::string& path, const Gazetteer& gazetteer,
                                   const CampaignVocabulary& vocabulary) {
  std::vector<RealmCell> out;
  std::set<std::string> ids;
  for_each_feature(text, path, [&](const FeatureErrors& err, const json& f, const json& p) {
    RealmCell c;

    c.id = err.string(p, "id", true);
    const Place* seat = gazetteer.find_by_id(c.id);
    if (!seat) err.fail("\"id\" " + c.id + " is not a place of the gazetteer");
    if (!ids.insert(c.id).second) err.fail("duplicate id \"" + c.id + "\"");
    // A cell is the area a seat governed for its side when the campaign
    // begins; a cell of another side is a mistake.
    const std::string side = p.contains("side") ? err.string(p, "side", true) : seat->polity_1224.id;
    c.side = vocabulary.side_index(side);
    if (c.side < 0) err.fail("\"side\" " + side + " is not a side of the campaign (" + vocabulary.file + ")");
    if (side != seat->polity_1224.id)
      err.fail("the cell is " + side + "'s but its seat " + c.id + " was " + seat->polity_1224.id +
               "'s (the gazetteer's polity_1224)");
    c.seat = err.string(p, "seat", true);
    if (c.seat != seat->name)
      err.fail("\"seat\" " + c.seat + " differs from the gazetteer's name " + seat->name);
    c.note = err.string(p, "note", false);
    if (p.contains("falls_with")) {
      if (!p["falls_with"].is_array()) err.fail("\"falls_with\" must be an array of place ids");
      for (const json& id : p["falls_with"]) {
        if (!id.is_string() || !gazetteer.find_by_id(id.get<std::string>()))
          err.fail("\"falls_with\" must hold place ids of the gazetteer");
        c.falls_with.push_back(id.get<std::string>());
      }
    }

    const json& g = err.geometry(f, "Polygon or MultiPolygon");
    const std::string type = g.contains("type") && g["type"].is_string() ? g["type"].get<std::string>() : "";
    std::vector<const json*> polygons;
    if (type == "Polygon") {
      polygons.push_back(&g["coordinates"]);
    } else if (type == "MultiPolygon") {
      for (const json& poly : g["coordinates"]) polygons.push_back(&poly);
    } else {
      err.fail("expected a Polygon or MultiPolygon geometry");
    }
    for (const json* poly : polygons) {
      if (!poly->is_array() || poly->empty()) err.fail("a polygon needs at least one ring");
      for (const json& ring : *poly) {
        if (!ring.is_array()) err.fail("a ring must be an array of positions");
        std::vector<LonLat> r;
        for (const json& pos : ring) r.push_back(err.position(pos));
        if (r.size() < 4) err.fail("a ring needs at least four positions");
        if (r.front().lon != r.back().lon || r.front().lat != r.back().lat)
          err.fail("a ring must be closed (its last position equal to its first)");
        c.rings.push_back(std::move(r));
      }
    }
    out.push_back(std::move(c));
  });
  return out;
}

}  // namespace annals
