// The rows of tests/fixtures/state_rules/cases.csv (the state rules, case by
// case) and the synthetic campaign that holds them: one place per case, its
// entries in case order. Shared by the unit test of the rules and the render
// test that reads each case's symbol off a frame.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "synthetic_campaign.h"

namespace annals::test {

inline const std::filesystem::path kStateRuleCases =
    std::filesystem::path(ANNALS_TEST_FIXTURES_DIR) / "state_rules" / "cases.csv";

inline std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, sep)) out.push_back(item);
  if (!text.empty() && text.back() == sep) out.emplace_back();
  return out;
}

struct Case {
  int row = 0;  // line of cases.csv
  std::string name, rule, start, entries_text, expected, cause;
  int at = 0, since = 0;
  std::vector<SyntheticEntry> entries;   // as written, for this case's place
  std::vector<std::size_t> entry_index;  // each entry's index in the whole chronicle
  std::string place;
};

inline std::vector<Case> read_cases() {
  std::ifstream in(kStateRuleCases);
  EXPECT_TRUE(in) << kStateRuleCases;
  std::vector<Case> out;
  std::string text;
  bool header = true;
  for (int n = 1; std::getline(in, text); ++n) {
    if (text.empty() || text[0] == '#') continue;
    if (header) {
      EXPECT_EQ(text, "case,rule,start,entries,at,expected,since,cause,basis");
      header = false;
      continue;
    }
    const auto cell = split(text, ',');
    EXPECT_EQ(cell.size(), 9u) << "cases.csv:" << n;
    if (cell.size() != 9) continue;
    Case c;
    c.row = n;
    c.name = cell[0];
    c.rule = cell[1];
    c.start = cell[2];
    c.entries_text = cell[3];
    c.at = std::stoi(cell[4]);
    c.expected = cell[5];
    c.since = std::stoi(cell[6]);
    c.cause = cell[7];
    EXPECT_FALSE(cell[8].empty()) << "cases.csv:" << n << ": every case names the rule it rests on";
    if (!c.entries_text.empty())
      for (const std::string& e : split(c.entries_text, ';')) {
        const auto colon = e.find(':');
        EXPECT_NE(colon, std::string::npos) << "cases.csv:" << n << ": " << e;
        if (colon == std::string::npos) continue;
        SyntheticEntry entry;
        entry.month = std::stoi(e.substr(0, colon));
        for (const std::string& change : split(e.substr(colon + 1), '+')) {
          const auto slash = change.find('/');
          entry.changes.push_back(
              {"", change.substr(0, slash), slash == std::string::npos ? "" : change.substr(slash + 1)});
        }
        c.entries.push_back(entry);
      }
    out.push_back(std::move(c));
  }
  return out;
}

// The campaign of all cases: case i is place "p<i+1>", of gazetteer kind
// kinds[i % kinds.size()], at position(i); month 0 and the last month asked
// about have an entry each, so the timeline spans them. Fills each case's
// place and entry_index.
template <typename Position>
SyntheticCampaign campaign_of(std::vector<Case>& cases, const std::vector<std::string>& kinds,
                              Position position) {
  SyntheticCampaign c;
  int last = 0;
  c.entries.push_back({0, {}, "other"});
  for (std::size_t i = 0; i < cases.size(); ++i) {
    Case& k = cases[i];
    k.place = "p" + std::to_string(i + 1);
    c.places.push_back(
        {k.place, "地" + std::to_string(i + 1), kinds[i % kinds.size()], k.start, position(i)});
    for (SyntheticEntry e : k.entries) {
      for (auto& change : e.changes) change.place = k.place;
      k.entry_index.push_back(c.entries.size());
      last = std::max(last, e.month);
      c.entries.push_back(e);
    }
    last = std::max(last, k.at);
  }
  c.entries.push_back({last, {}, "other"});
  return c;
}

}  // namespace annals::test
