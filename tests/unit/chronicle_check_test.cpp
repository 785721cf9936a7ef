// validate_chronicle on the shipped campaign (no errors) and on small broken
// campaigns, each breaking one thing (tests/fixtures/campaigns/chronicle-*,
// made by make_chronicle_fixtures.py): the diagnostic must name the file, the
// line a person has to edit, and what is wrong.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "annals/geo/diagnostic.h"
#include "annals/geo/gazetteer.h"
#include "annals/model/calendar.h"
#include "annals/model/chronicle.h"
#include "annals/model/json_locations.h"
#include "annals/model/source_text.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = ANNALS_SOURCE_ROOT;
const fs::path kCampaigns = fs::path(ANNALS_TEST_FIXTURES_DIR) / "campaigns";
const fs::path kShipped = kRoot / "data" / "campaigns" / "xixia-1224";

const Calendar& calendar() {
  static const Calendar c = Calendar::load(kRoot / "data" / "calendar");
  return c;
}

// The ids the fixtures' curation uses, standing in for a gazetteer.
const std::set<std::string> kMiniPlaces = {"longdezhou", "liupanshan", "zhongxingfu", "salichuan"};

std::vector<std::string> errors_of(const fs::path& dir, const std::set<std::string>& places = kMiniPlaces) {
  Diagnostics diag;
  validate_chronicle(dir, calendar(), places, diag);
  std::vector<std::string> out;
  for (const auto& d : diag.items())
    if (d.severity == Severity::Error) out.push_back(d.format());
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

std::string fixture(const std::string& name, const std::string& file) {
  return (kCampaigns / ("chronicle-" + name) / file).string();
}

TEST(ChronicleCheck, ShippedCampaignHasNoErrors) {
  Diagnostics gaz_diag;
  const Gazetteer gaz = Gazetteer::load(kShipped / "gazetteer.geojson", gaz_diag);
  std::set<std::string> ids;
  for (const auto& p : gaz.places()) ids.insert(p.id);
  ASSERT_FALSE(ids.empty());
  Diagnostics diag;
  validate_chronicle(kShipped, calendar(), ids, diag);
  std::string all;
  for (const auto& d : diag.items()) all += d.format() + "\n";
  EXPECT_TRUE(diag.empty()) << all;
}

TEST(ChronicleCheck, MiniCampaignHasNoErrors) {
  const auto errors = errors_of(kCampaigns / "chronicle-mini");
  EXPECT_TRUE(errors.empty()) << joined(errors);
}

TEST(ChronicleCheck, UnknownPlaceIdAtItsLineInCuration) {
  const auto errors = errors_of(kCampaigns / "chronicle-unknown-place");
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0], fixture("unknown-place", "curation.json") +
                           ":36: unknown place id 'nowhere' (not in the gazetteer)");
}

TEST(ChronicleCheck, LeapMonthInAYearWithoutOne) {
  const auto errors = errors_of(kCampaigns / "chronicle-leap-month");
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0], fixture("leap-month", "entries.json") +
                           ":84: e003: 宋宝庆三年闰正月: 宝庆三年 has 闰五月 and no other leap month");
}

TEST(ChronicleCheck, Day30OfA29DayMonth) {
  const auto errors = errors_of(kCampaigns / "chronicle-day-30");
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0], fixture("day-30", "entries.json") +
                           ":126: e005: 宋宝庆三年闰五月三十日: 宋宝庆三年闰五月 has 29 days, not 30");
}

TEST(ChronicleCheck, EraYearPastItsEnd) {
  const auto errors = errors_of(kCampaigns / "chronicle-era-year");
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0],
            fixture("era-year", "entries.json") +
                ":41: e001: 宋宝庆四年: 宝庆 ends in its 3rd year (1227) in the standard reckoning; "
                "宝庆四年 does not exist");
}

TEST(ChronicleCheck, EntriesOutOfOrder) {
  const auto errors = errors_of(kCampaigns / "chronicle-out-of-order");
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0], fixture("out-of-order", "entries.json") +
                           ":176: e007 is dated 1227-02-18, before e005 (1227-06-16): entries out of order");
}

TEST(ChronicleCheck, UncoveredSourceLine) {
  const auto errors = errors_of(kCampaigns / "chronicle-uncovered-line");
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0], fixture("uncovered-line", "source/mini.txt") + ":13: no entry covers this line");
}

TEST(ChronicleCheck, UnmappedPrivateUseCodePoint) {
  const auto errors = errors_of(kCampaigns / "chronicle-unmapped-pua");
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0], fixture("unmapped-pua", "source/mini.txt") +
                           ":8: U+E123 (Private Use Area) has no mapping in pua-map.csv");
}

TEST(ChronicleCheck, MalformedJsonAtTheLineWhereParsingFailed) {
  const auto errors = errors_of(kCampaigns / "chronicle-malformed-json");
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  // The comma is missing at the end of line 23; the parser fails on the next token.
  const std::string want = fixture("malformed-json", "entries.json") + ":24: malformed JSON: syntax error";
  EXPECT_EQ(errors[0].substr(0, want.size()), want);
}

TEST(ChronicleCheck, SourceWhoseSha256DiffersFromTheManifest) {
  const auto errors = errors_of(kCampaigns / "chronicle-sha-mismatch");
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0],
            fixture("sha-mismatch", "campaign.json") + ":11: source.sha256 is " + std::string(64, '0') +
                " but " + fixture("sha-mismatch", "source/mini.txt") +
                " has SHA-256 40aa95161f82fa3c528687c2cb0a91758ccd17f6acbb4912bfcd48c3e3df773e: the text is "
                "not the one the campaign was made from");
}

// Copies the valid mini campaign to a scratch folder so a test can break one
// more thing without a fixture of its own.
fs::path scratch_copy(const std::string& name, const std::string& fixture = "chronicle-mini") {
  const fs::path dir = fs::path(::testing::TempDir()) / ("annals-chronicle-" + name);
  fs::remove_all(dir);
  fs::copy(kCampaigns / fixture, dir, fs::copy_options::recursive);
  return dir;
}

void replace_in_file(const fs::path& file, const std::string& from, const std::string& to) {
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto pos = text.find(from);
  ASSERT_NE(pos, std::string::npos) << from;
  text.replace(pos, from.size(), to);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

TEST(ChronicleCheck, StateOutsideTheVocabularyAndStaleEntries) {
  const fs::path dir = scratch_copy("state");
  replace_in_file(dir / "curation.json", "\"state\": \"camp\"", "\"state\": \"burned\"");
  const auto errors = errors_of(dir);
  ASSERT_EQ(errors.size(), 2u) << joined(errors);
  EXPECT_EQ(errors[0],
            (dir / "curation.json").string() +
                ":44: e005: state 'burned' is not one of besieged, siege_lifted, taken, surrendered, "
                "massacred, sacked, camp, battle, relieved");
  // entries.json still has "camp": it was not regenerated.
  EXPECT_NE(errors[1].find("entries.json:"), std::string::npos) << errors[1];
  EXPECT_NE(errors[1].find("e005: \"changes\" differs from curation.json; regenerate it with"),
            std::string::npos)
      << errors[1];
}

TEST(ChronicleCheck, CitationOutsideTheEntryAndWrittenFormNotInTheLine) {
  const fs::path dir = scratch_copy("cite");
  replace_in_file(dir / "curation.json", "{\"id\": \"li_xi\", \"written\": \"李蹊\", \"line\": 4}",
                  "{\"id\": \"li_xi\", \"written\": \"李蹊\", \"line\": 6}");
  replace_in_file(dir / "curation.json", "{\"id\": \"salichuan\", \"written\": \"萨里川\"",
                  "{\"id\": \"salichuan\", \"written\": \"萨里河\"");
  auto errors = errors_of(dir);
  // Both also leave entries.json stale; only the curation errors matter here.
  std::vector<std::string> curation;
  for (const auto& e : errors)
    if (e.find("curation.json:") != std::string::npos) curation.push_back(e);
  ASSERT_EQ(curation.size(), 2u) << joined(errors);
  std::sort(curation.begin(), curation.end());
  EXPECT_EQ(curation[0], (dir / "curation.json").string() +
                             ":28: e003: actor li_xi cites line 6, outside the entry's lines 3–4");
  EXPECT_EQ(curation[1],
            (dir / "curation.json").string() + ":73: e011: place salichuan: '萨里河' is not in line 11");
}

TEST(ChronicleCheck, EditedHeadlineIsCaughtAgainstTheSource) {
  const fs::path dir = scratch_copy("headline");
  replace_in_file(dir / "entries.json", "\"headline\": \"六月，太白入东井。\"",
                  "\"headline\": \"六月，太白入东壁。\"");
  const auto errors = errors_of(dir);
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0],
            (dir / "entries.json").string() +
                ":159: e007: headline differs from line 7 of the source; regenerate it with: python3 "
                "tools/chronicle/segment.py --campaign " +
                dir.string());
}

TEST(ChronicleCheck, MalformedCsvInThePuaMap) {
  const fs::path dir = scratch_copy("csv");
  std::ofstream(dir / "pua-map.csv", std::ios::binary | std::ios::trunc)
      << "sequence,replacement,status,note\nU+E4BF U+89C1,U+774D,certain,\"unterminated\n";
  const auto errors = errors_of(dir);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0], (dir / "pua-map.csv").string() + ":2: unterminated quoted field");
}

TEST(ChronicleCheck, XiaEraCheckedByTheCampaignsReckoning) {
  // With the standard tables 乾定元年 is 1223, so 乾定四年 is 1226 and the Xia
  // and Song years of line 71 disagree: the check must use
  // campaign.json's calendar.era_reckoning ({"xia": "xixia-shushi"}).
  const fs::path dir = scratch_copy("reckoning");
  replace_in_file(dir / "campaign.json", "\"xia\": \"xixia-shushi\"", "\"xia\": \"standard\"");
  const auto errors = errors_of(dir);
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0],
            (dir / "entries.json").string() +
                ":36: e001: 夏乾定四年 is 1226 by the standard reckoning but 宝庆三年 is 1227: the eras "
                "disagree (check eras.csv and campaign.json's calendar.era_reckoning)");
}

// The annals layout: tests/fixtures/campaigns/annals-mini (元史 卷一, lines 24–27), with the
// ids its curation uses.
const std::set<std::string> kAnnalsPlaces = {"lijili", "wuluohai", "longting"};

TEST(ChronicleCheck, AnnalsMiniCampaignHasNoErrors) {
  const auto errors = errors_of(kCampaigns / "annals-mini", kAnnalsPlaces);
  EXPECT_TRUE(errors.empty()) << joined(errors);
}

// A written form elsewhere in the line but outside the entry's own span: e027b
// is 夏，避暑龙庭。 (columns 13–19 of line 27); 西夏 is earlier in the line.
// Before the fix this passed, as it still passes the line-wide test.
TEST(ChronicleCheck, AnnalsWrittenFormOutsideTheEntrysSpan) {
  const fs::path dir = scratch_copy("span", "annals-mini");
  replace_in_file(dir / "curation.json", "\"written\": \"龙庭\"", "\"written\": \"西夏\"");
  replace_in_file(dir / "entries.json", "\"written\": \"龙庭\"", "\"written\": \"西夏\"");
  const auto errors = errors_of(dir, kAnnalsPlaces);
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0], (dir / "curation.json").string() +
                           ":102: e027b: place longting: '西夏' is in line 27 but not in the entry's span "
                           "(columns 13–19)");
}

// source.implicit_era is checked against the tables and the stored dates.
// Before the fix another reign (太宗) gave no error at all.
TEST(ChronicleCheck, AnnalsImplicitEraOfAnotherReignDisagreesWithTheDates) {
  const fs::path dir = scratch_copy("era", "annals-mini");
  replace_in_file(dir / "campaign.json", "\"era\": \"太祖\"", "\"era\": \"太宗\"");
  const auto errors = errors_of(dir, kAnnalsPlaces);
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0],
            (dir / "entries.json").string() +
                ":82: e025a: the date names no era and is stored in mongol 太祖, but campaign.json's "
                "source.implicit_era (mongol 太宗, 1229–1241, before: jin) counts 1206 in jin 泰和; the "
                "entries were made with another implicit_era: regenerate it with: python3 "
                "tools/chronicle/segment.py --campaign " +
                dir.string());
}

TEST(ChronicleCheck, AnnalsImplicitEraMustBeInTheTables) {
  const fs::path dir = scratch_copy("era-unknown", "annals-mini");
  replace_in_file(dir / "campaign.json", "\"era\": \"太祖\"", "\"era\": \"太初\"");
  auto errors = errors_of(dir, kAnnalsPlaces);
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0],
            (dir / "campaign.json").string() +
                ":12: source.implicit_era: no era '太初' of polity 'mongol' in the calendar tables "
                "(eras.csv)");

  replace_in_file(dir / "campaign.json", "\"era\": \"太初\", \"before\": \"jin\"",
                  "\"era\": \"太祖\", \"before\": \"kin\"");
  errors = errors_of(dir, kAnnalsPlaces);
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0], (dir / "campaign.json").string() +
                           ":12: source.implicit_era.before 'kin' is not a polity of the calendar tables "
                           "(eras.csv); expected one of song, liao, jin, xia, mongol, yuan");
}

// The gangmu layout segments the whole text: a scope or implicit_era there was
// silently ignored before the fix.
TEST(ChronicleCheck, GangmuRefusesScopeAndImplicitEraAtTheirLine) {
  const fs::path dir = scratch_copy("gangmu-scope");
  replace_in_file(dir / "campaign.json", "\"file\": \"source/mini.txt\",",
                  "\"file\": \"source/mini.txt\",\n    \"scope\": {\"first_line\": 1, \"last_line\": 8},");
  auto errors = errors_of(dir);
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0],
            (dir / "campaign.json").string() +
                ":11: source.scope is read only in the annals layout (source.layout \"annals\"); a "
                "gangmu text is segmented whole, so keep only the chapter's lines in the file");

  replace_in_file(dir / "campaign.json", "\"scope\": {\"first_line\": 1, \"last_line\": 8},",
                  "\"implicit_era\": {\"polity\": \"song\", \"era\": \"宝庆\"},");
  errors = errors_of(dir);
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0],
            (dir / "campaign.json").string() +
                ":11: source.implicit_era is read only in the annals layout (source.layout "
                "\"annals\"); a gangmu text is segmented whole, so keep only the chapter's lines in "
                "the file");
}

// A text with CRLF line ends (its SHA-256 pinned, as a historian would after
// copying it) is one error, not one per line of every entry.
TEST(ChronicleCheck, CrlfLineEndsAreOneError) {
  const fs::path dir = scratch_copy("crlf");
  const fs::path text = dir / "source" / "mini.txt";
  std::string bytes;
  {
    std::ifstream in(text, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::string crlf;
  for (char c : bytes) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::ofstream(text, std::ios::binary | std::ios::trunc) << crlf;
  replace_in_file(dir / "campaign.json", sha256_hex(bytes), sha256_hex(crlf));
  const auto errors = errors_of(dir);
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0], text.string() + ":1: carriage return (CRLF line ends); expected LF line ends");
}

// No entries.json: one error saying how to make it, not one per curation key.
TEST(ChronicleCheck, MissingEntriesIsOneErrorNamingTheTool) {
  const fs::path dir = scratch_copy("no-entries", "annals-mini");
  fs::remove(dir / "entries.json");
  const auto errors = errors_of(dir, kAnnalsPlaces);
  ASSERT_EQ(errors.size(), 1u) << joined(errors);
  EXPECT_EQ(errors[0],
            (dir / "entries.json").string() +
                ": no such file: the chronicle's entries are made from the text and curation.json; "
                "make it with: python3 tools/chronicle/segment.py --campaign " +
                dir.string());
}

}  // namespace
}  // namespace annals
