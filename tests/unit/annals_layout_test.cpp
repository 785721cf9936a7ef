// The annals (本纪) layout: the table of segmentation cases run through
// tools/chronicle/test_annals_layout.py, the second shipped campaign
// (yuanshi-taizu) regenerated and validated, and the C++ checks of entries
// that share a line.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "annals/geo/diagnostic.h"
#include "annals/geo/gazetteer.h"
#include "annals/model/annals_layout.h"
#include "annals/model/calendar.h"
#include "annals/model/chronicle.h"

namespace annals {
namespace {

const std::filesystem::path kRoot = ANNALS_SOURCE_ROOT;

int run(const std::string& command) {
  const std::string cmd = "cd '" + kRoot.string() + "' && " + command + " >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(AnnalsLayoutTable, EveryCaseOfTheTablePasses) {
  EXPECT_EQ(run("python3 tools/chronicle/test_annals_layout.py tests/fixtures/annals_layout/cases.json"), 0);
}

TEST(AnnalsLayoutTable, TheRunnerFailsOnAWrongExpectation) {
  // The same table with one wrong day and one wrong error message.
  EXPECT_EQ(run("python3 tools/chronicle/test_annals_layout.py "
                "tests/fixtures/annals_layout/wrong-expectations.json"),
            1);
}

TEST(AnnalsLayoutCampaign, CommittedEntriesAreWhatTheToolGenerates) {
  EXPECT_EQ(run("python3 tools/chronicle/segment.py --check --campaign data/campaigns/yuanshi-taizu"), 0);
}

TEST(AnnalsLayoutCampaign, ValidatesWithoutErrors) {
  const std::filesystem::path dir = kRoot / "data/campaigns/yuanshi-taizu";
  const Calendar cal = Calendar::load(kRoot / "data/calendar");
  Diagnostics diag;
  const auto id_list = Gazetteer::load(dir / "gazetteer.geojson", diag).ids();
  EXPECT_EQ(diag.error_count(), 0u);
  const std::set<std::string> ids(id_list.begin(), id_list.end());
  validate_chronicle(dir, cal, ids, diag);
  std::string shown;
  for (const auto& d : diag.items()) shown += d.format() + "\n";
  EXPECT_EQ(diag.error_count(), 0u) << shown;
  const Chronicle ch = Chronicle::load(dir);
  EXPECT_EQ(ch.layout, "annals");
  ASSERT_GT(ch.entries.size(), 90u);
  // Chinggis Khan's death: 二十二年丁亥秋七月…己丑, 25 August 1227.
  const Entry& last = ch.entries.back();
  EXPECT_EQ(last.id, "e050h");
  EXPECT_EQ(last.date.first_julian, "1227-08-25");
  EXPECT_EQ(last.first_line, 50);
}

Entry entry(const std::string& id, int line, int first, int last, const std::string& text, std::int64_t jdn0,
            std::int64_t jdn1) {
  Entry e;
  e.id = id;
  e.first_line = e.last_line = e.headline_line = line;
  e.span_first = first;
  e.span_last = last;
  e.headline = text;
  e.date.first_jdn = jdn0;
  e.date.last_jdn = jdn1;
  return e;
}

TEST(AnnalsLayoutChecks, SpansMustTileTheScope) {
  const std::vector<std::string> lines = {"二月，甲。三月，乙。", "夏，丙。"};
  const AnnalsScope scope{1, 1, 2, 4};
  const std::vector<Entry> good = {entry("e001a", 1, 1, 5, "二月，甲。", 10, 20),
                                   entry("e001b", 1, 6, 10, "三月，乙。", 21, 30),
                                   entry("e002a", 2, 1, 4, "夏，丙。", 25, 60)};
  EXPECT_TRUE(check_annals_entries(lines, good, scope).empty());

  std::vector<Entry> gap = good;
  gap[1] = entry("e001b", 1, 7, 10, "月，乙。", 21, 30);
  const auto p = check_annals_entries(lines, gap, scope);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].entry, 1u);
  EXPECT_EQ(p[0].pointer, "/span");
  EXPECT_NE(p[0].message.find("without gap or overlap"), std::string::npos) << p[0].message;

  std::vector<Entry> edited = good;
  edited[0].headline = "二月，丁。";
  const auto q = check_annals_entries(lines, edited, scope);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].pointer, "/headline");

  std::vector<Entry> backwards = good;
  backwards[1].date.first_jdn = 1;
  backwards[1].date.last_jdn = 5;
  const auto r = check_annals_entries(lines, backwards, scope);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].pointer, "/date/first_jdn");

  const std::vector<Entry> short_of_end(good.begin(), good.end() - 1);
  const auto s = check_annals_entries(lines, short_of_end, scope);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_NE(s[0].message.find("before the end of the scope"), std::string::npos) << s[0].message;
}

}  // namespace
}  // namespace annals
