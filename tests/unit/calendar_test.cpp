// The calendar library: Julian days, sexagenary days, Chinese numerals, era
// dates, the shipped month and era tables (checked against the historical
// dates in tests/fixtures/calendar/cases.csv) and the errors for dates that
// cannot exist or data files that are malformed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "annals/geo/diagnostic.h"
#include "annals/model/calendar.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(ANNALS_TEST_FIXTURES_DIR) / "calendar";
const fs::path kShipped = fs::path(ANNALS_SOURCE_ROOT) / "data" / "calendar";

const Calendar& shipped() {
  static const Calendar c = Calendar::load(kShipped);
  return c;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const CalendarError& e) {
    return e.what();
  }
  return "(no CalendarError)";
}

// --- Julian days -----------------------------------------------------------

TEST(CalendarJulianDay, KnownValues) {
  EXPECT_EQ(jdn_from_julian({-4712, 1, 1}), 0);
  EXPECT_EQ(julian_from_jdn(0), (CivilDate{-4712, 1, 1}));
  EXPECT_EQ(jdn_from_gregorian({1582, 10, 15}), 2299161);
  EXPECT_EQ(jdn_from_julian({1582, 10, 5}), 2299161);
  EXPECT_EQ(jdn_from_julian({1582, 10, 4}), 2299160);
  EXPECT_EQ(jdn_from_gregorian({2000, 1, 1}), 2451545);
  EXPECT_EQ(jdn_from_julian({1227, 8, 25}), 2169456);
  EXPECT_EQ(gregorian_from_jdn(2169456), (CivilDate{1227, 9, 1}));
  EXPECT_EQ(julian_from_jdn(2169456), (CivilDate{1227, 8, 25}));
  EXPECT_EQ(gregorian_from_jdn(2299161), (CivilDate{1582, 10, 15}));
  EXPECT_EQ(julian_from_jdn(-1), (CivilDate{-4713, 12, 31}));
}

TEST(CalendarJulianDay, RoundTripsBothCalendars) {
  for (std::int64_t jdn = -200000; jdn < 2600000; jdn += 997) {
    ASSERT_EQ(jdn_from_julian(julian_from_jdn(jdn)), jdn) << jdn;
    ASSERT_EQ(jdn_from_gregorian(gregorian_from_jdn(jdn)), jdn) << jdn;
    ASSERT_TRUE(is_valid_julian(julian_from_jdn(jdn))) << jdn;
    ASSERT_TRUE(is_valid_gregorian(gregorian_from_jdn(jdn))) << jdn;
  }
  // Consecutive days are consecutive dates across a Julian leap day.
  EXPECT_EQ(julian_from_jdn(jdn_from_julian({1300, 2, 28}) + 1), (CivilDate{1300, 2, 29}));
  EXPECT_EQ(gregorian_from_jdn(jdn_from_gregorian({1300, 2, 28}) + 1), (CivilDate{1300, 3, 1}));
}

TEST(CalendarJulianDay, LeapYears) {
  EXPECT_TRUE(is_valid_julian({1300, 2, 29}));
  EXPECT_FALSE(is_valid_gregorian({1300, 2, 29}));
  EXPECT_TRUE(is_valid_gregorian({2000, 2, 29}));
  EXPECT_FALSE(is_valid_julian({1227, 2, 29}));
  EXPECT_TRUE(is_valid_julian({-4, 2, 29}));  // astronomical year -4 is a leap year
  EXPECT_FALSE(is_valid_julian({1227, 4, 31}));
}

TEST(CalendarJulianDay, FormatsAndParsesIso) {
  EXPECT_EQ(format_iso({1227, 8, 25}), "1227-08-25");
  EXPECT_EQ(format_iso({960, 2, 4}), "0960-02-04");
  EXPECT_EQ(format_iso({-4712, 1, 1}), "-4712-01-01");
  EXPECT_EQ(parse_iso("1227-08-25"), (CivilDate{1227, 8, 25}));
  EXPECT_EQ(parse_iso("-4712-01-01"), (CivilDate{-4712, 1, 1}));
  EXPECT_EQ(parse_iso("1300-02-29"), (CivilDate{1300, 2, 29}));
  for (const char* bad : {"1227-13-01", "1227-02-30", "12270825", "1227-8-25", "", "1227-08-2x", "x-01-01"}) {
    const std::string message = error_of([&] { parse_iso(bad); });
    EXPECT_NE(message.find("is not a date"), std::string::npos) << bad << ": " << message;
  }
}

// --- Sexagenary days and numerals -----------------------------------------

TEST(CalendarSexagenary, Anchors) {
  EXPECT_EQ(sexagenary_day(2451545), "戊午");  // 2000-01-01
  EXPECT_EQ(sexagenary_day(2169456), "己丑");  // 1227-08-25, death of Chinggis Khan
  EXPECT_EQ(sexagenary_day(0), "癸丑");
  EXPECT_EQ(sexagenary_day(-11), "壬寅");
  EXPECT_EQ(sexagenary_index("甲子"), 0);
  EXPECT_EQ(sexagenary_index("癸亥"), 59);
  EXPECT_EQ(sexagenary_index("己丑"), 25);
  EXPECT_FALSE(sexagenary_index("甲丑").has_value());  // stem and branch of different parity
  EXPECT_FALSE(sexagenary_index("甲").has_value());
  EXPECT_EQ(sexagenary_name(25), "己丑");
  for (int i = 0; i < 60; ++i) EXPECT_EQ(sexagenary_index(sexagenary_name(i)), i);
}

TEST(CalendarNumerals, ParsesAndFormats) {
  const std::map<std::string, int> cases = {{"十", 10},     {"十二", 12},   {"二十", 20}, {"二十二", 22},
                                            {"十有二", 12}, {"廿一", 21},   {"卅", 30},   {"一百零五", 105},
                                            {"12", 12},     {"三十二", 32}, {"〇", 0},    {"一百二十", 120}};
  for (const auto& [text, value] : cases) EXPECT_EQ(parse_chinese_number(text), value) << text;
  for (const char* bad : {"", "一二", "有", "十有", "百", "甲", "1二"})
    EXPECT_FALSE(parse_chinese_number(bad).has_value()) << bad;
  EXPECT_EQ(chinese_number(12), "十二");
  EXPECT_EQ(chinese_number(22), "二十二");
  EXPECT_EQ(chinese_number(105), "一百零五");
  EXPECT_EQ(chinese_number(115), "一百一十五");
  EXPECT_EQ(chinese_era_year(1), "元");
  EXPECT_EQ(chinese_month_name(1, false), "正月");
  EXPECT_EQ(chinese_month_name(5, true), "闰五月");
  for (int n = 0; n < 200; ++n) EXPECT_EQ(parse_chinese_number(chinese_number(n)), n) << n;
}

// --- Era dates -------------------------------------------------------------

TEST(CalendarEraDate, ParsesChronicleForms) {
  EraDate d = parse_era_date("宝庆三年闰五月");
  EXPECT_EQ(d.era, "宝庆");
  EXPECT_EQ(d.era_year, 3);
  EXPECT_EQ(d.month, 5);
  EXPECT_TRUE(d.leap);
  EXPECT_FALSE(d.day.has_value());

  d = parse_era_date("乾定三年二月");
  EXPECT_EQ(d.era, "乾定");
  EXPECT_EQ(d.era_year, 3);
  EXPECT_EQ(d.month, 2);
  EXPECT_FALSE(d.leap);

  d = parse_era_date("宝庆三年七月十二日");
  EXPECT_EQ(d.day, 12);
  d = parse_era_date("宝庆三年七月己丑");
  EXPECT_EQ(d.sexagenary, "己丑");
  EXPECT_FALSE(d.day.has_value());
  d = parse_era_date("宝庆3年7月");
  EXPECT_EQ(d.era, "宝庆");
  EXPECT_EQ(d.era_year, 3);
  EXPECT_EQ(d.month, 7);
  EXPECT_EQ(parse_era_date("宝庆三年正月").month, 1);
  EXPECT_EQ(parse_era_date("十有二月").month, 12);
  d = parse_era_date("十二月");
  EXPECT_EQ(d.era, "");
  EXPECT_EQ(d.month, 12);
  d = parse_era_date("乾定元年");
  EXPECT_EQ(d.era_year, 1);
  EXPECT_EQ(d.month, 0);
  EXPECT_EQ(parse_era_date("夏五月").month, 5);
  EXPECT_EQ(parse_era_date("宝庆二年春二月").month, 2);
  d = parse_era_date("嘉定三年六月丁巳朔");
  EXPECT_EQ(d.day, 1);
  EXPECT_EQ(d.sexagenary, "丁巳");
  d = parse_era_date("至元三十一年正月癸酉");
  EXPECT_EQ(d.era, "至元");
  EXPECT_EQ(d.era_year, 31);
  d = parse_era_date("贞元元年");  // an era name ending in 元, then 元年
  EXPECT_EQ(d.era, "贞元");
  EXPECT_EQ(d.era_year, 1);
  EXPECT_EQ(parse_era_date("七月初一").day, 1);
  EXPECT_EQ(parse_era_date("七月廿一日").day, 21);
  EXPECT_EQ(parse_era_date("夏乾定四年").era, "夏乾定");
  EXPECT_EQ(parse_era_date(" 宝庆 三年 七月 ").month, 7);
}

TEST(CalendarEraDate, RejectsMalformedText) {
  const std::map<std::string, std::string> cases = {
      {"宝庆三年十三月", "month 13 is not 1 to 12"},
      {"宝庆年五月", "no year number before 年"},
      {"三年五月", "no era name"},
      {"宝庆三年七月三十一日", "day 31 is not 1 to 30"},
      {"hello", "cannot read 'hello'"},
      {" ", "neither an era year nor a month"},
      {"宝庆三年七月晦", "晦"},
      {"宝庆三年七月己丑x", "after the 干支 day"},
      {"abc三年", "not written in Chinese"},
  };
  for (const auto& [text, why] : cases) {
    const std::string message = error_of([&] { parse_era_date(text); });
    EXPECT_NE(message.find(why), std::string::npos) << text << ": " << message;
    EXPECT_NE(message.find("is not an era date"), std::string::npos) << message;
  }
}

TEST(CalendarEraDate, FormatsWhatItParses) {
  for (const char* text :
       {"宝庆三年闰五月十二日", "乾定元年正月", "宝庆三年七月己丑", "十二月", "至元三十一年"})
    EXPECT_EQ(format_era_date(parse_era_date(text)), text);
}

// --- The shipped tables ----------------------------------------------------

TEST(CalendarData, MonthTableCoversTheRequestedYears) {
  const Calendar& c = shipped();
  EXPECT_EQ(c.first_year(), 950);
  EXPECT_EQ(c.last_year(), 1370);
  int leaps = 0;
  for (const auto& m : c.months()) {
    ASSERT_TRUE(m.days == 29 || m.days == 30);
    leaps += m.leap ? 1 : 0;
  }
  // 421 years of 12 months and a leap month about every 2.7 years.
  EXPECT_EQ(c.months().size(), 421u * 12u + static_cast<unsigned>(leaps));
  EXPECT_GT(leaps, 150);
  EXPECT_LT(leaps, 160);
}

TEST(CalendarData, MonthLookups) {
  const Calendar& c = shipped();
  const LunarMonth* leap5 = c.month(1227, 5, true);
  ASSERT_NE(leap5, nullptr);
  EXPECT_EQ(leap5->days, 29);
  EXPECT_EQ(c.month(1226, 5, true), nullptr);
  EXPECT_EQ(c.month(949, 1, false), nullptr);
  EXPECT_EQ(c.month(1371, 1, false), nullptr);
  const LunarMonth* m = c.month_containing(2169456);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->year, 1227);
  EXPECT_EQ(m->month, 7);
  EXPECT_FALSE(m->leap);
  EXPECT_EQ(c.month_containing(c.months().front().first_jdn - 1), nullptr);
  EXPECT_EQ(c.month_containing(c.months().back().last_jdn() + 1), nullptr);
  for (std::int64_t jdn = c.months().front().first_jdn; jdn <= c.months().back().last_jdn(); jdn += 7) {
    const LunarMonth* found = c.month_containing(jdn);
    ASSERT_NE(found, nullptr) << jdn;
    ASSERT_LE(found->first_jdn, jdn);
    ASSERT_GE(found->last_jdn(), jdn);
    ASSERT_EQ(c.month(found->year, found->month, found->leap), found);
  }
}

TEST(CalendarData, FindsErasByNamePrefixAndReckoning) {
  const Calendar& c = shipped();
  const EraReckoning shushi{{"xia", "xixia-shushi"}};
  const Era* baoqing = c.find_era("宝庆");
  ASSERT_NE(baoqing, nullptr);
  EXPECT_EQ(baoqing->polity, "song");
  EXPECT_EQ(baoqing->first_year, 1225);
  const Era* qianding = c.find_era("乾定");
  ASSERT_NE(qianding, nullptr);
  EXPECT_EQ(qianding->reckoning, "standard");
  EXPECT_EQ(qianding->first_year, 1223);
  const Era* qianding_shushi = c.find_era("乾定", shushi);
  ASSERT_NE(qianding_shushi, nullptr);
  EXPECT_EQ(qianding_shushi->reckoning, "xixia-shushi");
  EXPECT_EQ(qianding_shushi->first_year, 1224);
  EXPECT_EQ(qianding_shushi->last_year, 1227);
  const Era* baoyi = c.find_era("宝义", shushi);  // only in the standard tables: falls back
  ASSERT_NE(baoyi, nullptr);
  EXPECT_EQ(baoyi->reckoning, "standard");
  EXPECT_EQ(c.find_era("大安"), nullptr);  // Liao, Xia and Jin all had a 大安
  EXPECT_EQ(c.find_eras("大安").size(), 3u);
  ASSERT_NE(c.find_era("金大安"), nullptr);
  EXPECT_EQ(c.find_era("金大安")->first_year, 1209);
  ASSERT_NE(c.find_era("夏乾定", shushi), nullptr);
  ASSERT_NE(c.find_era("西夏乾定", shushi), nullptr);
  EXPECT_EQ(c.find_era("西夏乾定", shushi)->first_year, 1224);
  ASSERT_NE(c.find_era("元丰"), nullptr);
  EXPECT_EQ(c.find_era("元丰")->polity, "song");  // 元 is also the Yuan prefix
  ASSERT_NE(c.find_era("元大德"), nullptr);
  EXPECT_EQ(c.find_era("元大德")->polity, "yuan");
  EXPECT_EQ(c.find_era("不存在"), nullptr);
}

TEST(CalendarData, EveryEraResolvesItsFirstAndLastYear) {
  const Calendar& c = shipped();
  std::set<std::string> polities;
  for (const Era& e : c.eras()) {
    SCOPED_TRACE(e.polity + " " + e.name + " " + e.reckoning);
    polities.insert(e.polity);
    EXPECT_FALSE(e.source.empty());
    const EraReckoning r{{e.polity, e.reckoning}};
    const std::string qualified = polity_name_zh(e.polity) + e.name;
    EXPECT_EQ(c.find_era(qualified, r), &e);
    EraDate first{qualified, 1, e.first_month, false, 1, std::nullopt};
    if (e.first_year >= c.first_year()) {
      const std::int64_t jdn = c.resolve_day(first, r);
      // That day, the polity's entry in the era's own reckoning is this era.
      bool found = false;
      for (const EraDay& d : c.era_days(jdn, r))
        if (d.era == &e) found = d.date.era_year == 1 && d.date.month == e.first_month && d.date.day == 1;
      EXPECT_TRUE(found);
    }
    EraDate last{qualified, e.last_year - e.first_year + 1, 12, false, std::nullopt, std::nullopt};
    EXPECT_EQ(c.chinese_year(last, r), e.last_year);
    EraDate past{qualified, e.last_year - e.first_year + 2, 1, false, std::nullopt, std::nullopt};
    EXPECT_THROW(c.chinese_year(past, r), CalendarError);
  }
  EXPECT_EQ(polities, (std::set<std::string>{"song", "liao", "jin", "xia", "mongol", "yuan"}));
}

TEST(CalendarData, ErasInForceIn1227) {
  std::set<std::string> names;
  for (const Era* e : shipped().eras_in_force(1227))
    names.insert(e->polity + ":" + e->name + ":" + e->reckoning);
  EXPECT_EQ(names, (std::set<std::string>{"song:宝庆:standard", "jin:正大:standard", "xia:宝义:standard",
                                          "xia:乾定:xixia-shushi", "mongol:太祖:standard"}));
}

TEST(CalendarData, XiaReckoningsDifferAsTheChronicleSays) {
  const Calendar& c = shipped();
  const EraReckoning shushi{{"xia", "xixia-shushi"}};
  auto xia_text = [&](std::int64_t jdn, const EraReckoning& r) {
    for (const EraDay& d : c.era_days(jdn, r))
      if (d.era->polity == "xia") return format_era_date(d.date);
    return std::string("(none)");
  };
  const std::int64_t day_1226 = c.resolve_day(parse_era_date("宝庆二年二月一日"));
  EXPECT_EQ(xia_text(day_1226, shushi), "乾定三年二月一日");
  EXPECT_EQ(xia_text(day_1226, {}), "乾定四年二月一日");
  const std::int64_t day_1223 = c.resolve_day(parse_era_date("嘉定十六年五月一日"));
  EXPECT_EQ(xia_text(day_1223, shushi), "光定十三年五月一日");  // before 乾定: standard 光定
  EXPECT_EQ(xia_text(day_1223, {}), "光定十三年五月一日");
  const std::int64_t chinggis = jdn_from_julian({1227, 8, 25});
  EXPECT_EQ(xia_text(chinggis, shushi), "乾定四年七月十二日");
  EXPECT_EQ(xia_text(chinggis, {}), "宝义二年七月十二日");
  // With all reckonings, both Xia readings of the day are listed, selected first.
  std::vector<std::string> xia;
  for (const EraDay& d : c.era_days(chinggis, shushi, true))
    if (d.era->polity == "xia") xia.push_back(d.era->reckoning);
  EXPECT_EQ(xia, (std::vector<std::string>{"xixia-shushi", "standard"}));
}

// --- Impossible dates --------------------------------------------------------

TEST(CalendarErrors, ExplainWhatExists) {
  const Calendar& c = shipped();
  const EraReckoning shushi{{"xia", "xixia-shushi"}};
  auto month_error = [&](const std::string& text, const EraReckoning& r = {}) {
    return error_of([&] { c.resolve_month(parse_era_date(text), r); });
  };
  auto day_error = [&](const std::string& text, const EraReckoning& r = {}) {
    return error_of([&] { c.resolve_day(parse_era_date(text), r); });
  };
  EXPECT_EQ(month_error("宝庆二年闰五月"), "宝庆二年 has no leap month; 宝庆三年 (1227) has 闰五月");
  EXPECT_EQ(month_error("宝庆三年闰四月"), "宝庆三年 has 闰五月 and no other leap month");
  EXPECT_EQ(day_error("宝庆三年七月三十日"), "宝庆三年七月 has 29 days, not 30");
  EXPECT_EQ(month_error("乾定五年正月", shushi),
            "乾定 ends in its 4th year (1227) in the xixia-shushi reckoning; 乾定五年 does not exist");
  EXPECT_EQ(month_error("宝庆四年正月"),
            "宝庆 ends in its 3rd year (1227) in the standard reckoning; 宝庆四年 does not exist");
  EXPECT_NE(month_error("宝历三年正月").find("unknown era '宝历'"), std::string::npos);
  EXPECT_NE(month_error("大安三年正月").find("辽大安 (1085-1094), 金大安 (1209-1211), 夏大安 (1075-1085)"),
            std::string::npos);
  EXPECT_EQ(day_error("宝庆三年七月甲子"),
            "宝庆三年七月 has no 甲子 day: its days run from 戊寅 (一日) to 丙午 (二十九日)");
  EXPECT_EQ(error_of([&] {
              c.resolve_day(EraDate{"宝庆", 3, 7, false, 12, "庚寅"});
            }),
            "宝庆三年七月十二日 is a 己丑 day, not 庚寅");
  EXPECT_NE(day_error("宝庆三年七月").find("names no day"), std::string::npos);
  EXPECT_NE(month_error("宝庆三年").find("names no month"), std::string::npos);
  EXPECT_NE(month_error("七月").find("names no era"), std::string::npos);
  EXPECT_THROW(c.resolve_month(EraDate{"宝庆", 0, 1, false, std::nullopt, std::nullopt}), CalendarError);
}

TEST(CalendarErrors, OutsideTheTable) {
  const Calendar small = Calendar::load(kFixtures / "valid");  // months of 1227 only
  EXPECT_EQ(small.first_year(), 1227);
  const std::string message = error_of([&] { small.resolve_month(parse_era_date("宝庆二年正月")); });
  EXPECT_EQ(message, "宝庆二年 (1226) is outside the month tables, which cover the Chinese years 1227-1227");
  EXPECT_EQ(small.resolve_month(parse_era_date("宝庆三年闰五月")).first_jdn, 2169386);
  EXPECT_TRUE(small.era_days(2169237).empty());
}

// --- Malformed data files ----------------------------------------------------

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted && ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      cells.back() += '"';
      ++i;
    } else if (ch == '"') {
      quoted = !quoted;
    } else if (ch == ',' && !quoted) {
      cells.emplace_back();
    } else {
      cells.back() += ch;
    }
  }
  return cells;
}

struct BrokenTable {
  int row = 0;  // line in table-rules.csv
  std::string rule, file, line, message;
};

std::vector<BrokenTable> broken_tables() {
  std::ifstream in(kFixtures / "table-rules.csv");
  EXPECT_TRUE(in) << "cannot open table-rules.csv";
  std::vector<BrokenTable> out;
  std::string text;
  bool header = true;
  for (int n = 1; std::getline(in, text); ++n) {
    if (text.empty() || text[0] == '#') continue;
    const auto cell = split_csv_line(text);
    if (header) {
      EXPECT_EQ(text, "rule,file,line,message,basis");
      header = false;
      continue;
    }
    EXPECT_EQ(cell.size(), 5u) << "table-rules.csv:" << n;
    if (cell.size() != 5) continue;
    EXPECT_FALSE(cell[4].empty()) << "table-rules.csv:" << n << ": every rule names where it is stated";
    out.push_back({n, cell[0], cell[1], cell[2], cell[3]});
  }
  return out;
}

// Each broken table is refused at its file and line, for its rule, with its message.
TEST(CalendarTableRules, EachBrokenTableIsRefusedForItsRule) {
  const std::vector<BrokenTable> tables = broken_tables();
  ASSERT_FALSE(tables.empty());
  for (const BrokenTable& t : tables) {
    SCOPED_TRACE("table-rules.csv:" + std::to_string(t.row) + " " + t.rule);
    const fs::path file = kFixtures / t.file;
    const std::string expected = file.string() + ":" + (t.line.empty() ? "" : t.line + ":") + " " + t.message;
    try {
      Calendar::load(file.parent_path());
      ADD_FAILURE() << t.file << " loaded without error";
    } catch (const CalendarTableError& e) {
      EXPECT_EQ(std::string(e.what()), expected);
      EXPECT_EQ(to_string(e.rule()), t.rule);
    } catch (const DataError& e) {
      ADD_FAILURE() << "a DataError that names no rule: " << e.what();
    }
  }
}

// A rule added to kCalendarTableRules without a broken table in
// table-rules.csv fails here; so does a row naming a rule that does not exist.
TEST(CalendarTableRules, EveryRuleHasABrokenTable) {
  std::set<std::string> rows;
  for (const BrokenTable& t : broken_tables()) rows.insert(t.rule);
  std::set<std::string> rules;
  for (const auto& r : kCalendarTableRules) {
    rules.insert(std::string(r.id));
    EXPECT_TRUE(rows.count(std::string(r.id))) << "no broken table for rule " << r.id;
  }
  for (const std::string& r : rows) EXPECT_TRUE(rules.count(r)) << "table-rules.csv names unknown rule " << r;
}

// The valid fixture loads: every broken table differs from it by its fault alone.
TEST(CalendarTableRules, TheValidTableLoads) {
  const Calendar c = Calendar::load(kFixtures / "valid");
  EXPECT_EQ(c.months().size(), 13u);
  EXPECT_TRUE(c.months()[5].leap);
  EXPECT_EQ(c.eras().size(), 2u);
}

TEST(CalendarLoad, ReadsQuotedFields) {
  const Calendar c = Calendar::load(kFixtures / "eras-quoted");
  ASSERT_EQ(c.eras().size(), 1u);
  EXPECT_EQ(c.eras()[0].source, "宋史, 理宗纪");
  EXPECT_EQ(c.eras()[0].note, "a note, with \"quotes\"");
}

// --- Historical dates ----------------------------------------------------------

EraReckoning parse_reckoning(const std::string& text) {
  EraReckoning r;
  if (const auto eq = text.find('='); eq != std::string::npos) r[text.substr(0, eq)] = text.substr(eq + 1);
  return r;
}

TEST(CalendarCases, HistoricalDatesConvertBothWays) {
  std::ifstream in(kFixtures / "cases.csv");
  ASSERT_TRUE(in) << "cannot open cases.csv";
  std::string line;
  std::getline(in, line);
  ASSERT_EQ(
      line,
      "era_date,reckoning,expected_first_jdn,expected_first_julian,expected_day_jdn,expected_day_julian,"
      "expected_sexagenary,source");
  const Calendar& c = shipped();
  int rows = 0;
  int line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    const auto cell = split_csv_line(line);
    ASSERT_EQ(cell.size(), 8u) << "cases.csv:" << line_no;
    SCOPED_TRACE("cases.csv:" + std::to_string(line_no) + " " + cell[0] + " (" + cell[7] + ")");
    ASSERT_FALSE(cell[7].empty()) << "every case needs a source";
    ++rows;
    const EraReckoning r = parse_reckoning(cell[1]);
    const EraDate d = parse_era_date(cell[0]);
    const LunarMonth m = c.resolve_month(d, r);
    if (!cell[2].empty()) {
      EXPECT_EQ(m.first_jdn, std::stoll(cell[2]));
    }
    if (!cell[3].empty()) {
      EXPECT_EQ(format_iso(julian_from_jdn(m.first_jdn)), cell[3]);
      if (!cell[2].empty()) {
        EXPECT_EQ(jdn_from_julian(parse_iso(cell[3])), std::stoll(cell[2]));
      }
    }
    if (!d.day && !d.sexagenary) continue;
    const std::int64_t jdn = c.resolve_day(d, r);
    if (!cell[4].empty()) {
      EXPECT_EQ(jdn, std::stoll(cell[4]));
    }
    if (!cell[5].empty()) {
      EXPECT_EQ(format_iso(julian_from_jdn(jdn)), cell[5]);
    }
    if (!cell[6].empty()) {
      EXPECT_EQ(sexagenary_day(jdn), cell[6]);
    }
    // And back: the day, read in the same reckoning, is this era date. Histories
    // name a year by the era it ended in (宝元元年正月, though 宝元 began in the
    // 11th month), so before an era's first month the predecessor comes back.
    const Era& era = c.resolve_era(d, r);
    const bool retroactive = d.era_year == 1 && m.month < era.first_month;
    bool found = false;
    for (const EraDay& e : c.era_days(jdn, r, true)) {
      if (e.era->polity != era.polity || (e.era != &era && !retroactive)) continue;
      const int year = e.era->first_year + e.date.era_year - 1;
      found = found || (year == m.year && e.date.month == m.month && e.date.leap == m.leap &&
                        *e.date.day == jdn - m.first_jdn + 1 && (e.era == &era) != retroactive);
    }
    EXPECT_TRUE(found) << "era_days does not give the date back";
  }
  EXPECT_GE(rows, 250);
}

}  // namespace
}  // namespace annals
