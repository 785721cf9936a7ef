// What the fuzzers found (tests/fuzz/regressions/ keeps each input; this file
// asserts the behaviour each fix gave): every bad input is a DataError at its
// file and line, never an internal error.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "annals/geo/diagnostic.h"
#include "annals/geo/gazetteer.h"
#include "annals/model/calendar.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/campaign_state.h"
#include "annals/model/chronicle.h"
#include "annals/model/pua_map.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = ANNALS_SOURCE_ROOT;
const fs::path kShipped = kRoot / "data" / "campaigns" / "xixia-1224";

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// `text` with the first `from` replaced by `to`; `line` gets the line it is on.
std::string replaced(std::string text, const std::string& from, const std::string& to, int* line = nullptr) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at == std::string::npos) return text;
  if (line)
    *line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  return text.replace(at, from.size(), to);
}

template <typename F>
Diagnostic data_error_of(F&& f) {
  try {
    f();
  } catch (const DataError& e) {
    return e.diagnostic();
  }
  ADD_FAILURE() << "expected a DataError";
  return {};
}

TEST(FuzzFindings, ManifestStringsOfAnotherTypeAreDataErrors) {
  // json::value("format", "") threw nlohmann's type_error (exit 2, "internal
  // error") when the value was not a string.
  const std::string head = "{\n\"format\": \"annals-campaign\",\n\"format_version\": 1,\n\"id\": \"x\",\n";
  const std::string tail =
      "\"source\": {\"file\": \"s.txt\"},\n\"gazetteer\": \"g.geojson\",\n\"calendar\": {}\n}\n";
  EXPECT_EQ(data_error_of([&] { parse_campaign_manifest("{\n\"format\": {\"zh\": 1}\n}", "d"); }).format(),
            "d/campaign.json:2: expected \"format\": \"annals-campaign\"");
  EXPECT_EQ(data_error_of([&] { parse_campaign_manifest(head + "\"entries\": 7,\n" + tail, "d"); }).format(),
            "d/campaign.json:5: expected \"entries\" to be a string");
  EXPECT_EQ(data_error_of([&] {
              parse_campaign_manifest(head + "\"title\": {\"zh\": [1]},\n" + tail, "d");
            }).format(),
            "d/campaign.json:5: expected \"zh\" to be a string");
  EXPECT_EQ(data_error_of([&] {
              parse_campaign_manifest(head + "\"view\": {\"projection\": null},\n" + tail, "d");
            }).format(),
            "d/campaign.json:5: expected \"projection\" to be a string");
  EXPECT_EQ(parse_campaign_manifest(head + tail, "d").entries, std::filesystem::path("d/entries.json"));
}

TEST(FuzzFindings, PuaMapCarriageReturnAloneIsAnErrorAtItsLine) {
  // A lone CR ended a record and counted as a line, so later errors named
  // lines an editor does not show.
  const Diagnostic d = data_error_of(
      [] { PuaMap::parse("sequence,replacement,status,note\nU+E000,U+4E00,certain,a\rb\n", "p.csv"); });
  EXPECT_EQ(d.format(), "p.csv:2: carriage return without a line feed; lines end in LF or CRLF");
  // CRLF still ends lines, and a CR inside quotes is text.
  const PuaMap map =
      PuaMap::parse("sequence,replacement,status,note\r\nU+E000,U+4E00,certain,\"a\rb\"\r\n", "p.csv");
  ASSERT_EQ(map.mappings().size(), 1u);
  EXPECT_EQ(map.mappings()[0].note, "a\rb");
}

TEST(FuzzFindings, EntriesJsonFormatOfAnotherTypeIsADataError) {
  EXPECT_EQ(
      data_error_of([] { Chronicle::parse("{\"format\": 1, \"format_version\": 1}", "e.json"); }).format(),
      "e.json:1: expected \"format\": \"annals-entries\"");
  EXPECT_EQ(data_error_of([] {
              Chronicle::parse("{\"format\": \"annals-entries\",\n\"format_version\": \"1\"}", "e.json");
            }).format(),
            "e.json:2: expected \"format_version\": 1");
}

TEST(FuzzFindings, EntriesJsonDayNumbersBeyondAnyCalendarAreRefused) {
  // 9223372036854775807 overflowed the Julian-date arithmetic of the
  // out-of-order check (UBSan: signed integer overflow in julian_from_jdn).
  std::string big = read_bytes(kShipped / "entries.json");
  const std::string key = "\"first_jdn\": ";
  ASSERT_NE(big.find(key), std::string::npos);
  const std::size_t at = big.find(key) + key.size();
  const int line = 1 + static_cast<int>(std::count(big.begin(), big.begin() + static_cast<long>(at), '\n'));
  big.replace(at, big.find(',', at) - at, "9223372036854775807");
  EXPECT_EQ(data_error_of([&] { Chronicle::parse(big, "e.json"); }).format(),
            "e.json:" + std::to_string(line) + ": \"first_jdn\" is out of range");
}

TEST(FuzzFindings, GeoJsonTypesOfAnotherTypeAreDataErrors) {
  EXPECT_EQ(
      data_error_of([] { parse_movements("{\"type\": 7, \"features\": []}", "m.geojson", {}, {}); }).format(),
      "m.geojson:1: expected a GeoJSON FeatureCollection");
  const Gazetteer none;
  EXPECT_EQ(data_error_of([&] {
              parse_realm(
                  R"({"type": "FeatureCollection", "features": [{"type": ["Feature"], "properties": {}}]})",
                  "r.geojson", none, CampaignVocabulary{});
            }).format(),
            "r.geojson:feature 0: expected a GeoJSON Feature");
}

const CampaignModel& shipped_model() {
  static const std::unique_ptr<CampaignModel> m = CampaignModel::load(kShipped);
  return *m;
}

TEST(FuzzFindings, MovementMonthsAreCheckedAsWholeNumbersBeforeAnyArithmetic) {
  // 2147483647 overflowed first + months (UBSan); 4294967297 was read as 1.
  const std::string text = read_bytes(kShipped / "movements.geojson");
  const std::string months = "\"months\": ";
  ASSERT_NE(text.find(months), std::string::npos);
  const std::string value = text.substr(text.find(months) + months.size(), 1);
  for (const char* n : {"2147483647", "4294967297"}) {
    const std::string bad = replaced(text, months + value, months + n);
    const Diagnostic d = data_error_of(
        [&] { parse_movements(bad, "m.geojson", shipped_model().timeline(), shipped_model().chronicle()); });
    EXPECT_NE(d.message.find("runs past the end of the timeline"), std::string::npos) << d.format();
    EXPECT_NE(d.message.find(std::string("plus ") + n + " months"), std::string::npos) << d.format();
  }
}

// A copy of the chronicle-mini fixture with one curation.json text replaced.
std::vector<std::string> curation_errors(const std::string& from, const std::string& to, int* line) {
  const fs::path dir = fs::temp_directory_path() / ("annals-findings-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(fs::path(ANNALS_TEST_FIXTURES_DIR) / "campaigns" / "chronicle-mini", dir,
           fs::copy_options::recursive);
  const std::string cur = replaced(read_bytes(dir / "curation.json"), from, to, line);
  std::ofstream(dir / "curation.json", std::ios::binary | std::ios::trunc) << cur;
  static const Calendar calendar = Calendar::load(kRoot / "data" / "calendar");
  Diagnostics diag;
  validate_chronicle(dir, calendar, {"longdezhou", "liupanshan", "zhongxingfu", "salichuan"}, diag);
  std::vector<std::string> out;
  for (const auto& d : diag.items())
    if (d.severity == Severity::Error) out.push_back(d.format().substr(dir.string().size() + 1));
  fs::remove_all(dir);
  return out;
}

TEST(FuzzFindings, CurationKindOfAnotherTypeIsReportedNotThrown) {
  int line = 0;
  const auto errors = curation_errors("\"kind\": \"court\"", "\"kind\": 5", &line);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0],
            "curation.json:" + std::to_string(line) +
                ": e001: kind '5' is not one of siege, capture, massacre, surrender, battle, movement, "
                "diplomacy, death, omen, disaster, court, other");
}

TEST(FuzzFindings, CurationLineNumbersAreNotCutToInt) {
  // get<int>() made 4294967298 line 2, inside e001's lines 1-2.
  int line = 0;
  const auto errors = curation_errors("\"basis\": [1, 2]", "\"basis\": [1, 4294967298]", &line);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0], "curation.json:" + std::to_string(line) +
                           ": e001: basis cites line 4294967298, outside the entry's lines 1–2");
}

TEST(FuzzFindings, ATypedDateOnACampaignWithNoDatedEntriesIsACalendarError) {
  // The timeline of such a campaign has no months; parse_time asked it for
  // month 0 and threw std::out_of_range (campaign_fuzz).
  const fs::path root = fs::temp_directory_path() / ("annals-undated-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const fs::path dir = root / "campaigns" / "x";
  fs::create_directories(dir.parent_path());
  fs::copy(kShipped, dir, fs::copy_options::recursive);
  fs::copy(kRoot / "data" / "calendar", root / "calendar", fs::copy_options::recursive);
  std::ofstream(dir / "campaign.json", std::ios::trunc)
      << R"({"format": "annals-campaign", "format_version": 1, "id": "x",
  "source": {"file": "source/xixia-shushi-juan42.txt"}, "gazetteer": "gazetteer.geojson",
  "calendar": {"tables": "../../calendar"}})";
  std::ofstream(dir / "entries.json", std::ios::trunc) << R"({"format": "annals-entries", "format_version": 1,
  "source": {"file": "s", "sha256": "0", "lines": 1}, "entries": []})";
  const auto model = CampaignModel::load(dir);
  EXPECT_EQ(model->timeline().month_count(), 0);
  try {
    model->parse_time("宝庆二年六月");
    ADD_FAILURE() << "expected a CalendarError";
  } catch (const CalendarError& e) {
    EXPECT_STREQ(e.what(), "宝庆二年六月 cannot be shown: the campaign's entries have no dates yet");
  }
  fs::remove_all(root);
}

}  // namespace
}  // namespace annals
