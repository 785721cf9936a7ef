// The campaign gazetteer: every place the chronicle names, loaded from a
// GeoJSON FeatureCollection, validated, and indexed for search by any name
// form (characters, pinyin with or without tones, English) and for nearest-
// place queries.
//
// The file format (one Feature per place) is described in
// docs/gazetteer-sources.md; Gazetteer::load checks every rule and reports
// each violation as a Diagnostic `path:feature N (id): message`, so a data
// editor sees all problems at once. Features with errors are left out of the
// loaded gazetteer; a caller that must not run on partial data checks
// Diagnostics::has_errors().
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "annals/geo/diagnostic.h"
#include "annals/geo/lonlat.h"

namespace annals {

enum class PlaceKind {
  SuperiorPrefecture,
  Prefecture,
  City,
  County,
  Region,
  River,
  Mountain,
  Plain,
  Tomb,
  Ford
};
// Who held a place when the campaign begins: a side id of the campaign's
// campaign.json, or "none" or "unknown". The gazetteer checks only its form
// (lower-case ASCII); the campaign checks that it names one of its sides.
struct Polity {
  std::string id = "unknown";
  bool operator==(const Polity&) const = default;
};
enum class Confidence { High, Medium, Low };

std::string_view to_string(PlaceKind kind);
std::string_view to_string(const Polity& polity);
std::string_view to_string(Confidence confidence);
std::optional<PlaceKind> parse_place_kind(std::string_view text);
std::optional<Confidence> parse_confidence(std::string_view text);

// Lower is more important; search breaks score ties with it (a prefecture
// before a ford of the same name).
int importance(PlaceKind kind);

enum class GeometryType { None, Point, LineString, MultiLineString, Polygon, MultiPolygon };
std::string_view to_string(GeometryType type);

// GeoJSON geometry kept in one nested shape so that every type round-trips:
//   Point            parts[0][0][0]
//   LineString       parts[0][0]          (one line)
//   MultiLineString  parts[0][i]          (line i)
//   Polygon          parts[0][r]          (ring r; ring 0 is the exterior)
//   MultiPolygon     parts[p][r]
struct Geometry {
  GeometryType type = GeometryType::None;
  std::vector<std::vector<std::vector<LonLat>>> parts;

  bool empty() const { return type == GeometryType::None; }
  // One representative position: the point itself, the middle vertex of a
  // line, the vertex-mean of a polygon's exterior ring. Used for nearest()
  // and for the lon/lat columns of the CSV export.
  LonLat anchor() const;
};

struct PlaceNames {
  std::vector<std::string> as_written;  // every form the chronicle uses, simplified characters
  std::string simplified;
  std::string traditional;
  std::string pinyin;        // with tone marks: "Língzhōu"
  std::string pinyin_plain;  // "Qingdao"
  std::string english;
};

struct SourceRef {
  std::string work;
  std::string record;
  std::string note;
};

struct Place {
  std::string id;
  std::string name;  // the form as written in the text
  PlaceNames names;
  std::vector<std::string> aliases;
  PlaceKind kind = PlaceKind::Prefecture;
  Polity polity_1224;
  std::string modern_location;
  double uncertainty_km = 0.0;
  Confidence confidence = Confidence::Low;
  std::vector<SourceRef> sources;
  std::string note;
  bool located = false;
  std::string part_of;            // id of the enclosing place, or empty
  std::optional<int> when_start;  // years (CE) the name is attested for, when known
  std::optional<int> when_end;
  Geometry geometry;
  LonLat anchor;  // geometry.anchor(), cached; meaningless when !located
};

enum class MatchKind { Exact, Prefix, Fuzzy };
std::string_view to_string(MatchKind kind);

struct SearchResult {
  const Place* place = nullptr;
  double score = 0.0;        // 1 exact, 0.75 prefix, (0, 0.5) fuzzy by edit distance
  std::string matched_name;  // the name form (as stored) that matched
  MatchKind match_kind = MatchKind::Exact;
  int distance = 0;  // edit distance of a fuzzy match, 0 otherwise
};

struct NearestResult {
  const Place* place = nullptr;
  double distance_km = 0.0;  // great circle, to the place's anchor
};

// Folds a name or a query for matching: lower case, tone marks and other
// Latin diacritics removed, full-width ASCII made narrow, and spaces, hyphens,
// apostrophes and punctuation dropped. CJK characters are kept as they are
// (traditional and simplified forms are both indexed, so no conversion is
// needed). "Qīng dǎo", "qing-dao" and "QINGDAO" all fold to "qingdao".
std::string fold_name(std::string_view text);

class Gazetteer {
 public:
  Gazetteer();
  ~Gazetteer();
  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

  // Reads and validates a gazetteer GeoJSON file. Throws DataError when the
  // file cannot be read, is not JSON (the diagnostic gives the line), or is
  // not a FeatureCollection; every other problem is added to `diagnostics`
  // and the offending feature is skipped.
  static Gazetteer load(const std::filesystem::path& path, Diagnostics& diagnostics);
  // The same from text in memory; `display_path` is what diagnostics name.
  static Gazetteer parse(std::string_view text, const std::string& display_path, Diagnostics& diagnostics);

  const Place* find_by_id(std::string_view id) const;
  std::vector<std::string> ids() const;  // in file order
  const std::vector<Place>& places() const { return places_; }
  std::size_t size() const { return places_.size(); }

  // Best match per place, ranked exact > prefix > fuzzy, then (fuzzy) by edit
  // distance, then by importance(kind), then by id. An empty query finds
  // nothing.
  std::vector<SearchResult> search(std::string_view query, std::size_t limit = 10) const;

  // The k located places whose anchors are nearest to (lon, lat).
  std::vector<NearestResult> nearest(double lon, double lat, std::size_t k) const;

 private:
  struct Index;
  void build_index();

  std::vector<Place> places_;
  std::unique_ptr<Index> index_;
};

// Great-circle distance on a sphere of the mean Earth radius (6371.0088 km).
double great_circle_km(LonLat a, LonLat b);

// Exports. Each returns the whole document as UTF-8 text.
// GeoJSON: a FeatureCollection with the same properties the loader reads.
std::string to_geojson(const Gazetteer& gazetteer);
// CSV (RFC 4180, header row): one row per place; lon/lat is the anchor, empty
// for unlocated places.
std::string to_csv(const Gazetteer& gazetteer);
// Linked Places Format (World Historical Gazetteer interchange, GeoJSON-LD).
// Each feature's "@id" is uri_base + place id.
// `chronicle_work` is the campaign's text (campaign.json's source.work): a
// name written in it cites the source whose work contains it; otherwise the
// place's first source.
std::string to_linked_places(const Gazetteer& gazetteer, std::string_view uri_base,
                             std::string_view chronicle_work = {});

}  // namespace annals
