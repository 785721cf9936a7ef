// campaign.json format version 2: the vocabulary keys (sides, statuses,
// legend, credits, panel title, label polity) and the view's projection and
// graticule, read from a manifest; each bad value is an error at its line.
// Version 1 manifests take the vocabulary of data/formats/campaign-v1-defaults.json.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "annals/geo/diagnostic.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/campaign_state.h"
#include "annals/model/paths.h"
#include "synthetic_campaign.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

// One key a line, so that each error's line is known.
const char* kV2 = R"({
  "format": "annals-campaign",
  "format_version": 2,
  "id": "t",
  "source": {"file": "s.txt", "work": "某书", "year": 1370},
  "gazetteer": "g.geojson",
  "calendar": {"label_polity": "yuan"},
  "view": {"extent_lonlat": [60, 30, 90, 48]},
  "sides": [
    {"id": "a", "name": {"zh": "甲", "zh-pinyin": "Jiǎ", "en": "A"}, "colour": "#0072b2", "symbol": "dot", "capital": "p1"},
    {"id": "b", "name": {"zh": "乙", "en": "B"}, "colour": "#E69F00", "symbol": "square"}
  ],
  "statuses": {
    "besieged": {"symbol": "siege_ring", "colour": "#cc79a7"},
    "taken": {"symbol": "crossed_circle", "side": "a"},
    "massacred": {"symbol": "crossed_square", "colour": "#281c18"},
    "surrendered": {"symbol": "diamond", "side": "a"},
    "other": {"symbol": "ring", "colour": "#281c18"}
  },
  "legend": [
    {"status": "held", "side": "b", "label": {"zh": "乙所守", "en": "held by B"}},
    {"status": "taken", "label": {"zh": "陷落", "en": "taken"}},
    {"army": "a", "label": {"zh": "甲军", "en": "army of A"}},
    {"realm": "b", "label": {"zh": "乙疆域（约略）", "en": "realm of B"}}
  ]
})";

class VocabularyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("annals-vocabulary-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  CampaignManifest load(const std::string& text) {
    std::ofstream(dir_ / "campaign.json") << text;
    return load_campaign_manifest(dir_);
  }
  // kV2 with `from` replaced by `to` (which must occur), loaded; the error's text or "".
  std::string error_with(const std::string& from, const std::string& to) {
    std::string text = kV2;
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at == std::string::npos) return "(replacement not found)";
    text.replace(at, from.size(), to);
    try {
      load(text);
      return "";
    } catch (const DataError& e) {
      return e.diagnostic().format();
    }
  }
  std::string file() const { return (dir_ / "campaign.json").string(); }
  fs::path dir_;
};

TEST_F(VocabularyTest, ReadsEveryKey) {
  const CampaignManifest m = load(kV2);
  const CampaignVocabulary& v = m.vocabulary;
  ASSERT_EQ(v.sides.size(), 2u);
  EXPECT_EQ(v.sides[0].id, "a");
  EXPECT_EQ(v.sides[0].name.pinyin, "Jiǎ");
  EXPECT_EQ(v.sides[0].capital, "p1");
  EXPECT_EQ(v.sides[1].colour, (Colour{0xe6, 0x9f, 0x00}));  // either case of hex digits
  EXPECT_EQ(v.sides[1].symbol, SymbolShape::Square);
  EXPECT_EQ(v.side_index("b"), 1);
  EXPECT_EQ(v.side_index("c"), -1);
  EXPECT_EQ(v.style(StatusKind::Taken).side, 0);
  EXPECT_EQ(v.style(StatusKind::Taken).colour, v.sides[0].colour);
  EXPECT_EQ(v.colour({StatusKind::Held, 1}), v.sides[1].colour);
  ASSERT_EQ(v.legend.size(), 4u);
  EXPECT_EQ(v.legend[0].status, (PlaceStatus{StatusKind::Held, 1}));
  EXPECT_EQ(v.legend[0].text(), "乙所守 held by B");
  EXPECT_EQ(v.legend[2].kind, LegendRow::Kind::Army);
  EXPECT_EQ(v.legend[3].text(), "乙疆域（约略）realm of B");  // full-width punctuation carries its space
  EXPECT_EQ(v.text_credit, "Text: 某书 (1370)");
  EXPECT_EQ(v.panel_title, "某书");
  EXPECT_EQ(v.label_polity, "yuan");
  EXPECT_EQ(v.file, file());
}

// The projection and the graticule follow the extent when the view does not
// name them.
TEST_F(VocabularyTest, ProjectionAndGraticuleFollowTheExtent) {
  const CampaignManifest m = load(kV2);
  EXPECT_DOUBLE_EQ(m.projection_parameters.centre.lon, 75);
  EXPECT_DOUBLE_EQ(m.projection_parameters.centre.lat, 39);
  EXPECT_DOUBLE_EQ(m.projection_parameters.parallel_1, 33);  // one sixth of 18° inside each edge
  EXPECT_DOUBLE_EQ(m.projection_parameters.parallel_2, 45);
  // Widened by 1.5 × 30° and 1.5 × 18° on every side, snapped out to 5°.
  EXPECT_EQ(m.graticule_lonlat, (std::array<double, 4>{15, 0, 135, 75}));
  EXPECT_EQ(projection_definition("albers", m.projection_parameters),
            "+proj=aea +lat_1=33 +lat_2=45 +lat_0=39 +lon_0=75 +datum=WGS84 +units=m +no_defs");

  const CampaignManifest named = load(std::string(kV2).replace(
      std::string(kV2).find("\"view\": {"), 9,
      "\"view\": {\"centre\": [80, 40], \"standard_parallels\": [35, 44], \"graticule\": {\"extent_lonlat\": "
      "[50, 20, 100, 55], \"step\": 10}, "));
  EXPECT_DOUBLE_EQ(named.projection_parameters.centre.lon, 80);
  EXPECT_DOUBLE_EQ(named.projection_parameters.parallel_1, 35);
  EXPECT_EQ(named.graticule_lonlat, (std::array<double, 4>{50, 20, 100, 55}));
  EXPECT_EQ(named.graticule_step, 10);
}

TEST_F(VocabularyTest, EachBadValueIsAnErrorAtItsLine) {
  struct Bad {
    std::string from, to, expected;
  };
  const std::string f = file();
  const std::vector<Bad> bad = {
      {R"("colour": "#E69F00")", R"("colour": "orange")",
       f + ":11: side \"b\"'s colour \"orange\" is not a colour: expected \"#rrggbb\""},
      {R"("colour": "#0072b2")", R"("colour": "#0072b")",
       f + ":10: side \"a\"'s colour \"#0072b\" is not a colour"},
      {R"("symbol": "square")", R"("symbol": "star")",
       f + ":11: side \"b\"'s symbol \"star\" is not a symbol"},
      {R"({"id": "b", "name": {"zh": "乙", "en": "B"}, )", R"({"id": "b", "name": {"zh": "乙"}, )",
       f + ":11: side \"b\"'s name has no \"en\": every label language needs a name"},
      {R"({"id": "b",)", R"({"id": "a",)", f + ":11: side \"a\" is named twice"},
      {R"({"id": "b",)", R"({"id": "taken",)", f + ":11: side id \"taken\" is reserved"},
      {R"({"id": "b",)", R"({"id": "B c",)", f + ":11: side id \"B c\" must be lower-case ASCII"},
      {R"("taken": {"symbol": "crossed_circle", "side": "a"})",
       R"("taken": {"symbol": "crossed_circle", "side": "z"})",
       f + ":15: status \"taken\" names side \"z\", which is not in sides"},
      {R"("taken": {"symbol": "crossed_circle", "side": "a"})",
       R"("taken": {"symbol": "crossed_circle", "side": "a", "colour": "#000000"})",
       f + ":15: status \"taken\" needs either \"colour\" or \"side\""},
      {R"("besieged": {"symbol": "siege_ring")", R"("besieged": {"symbol": "dot")",
       f + ":14: the besieged status is drawn as a siege_ring"},
      {R"("other": {"symbol": "ring", "colour": "#281c18"})",
       R"("sacked": {"symbol": "ring", "colour": "#281c18"})", f + ":18: unknown status \"sacked\""},
      {R"("massacred": {"symbol": "crossed_square", "colour": "#281c18"},)", "",
       f + ":13: statuses has no \"massacred\": every status needs a symbol"},
      {R"({"status": "held", "side": "b", )", R"({"status": "held", "side": "q", )",
       f + ":21: legend row names side \"q\", which is not in sides"},
      {R"({"status": "held", "side": "b", )", R"({"status": "held", )",
       f + ":21: a \"held\" legend row needs the \"side\" that holds"},
      {R"({"status": "taken", )", R"({"status": "lost", )", f + ":22: legend row names status \"lost\""},
      {R"({"army": "a", )", R"({)",
       f + ":23: legend row 2 must name exactly one of \"status\", \"army\", \"realm\""},
      {R"({"realm": "b", )", R"({"realm": "x", )",
       f + ":24: legend row names side \"x\", which is not in sides"},
      {R"(, "label": {"zh": "陷落", "en": "taken"})", "", f + ":22: legend row 1 has no \"label\""},
      {R"("label_polity": "yuan")", R"("label_polity": "Yuan dynasty")",
       f + ":7: calendar.label_polity must be a polity of eras.csv"},
      {R"("year": 1370)", R"("year": "1370")", f + ":5: expected source.year to be an integer"},
      {R"("view": {"extent_lonlat": [60, 30, 90, 48]})", R"("view": {"projection": "albers"})",
       f + ":8: expected view.extent_lonlat"},
      {R"("extent_lonlat": [60, 30, 90, 48]})",
       R"("extent_lonlat": [60, 30, 90, 48], "standard_parallels": [45, 33]})",
       f + ":8: expected standard_parallels as [south, north]"},
  };
  for (const Bad& b : bad)
    EXPECT_EQ(error_with(b.from, b.to).rfind(b.expected, 0), 0u) << error_with(b.from, b.to);
  // The sides are required in version 2.
  EXPECT_NE(error_with(R"("sides": [)", R"("sidez": [)").find("expected \"sides\""), std::string::npos);
}

// Version 1 is still read: its vocabulary is the one the code used to fix,
// kept in data/formats/campaign-v1-defaults.json, and so are its projection
// parameters and graticule.
TEST_F(VocabularyTest, Version1TakesTheDefaultsFile) {
  const CampaignManifest m = load(R"({
  "format": "annals-campaign",
  "format_version": 1,
  "id": "old",
  "source": {"file": "s.txt"},
  "gazetteer": "g.geojson",
  "calendar": {}
})");
  EXPECT_EQ(m.format_version, 1);
  EXPECT_EQ(m.vocabulary.file, campaign_v1_defaults_file().string());
  ASSERT_EQ(m.vocabulary.sides.size(), 4u);
  EXPECT_EQ(m.vocabulary.legend.size(), 10u);
  EXPECT_EQ(m.vocabulary.label_polity, "song");
  EXPECT_EQ(m.extent_lonlat, (std::array<double, 4>{88.0, 32.0, 114.0, 45.5}));
  EXPECT_DOUBLE_EQ(m.projection_parameters.centre.lon, 102);
  EXPECT_DOUBLE_EQ(m.projection_parameters.parallel_2, 45);
  EXPECT_EQ(m.graticule_lonlat, (std::array<double, 4>{60, 25, 125, 55}));
}

// The shipped campaign is version 2 and names what version 1 assumed, so it
// looks as it did.
TEST_F(VocabularyTest, TheShippedCampaignIsVersion2WithTheOldLook) {
  const CampaignManifest shipped = load_campaign_manifest(default_campaign_dir());
  EXPECT_EQ(shipped.format_version, 2);
  const CampaignManifest old = load(R"({"format": "annals-campaign", "format_version": 1, "id": "o",
    "source": {"file": "s.txt"}, "gazetteer": "g.geojson", "calendar": {}})");
  ASSERT_EQ(shipped.vocabulary.sides.size(), old.vocabulary.sides.size());
  for (std::size_t i = 0; i < old.vocabulary.sides.size(); ++i) {
    EXPECT_EQ(shipped.vocabulary.sides[i].id, old.vocabulary.sides[i].id);
    EXPECT_EQ(shipped.vocabulary.sides[i].colour, old.vocabulary.sides[i].colour);
    EXPECT_EQ(shipped.vocabulary.sides[i].symbol, old.vocabulary.sides[i].symbol);
    EXPECT_EQ(shipped.vocabulary.sides[i].capital, old.vocabulary.sides[i].capital);
  }
  ASSERT_EQ(shipped.vocabulary.legend.size(), old.vocabulary.legend.size());
  for (std::size_t i = 0; i < old.vocabulary.legend.size(); ++i)
    EXPECT_EQ(shipped.vocabulary.legend[i].text(), old.vocabulary.legend[i].text());
  EXPECT_EQ(shipped.vocabulary.text_credit, old.vocabulary.text_credit);
  EXPECT_EQ(shipped.vocabulary.panel_title, old.vocabulary.panel_title);
  EXPECT_EQ(projection_definition("albers", shipped.projection_parameters),
            projection_definition("albers", old.projection_parameters));
  EXPECT_EQ(shipped.graticule_lonlat, old.graticule_lonlat);
}

// A version 2 campaign's gazetteer must name only its sides, and its
// capitals must be places: each mistake stops the load, naming the file.
TEST_F(VocabularyTest, GazetteerPolitiesAndCapitalsMustMatchTheSides) {
  test::SyntheticCampaign c;
  c.places = {{"p01", "甲城", "county", "xia", {100, 38}}, {"p02", "乙城", "county", "jin", {101, 38}}};
  c.entries = {{0, {}, "other"}};
  const fs::path dir = dir_ / "c";
  c.write(dir, fs::path(ANNALS_SOURCE_ROOT) / "data" / "calendar");
  auto json_of = [](const fs::path& f) {
    std::ifstream in(f);
    return nlohmann::ordered_json::parse(in);
  };
  nlohmann::ordered_json m = json_of(dir / "campaign.json");
  const nlohmann::ordered_json defaults = json_of(campaign_v1_defaults_file());
  m["format_version"] = 2;
  for (const char* key : {"sides", "statuses", "legend"}) m[key] = defaults[key];
  auto load_error = [&](const nlohmann::ordered_json& manifest) -> std::string {
    std::ofstream(dir / "campaign.json") << manifest.dump(2);
    try {
      CampaignModel::load(dir);
      return "";
    } catch (const DataError& e) {
      return e.diagnostic().format();
    }
  };
  // The defaults' capital is no place of this gazetteer: in version 2 that is an error.
  EXPECT_NE(load_error(m).find("the capital of side \"xia\", zhongxingfu, is not a place of the gazetteer"),
            std::string::npos)
      << load_error(m);
  m["sides"][0]["capital"] = "p01";
  EXPECT_EQ(load_error(m), "");
  // Without the side "jin", the place that names it is an error at its feature.
  auto no_jin = m;
  no_jin["sides"].erase(1);
  no_jin["legend"] = nlohmann::ordered_json::array();
  for (const auto& row : m["legend"])
    if (row.value("side", "") != "jin") no_jin["legend"].push_back(row);
  const std::string e = load_error(no_jin);
  EXPECT_EQ(
      e.rfind((dir / "gazetteer.geojson").string() + ":feature 1: p02: polity_1224 \"jin\" is not a side", 0),
      0u)
      << e;
}

}  // namespace
}  // namespace annals
