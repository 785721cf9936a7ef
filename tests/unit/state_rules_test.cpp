// The state rules, every row: a synthetic campaign with one place per case of
// tests/fixtures/state_rules/cases.csv (input: the place's polity and the
// entries that change it; expected: its status, since when and why), read
// through CampaignModel::load exactly as the shipped campaign is. A state,
// status or polity without its rows fails here.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "annals/geo/diagnostic.h"
#include "annals/geo/gazetteer.h"
#include "annals/model/campaign_state.h"
#include "annals/model/chronicle.h"
#include "state_rule_cases.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

const fs::path kCalendar = fs::path(ANNALS_SOURCE_ROOT) / "data" / "calendar";

struct Loaded {
  std::vector<test::Case> cases;
  std::unique_ptr<CampaignModel> model;
};

// One campaign for all cases: a place per case, its entries in case order
// (so entries of one month keep the order the case gives them).
const Loaded& loaded() {
  static const Loaded l = [] {
    Loaded out;
    out.cases = test::read_cases();
    const test::SyntheticCampaign c = test::campaign_of(out.cases, {"county"}, [](std::size_t i) {
      return LonLat{95.0 + 0.1 * static_cast<double>(i % 100), 38.0};
    });
    const fs::path dir = fs::temp_directory_path() / ("annals-state-rules-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    c.write(dir, kCalendar);
    out.model = CampaignModel::load(dir);
    fs::remove_all(dir);
    return out;
  }();
  return l;
}

const PlaceState& place_at(const CampaignState& s, const std::string& id) {
  for (const PlaceState& p : s.places)
    if (p.id == id) return p;
  throw std::runtime_error("no place " + id);
}

TEST(StateRules, EveryCaseShowsItsStatusSinceItsMonthForItsCause) {
  const Loaded& l = loaded();
  ASSERT_GE(l.cases.size(), 40u);
  for (const test::Case& c : l.cases) {
    SCOPED_TRACE("cases.csv:" + std::to_string(c.row) + " " + c.name + " (" + c.entries_text + ")");
    const CampaignState s = l.model->state_at(c.at + 0.5);
    const PlaceState& p = place_at(s, c.place);
    EXPECT_EQ(l.model->vocabulary().name(p.status), c.expected);
    EXPECT_EQ(p.since, c.since);
    if (c.cause == "-") {
      EXPECT_EQ(p.cause, nullptr) << "caused by " << (p.cause ? p.cause->id : "");
    } else {
      const std::size_t k = static_cast<std::size_t>(std::stoi(c.cause) - 1);
      ASSERT_LT(k, c.entry_index.size());
      ASSERT_NE(p.cause, nullptr);
      EXPECT_EQ(p.cause, &l.model->chronicle().entries.at(c.entry_index[k]));
    }
  }
}

// The case names the rule it exercises, and uses it.
TEST(StateRules, EachCaseExercisesItsRule) {
  for (const test::Case& c : loaded().cases) {
    SCOPED_TRACE("cases.csv:" + std::to_string(c.row) + " " + c.name);
    if (c.rule.rfind("start:", 0) == 0) {
      EXPECT_EQ(c.rule.substr(6), c.start);
      continue;
    }
    bool used = false;
    for (const auto& e : c.entries)
      for (const auto& change : e.changes) used = used || change.state == c.rule;
    EXPECT_TRUE(used) << "no change with state " << c.rule;
  }
}

// A state word added to the vocabulary, or a status or side added to the
// synthetic campaign's vocabulary (the version 1 defaults) fails here until
// cases.csv has its rows.
TEST(StateRules, EveryStateStatusAndPolityHasItsRows) {
  std::set<std::string> rules, expected, starts;
  for (const test::Case& c : loaded().cases) {
    rules.insert(c.rule);
    expected.insert(c.expected);
    starts.insert(c.start);
  }
  for (std::string_view state : kPlaceStates)
    EXPECT_TRUE(rules.count(std::string(state))) << "no case exercises the state " << state;
  const CampaignVocabulary& v = loaded().model->vocabulary();
  for (PlaceStatus s : v.all_statuses())
    EXPECT_TRUE(expected.count(v.name(s))) << "no case expects the status " << v.name(s);
  std::vector<std::string> polities = {"none", "unknown"};
  for (const Side& side : v.sides) polities.push_back(side.id);
  for (const std::string& p : polities)
    EXPECT_TRUE(rules.count("start:" + p)) << "no case starts a place as " << p;
  for (const std::string& r : rules) {
    if (r.rfind("start:", 0) == 0) continue;
    bool known = false;
    for (std::string_view state : kPlaceStates) known = known || state == r;
    EXPECT_TRUE(known) << "cases.csv names an unknown state " << r;
  }
}

// A word outside the vocabulary stops the load instead of being ignored.
TEST(StateRules, AnUnknownStateStopsTheLoad) {
  test::SyntheticCampaign c;
  c.places.push_back({"p1", "地一", "county", "xia", {100.0, 38.0}});
  c.entries.push_back({0, {{"p1", "razed", "mongol"}}, "other"});
  const fs::path dir = fs::temp_directory_path() / ("annals-state-unknown-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  c.write(dir, kCalendar);
  try {
    CampaignModel::load(dir);
    ADD_FAILURE() << "a campaign with the state 'razed' loaded";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("e001: unknown state razed"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace annals
