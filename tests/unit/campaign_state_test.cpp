// The campaign at time t: the timeline, place statuses from the curated
// changes (data-driven: fixtures/campaign_state/cases.csv), army moves, the
// shrinking realm, purity, and the errors of the movements and realm files.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "annals/geo/diagnostic.h"
#include "annals/geo/gazetteer.h"
#include "annals/model/campaign_state.h"
#include "annals/model/chronicle.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = ANNALS_SOURCE_ROOT;
const fs::path kCampaign = kRoot / "data" / "campaigns" / "xixia-1224";
const fs::path kCases = fs::path(ANNALS_TEST_FIXTURES_DIR) / "campaign_state" / "cases.csv";

const CampaignModel& model() {
  static const std::unique_ptr<CampaignModel> m = CampaignModel::load(kCampaign);
  return *m;
}

int index_of_label(const std::string& label) {
  const CampaignTimeline& tl = model().timeline();
  for (int i = 0; i < tl.month_count(); ++i)
    if (tl.label_chinese(i) == label) return i;
  return -1;
}

// Mid-month for an era month, the day itself for a Julian date.
double time_of_case(const std::string& date) {
  const double t = model().parse_time(date);
  return std::isdigit(static_cast<unsigned char>(date[0])) ? t : t + 0.5;
}

const PlaceState& place_at(const CampaignState& s, const std::string& id) {
  for (const PlaceState& p : s.places)
    if (p.id == id) return p;
  throw std::runtime_error("no place " + id);
}

const ArmyMove& move_named(const std::string& id) {
  for (const ArmyMove& m : model().moves())
    if (m.id == id) return m;
  throw std::runtime_error("no move " + id);
}

// --- the timeline ---------------------------------------------------------------

TEST(CampaignTimeline, RunsFromTheFirstEntrysMonthThroughTheEpilogue) {
  const CampaignTimeline& tl = model().timeline();
  ASSERT_GT(tl.month_count(), 0);
  EXPECT_EQ(tl.label_chinese(0), "嘉定十七年正月");
  EXPECT_EQ(tl.label_chinese(tl.month_count() - 1), "绍定四年四月");  // line 90, the epilogue
  EXPECT_EQ(tl.start(), 0.0);
  EXPECT_EQ(tl.end(), tl.month_count());
  EXPECT_TRUE(tl.starts_year(0));
  EXPECT_TRUE(tl.starts_year(index_of_label("宝庆元年正月")));
  EXPECT_FALSE(tl.starts_year(index_of_label("宝庆元年二月")));
}

TEST(CampaignTimeline, TheLeapMonthOf1227IsOneMonthOfItsOwn) {
  const int may = index_of_label("宝庆三年五月");
  const int leap = index_of_label("宝庆三年闰五月");
  const int june = index_of_label("宝庆三年六月");
  ASSERT_GE(may, 0);
  EXPECT_EQ(leap, may + 1);
  EXPECT_EQ(june, leap + 1);
  EXPECT_TRUE(model().timeline().month(leap).leap);
  int count = 0;
  for (int i = 0; i < model().timeline().month_count(); ++i)
    count += model().timeline().label_chinese(i) == "宝庆三年闰五月";
  EXPECT_EQ(count, 1);
}

TEST(CampaignTimeline, JulianLabelsNameTheMonthOfTheFifteenthDay) {
  // 宝庆二年六月 runs 1226-06-26 to 07-25; its 15th day is 10 July.
  EXPECT_EQ(model().timeline().label_julian(index_of_label("宝庆二年六月")), "July 1226");
  EXPECT_EQ(model().timeline().label_julian(0), "February 1224");  // 正月 began 22 January 1224
  EXPECT_EQ(model().timeline().label_julian(-1), "");
}

TEST(CampaignTimeline, DaysAndTimesRoundTrip) {
  const CampaignTimeline& tl = model().timeline();
  const std::int64_t first = tl.month(0).first_jdn, last = tl.month(tl.month_count() - 1).last_jdn();
  for (std::int64_t d = first; d <= last; ++d) {
    const double t = tl.time_of_jdn(d);
    ASSERT_EQ(tl.jdn_of_time(t), d) << d;
    ASSERT_EQ(tl.month_index(t), tl.month_containing(d)) << d;
  }
  EXPECT_EQ(tl.time_of_jdn(first - 100), tl.start());
  EXPECT_EQ(tl.time_of_jdn(last + 100), tl.end());
  EXPECT_EQ(tl.jdn_of_time(tl.end()), last);
  EXPECT_EQ(tl.month_index(-3.0), 0);
  EXPECT_EQ(tl.month_index(1e9), tl.month_count() - 1);
  EXPECT_EQ(tl.month_index(std::nan("")), 0);
  EXPECT_EQ(tl.month_containing(first - 1), -1);
}

TEST(CampaignTimeline, EntriesStartAtTheStartOfTheirMonth) {
  const Chronicle& c = model().chronicle();
  for (const Entry& e : c.entries) {
    const double t = model().time_of_entry(e);
    EXPECT_EQ(t, std::floor(t)) << e.id;
    EXPECT_EQ(model().timeline().month(static_cast<int>(t)).first_jdn <= e.date.first_jdn, true) << e.id;
  }
  const auto e035 =
      std::find_if(c.entries.begin(), c.entries.end(), [](const Entry& e) { return e.id == "e035"; });
  EXPECT_EQ(model().time_of_entry(*e035), index_of_label("宝庆二年二月"));
}

// --- place statuses -------------------------------------------------------------

struct Case {
  std::string date, place, expected;
  int line = 0;
};

std::vector<Case> read_cases() {
  std::ifstream in(kCases);
  EXPECT_TRUE(in) << kCases;
  std::vector<Case> out;
  std::string row;
  bool header = true;
  while (std::getline(in, row)) {
    if (row.empty() || row[0] == '#') continue;
    if (header) {
      EXPECT_EQ(row, "date,place,expected_status,line");
      header = false;
      continue;
    }
    std::stringstream ss(row);
    Case c;
    std::string line;
    std::getline(ss, c.date, ',');
    std::getline(ss, c.place, ',');
    std::getline(ss, c.expected, ',');
    std::getline(ss, line, ',');
    c.line = std::stoi(line);
    out.push_back(c);
  }
  return out;
}

TEST(CampaignState, PlaceStatusesFollowTheChronicle) {
  const std::vector<Case> cases = read_cases();
  EXPECT_GE(cases.size(), 25u);
  for (const Case& c : cases) {
    const CampaignState s = model().state_at(time_of_case(c.date));
    const PlaceState& p = place_at(s, c.place);
    EXPECT_EQ(model().vocabulary().name(p.status), c.expected)
        << c.place << " at " << c.date << " (source line " << c.line << ")";
  }
}

TEST(CampaignState, StatusNamesRoundTrip) {
  const CampaignVocabulary& v = model().vocabulary();
  std::set<std::string> names;
  for (PlaceStatus s : v.all_statuses()) {
    names.insert(v.name(s));
    // A besieged place's name leaves out whose it was.
    if (s.kind == StatusKind::Besieged) s.side = -1;
    EXPECT_EQ(v.parse(v.name(s)), s) << v.name(s);
  }
  EXPECT_EQ(names.size(),
            v.sides.size() + 5);  // held by each side, besieged, taken, massacred, surrendered, other
  EXPECT_TRUE(names.count("held:xia"));
  EXPECT_FALSE(v.parse("held").has_value());
  EXPECT_FALSE(v.parse("held:tang").has_value());
}

TEST(CampaignState, AStatusKnowsWhenAndWhyItBegan) {
  const CampaignState s = model().state_at(time_of_case("宝庆三年四月"));
  const PlaceState& sha = place_at(s, "shazhou");
  ASSERT_NE(sha.cause, nullptr);
  EXPECT_EQ(sha.cause->id, "e077");
  EXPECT_EQ(sha.since, index_of_label("宝庆三年三月"));
  const PlaceState& gua = place_at(s, "guazhou");
  EXPECT_EQ(gua.cause, nullptr);
  EXPECT_EQ(gua.since, 0.0);
  // The siege of 1224 was lifted: 沙州 is Xia again, since the 十一月 entry.
  const CampaignState spring_1225 = model().state_at(time_of_case("宝庆元年三月"));  // keep it alive
  const PlaceState& lifted = place_at(spring_1225, "shazhou");
  EXPECT_EQ(model().vocabulary().name(lifted.status), "held:xia");
  ASSERT_NE(lifted.cause, nullptr);
  EXPECT_EQ(lifted.cause->id, "e013");
}

TEST(CampaignState, OnePlaceStatePerGazetteerPlaceInOrder) {
  const CampaignState s = model().state_at(10.5);
  const std::vector<std::string> ids = model().gazetteer().ids();
  ASSERT_EQ(s.places.size(), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(s.places[i].id, ids[i]);
}

TEST(CampaignState, EntriesAreThoseOfTheCurrentMonth) {
  auto ids = [](const CampaignState& s) {
    std::vector<std::string> out;
    for (const Entry* e : s.entries) out.push_back(e->id);
    return out;
  };
  EXPECT_EQ(ids(model().state_at(time_of_case("宝庆二年五月"))), (std::vector<std::string>{"e043", "e045"}));
  // The year heading 宝庆三年 is shown with the year's first month.
  EXPECT_EQ(ids(model().state_at(time_of_case("宝庆三年正月"))), (std::vector<std::string>{"e071", "e073"}));
  EXPECT_TRUE(ids(model().state_at(time_of_case("宝庆元年四月"))).empty());
}

bool same(const CampaignState& a, const CampaignState& b) {
  if (a.t != b.t || a.month != b.month || a.places.size() != b.places.size() ||
      a.armies.size() != b.armies.size() || a.entries != b.entries || a.realm_cells != b.realm_cells)
    return false;
  for (std::size_t i = 0; i < a.places.size(); ++i)
    if (a.places[i].id != b.places[i].id || a.places[i].status != b.places[i].status ||
        a.places[i].since != b.places[i].since || a.places[i].cause != b.places[i].cause)
      return false;
  for (std::size_t i = 0; i < a.armies.size(); ++i)
    if (a.armies[i].move != b.armies[i].move || a.armies[i].progress != b.armies[i].progress ||
        a.armies[i].settled != b.armies[i].settled)
      return false;
  return true;
}

TEST(CampaignState, IsAPureFunctionOfT) {
  const double t = time_of_case("宝庆二年十二月") + 0.3;
  const CampaignState first = model().state_at(t);
  EXPECT_TRUE(same(first, model().state_at(t)));
  for (double other : {0.0, 40.0, 12.25, -5.0, 1e6, model().timeline().end()}) model().state_at(other);
  EXPECT_TRUE(same(first, model().state_at(t)));
}

// --- armies ---------------------------------------------------------------------

TEST(CampaignState, AnArmyMovesThroughTheMonthOfItsMove) {
  const ArmyMove& m = move_named("m1226_suzhou");  // 宝庆二年五月, one month
  EXPECT_EQ(m.start_t, index_of_label("宝庆二年五月"));
  EXPECT_EQ(m.end_t, m.start_t + 1);
  EXPECT_EQ(army_state_at(m, m.start_t - 0.5).progress, 0.0);
  EXPECT_FALSE(army_state_at(m, m.start_t - 0.5).settled);
  EXPECT_DOUBLE_EQ(army_state_at(m, m.start_t + 0.5).progress, 0.5);
  EXPECT_FALSE(army_state_at(m, m.start_t + 0.5).settled);
  EXPECT_EQ(army_state_at(m, m.end_t + 3).progress, 1.0);
  EXPECT_TRUE(army_state_at(m, m.end_t + 3).settled);

  auto find = [&](const CampaignState& s) -> const ArmyState* {
    for (const ArmyState& a : s.armies)
      if (a.move == &m) return &a;
    return nullptr;
  };
  EXPECT_EQ(find(model().state_at(m.start_t - 0.5)), nullptr);  // not begun
  // The states must outlive the pointers into them.
  const CampaignState during = model().state_at(m.start_t + 0.5);
  const ArmyState* mid = find(during);
  ASSERT_NE(mid, nullptr);
  EXPECT_DOUBLE_EQ(mid->progress, 0.5);
  const CampaignState done = model().state_at(m.end_t + 0.5);
  const ArmyState* after = find(done);
  ASSERT_NE(after, nullptr);
  EXPECT_TRUE(after->settled);
}

TEST(CampaignState, MovesAreWellFormed) {
  ASSERT_GE(model().moves().size(), 15u);
  for (const ArmyMove& m : model().moves()) {
    EXPECT_GE(m.path.size(), 2u) << m.id;
    EXPECT_EQ(m.inferred.size(), m.path.size() - 1) << m.id;
    EXPECT_LT(m.start_t, m.end_t) << m.id;
    EXPECT_FALSE(m.basis.empty()) << m.id;
    EXPECT_FALSE(m.note.empty()) << m.id;
  }
  // Endpoints are the gazetteer's points: 黑水城 for the spring of 1226.
  const ArmyMove& heishui = move_named("m1226_heishui");
  const Place* city = model().gazetteer().find_by_id("heishuicheng");
  EXPECT_EQ(heishui.path.back().lon, city->anchor.lon);
  EXPECT_EQ(heishui.path.back().lat, city->anchor.lat);
}

// --- the realm -----------------------------------------------------------------

TEST(CampaignState, TheRealmShrinksAndEndsWithTheCapital) {
  const CampaignTimeline& tl = model().timeline();
  const std::size_t cells = model().realm().size();
  ASSERT_GE(cells, 12u);
  EXPECT_EQ(model().state_at(0.5).realm_cells.size(), cells);
  std::size_t previous = cells;
  for (int i = 0; i < tl.month_count(); ++i) {
    const std::size_t now = model().state_at(i + 0.5).realm_cells.size();
    EXPECT_LE(now, previous) << tl.label_chinese(i);
    previous = now;
  }
  // Besieged is still Xia: the capital's cell stands through the siege …
  auto has = [](const CampaignState& s, const std::string& id) {
    for (const RealmCell* c : s.realm_cells)
      if (c->id == id) return true;
    return false;
  };
  const CampaignState siege = model().state_at(time_of_case("宝庆三年闰五月"));
  EXPECT_TRUE(has(siege, "zhongxingfu"));
  EXPECT_FALSE(has(siege, "shazhou"));
  EXPECT_FALSE(has(siege, "yanzhou"));  // falls with 盐州川 (十二月 1226)
  EXPECT_TRUE(has(siege, "guazhou"));   // the chronicle never says
  // … and with its surrender the realm is gone.
  EXPECT_TRUE(model().state_at(time_of_case("宝庆三年六月")).realm_cells.empty());
}

// --- the data files' errors ------------------------------------------------------

std::string movements_error(const std::string& text) {
  try {
    parse_movements(text, "m.geojson", model().timeline(), model().chronicle());
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

std::string realm_error(const std::string& text) {
  try {
    parse_realm(text, "r.geojson", model().gazetteer(), model().vocabulary());
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

std::string move_feature(const std::string& props,
                         const std::string& coords = "[[98.6, 40.2], [98.5, 39.7]]") {
  return R"({"type": "Feature", "properties": {)" + props +
         R"(}, "geometry": {"type": "LineString", "coordinates": )" + coords + "}}";
}

const std::string kGoodMove = R"("id": "a", "entry": "e043", "actor": "mongol", "month": "宝庆二年五月",
    "inferred_legs": [true], "basis": [43])";

std::string collection(const std::vector<std::string>& features) {
  std::string out = "{\"type\": \"FeatureCollection\", \"features\": [";
  for (std::size_t i = 0; i < features.size(); ++i) out += (i ? ",\n" : "\n") + features[i];
  return out + "]}";
}

TEST(MovementsFile, AGoodFileLoads) {
  const auto moves = parse_movements(collection({move_feature(kGoodMove)}), "m.geojson", model().timeline(),
                                     model().chronicle());
  ASSERT_EQ(moves.size(), 1u);
  EXPECT_EQ(moves[0].start_t, index_of_label("宝庆二年五月"));
}

TEST(MovementsFile, ProblemsNameTheFeature) {
  // Feature 0 is good; feature 1 has one problem each time.
  const std::string ok =
      move_feature(R"("id": "ok", "entry": "e041", "actor": "mongol", "month": "宝庆二年四月",
                                          "inferred_legs": [true], "basis": [41])");
  EXPECT_EQ(movements_error("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [1,]\n}")
                .rfind("m.geojson:3: ", 0),
            0u);
  EXPECT_EQ(movements_error("[]").rfind("m.geojson:1: expected a GeoJSON FeatureCollection", 0), 0u);
  struct Bad {
    std::string props, coords, message;
  };
  const std::vector<Bad> bad = {
      {R"("entry": "e043", "actor": "mongol", "month": "宝庆二年五月", "inferred_legs": [true], "basis": [43])",
       "", "missing \"id\""},
      {R"("id": "a", "entry": "e999", "actor": "mongol", "month": "宝庆二年五月", "inferred_legs": [true], "basis": [43])",
       "", "\"entry\" e999 is not an entry of the chronicle"},
      {R"("id": "a", "entry": "e043", "actor": "martians", "month": "宝庆二年五月", "inferred_legs": [true], "basis": [43])",
       "", "\"actor\" martians is not an actor"},
      {R"("id": "a", "entry": "e043", "actor": "mongol", "month": "五月", "inferred_legs": [true], "basis": [43])",
       "", "must name an era, a year and a month"},
      {R"("id": "a", "entry": "e043", "actor": "mongol", "month": "宝庆二年闰五月", "inferred_legs": [true], "basis": [43])",
       "", "\"month\": "},
      {R"("id": "a", "entry": "e043", "actor": "mongol", "month": "嘉定十年五月", "inferred_legs": [true], "basis": [43])",
       "", "outside the campaign's timeline"},
      {R"("id": "a", "entry": "e043", "actor": "mongol", "month": "宝庆二年二月", "inferred_legs": [true], "basis": [43])",
       "", "does not reach the month of e043"},
      {R"("id": "a", "entry": "e043", "actor": "mongol", "month": "宝庆二年五月", "months": 0, "inferred_legs": [true], "basis": [43])",
       "", "\"months\" must be a whole number"},
      {R"("id": "a", "entry": "e043", "actor": "mongol", "month": "宝庆二年五月", "inferred_legs": [true, false], "basis": [43])",
       "", "\"inferred_legs\" has 2 values but the route has 1 legs"},
      {R"("id": "a", "entry": "e043", "actor": "mongol", "month": "宝庆二年五月", "inferred_legs": [true], "basis": [999])",
       "", "\"basis\" must hold line numbers"},
      {kGoodMove, "[[98.6, 40.2]]", "a route needs at least two positions"},
      {kGoodMove, "[[198.6, 40.2], [98.5, 39.7]]", "coordinate outside longitude/latitude range"},
  };
  for (const Bad& b : bad) {
    const std::string feature = b.coords.empty() ? move_feature(b.props) : move_feature(b.props, b.coords);
    const std::string e = movements_error(collection({ok, feature}));
    EXPECT_EQ(e.rfind("m.geojson:feature 1: ", 0), 0u) << e;
    EXPECT_NE(e.find(b.message), std::string::npos) << e;
  }
  EXPECT_NE(movements_error(collection({ok, ok})).find("m.geojson:feature 1: duplicate id \"ok\""),
            std::string::npos);
}

std::string cell(const std::string& props,
                 const std::string& coords = "[[[94, 40], [95, 40], [95, 41], [94, 41], [94, 40]]]",
                 const std::string& type = "Polygon") {
  return R"({"type": "Feature", "properties": {)" + props + R"(}, "geometry": {"type": ")" + type +
         R"(", "coordinates": )" + coords + "}}";
}

TEST(RealmFile, ProblemsNameTheFeature) {
  const std::string ok = cell(R"("id": "shazhou", "seat": "沙州", "falls_with": ["zhongxingfu"])");
  const auto cells = parse_realm(collection({ok}), "r.geojson", model().gazetteer(), model().vocabulary());
  ASSERT_EQ(cells.size(), 1u);
  EXPECT_EQ(cells[0].falls_with, std::vector<std::string>{"zhongxingfu"});
  struct Bad {
    std::string feature, message;
  };
  const std::vector<Bad> bad = {
      {cell(R"("id": "atlantis", "seat": "x")"), "\"id\" atlantis is not a place of the gazetteer"},
      {cell(R"("id": "lanzhou", "seat": "兰州", "side": "xia")"),
       "the cell is xia's but its seat lanzhou was jin's (the gazetteer's polity_1224)"},
      {cell(R"("id": "guazhou", "seat": "瓜州", "side": "tang")"),
       "\"side\" tang is not a side of the campaign"},
      {cell(R"("id": "guazhou", "seat": "沙州")"), "\"seat\" 沙州 differs from the gazetteer's name 瓜州"},
      {cell(R"("id": "guazhou", "seat": "瓜州", "falls_with": ["nowhere"])"),
       "\"falls_with\" must hold place ids"},
      {cell(R"("id": "guazhou", "seat": "瓜州")", "[[[94, 40], [95, 40], [95, 41], [94, 41]]]"),
       "must be closed"},
      {cell(R"("id": "guazhou", "seat": "瓜州")", "[[94, 40], [95, 40]]", "LineString"),
       "expected a Polygon or MultiPolygon geometry"},
      {cell(R"("id": "shazhou", "seat": "沙州")"), "duplicate id \"shazhou\""},
  };
  for (const Bad& b : bad) {
    const std::string e = realm_error(collection({ok, b.feature}));
    EXPECT_EQ(e.rfind("r.geojson:feature 1: ", 0), 0u) << e;
    EXPECT_NE(e.find(b.message), std::string::npos) << e;
  }
}

TEST(RealmFile, CommittedRealmIsWhatTheToolGenerates) {
  // Both campaigns' realm.geojson: xixia-1224 from tools/realm/outline.geojson,
  // yuanshi-taizu (Xia, Jin and Khwarazm) from its own realm-outline.geojson.
  for (const char* campaign : {"data/campaigns/xixia-1224", "data/campaigns/yuanshi-taizu"}) {
    const std::string cmd = "cd '" + kRoot.string() +
                            "' && python3 tools/realm/make_realm.py --check --campaign " + campaign + " 2>&1";
    const int status = std::system(cmd.c_str());
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << campaign;
  }
}

TEST(CampaignModel, ABadMovementsFileStopsTheLoad) {
  // A copy of the campaign whose movements file names an unknown entry.
  const fs::path dir = fs::temp_directory_path() / ("annals-state-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(kCampaign, dir, fs::copy_options::recursive);
  std::ofstream(dir / "movements.geojson")
      << collection({move_feature(R"("id": "a", "entry": "e404", "actor": "mongol", "month": "宝庆二年五月",
                                      "inferred_legs": [true], "basis": [43])")});
  try {
    CampaignModel::load(dir);
    ADD_FAILURE() << "expected a DataError";
  } catch (const DataError& e) {
    EXPECT_EQ(e.diagnostic().file, (dir / "movements.geojson").string());
    EXPECT_EQ(e.diagnostic().where, "feature 0");
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace annals
