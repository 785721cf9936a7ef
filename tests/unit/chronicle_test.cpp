// The chronicle as data: segmentation of juan 42 into entries, their dates,
// the curated fields' integrity, the Private Use Area map, the exact source
// text, and the segmentation tool's --check mode.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "annals/model/calendar.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/chronicle.h"
#include "annals/model/json_locations.h"
#include "annals/model/pua_map.h"
#include "annals/model/source_text.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = ANNALS_SOURCE_ROOT;
const fs::path kCampaign = kRoot / "data" / "campaigns" / "xixia-1224";
const fs::path kCampaigns = fs::path(ANNALS_TEST_FIXTURES_DIR) / "campaigns";

const Chronicle& chronicle() {
  static const Chronicle c = Chronicle::load(kCampaign);
  return c;
}

const Calendar& calendar() {
  static const Calendar c = Calendar::load(kRoot / "data" / "calendar");
  return c;
}

const SourceText& source() {
  static const SourceText s = SourceText::load(kCampaign / "source" / "xixia-shushi-juan42.txt");
  return s;
}

const Entry& entry(const std::string& id) {
  for (const Entry& e : chronicle().entries)
    if (e.id == id) return e;
  ADD_FAILURE() << "no entry " << id;
  static const Entry none;
  return none;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = text.find(needle); p != std::string::npos; p = text.find(needle, p + needle.size())) ++n;
  return n;
}

// U+E4BF, the private-use character written before 见 in 睍's name.
const std::string kPuaXian = "\xEE\x92\xBF";
const std::string kPuaUnknown = "\xEE\x8F\x97";  // U+E3D7

// --- segmentation -------------------------------------------------------------

TEST(Chronicle, EveryLineOfTheTextBelongsToExactlyOneEntry) {
  ASSERT_EQ(source().lines.size(), 93u);
  ASSERT_EQ(chronicle().source_lines, 93);
  std::vector<int> owners(94, 0);
  for (const Entry& e : chronicle().entries)
    for (int l = e.first_line; l <= e.last_line; ++l) ++owners[static_cast<std::size_t>(l)];
  for (int l = 1; l <= 93; ++l) EXPECT_EQ(owners[static_cast<std::size_t>(l)], 1) << "line " << l;
}

TEST(Chronicle, FortyOneEntriesInOrder) {
  const auto& es = chronicle().entries;
  ASSERT_EQ(es.size(), 41u);
  EXPECT_EQ(es.front().id, "e001");
  EXPECT_EQ(es.back().id, "e090");
  for (std::size_t i = 0; i < es.size(); ++i) {
    EXPECT_EQ(es[i].seq, static_cast<int>(i) + 1);
    if (i > 0) {
      EXPECT_EQ(es[i].first_line, es[i - 1].last_line + 1) << es[i].id;
      EXPECT_GE(es[i].date.first_jdn, es[i - 1].date.first_jdn) << es[i].id;
    }
  }
}

TEST(Chronicle, HeadlineDetailAndCommentaryAreTheSourceLines) {
  std::map<std::string, int> commentary_kinds;
  for (const Entry& e : chronicle().entries) {
    EXPECT_EQ(e.headline_line, e.first_line);
    EXPECT_EQ(e.headline, source().lines[static_cast<std::size_t>(e.headline_line - 1)]);
    ASSERT_EQ(e.detail_line, e.first_line + 1) << e.id << ": every 纲 here has one 目 line";
    EXPECT_EQ(e.detail, source().lines[static_cast<std::size_t>(e.detail_line - 1)]);
    for (const Commentary& c : e.commentary) {
      ++commentary_kinds[c.kind];
      EXPECT_EQ(c.kind + "：" + c.text, source().lines[static_cast<std::size_t>(c.line - 1)]);
    }
  }
  EXPECT_EQ(commentary_kinds["按"], 6);
  EXPECT_EQ(commentary_kinds["论曰"], 4);
  EXPECT_EQ(commentary_kinds["附"], 1);
  // The closing essay on the whole history of Xia ends the chapter and so the last entry.
  ASSERT_EQ(entry("e090").commentary.size(), 2u);
  EXPECT_EQ(entry("e090").commentary[1].line, 93);
}

// --- dates --------------------------------------------------------------------

TEST(Chronicle, FirstEntryNamesSongAndXiaYears) {
  const EntryDate& d = entry("e001").date;
  EXPECT_EQ(d.as_written, "嘉定十七年、夏乾定元年春正月");
  ASSERT_EQ(d.eras.size(), 2u);
  EXPECT_EQ(d.eras[0].polity, "song");
  EXPECT_EQ(d.eras[0].era, "嘉定");
  EXPECT_EQ(d.eras[0].year, 17);
  EXPECT_EQ(d.eras[1].polity, "xia");
  EXPECT_EQ(d.eras[1].era, "乾定");
  EXPECT_EQ(d.eras[1].year, 1);
  EXPECT_EQ(d.season, "春");
  EXPECT_EQ(d.chinese_year, 1224);
  EXPECT_EQ(d.month, 1);
  EXPECT_FALSE(d.leap);
  EXPECT_FALSE(d.inherited);
  const LunarMonth* m = calendar().month(1224, 1, false);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(d.first_jdn, m->first_jdn);
  EXPECT_EQ(d.last_jdn, m->last_jdn());
  EXPECT_EQ(d.first_julian, format_iso(julian_from_jdn(m->first_jdn)));
}

TEST(Chronicle, LeapFifthMonthOf1227ResolvesToTheLeapMonth) {
  const Entry& e = entry("e081");
  EXPECT_EQ(e.headline, "闰五月，蒙古遣使谕降。");
  EXPECT_EQ(e.date.era, "宝庆");
  EXPECT_EQ(e.date.year, 3);
  EXPECT_EQ(e.date.month, 5);
  EXPECT_TRUE(e.date.leap);
  const LunarMonth* leap = calendar().month(1227, 5, true);
  const LunarMonth* plain = calendar().month(1227, 5, false);
  ASSERT_NE(leap, nullptr);
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(e.date.first_jdn, leap->first_jdn);
  EXPECT_EQ(e.date.last_jdn, leap->last_jdn());
  EXPECT_NE(e.date.first_jdn, plain->first_jdn);
}

TEST(Chronicle, AdvanceOnZhongxingInheritsTheTwelfthMonthOf1226) {
  const Entry& e = entry("e067");
  EXPECT_EQ(e.headline, "进围中兴府。");
  EXPECT_TRUE(e.date.inherited);
  EXPECT_EQ(e.date.as_written, "");
  EXPECT_EQ(e.date.month, 12);
  EXPECT_EQ(e.date.chinese_year, 1226);
  EXPECT_EQ(e.date.month_from_line, 64);
  EXPECT_EQ(e.date.first_jdn, calendar().month(1226, 12, false)->first_jdn);
}

TEST(Chronicle, ExactlyTheHeadlinesWithoutAMonthInheritOne) {
  const std::set<std::string> inherited = {"e033", "e039", "e045", "e052", "e067", "e069", "e085"};
  const std::map<std::string, int> month = {{"e033", 12}, {"e039", 3},  {"e045", 5}, {"e052", 7},
                                            {"e067", 12}, {"e069", 12}, {"e085", 6}};
  for (const Entry& e : chronicle().entries) {
    EXPECT_EQ(e.date.inherited, inherited.count(e.id) == 1) << e.id;
    if (e.date.inherited) {
      EXPECT_EQ(e.date.month, month.at(e.id)) << e.id;
      // The month comes from the nearest earlier headline that wrote one.
      const Entry* from = chronicle().entry_covering(e.date.month_from_line);
      ASSERT_NE(from, nullptr);
      EXPECT_FALSE(from->date.inherited);
      EXPECT_EQ(from->date.month, e.date.month);
      EXPECT_EQ(from->date.first_jdn, e.date.first_jdn);
    }
  }
}

TEST(Chronicle, YearHeadingWithoutAMonthSpansTheWholeYear) {
  const Entry& e = entry("e071");
  EXPECT_EQ(e.date.as_written, "宝庆三年、夏乾定四年");
  EXPECT_EQ(e.date.month, 0);
  EXPECT_FALSE(e.date.inherited);
  EXPECT_EQ(e.date.chinese_year, 1227);
  EXPECT_EQ(e.date.first_jdn, calendar().month(1227, 1, false)->first_jdn);
  EXPECT_EQ(e.date.last_jdn, calendar().month(1227, 12, false)->last_jdn());
  // The next headline writes only a month and takes its year from here.
  EXPECT_EQ(entry("e073").date.year_from_line, 71);
  EXPECT_EQ(entry("e073").date.first_jdn, e.date.first_jdn);
}

TEST(Chronicle, YearsCarryOverAndEveryEraYearMatchesTheCalendar) {
  const std::map<int, int> year_of_line = {{1, 1224}, {15, 1225}, {35, 1226}, {71, 1227}, {90, 1231}};
  for (const Entry& e : chronicle().entries) {
    ASSERT_TRUE(year_of_line.count(e.date.year_from_line)) << e.id;
    EXPECT_EQ(e.date.chinese_year, year_of_line.at(e.date.year_from_line)) << e.id;
    EraDate d;
    d.era = "宋" + e.date.era;
    d.era_year = e.date.year;
    EXPECT_EQ(calendar().chinese_year(d), e.date.chinese_year) << e.id;
  }
  EXPECT_EQ(entry("e015").date.as_written, "宋理宗宝庆元年、夏乾定二年春三月");
  EXPECT_EQ(entry("e090").date.era, "绍定");
  EXPECT_EQ(entry("e090").date.first_julian, "1231-05-04");
}

// --- curated fields -------------------------------------------------------------

TEST(Chronicle, CuratedClaimsCiteLinesInsideTheirEntry) {
  const std::set<std::string_view> kinds(kEntryKinds.begin(), kEntryKinds.end());
  const std::set<std::string_view> states(kPlaceStates.begin(), kPlaceStates.end());
  for (const Entry& e : chronicle().entries) {
    EXPECT_TRUE(kinds.count(e.kind)) << e.id << " " << e.kind;
    ASSERT_FALSE(e.basis.empty()) << e.id;
    for (int l : e.basis) EXPECT_TRUE(e.covers(l)) << e.id << " basis " << l;
    std::set<std::string> places;
    for (const PlaceRef& p : e.places) {
      places.insert(p.id);
      EXPECT_TRUE(e.covers(p.line)) << e.id << " " << p.id;
      EXPECT_FALSE(p.written.empty()) << e.id << " " << p.id;
    }
    for (const ActorRef& a : e.actors) {
      EXPECT_TRUE(e.covers(a.line)) << e.id << " " << a.id;
      EXPECT_NE(chronicle().actor(a.id), nullptr) << e.id << " " << a.id;
    }
    for (const StateChange& c : e.changes) {
      EXPECT_TRUE(places.count(c.place)) << e.id << ": change at " << c.place << " is not among its places";
      EXPECT_TRUE(states.count(c.state)) << e.id << " " << c.state;
      EXPECT_TRUE(e.covers(c.line)) << e.id << " " << c.place;
      if (!c.by.empty()) {
        EXPECT_NE(chronicle().actor(c.by), nullptr) << c.by;
      }
    }
  }
}

// (entry, place) -> state, with the month it happens in.
struct Expected {
  std::string entry, place, state;
  int year, month;
};

TEST(Chronicle, KeyStateChangesOfTheConquest) {
  const std::vector<Expected> want = {
      {"e005", "shazhou", "besieged", 1224, 5},        {"e013", "shazhou", "siege_lifted", 1224, 11},
      {"e007", "yinzhou", "taken", 1224, 9},           {"e035", "heishuicheng", "taken", 1226, 2},
      {"e043", "suzhou", "massacred", 1226, 5},        {"e048", "ganzhou", "taken", 1226, 6},
      {"e050", "xiliangfu", "surrendered", 1226, 7},   {"e059", "xiazhou", "taken", 1226, 10},
      {"e061", "lingzhou", "taken", 1226, 11},         {"e064", "yanzhouchuan", "massacred", 1226, 12},
      {"e067", "zhongxingfu", "besieged", 1226, 12},   {"e077", "shazhou", "taken", 1227, 3},
      {"e085", "zhongxingfu", "surrendered", 1227, 6},
  };
  for (const auto& w : want) {
    const Entry& e = entry(w.entry);
    EXPECT_EQ(e.date.chinese_year, w.year) << w.entry;
    EXPECT_EQ(e.date.month, w.month) << w.entry;
    const bool found = std::any_of(e.changes.begin(), e.changes.end(), [&](const StateChange& c) {
      return c.place == w.place && c.state == w.state;
    });
    EXPECT_TRUE(found) << w.entry << ": " << w.place << " " << w.state;
  }
}

TEST(Chronicle, PlacesAreWrittenInTheLinesTheyCite) {
  const PuaMap map = PuaMap::load(kCampaign / "pua-map.csv");
  for (const Entry& e : chronicle().entries)
    for (const PlaceRef& p : e.places) {
      const std::string line = map.normalize(source().lines[static_cast<std::size_t>(p.line - 1)]);
      EXPECT_NE(line.find(p.written), std::string::npos) << e.id << " " << p.id << " '" << p.written << "'";
    }
}

// --- the text and its Private Use Area ------------------------------------------

TEST(Chronicle, SourceIsPinnedAndRecoverableByteForByte) {
  const CampaignManifest m = load_campaign_manifest(kCampaign);
  EXPECT_EQ(sha256_hex(source().bytes), m.source_sha256);
  EXPECT_EQ(chronicle().source_sha256, m.source_sha256);
  EXPECT_EQ(source().joined(), source().bytes);
  // The entries' original fields, in line order, give back the whole file.
  std::map<int, std::string> by_line;
  for (const Entry& e : chronicle().entries) {
    by_line[e.headline_line] = e.headline;
    by_line[e.detail_line] = e.detail;
    for (const Commentary& c : e.commentary) by_line[c.line] = c.kind + "：" + c.text;
  }
  std::string rebuilt;
  for (const auto& [line, text] : by_line) rebuilt += text + "\n";
  EXPECT_EQ(by_line.size(), 93u);
  EXPECT_EQ(rebuilt, source().bytes);
}

TEST(Chronicle, PrivateUseSpellingOfXianBecomesXian) {
  const PuaMap map = PuaMap::load(kCampaign / "pua-map.csv");
  const std::string& text = source().bytes;
  EXPECT_EQ(count_of(text, kPuaXian + "见"), 16u);
  EXPECT_EQ(count_of(text, kPuaXian), 16u);
  EXPECT_EQ(count_of(text, kPuaUnknown), 1u);
  const std::string normalized = map.normalize(text);
  EXPECT_EQ(count_of(normalized, kPuaXian), 0u);
  EXPECT_EQ(count_of(normalized, "睍"), count_of(text, "睍") + 16);
  EXPECT_EQ(count_of(normalized, "〓"), 1u);  // U+E3D7 is unread and shown as such
  EXPECT_TRUE(map.unmapped(text).empty());
  // The mapping is the map's, not the code's: 睍 is U+774D.
  ASSERT_EQ(map.mappings().size(), 2u);
  EXPECT_EQ(map.mappings()[0].sequence, std::u32string({U'\uE4BF', U'见'}));
  EXPECT_EQ(map.mappings()[0].replacement, std::u32string(1, U'\u774D'));
  EXPECT_EQ(map.mappings()[1].status, "unknown");

  const Entry& e = entry("e085");
  EXPECT_EQ(e.headline, "国主" + kPuaXian + "见出降，蒙古执以归。");
  EXPECT_EQ(e.headline_normalized, "国主睍出降，蒙古执以归。");
}

TEST(PuaMap, LongestSequenceWinsAndUnmappedCodePointsAreFound) {
  const PuaMap map = PuaMap::parse(
      "sequence,replacement,status,note\n"
      "U+E000,U+3013,unknown,alone\n"
      "U+E000 U+4E00,U+4E8C,probable,\"pair, with a comma\"\n",
      "test.csv");
  EXPECT_EQ(map.normalize("\xEE\x80\x80一\xEE\x80\x80x"), "二〓x");
  const auto missing = map.unmapped(
      "a\xEE\x80\x81"
      "b");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].code_point, U'\uE001');
  EXPECT_EQ(missing[0].index, 1u);
  EXPECT_EQ(format_code_point(U'\uE3D7'), "U+E3D7");
}

TEST(PuaMap, RejectsMalformedRowsWithTheirLine) {
  auto error_of = [](const std::string& csv) {
    try {
      PuaMap::parse(csv, "m.csv");
    } catch (const DataError& e) {
      return e.diagnostic().format();
    }
    return std::string("no error");
  };
  const std::string header = "sequence,replacement,status,note\n";
  EXPECT_EQ(error_of(header + "U+E000,U+3013,unknown,x\nU+4E00,U+3013,unknown,x\n"),
            "m.csv:3: sequence must begin with a Private Use Area code point, not U+4E00");
  EXPECT_EQ(error_of(header + "U+E000,U+3013,maybe,x\n"),
            "m.csv:2: status 'maybe' is not one of certain, probable, unknown");
  EXPECT_EQ(error_of(header + "E000,U+3013,unknown,x\n"),
            "m.csv:2: sequence 'E000' is not code points written as U+XXXX");
  EXPECT_EQ(error_of("seq,rep\n"), "m.csv:1: header must be sequence,replacement,status,note");
  EXPECT_EQ(error_of(header + "U+E000,U+3013,unknown\n"),
            "m.csv:2: expected 4 fields, found 3 (quote fields with commas)");
}

// --- helpers: SHA-256, UTF-8, JSON locations --------------------------------------

TEST(SourceText, Sha256MatchesPublishedTestVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(SourceText, SplitsLinesAndFindsInvalidUtf8) {
  const SourceText t = SourceText::from_bytes("a\nb\n\nc");
  ASSERT_EQ(t.lines.size(), 4u);
  EXPECT_EQ(t.lines[2], "");
  EXPECT_FALSE(t.final_newline);
  EXPECT_EQ(t.joined(), "a\nb\n\nc");
  EXPECT_EQ(first_invalid_utf8_line("睍\n见"), 0);
  EXPECT_EQ(first_invalid_utf8_line("ok\n\xC0\xAF"), 2);          // overlong '/'
  EXPECT_EQ(first_invalid_utf8_line("ok\nok\n\xED\xA0\x80"), 3);  // a surrogate
  EXPECT_EQ(first_invalid_utf8_line("\xE7\x9D"), 1);              // cut short
}

TEST(JsonLocations, LinesOfValuesByPointer) {
  const std::string text =
      "{\n"
      "  \"a\": [1,\n"
      "    {\"b/c\": \"x\\n\\u7744\"},\n"
      "    3],\n"
      "  \"睍\": null\n"
      "}\n";
  const JsonLocations loc = JsonLocations::scan(text);
  EXPECT_EQ(loc.line(""), 1);
  EXPECT_EQ(loc.line("/a"), 2);
  EXPECT_EQ(loc.line("/a/0"), 2);
  EXPECT_EQ(loc.line("/a/1/b~1c"), 3);
  EXPECT_EQ(loc.line("/a/2"), 4);
  EXPECT_EQ(loc.line("/睍"), 5);
  EXPECT_EQ(loc.line("/a/1/missing"), 3);  // falls back to the nearest ancestor
  EXPECT_EQ(line_of_parse_error("{\n\n  x", 6), 3);
}

// --- the segmentation tool ----------------------------------------------------------

int run_tool(const std::string& args) {
  const std::string cmd =
      "cd '" + kRoot.string() + "' && python3 tools/chronicle/segment.py " + args + " 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(SegmentTool, CommittedEntriesAreWhatTheToolGenerates) {
  EXPECT_EQ(run_tool("--check --campaign data/campaigns/xixia-1224"), 0);
  EXPECT_EQ(run_tool("--check --campaign tests/fixtures/campaigns/chronicle-mini"), 0);
}

TEST(SegmentTool, CheckFailsOnAHandEditedEntriesFile) {
  // This fixture's entries.json was edited after generation (a wrong month).
  EXPECT_EQ(run_tool("--check --campaign tests/fixtures/campaigns/chronicle-out-of-order"), 1);
}

TEST(SegmentTool, RefusesAnUnmappedPrivateUseCodePoint) {
  EXPECT_EQ(run_tool("--check --campaign tests/fixtures/campaigns/chronicle-unmapped-pua"), 1);
}

}  // namespace
}  // namespace annals
