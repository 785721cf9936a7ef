// The gazetteer library: loading and validation, search by every name form,
// ranking, nearest places, and plausibility of the shipped data.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "annals/geo/gazetteer.h"

namespace annals {
namespace {

const std::string kFixtures = std::string(ANNALS_TEST_FIXTURES_DIR) + "/gazetteer/";
const std::filesystem::path kShipped =
    std::filesystem::path(ANNALS_SOURCE_ROOT) / "data/campaigns/xixia-1224/gazetteer.geojson";

Gazetteer load_fixture(const std::string& name, Diagnostics& d) {
  return Gazetteer::load(kFixtures + name, d);
}

std::vector<std::string> result_ids(const std::vector<SearchResult>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(r.place->id);
  return out;
}

// ---- loading ------------------------------------------------------------

TEST(GazetteerLoad, ValidFixtureLoadsEveryPlaceInFileOrder) {
  Diagnostics d;
  Gazetteer g = load_fixture("valid.geojson", d);
  EXPECT_TRUE(d.empty()) << (d.empty() ? "" : d.items()[0].format());
  const std::vector<std::string> expected = {"lingzhou", "lingzhou_ford", "lingyan",
                                             "lingshan", "xiazhou",       "zhongxingfu",
                                             "huanghe",  "hexi",          "wunalacheng"};
  EXPECT_EQ(g.ids(), expected);
  const Place* p = g.find_by_id("lingzhou");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "灵州");
  EXPECT_EQ(p->names.traditional, "靈州");
  EXPECT_EQ(p->names.pinyin, "Língzhōu");
  EXPECT_EQ(p->kind, PlaceKind::Prefecture);
  EXPECT_EQ(p->polity_1224.id, "xia");
  EXPECT_EQ(p->confidence, Confidence::High);
  EXPECT_DOUBLE_EQ(p->uncertainty_km, 5.0);
  EXPECT_TRUE(p->located);
  EXPECT_EQ(p->geometry.type, GeometryType::Point);
  EXPECT_DOUBLE_EQ(p->anchor.lon, 106.175);
  EXPECT_DOUBLE_EQ(p->anchor.lat, 38.005);
  EXPECT_EQ(g.find_by_id("nowhere"), nullptr);
  EXPECT_EQ(g.find_by_id("Lingzhou"), nullptr) << "ids are exact, not folded";
}

TEST(GazetteerLoad, KeepsLinesPolygonsAndUnlocatedPlaces) {
  Diagnostics d;
  Gazetteer g = load_fixture("valid.geojson", d);
  const Place* river = g.find_by_id("huanghe");
  ASSERT_NE(river, nullptr);
  EXPECT_EQ(river->geometry.type, GeometryType::LineString);
  ASSERT_EQ(river->geometry.parts.at(0).at(0).size(), 4u);
  EXPECT_DOUBLE_EQ(river->anchor.lon, 106.3);  // the middle vertex
  const Place* region = g.find_by_id("hexi");
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region->geometry.type, GeometryType::Polygon);
  EXPECT_NEAR(region->anchor.lon, (94 + 103 + 104 + 95) / 4.0, 1e-9);  // exterior ring vertex mean
  EXPECT_NEAR(region->anchor.lat, (39.5 + 37 + 38 + 40.5) / 4.0, 1e-9);
  const Place* lost = g.find_by_id("wunalacheng");
  ASSERT_NE(lost, nullptr);
  EXPECT_FALSE(lost->located);
  EXPECT_TRUE(lost->geometry.empty());
  EXPECT_EQ(g.find_by_id("lingzhou_ford")->part_of, "huanghe");
}

TEST(GazetteerLoad, MalformedJsonIsADataErrorWithTheLine) {
  Diagnostics d;
  try {
    load_fixture("bad_json.geojson", d);
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    EXPECT_EQ(e.diagnostic().file, kFixtures + "bad_json.geojson");
    EXPECT_EQ(e.diagnostic().where, "7");  // the line after the missing comma
    EXPECT_NE(e.diagnostic().message.find("invalid JSON"), std::string::npos) << e.diagnostic().message;
  }
}

TEST(GazetteerLoad, NotAFeatureCollectionOrMissingFileIsADataError) {
  Diagnostics d;
  EXPECT_THROW(load_fixture("not_a_collection.geojson", d), DataError);
  try {
    load_fixture("no-such-file.geojson", d);
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    EXPECT_NE(e.diagnostic().message.find("cannot open"), std::string::npos);
  }
}

// The loader's JSON reader is hand-written (for speed), so each kind of
// malformed input is checked for being refused at the right line. (Text that
// is not UTF-8 has its own message: utf8_test.cpp.)
TEST(GazetteerLoad, EveryKindOfMalformedJsonIsRefusedAtItsLine) {
  struct Case {
    const char* text;
    const char* line;
    const char* says;
  };
  const Case cases[] = {
      {"", "1", "expected a value"},
      {"{\n\"type\": \"FeatureCollection\",\n\"features\": [\n", "4", "expected a value"},
      {"{\n\"type\": \"FeatureCollection\",\n\"features\": [1, 2,]}", "3", "expected a value"},
      {"{\n\"type\": \"FeatureCollection\",\n\"features\": []\n}\n\nx", "6", "end of the input"},
      {"{\n\"type\": \"Feature\nCollection\"}", "2", "control character U+000A"},
      {"{\n\"type\": \"FeatureCollection\",\n\"features\": [\"abc", "3", "missing closing quote"},
      {"{\n\n\"type\": \"\\q\"}", "3", "after backslash"},
      {"{\n\"type\": \"\\ud800x\"}", "2", "surrogate"},
      {"{\n\"type\": \"\\udc00\"}", "2", "surrogate"},
      {"{\n\"type\": \"\\u12g4\"}", "2", "4 hex digits"},
      {"{\n\"a\": 1e400}", "2", "number overflow"},
      {"{\n\"a\": 01}", "2", "expected ',' or '}'"},
      {"{\n\"a\": 1.}", "2", "expected a digit"},
      {"{\n\"a\": -}", "2", "expected a digit"},
      {"{\n\"a\": tru}", "2", "expected a value"},
      {"{\n\"a\" 1}", "2", "expected ':'"},
      {"{\n\"a\": 1,\n}", "3", "member name"},
      {"{\"a\": [1\n\n2]}", "3", "expected ',' or ']'"},
      {"{\"a\": 1} // comment", "1", "end of the input"},
  };
  for (const Case& c : cases) {
    Diagnostics d;
    try {
      Gazetteer::parse(c.text, "mem", d);
      ADD_FAILURE() << "accepted: " << c.text;
    } catch (const DataError& e) {
      EXPECT_EQ(e.diagnostic().where, c.line) << c.text;
      EXPECT_EQ(e.diagnostic().message.rfind("invalid JSON at column ", 0), 0u) << e.diagnostic().message;
      EXPECT_NE(e.diagnostic().message.find(c.says), std::string::npos) << c.text << "\n"
                                                                        << e.diagnostic().message;
    }
  }
}

// A one-place collection whose name and english form are `name_json` and
// `english_json` (JSON text, escapes and all).
std::string one_place(const std::string& name_json, const std::string& english_json) {
  return R"({"type":"FeatureCollection","features":[{"type":"Feature","id":"p","properties":{"id":"p","name":)" +
         name_json + R"(,"names":{"as_written":[)" + name_json + R"(],"simplified":)" + name_json +
         R"(,"traditional":"x","pinyin":"x","pinyin_plain":"x","english":)" + english_json +
         R"(},"kind":"city","polity_1224":"none","modern_location":"x","uncertainty_km":2.5e0,"confidence":"low",)"
         R"("sources":[{"work":"w","record":null}],"located":true,"when":{"start":-5,"end":1200}},)"
         R"("geometry":{"type":"Point","coordinates":[1e2,-0.5E1]}}]})";
}

TEST(GazetteerLoad, EscapesNumbersAndAByteOrderMarkAreRead) {
  Diagnostics d;
  const Gazetteer g = Gazetteer::parse(
      "\xEF\xBB\xBF" + one_place(R"("\u7075\u5DDE")", R"("Ling \"Zhou\" \\ \/ \ud83d\ude00\t")"), "mem", d);
  ASSERT_FALSE(d.has_errors()) << d.items()[0].format();
  ASSERT_EQ(g.size(), 1u);
  const Place& p = g.places()[0];
  EXPECT_EQ(p.name, "灵州");
  EXPECT_EQ(p.names.as_written, std::vector<std::string>{"灵州"});
  EXPECT_EQ(p.names.english, "Ling \"Zhou\" \\ / \xF0\x9F\x98\x80\t");
  EXPECT_DOUBLE_EQ(p.uncertainty_km, 2.5);
  EXPECT_EQ(p.when_start, -5);
  EXPECT_DOUBLE_EQ(p.anchor.lon, 100.0);
  EXPECT_DOUBLE_EQ(p.anchor.lat, -5.0);
  EXPECT_EQ(g.search("灵州", 1).at(0).place, &p);
}

TEST(GazetteerLoad, NumbersKeepTheirJsonType) {
  // "when" needs integers: 1200.0 is a number but not an integer.
  Diagnostics d;
  std::string text = one_place(R"("a")", R"("a")");
  text.replace(text.find("1200"), 4, "1200.0");
  const Gazetteer g = Gazetteer::parse(text, "mem", d);
  EXPECT_EQ(g.size(), 0u);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].format(),
            "mem:feature 0 (p): when must be {\"start\": year, \"end\": year} with start <= end");
}

// Every validation rule, each checked by its exact `path:where: message`.
class GazetteerValidation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    diags_ = new Diagnostics;
    gazetteer_ = new Gazetteer(Gazetteer::load(kFixtures + "invalid_features.geojson", *diags_));
  }
  static void TearDownTestSuite() {
    delete gazetteer_;
    delete diags_;
  }
  static ::testing::AssertionResult Reported(const std::string& where, const std::string& message) {
    const std::string want = kFixtures + "invalid_features.geojson:" + where + ": " + message;
    for (const auto& d : diags_->items())
      if (d.format() == want) return ::testing::AssertionSuccess();
    std::string all;
    for (const auto& d : diags_->items()) all += "\n  " + d.format();
    return ::testing::AssertionFailure() << "missing: " << want << "\nreported:" << all;
  }
  static Diagnostics* diags_;
  static Gazetteer* gazetteer_;
};
Diagnostics* GazetteerValidation::diags_ = nullptr;
Gazetteer* GazetteerValidation::gazetteer_ = nullptr;

TEST_F(GazetteerValidation, OnlyTheValidFeatureIsKept) {
  EXPECT_EQ(gazetteer_->ids(), std::vector<std::string>{"good"});
  EXPECT_TRUE(diags_->has_errors());
  for (const auto& d : diags_->items()) EXPECT_NE(d.where.find("feature "), std::string::npos) << d.format();
}

TEST_F(GazetteerValidation, DuplicateId) {
  EXPECT_TRUE(Reported("feature 1 (good)", "duplicate id \"good\" (first used by feature 0)"));
}

TEST_F(GazetteerValidation, CoordinatesOutOfRange) {
  EXPECT_TRUE(Reported("feature 2 (lat_bad)", "geometry: latitude 95 out of range [-90, 90]"));
  EXPECT_TRUE(Reported("feature 13 (lon_bad)", "geometry: longitude 200 out of range [-180, 180]"));
}

TEST_F(GazetteerValidation, RadiusMustBePositive) {
  EXPECT_TRUE(
      Reported("feature 3 (radius_zero)", "uncertainty_km must be a positive number of kilometres (got 0)"));
  EXPECT_TRUE(Reported("feature 18 (radius_negative)",
                       "uncertainty_km must be a positive number of kilometres (got -3)"));
}

TEST_F(GazetteerValidation, NamesMustBePresent) {
  EXPECT_TRUE(Reported("feature 4 (no_names)", "missing names object"));
  EXPECT_TRUE(Reported("feature 16 (no_pinyin)", "missing or empty names.pinyin"));
  EXPECT_TRUE(Reported("feature 19 (no_name)", "missing or empty name"));
}

TEST_F(GazetteerValidation, LocatedAndGeometryMustAgree) {
  EXPECT_TRUE(Reported("feature 5 (located_no_geometry)", "located is true but geometry is null"));
  EXPECT_TRUE(
      Reported("feature 6 (unlocated_with_geometry)", "located is false but the feature has a geometry"));
  EXPECT_TRUE(Reported("feature 7 (unlocated_no_note)",
                       "unlocated place needs a note saying why it cannot be located"));
}

TEST_F(GazetteerValidation, EnumeratedFieldsMustUseTheAllowedValues) {
  EXPECT_TRUE(
      Reported("feature 8 (bad_kind)",
               "kind \"castle\" is not one of superior_prefecture, prefecture, city, county, region, river, "
               "mountain, plain, tomb, ford"));
  EXPECT_TRUE(
      Reported("feature 9 (bad_polity)",
               "polity_1224 \"Tang\" is not a side id (lower-case ASCII letters, digits, _ or -), none "
               "or unknown"));
  EXPECT_TRUE(Reported("feature 10 (bad_confidence)", "confidence \"sure\" is not one of high, medium, low"));
}

TEST_F(GazetteerValidation, ReferencesAndIdentity) {
  EXPECT_TRUE(Reported("feature 11 (dangling_part_of)", "part_of \"nowhere\" is not the id of any place"));
  EXPECT_TRUE(Reported("feature 12 (id_mismatch)",
                       "top-level id \"id_mismatch\" differs from properties.id \"other_id\""));
  EXPECT_TRUE(Reported("feature 14 (Bad-Id)", "id \"Bad-Id\" must be a lowercase slug (a-z, 0-9, _)"));
}

TEST_F(GazetteerValidation, SourcesAndGeometryShape) {
  EXPECT_TRUE(
      Reported("feature 15 (no_sources)", "sources must be a non-empty array of {work, record, note}"));
  EXPECT_TRUE(Reported("feature 17 (open_ring)",
                       "geometry: polygon ring is not closed (first and last positions differ)"));
}

// ---- folding and search ---------------------------------------------------

TEST(FoldName, RemovesTonesCaseSpacesAndPunctuationButKeepsCharacters) {
  EXPECT_EQ(fold_name("Líng zhōu"), "lingzhou");
  EXPECT_EQ(fold_name("LING-ZHOU"), "lingzhou");
  EXPECT_EQ(fold_name("Hélàhéchá'ér"), "helahechaer");
  EXPECT_EQ(fold_name("Li\u0301ngzho\u0304u"), "lingzhou");  // decomposed tone marks
  EXPECT_EQ(fold_name("Lǚ"), "lu");
  EXPECT_EQ(fold_name("ＬＩＮＧ"), "ling");  // full-width
  EXPECT_EQ(fold_name("灵 州、"), "灵州");
  EXPECT_EQ(fold_name(" -'' "), "");
}

class GazetteerSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    g_ = Gazetteer::load(kFixtures + "valid.geojson", d_);
    ASSERT_FALSE(d_.has_errors());
  }
  SearchResult first(std::string_view q) {
    auto rs = g_.search(q, 5);
    EXPECT_FALSE(rs.empty()) << "no result for " << q;
    return rs.empty() ? SearchResult{} : rs[0];
  }
  Diagnostics d_;
  Gazetteer g_;
};

TEST_F(GazetteerSearch, EveryNameFormFindsThePlaceExactly) {
  for (const char* q : {"灵州", "靈州", "Língzhōu", "Lingzhou", "lingzhou", "ling zhou", "Ling-Zhou",
                        "LINGZHOU", "Ling Prefecture", "西平府", "灵"}) {
    SearchResult r = first(q);
    ASSERT_NE(r.place, nullptr) << q;
    EXPECT_EQ(r.place->id, "lingzhou") << q;
    EXPECT_EQ(r.match_kind, MatchKind::Exact) << q;
    EXPECT_DOUBLE_EQ(r.score, 1.0) << q;
  }
}

TEST_F(GazetteerSearch, ReportsTheFormThatMatched) {
  EXPECT_EQ(first("靈州").matched_name, "靈州");
  EXPECT_EQ(first("Lingzhou").matched_name, "Lingzhou");
  EXPECT_EQ(first("ling zhou").matched_name, "Língzhōu");
  EXPECT_EQ(first("统万城").place->id, "xiazhou");
}

TEST_F(GazetteerSearch, ExactOutranksPrefix) {
  auto rs = g_.search("lingzhou", 10);
  ASSERT_GE(rs.size(), 2u);
  EXPECT_EQ(rs[0].place->id, "lingzhou");
  EXPECT_EQ(rs[0].match_kind, MatchKind::Exact);
  EXPECT_EQ(rs[1].place->id, "lingzhou_ford");
  EXPECT_EQ(rs[1].match_kind, MatchKind::Prefix);
  EXPECT_LT(rs[1].score, rs[0].score);
}

TEST_F(GazetteerSearch, PrefixTiesAreRankedByImportanceThenId) {
  auto rs = g_.search("ling", 10);
  const std::vector<std::string> expected = {"lingzhou", "lingshan", "lingyan", "lingzhou_ford"};
  EXPECT_EQ(result_ids(rs), expected);
  for (const auto& r : rs) EXPECT_EQ(r.match_kind, MatchKind::Prefix);
  EXPECT_EQ(first("lingzho").place->id, "lingzhou");
}

TEST_F(GazetteerSearch, FuzzyFindsMisspellingsInPinyinAndCharacters) {
  SearchResult r = first("lingzou");
  EXPECT_EQ(r.place->id, "lingzhou");
  EXPECT_EQ(r.match_kind, MatchKind::Fuzzy);
  EXPECT_EQ(r.distance, 1);
  EXPECT_GT(r.score, 0.0);
  EXPECT_LT(r.score, 0.5);
  SearchResult c = first("灵洲");  // wrong character
  EXPECT_EQ(c.place->id, "lingzhou");
  EXPECT_EQ(c.match_kind, MatchKind::Fuzzy);
  EXPECT_EQ(first("Xiazou").place->id, "xiazhou");
}

TEST_F(GazetteerSearch, ExactAndPrefixOutrankFuzzy) {
  auto rs = g_.search("xiazhou", 10);
  ASSERT_FALSE(rs.empty());
  EXPECT_EQ(rs[0].place->id, "xiazhou");
  for (std::size_t i = 1; i < rs.size(); ++i) EXPECT_EQ(rs[i].match_kind, MatchKind::Fuzzy);
}

TEST_F(GazetteerSearch, LimitAndEmptyQueries) {
  EXPECT_EQ(g_.search("ling", 2).size(), 2u);
  EXPECT_TRUE(g_.search("", 10).empty());
  EXPECT_TRUE(g_.search(" - ", 10).empty());
  EXPECT_TRUE(g_.search("qqqqqqqqqq", 10).empty());
  EXPECT_TRUE(g_.search("ling", 0).empty());
}

// Ranking, data-driven: fixtures/gazetteer/ranking.csv gives each query's
// whole answer in order on ranking.geojson.
TEST(GazetteerRanking, EachQueryGivesItsAnswerInOrder) {
  Diagnostics d;
  const Gazetteer g = load_fixture("ranking.geojson", d);
  ASSERT_FALSE(d.has_errors());
  std::ifstream in(kFixtures + "ranking.csv");
  ASSERT_TRUE(in) << "cannot open ranking.csv";
  std::string line;
  bool header = true;
  int rows = 0;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      EXPECT_EQ(line, "query,expected,why");
      header = false;
      continue;
    }
    const auto c1 = line.find(','), c2 = line.find(',', c1 + 1);
    ASSERT_NE(c2, std::string::npos) << "ranking.csv:" << n;
    const std::string query = line.substr(0, c1), expected = line.substr(c1 + 1, c2 - c1 - 1);
    ASSERT_FALSE(line.substr(c2 + 1).empty()) << "ranking.csv:" << n << ": every case says why";
    std::string got;
    for (const SearchResult& r : g.search(query, 10))
      got += (got.empty() ? "" : " ") + r.place->id + ":" + std::string(to_string(r.match_kind)) + ":" +
             std::to_string(r.distance);
    EXPECT_EQ(got, expected) << "ranking.csv:" << n << " query " << query;
    ++rows;
  }
  EXPECT_GE(rows, 6);
}

// ---- nearest --------------------------------------------------------------

TEST(GreatCircle, KnownDistances) {
  EXPECT_NEAR(great_circle_km({0, 0}, {1, 0}), 111.195, 0.01);
  EXPECT_NEAR(great_circle_km({0, 0}, {180, 0}), 20015.1, 0.5);
  EXPECT_NEAR(great_circle_km({106.27, 38.47}, {94.66, 40.14}), 1012.0, 10.0);  // Yinchuan - Dunhuang
}

TEST_F(GazetteerSearch, NearestRanksLocatedPlacesByDistance) {
  auto rs = g_.nearest(106.2, 38.0, 3);
  ASSERT_EQ(rs.size(), 3u);
  EXPECT_EQ(rs[0].place->id, "lingzhou");
  EXPECT_EQ(rs[1].place->id, "lingzhou_ford");
  EXPECT_EQ(rs[2].place->id, "zhongxingfu");
  EXPECT_NEAR(rs[0].distance_km, great_circle_km({106.2, 38.0}, {106.175, 38.005}), 1e-9);
  EXPECT_LT(rs[0].distance_km, rs[1].distance_km);
  EXPECT_LT(rs[1].distance_km, rs[2].distance_km);
  auto all = g_.nearest(106.2, 38.0, 100);
  EXPECT_EQ(all.size(), 8u);  // the unlocated place is never returned
  for (const auto& r : all) EXPECT_TRUE(r.place->located);
  EXPECT_TRUE(g_.nearest(0, 0, 0).empty());
}

// The k-d tree must agree with brute force everywhere, including across the
// antimeridian and near the poles.
TEST(GazetteerNearest, AgreesWithBruteForce) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> lon(-180, 180), lat(-89, 89);
  std::string text = R"({"type":"FeatureCollection","features":[)";
  const int n = 1500;
  for (int i = 0; i < n; ++i) {
    const std::string id = "p" + std::to_string(i);
    if (i) text += ",";
    text +=
        R"({"type":"Feature","id":")" + id + R"(","properties":{"id":")" + id + R"(","name":")" + id +
        R"(","names":{"as_written":[")" + id + R"("],"simplified":")" + id + R"(","traditional":")" + id +
        R"(","pinyin":")" + id + R"(","pinyin_plain":")" + id + R"(","english":")" + id +
        R"("},"kind":"city","polity_1224":"none","modern_location":"x","uncertainty_km":1,"confidence":"low",)"
        R"("sources":[{"work":"generated"}],"located":true},"geometry":{"type":"Point","coordinates":[)" +
        std::to_string(lon(rng)) + "," + std::to_string(lat(rng)) + "]}}";
  }
  text += "]}";
  Diagnostics d;
  Gazetteer g = Gazetteer::parse(text, "generated", d);
  ASSERT_FALSE(d.has_errors()) << d.items()[0].format();
  ASSERT_EQ(g.size(), static_cast<std::size_t>(n));
  for (int q = 0; q < 60; ++q) {
    const double qlon = q < 5 ? 179.9 : lon(rng), qlat = q >= 5 && q < 10 ? 88.5 : lat(rng);
    std::vector<double> brute;
    for (const auto& p : g.places()) brute.push_back(great_circle_km({qlon, qlat}, p.anchor));
    std::sort(brute.begin(), brute.end());
    auto rs = g.nearest(qlon, qlat, 10);
    ASSERT_EQ(rs.size(), 10u);
    for (std::size_t i = 0; i < rs.size(); ++i)
      EXPECT_NEAR(rs[i].distance_km, brute[i], 1e-6) << q << " " << i;
  }
}

// ---- exports ----------------------------------------------------------------

TEST_F(GazetteerSearch, GeoJsonExportRoundTrips) {
  const std::string text = to_geojson(g_);
  Diagnostics d;
  Gazetteer again = Gazetteer::parse(text, "export", d);
  EXPECT_TRUE(d.empty()) << (d.empty() ? "" : d.items()[0].format());
  EXPECT_EQ(again.ids(), g_.ids());
  const auto& ring = again.find_by_id("hexi")->geometry.parts.at(0).at(0);
  const auto& original = g_.find_by_id("hexi")->geometry.parts.at(0).at(0);
  ASSERT_EQ(ring.size(), original.size());
  for (std::size_t i = 0; i < ring.size(); ++i) {
    EXPECT_EQ(ring[i].lon, original[i].lon);  // exact: the export writes shortest round-trip decimals
    EXPECT_EQ(ring[i].lat, original[i].lat);
  }
  EXPECT_EQ(again.find_by_id("huanghe")->geometry.parts.at(0).at(0).size(), 4u);
  EXPECT_EQ(again.find_by_id("lingzhou")->names.pinyin, "Língzhōu");
  EXPECT_FALSE(again.find_by_id("wunalacheng")->located);
}

TEST_F(GazetteerSearch, CsvHasOneRowPerPlaceAndEmptyCoordinatesWhenUnlocated) {
  const std::string csv = to_csv(g_);
  std::vector<std::string> rows;
  std::size_t start = 0;
  for (std::size_t pos; (pos = csv.find("\r\n", start)) != std::string::npos; start = pos + 2)
    rows.push_back(csv.substr(start, pos - start));
  ASSERT_EQ(rows.size(), 1 + g_.size());
  EXPECT_EQ(rows[0].rfind("id,name,kind,polity_1224,located,geometry_type,lon,lat,", 0), 0u);
  EXPECT_EQ(rows[1].rfind("lingzhou,灵州,prefecture,xia,true,Point,106.175,38.005,5,high,", 0), 0u)
      << rows[1];
  EXPECT_EQ(rows[9].rfind("wunalacheng,兀纳剌城,city,xia,false,,,,", 0), 0u) << rows[9];
}

// ---- the shipped gazetteer --------------------------------------------------

class ShippedGazetteer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    diags_ = new Diagnostics;
    g_ = new Gazetteer(Gazetteer::load(kShipped, *diags_));
  }
  static void TearDownTestSuite() {
    delete g_;
    delete diags_;
  }
  static const Place& at(const std::string& id) {
    const Place* p = g_->find_by_id(id);
    if (!p) throw std::runtime_error("missing place " + id);
    return *p;
  }
  static Diagnostics* diags_;
  static Gazetteer* g_;
};
Diagnostics* ShippedGazetteer::diags_ = nullptr;
Gazetteer* ShippedGazetteer::g_ = nullptr;

TEST_F(ShippedGazetteer, LoadsWithoutErrors) {
  for (const auto& d : diags_->items()) ADD_FAILURE() << d.format();
  EXPECT_GE(g_->size(), 42u);
}

TEST_F(ShippedGazetteer, HasEveryPlaceOtherDataRefersTo) {
  for (const char* id :
       {"zhongxingfu", "shazhou",       "yinzhou",   "ganzhou",     "lingzhou",     "suzhou",
        "xiliangfu",   "heishuicheng",  "xiazhou",   "yanzhou",     "yanzhouchuan", "yingli",
        "lanzhou",     "huizhou",       "jishizhou", "longzhou",    "longdezhou",   "liupanshan",
        "helanshan",   "hunchuishan",   "salichuan", "yuling",      "tailing",      "shenzhou",
        "tangzhou",    "dengzhou",      "yuzhou",    "jingzhao",    "huanzhou",     "qinchuan",
        "hexi",        "mobei",         "xiyu",      "wunalacheng", "helahechaer",  "shuoluo",
        "heluo",       "huanghe_jiudu", "shatuo",    "hewai",       "huanghe"})
    EXPECT_NE(g_->find_by_id(id), nullptr) << id;
}

// The five key prefectures against independent reference points (modern
// town centres or surveyed ruins), each with the radius the site may lie in.
TEST_F(ShippedGazetteer, KeyPrefecturesAreWhereTheReferencesPutThem) {
  struct Check {
    const char* id;
    LonLat reference;
    double within_km;
    const char* what;
  };
  const Check checks[] = {
      {"shazhou", {94.66, 40.14}, 15, "Dunhuang"},
      {"zhongxingfu", {106.27, 38.47}, 10, "Yinchuan old town"},
      {"ganzhou", {100.45, 38.93}, 10, "Zhangye (Ganzhou District)"},
      {"lingzhou", {106.199, 37.986}, 25, "Wuzhong, where the Tang-Xia Lingzhou stood"},
      {"yinzhou", {109.735, 38.285}, 45, "Yulin (the ruin at Dangcha is south of it)"},
      {"xiazhou", {108.85, 38.0}, 5, "Tongwan City ruin"},
      {"heishuicheng", {101.07, 41.76}, 5, "Khara-Khoto ruin"},
  };
  for (const auto& c : checks) {
    const double d = great_circle_km(at(c.id).anchor, c.reference);
    EXPECT_LE(d, c.within_km) << c.id << " is " << d << " km from " << c.what;
  }
  // Classic confusions: Xia Lingzhou is not modern Lingwu, Yinzhou is not Yinchuan.
  EXPECT_GT(great_circle_km(at("lingzhou").anchor, {106.340, 38.103}), 10.0);
  EXPECT_GT(great_circle_km(at("yinzhou").anchor, {106.27, 38.47}), 300.0);
}

TEST_F(ShippedGazetteer, LocatedPlacesLieInTheMapExtentAndUnlocatedOnesSayWhy) {
  for (const auto& p : g_->places()) {
    EXPECT_GT(p.uncertainty_km, 0.0) << p.id;
    EXPECT_FALSE(p.sources.empty()) << p.id;
    if (!p.located) {
      EXPECT_TRUE(p.geometry.empty()) << p.id;
      EXPECT_GE(p.note.size(), 20u) << p.id << " needs a note saying why it is unlocated";
      continue;
    }
    for (const auto& part : p.geometry.parts)
      for (const auto& ring : part)
        for (const auto& v : ring) {
          EXPECT_TRUE(v.lon >= 60 && v.lon <= 125 && v.lat >= 25 && v.lat <= 55)
              << p.id << " has a vertex at " << v.lon << ", " << v.lat;
        }
  }
  for (const char* id : {"wunalacheng", "helahechaer"}) EXPECT_FALSE(at(id).located) << id;
  for (const char* id : {"hexi", "mobei", "xiyu"})
    EXPECT_EQ(at(id).geometry.type, GeometryType::Polygon) << id;
}

TEST_F(ShippedGazetteer, EveryFormAsWrittenOccursInTheChronicle) {
  const auto text_path =
      std::filesystem::path(ANNALS_SOURCE_ROOT) / "data/campaigns/xixia-1224/source/xixia-shushi-juan42.txt";
  std::ifstream in(text_path);
  if (!in) GTEST_SKIP() << "chronicle text not found at " << text_path;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& p : g_->places())
    for (const auto& form : p.names.as_written)
      EXPECT_NE(text.find(form), std::string::npos) << p.id << ": " << form << " is not in the text";
}

TEST_F(ShippedGazetteer, SearchFindsTheKeyPrefecturesByEveryForm) {
  for (const char* q : {"灵州", "lingzhou", "Língzhōu", "ling zhou", "靈州"})
    EXPECT_EQ(g_->search(q, 3).at(0).place->id, "lingzhou") << q;
  EXPECT_EQ(g_->search("Khara-Khoto", 3).at(0).place->id, "heishuicheng");
  EXPECT_EQ(g_->search("兴州", 3).at(0).place->id, "zhongxingfu");
  EXPECT_EQ(g_->search("Dunhuang", 3).at(0).place->id, "shazhou");
}

}  // namespace
}  // namespace annals
