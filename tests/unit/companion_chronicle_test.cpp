// Other chronicles beside the open one (companion_chronicle.h): which
// campaigns are chosen, which of their entries share days with a month of
// the open campaign (each chronicle in its own calendar, compared by Julian
// day), their dates in their own notation, and broken companions reported
// once and skipped.
#include "annals/model/companion_chronicle.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "annals/model/campaign_list.h"
#include "annals/model/campaign_state.h"
#include "annals/model/chronicle.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

const fs::path kCampaigns = fs::path(ANNALS_SOURCE_ROOT) / "data" / "campaigns";
const fs::path kXixia = kCampaigns / "xixia-1224";
const fs::path kYuanshi = kCampaigns / "yuanshi-taizu";

const CampaignModel& xixia() {
  static const std::unique_ptr<CampaignModel> m = CampaignModel::load(kXixia);
  return *m;
}
const CampaignModel& yuanshi() {
  static const std::unique_ptr<CampaignModel> m = CampaignModel::load(kYuanshi);
  return *m;
}

// The open campaign's whole timeline, in days.
std::pair<std::int64_t, std::int64_t> span_of(const CampaignModel& m) {
  const CampaignTimeline& tl = m.timeline();
  return {tl.month(0).first_jdn, tl.month(tl.month_count() - 1).last_jdn()};
}

Companions companions_of(const CampaignModel& m, const fs::path& dir, const std::string& id,
                         const std::vector<fs::path>& candidates) {
  const auto [first, last] = span_of(m);
  return find_companions(dir, id, first, last, candidates);
}

const CompanionChronicle& yuanshi_companion() {
  static const Companions c = companions_of(xixia(), kXixia, "xixia-1224", campaign_dirs_in(kCampaigns));
  return c.chronicles.at(0);
}
const CompanionChronicle& xixia_companion() {
  static const Companions c =
      companions_of(yuanshi(), kYuanshi, "yuanshi-taizu", campaign_dirs_in(kCampaigns));
  return c.chronicles.at(0);
}

std::vector<std::string> ids_of(const std::vector<CompanionEntry>& list) {
  std::vector<std::string> out;
  for (const CompanionEntry& e : list) out.push_back(e.entry->id);
  return out;
}

const CompanionEntry& find(const std::vector<CompanionEntry>& list, const std::string& id) {
  for (const CompanionEntry& e : list)
    if (e.entry->id == id) return e;
  throw std::runtime_error("no entry " + id);
}

// The xixia chronicle's month holding the day a user types as 1226-07-15.
std::vector<CompanionEntry> yuanshi_at(const std::string& date) {
  return companion_entries_at(yuanshi_companion(), xixia().timeline(), xixia().parse_time(date));
}

TEST(CompanionChronicle, EachShippedCampaignIsTheOthersCompanionAndNotItsOwn) {
  const Companions of_xixia = companions_of(xixia(), kXixia, "xixia-1224", campaign_dirs_in(kCampaigns));
  EXPECT_TRUE(of_xixia.problems.empty()) << of_xixia.problems.front();
  ASSERT_EQ(of_xixia.chronicles.size(), 1u);
  EXPECT_EQ(of_xixia.chronicles[0].id, "yuanshi-taizu");
  EXPECT_EQ(of_xixia.chronicles[0].panel_title, "元史 卷一");  // campaign.json panel_title
  EXPECT_EQ(of_xixia.chronicles[0].title_en, "The campaigns of Chinggis Khan, 1205–1227");
  EXPECT_EQ(of_xixia.chronicles[0].chronicle.entries.size(), 100u);

  const Companions of_yuan =
      companions_of(yuanshi(), kYuanshi, "yuanshi-taizu", campaign_dirs_in(kCampaigns));
  EXPECT_TRUE(of_yuan.problems.empty());
  ASSERT_EQ(of_yuan.chronicles.size(), 1u);
  EXPECT_EQ(of_yuan.chronicles[0].id, "xixia-1224");
  EXPECT_EQ(of_yuan.chronicles[0].panel_title, "西夏书事");
}

TEST(CompanionChronicle, InTheSixthMonthOf1226TheSummerAndTheYearAreListed) {
  // 宝庆二年六月 is 1226-06-26 to 1226-07-25: the 元史's summer (夏, from
  // 1226-04-28 to 1226-07-25) overlaps it, and its 是岁 of 1226; its autumn
  // (秋, from 1226-07-26) and its second month do not.
  EXPECT_EQ(
      xixia().timeline().label_chinese(xixia().timeline().month_index(xixia().parse_time("1226-07-15"))),
      "宝庆二年六月");
  const auto list = yuanshi_at("1226-07-15");
  EXPECT_EQ(ids_of(list), (std::vector<std::string>{"e048b", "e048i"}));
  const CompanionEntry& summer = find(list, "e048b");
  EXPECT_EQ(summer.date, "太祖二十一年夏");
  EXPECT_EQ(summer.precision, DatePrecision::Season);
  EXPECT_EQ(summer.entry->headline_normalized, "夏，避暑于浑垂山。取甘、肃等州。");
  EXPECT_FALSE(summer.entry->gloss.empty());  // curation.json's (GlossesAreTheCurationsGlosses)
  EXPECT_EQ(find(list, "e048i").date, "太祖二十一年");
  EXPECT_EQ(find(list, "e048i").precision, DatePrecision::Year);
}

TEST(CompanionChronicle, TheNextMonthHasTheAutumnAndNoLongerTheSummer) {
  // 宝庆二年七月 begins on 1226-07-26, the day after the summer ends.
  EXPECT_EQ(ids_of(yuanshi_at("1226-08-01")), (std::vector<std::string>{"e048c", "e048i"}));
}

TEST(CompanionChronicle, In1224TheOtherChronicleHasOnlyItsYearAndASummer) {
  // 嘉定十七年正月: the 元史 dates nothing of 1224 to a month; its 是岁
  // (the khan reaches "East India") covers the whole year.
  const auto first = companion_entries_at(yuanshi_companion(), xixia().timeline(), 0.0);
  EXPECT_EQ(ids_of(first), (std::vector<std::string>{"e045b"}));
  EXPECT_EQ(first.at(0).precision, DatePrecision::Year);
  EXPECT_EQ(first.at(0).date, "太祖十九年");
  // 嘉定十七年五月 (1224-05-20 to 06-18) falls in its summer (十九年甲申夏).
  EXPECT_EQ(ids_of(yuanshi_at("1224-06-01")), (std::vector<std::string>{"e045a", "e045b"}));
  // Nothing is dated to a month or a day anywhere in 1224.
  int months = 0;
  for (int m = 0; xixia().timeline().month(m).year == 1224; ++m, ++months)
    for (const CompanionEntry& e : companion_entries_at(yuanshi_companion(), xixia().timeline(), m))
      EXPECT_TRUE(e.precision == DatePrecision::Year || e.precision == DatePrecision::Season) << e.entry->id;
  EXPECT_EQ(months, 13);  // 嘉定十七年 has a 闰八月
}

TEST(CompanionChronicle, AMonthTheOtherChronicleSkipsListsNothing) {
  // 宝庆元年八月 (1225-09-04 to 10-03): the 元史 has no autumn of 1225 and no 是岁.
  EXPECT_TRUE(yuanshi_at("1225-09-15").empty());
  // Nor after its last entry (Chinggis's death, 1227-08-25): 宝庆三年八月.
  EXPECT_TRUE(yuanshi_at("1227-09-20").empty());
}

TEST(CompanionChronicle, TheOtherWayRoundTheXiaChronicleAppearsBesideTheYuanshi) {
  // 太祖二十二年六月 of the 元史 (1227-07-15 to 08-13): the 西夏书事's 六月
  // entries (its calendar gives the same month) and its 宝庆三年 heading.
  const auto list =
      companion_entries_at(xixia_companion(), yuanshi().timeline(), yuanshi().parse_time("1227-07-20"));
  EXPECT_EQ(ids_of(list), (std::vector<std::string>{"e071", "e083", "e085"}));
  EXPECT_EQ(find(list, "e083").date, "宝庆三年六月");
  EXPECT_EQ(find(list, "e083").precision, DatePrecision::Month);
  EXPECT_EQ(find(list, "e085").date, "宝庆三年六月");  // 国主睍出降: the month of the entry before
  EXPECT_EQ(find(list, "e071").precision, DatePrecision::Year);
}

TEST(CompanionChronicle, DatesInTheirOwnNotation) {
  const CompanionChronicle& y = yuanshi_companion();
  auto date_of = [&](const std::string& id) {
    for (std::size_t i = 0; i < y.chronicle.entries.size(); ++i)
      if (y.chronicle.entries[i].id == id) return y.dates[i];
    return std::string("?");
  };
  EXPECT_EQ(date_of("e048e"), "太祖二十一年十一月庚申");  // 冬十一月庚申: a day of the cycle
  EXPECT_EQ(date_of("e048f"), "太祖二十一年十一月丙寅");  // 丙寅 alone: the month carried over
  EXPECT_EQ(date_of("e050d"), "太祖二十二年闰五月");      // 闰月
  EXPECT_EQ(date_of("e046a"), "太祖二十年正月");          // 二十年乙酉春正月
  EXPECT_EQ(date_of("e048b"), "太祖二十一年夏");
  EXPECT_EQ(date_of("e050g"), "太祖二十二年七月壬午");  // 秋七月壬午
}

TEST(CompanionChronicle, OverlapIsByDaysBothEndsIncluded) {
  const CompanionChronicle& y = yuanshi_companion();
  // e048c (秋) covers 2169061–2169149.
  auto has = [](const std::vector<CompanionEntry>& l, const char* id) {
    return std::any_of(l.begin(), l.end(), [&](const CompanionEntry& e) { return e.entry->id == id; });
  };
  EXPECT_FALSE(has(companion_entries_between(y, 2169031, 2169060), "e048c"));
  EXPECT_TRUE(has(companion_entries_between(y, 2169031, 2169061), "e048c"));
  EXPECT_TRUE(has(companion_entries_between(y, 2169149, 2169200), "e048c"));
  EXPECT_FALSE(has(companion_entries_between(y, 2169150, 2169200), "e048c"));
  EXPECT_TRUE(companion_entries_between(y, 2169100, 2169000).empty());  // an empty range
}

TEST(CompanionChronicle, GlossesAreTheCurationsGlosses) {
  // Read here independently of Annals: every gloss curation.json gives is the one shown.
  std::ifstream in(kYuanshi / "curation.json");
  const auto curation = nlohmann::json::parse(in).at("entries");
  std::size_t checked = 0;
  for (const Entry& e : yuanshi_companion().chronicle.entries) {
    if (!curation.contains(e.id) || !curation[e.id].contains("gloss")) continue;
    EXPECT_EQ(e.gloss, curation[e.id]["gloss"].get<std::string>()) << e.id;
    ++checked;
  }
  EXPECT_EQ(checked, yuanshi_companion().chronicle.entries.size());
}

// A folder of campaigns where some are broken: each broken one is reported
// once as path:line and skipped; the good one is still chosen.
class CompanionFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("annals-companions-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
    // The open campaign's own folder, unreadable: skipped by path, never read.
    fs::create_directories(root_ / "open");
    write(root_ / "open" / "campaign.json", "not json at all\n");
    copy(kYuanshi, "good");
    copy(kYuanshi, "broken-entries");
    write(root_ / "broken-entries" / "entries.json",
          "{\n  \"format\": \"annals-entries\",\n  \"entries\": [,\n]}\n");
    fs::create_directories(root_ / "broken-manifest");
    write(root_ / "broken-manifest" / "campaign.json", "{\n  \"format\": \"annals-campaign\",\n  oops\n}\n");
    // A copy of the open campaign under another folder: not its own companion.
    copy(kXixia, "same-id");
    // A chronicle of other years: no companion, and no problem.
    copy(kYuanshi, "early");
    set_id("early", "early-years");
    nlohmann::json entries = read_json(root_ / "early" / "entries.json");
    auto& list = entries.at("entries");
    list.erase(std::remove_if(list.begin(), list.end(),
                              [](const nlohmann::json& e) { return e.at("date").at("chinese_year") > 1210; }),
               list.end());
    write(root_ / "early" / "entries.json", entries.dump(1));
  }
  void TearDown() override { fs::remove_all(root_); }

  void copy(const fs::path& from, const std::string& name) {
    fs::copy(from, root_ / name, fs::copy_options::recursive);
  }
  static void write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }
  static nlohmann::json read_json(const fs::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
  }
  void set_id(const std::string& name, const std::string& id) {
    nlohmann::json m = read_json(root_ / name / "campaign.json");
    m["id"] = id;
    write(root_ / name / "campaign.json", m.dump(2));
  }
  fs::path root_;
};

TEST_F(CompanionFolder, BrokenCompanionsAreReportedOnceAndSkipped) {
  const auto [first, last] = span_of(xixia());
  const std::vector<fs::path> candidates = campaign_dirs_in(root_);
  ASSERT_EQ(candidates.size(), 6u);
  const Companions c = find_companions(root_ / "open", "xixia-1224", first, last, candidates);
  ASSERT_EQ(c.chronicles.size(), 1u);
  EXPECT_EQ(c.chronicles[0].dir, root_ / "good");
  EXPECT_EQ(c.chronicles[0].id, "yuanshi-taizu");
  ASSERT_EQ(c.problems.size(), 2u) << c.problems[0];
  // In folder order: broken-entries, then broken-manifest; each at its file and line.
  EXPECT_EQ(c.problems[0].rfind((root_ / "broken-entries" / "entries.json").string() + ":3: ", 0), 0u)
      << c.problems[0];
  EXPECT_EQ(c.problems[1].rfind((root_ / "broken-manifest" / "campaign.json").string() + ":3: ", 0), 0u)
      << c.problems[1];
  // The companion that was read still matches by days.
  EXPECT_EQ(
      ids_of(companion_entries_at(c.chronicles[0], xixia().timeline(), xixia().parse_time("1226-07-15"))),
      (std::vector<std::string>{"e048b", "e048i"}));
}

TEST_F(CompanionFolder, TwoCopiesOfOneChronicleGiveOneCompanion) {
  const auto [first, last] = span_of(xixia());
  const Companions c =
      find_companions(kXixia, "xixia-1224", first, last,
                      {kYuanshi, root_ / "good", root_ / "good" / ".", kXixia, root_ / "same-id"});
  ASSERT_EQ(c.chronicles.size(), 1u);
  EXPECT_EQ(c.chronicles[0].dir, kYuanshi);
  EXPECT_TRUE(c.problems.empty());
}

TEST_F(CompanionFolder, CandidatesAreTheDataFolderThenTheOpenCampaignsSiblings) {
  const std::vector<fs::path> c = companion_candidates(root_ / "good", kCampaigns);
  const std::vector<fs::path> shipped = campaign_dirs_in(kCampaigns);
  ASSERT_EQ(c.size(), shipped.size() + 6u);  // the siblings: open, good, broken-*, same-id, early
  EXPECT_TRUE(std::equal(shipped.begin(), shipped.end(), c.begin()));
  std::vector<std::string> siblings;
  for (std::size_t i = shipped.size(); i < c.size(); ++i) siblings.push_back(c[i].filename().string());
  // The open campaign's own folder is among them: find_companions skips it by path.
  EXPECT_EQ(siblings, (std::vector<std::string>{"broken-entries", "broken-manifest", "early", "good", "open",
                                                "same-id"}));
  // A campaign in the data folder is listed once, however the open one is reached.
  EXPECT_EQ(companion_candidates(kXixia, kCampaigns), shipped);
}

}  // namespace
}  // namespace annals
