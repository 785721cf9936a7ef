// Every text field of a campaign is UTF-8 (issue #10.4): the shared validator,
// the terminal escaping of messages, and each loader refusing a broken byte
// sequence at its file and line (fixtures under tests/fixtures: calendar/utf8-*,
// gazetteer/utf8.geojson, utf8/, campaigns/chronicle-utf8-*).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "annals/geo/diagnostic.h"
#include "annals/geo/gazetteer.h"
#include "annals/geo/utf8.h"
#include "annals/geo/vector_layer.h"
#include "annals/model/calendar.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/campaign_state.h"
#include "annals/model/chinese_numerals.h"
#include "annals/model/chronicle.h"
#include "annals/model/pua_map.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = ANNALS_TEST_FIXTURES_DIR;
const fs::path kRoot = ANNALS_SOURCE_ROOT;

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The diagnostic of the DataError `f` throws; a failure if it throws none.
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

// --- the validator ---------------------------------------------------------

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_EQ(first_invalid_utf8(""), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("plain ASCII, longer than eight bytes"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("西夏书事 卷四十二 李睍"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("\xF0\x9F\x98\x80 U+1F600 and \xF4\x8F\xBF\xBF U+10FFFF"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("\xEF\xBB\xBF"), std::nullopt);  // a byte-order mark is a character
}

TEST(Utf8, RefusesEveryKindOfIllFormedSequenceAtItsFirstByte) {
  struct Case {
    const char* text;
    std::size_t offset;
  };
  const Case cases[] = {
      {"ab\x80", 2},            // a continuation byte with no lead
      {"a\xC0\xAF", 1},         // overlong '/'
      {"\xC1\xBF", 0},          // overlong, C1 can never lead
      {"xx\xE0\x80\xAF", 2},    // overlong three-byte form
      {"\xF0\x80\x80\xAF", 0},  // overlong four-byte form
      {"ok\xED\xA0\x80", 2},    // U+D800, a surrogate
      {"\xED\xBF\xBF", 0},      // U+DFFF
      {"\xF4\x90\x80\x80", 0},  // U+110000, beyond Unicode
      {"\xF5\x80\x80\x80", 0},  // F5 never leads
      {"123456789\xFF", 9},     // FF never occurs, after an ASCII run
      {"睍\xE7\x9D", 3},        // cut short at the end
      {"\xE7\x9D"
       "a",
       0},                   // cut short before ASCII
      {"\xF0\x9F\x98", 0},   // a four-byte sequence cut short
      {"a\xC3\xC3\xA9", 1},  // a lead byte where a continuation belongs
  };
  for (const Case& c : cases) {
    const auto bad = first_invalid_utf8(c.text);
    ASSERT_TRUE(bad.has_value()) << escape_for_terminal(c.text);
    EXPECT_EQ(*bad, c.offset) << escape_for_terminal(c.text);
  }
}

TEST(Utf8, SequenceLengthAndDecoding) {
  const std::string s = "a\xC3\xA9\xE7\x9D\x8D\xF0\x9F\x98\x80";
  EXPECT_EQ(utf8_sequence_length(s, 0), 1u);
  EXPECT_EQ(utf8_sequence_length(s, 1), 2u);
  EXPECT_EQ(utf8_sequence_length(s, 3), 3u);
  EXPECT_EQ(utf8_sequence_length(s, 6), 4u);
  EXPECT_EQ(utf8_sequence_length(s, 2), 0u);         // inside a sequence
  EXPECT_EQ(utf8_sequence_length(s, s.size()), 0u);  // past the end
  EXPECT_EQ(decode_utf8(s, 1, 2), U'\u00E9');
  EXPECT_EQ(decode_utf8(s, 3, 3), U'\u774D');
  EXPECT_EQ(decode_utf8(s, 6, 4), U'\U0001F600');
}

TEST(Utf8, MessageNamesLineColumnAndByte) {
  const auto d = invalid_utf8_diagnostic("line one\nli\xE7\x9Dne two\n", "notes.csv");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->format(), "notes.csv:2: invalid UTF-8 (byte \\xE7 at column 3); expected UTF-8 text");
  EXPECT_FALSE(invalid_utf8_diagnostic("fine\n", "notes.csv").has_value());
}

TEST(Utf8, EscapeForTerminalWritesBadBytesAndControlsAsHex) {
  EXPECT_EQ(escape_for_terminal("李睍 ok"), "李睍 ok");
  EXPECT_EQ(escape_for_terminal("a\xFF"
                                "b"),
            "a\\xFFb");
  EXPECT_EQ(escape_for_terminal("\xE7\x9D"), "\\xE7\\x9D");
  EXPECT_EQ(escape_for_terminal("\x1B[31mred\x1B[0m"), "\\x1B[31mred\\x1B[0m");
  EXPECT_EQ(escape_for_terminal("tab\there\r\n"), "tab\\x09here\\x0D\\x0A");
  EXPECT_EQ(escape_for_terminal("del\x7F c1\xC2\x9B"), "del\\x7F c1\\xC2\\x9B");
  EXPECT_EQ(escape_for_terminal("\xED\xA0\x80"), "\\xED\\xA0\\x80");  // a surrogate is three bad bytes
  // Whatever goes in, what comes out is UTF-8.
  std::string all;
  for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
  EXPECT_EQ(first_invalid_utf8(escape_for_terminal(all)), std::nullopt);
}

TEST(Utf8, DiagnosticFormatNeverPrintsRawBytes) {
  const Diagnostic d{Severity::Error, "dir\xFF/x.csv", "3", "got 'a\xE7\x9D' and \x1B[2J"};
  EXPECT_EQ(d.format(), "dir\\xFF/x.csv:3: got 'a\\xE7\\x9D' and \\x1B[2J");
  const DataError e(d);
  EXPECT_EQ(first_invalid_utf8(e.what()), std::nullopt);
  EXPECT_EQ(std::string(e.what()), d.format());
}

TEST(Utf8, CodePointsOfIllFormedTextAreReplacementCharacters) {
  // An overlong '/' and a surrogate are not characters: each byte becomes U+FFFD.
  EXPECT_EQ(utf8_to_code_points("a\xC0\xAF"), std::u32string(U"a\uFFFD\uFFFD"));
  EXPECT_EQ(utf8_to_code_points("\xED\xA0\x80"), std::u32string(U"\uFFFD\uFFFD\uFFFD"));
  EXPECT_EQ(utf8_to_code_points("睍"), std::u32string(U"\u774D"));
}

// --- each loader -----------------------------------------------------------

TEST(Utf8Loaders, PuaMapNoteIsRefusedAtItsLine) {
  const fs::path file = kFixtures / "campaigns" / "chronicle-utf8-pua" / "pua-map.csv";
  const Diagnostic d = data_error_of([&] { PuaMap::load(file); });
  EXPECT_EQ(d.format(), file.string() + ":2: invalid UTF-8 (byte \\xE7 at column 55); expected UTF-8 text");
}

TEST(Utf8Loaders, MonthsCsvIsRefusedEvenInACommentLine) {
  const fs::path dir = kFixtures / "calendar" / "utf8-months";
  const Diagnostic d = data_error_of([&] { Calendar::load(dir); });
  EXPECT_EQ(d.format(), (dir / "months.csv").string() +
                            ":2: invalid UTF-8 (byte \\xE6 at column 6); expected UTF-8 text");
}

TEST(Utf8Loaders, ErasCsvNoteIsRefusedAtItsLine) {
  const fs::path dir = kFixtures / "calendar" / "utf8-eras";
  const Diagnostic d = data_error_of([&] { Calendar::load(dir); });
  EXPECT_EQ(d.format(),
            (dir / "eras.csv").string() + ":2: invalid UTF-8 (byte \\xE5 at column 62); expected UTF-8 text");
}

TEST(Utf8Loaders, GeoJsonPropertyIsRefusedAtItsLine) {
  const fs::path file = kFixtures / "gazetteer" / "utf8.geojson";
  Diagnostics diag;
  const Diagnostic d = data_error_of([&] { Gazetteer::load(file, diag); });
  EXPECT_EQ(d.format(), file.string() + ":19: invalid UTF-8 (byte \\xFF at column 28); expected UTF-8 text");
}

TEST(Utf8Loaders, GeoJsonBytesOutsideStringsAreRefusedToo) {
  Diagnostics diag;
  const Diagnostic d =
      data_error_of([&] { Gazetteer::parse("{\n  \"type\": 1,\n  \xC3\x28\n}", "g.geojson", diag); });
  EXPECT_EQ(d.format(), "g.geojson:3: invalid UTF-8 (byte \\xC3 at column 3); expected UTF-8 text");
}

TEST(Utf8Loaders, GeoJsonStringsAreCheckedAsTheyAreRead) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"{\n\n\n\"type\": \"\xff\"}", "g:4: invalid UTF-8 (byte \\xFF at column 10); expected UTF-8 text"},
      {"{\n\"type\": \"\xc3\"}", "g:2: invalid UTF-8 (byte \\xC3 at column 10); expected UTF-8 text"},
      {"{\n\"type\": \"\\n\xed\xa0\x80\"}",  // an encoded surrogate, after an escape
       "g:2: invalid UTF-8 (byte \\xED at column 12); expected UTF-8 text"},
  };
  for (const Case& c : cases) {
    Diagnostics diag;
    EXPECT_EQ(data_error_of([&] { Gazetteer::parse(c.text, "g", diag); }).format(), c.message);
  }
}

TEST(Utf8Loaders, CampaignManifestIsRefusedAtItsLine) {
  const fs::path dir = kFixtures / "utf8" / "manifest";
  const Diagnostic d = data_error_of([&] { load_campaign_manifest(dir); });
  EXPECT_EQ(d.format(), (dir / "campaign.json").string() +
                            ":6: invalid UTF-8 (byte \\xE8 at column 15); expected UTF-8 text");
}

TEST(Utf8Loaders, EntriesJsonIsRefusedAtItsLine) {
  // nlohmann's own check would stop there too, but its message quotes the
  // bytes it read; the loader's names the byte and the line instead.
  const fs::path dir = kFixtures / "campaigns" / "chronicle-utf8-entries";
  const Diagnostic d = data_error_of([&] { Chronicle::load(dir); });
  EXPECT_EQ(d.format(), (dir / "entries.json").string() +
                            ":113: invalid UTF-8 (byte \\xE9 at column 42); expected UTF-8 text");
}

TEST(Utf8Loaders, MovementsGeoJsonIsRefusedAtItsLine) {
  const fs::path file = kFixtures / "utf8" / "movements.geojson";
  const Diagnostic d = data_error_of([&] { parse_movements(read_bytes(file), file.string(), {}, {}); });
  EXPECT_EQ(d.format(), file.string() + ":4: invalid UTF-8 (byte \\xE5 at column 68); expected UTF-8 text");
}

TEST(Utf8Loaders, RegionLabelAttributeIsRefusedAtItsFeature) {
  const fs::path file = kFixtures / "utf8" / "labels" / "region_labels.geojson";
  const Diagnostic d = data_error_of([&] { load_vector_layer(file); });
  EXPECT_EQ(d.format(), file.string() +
                            ":feature 2: attribute \"name_zh\": invalid UTF-8 (byte \\xE5 at column 4); "
                            "expected UTF-8 text");
}

// validate_chronicle (what `annals check` runs) on campaigns with one file broken.
std::vector<std::string> chronicle_errors(const std::string& fixture) {
  static const Calendar calendar = Calendar::load(kRoot / "data" / "calendar");
  const std::set<std::string> places = {"longdezhou", "liupanshan", "zhongxingfu", "salichuan"};
  Diagnostics diag;
  validate_chronicle(kFixtures / "campaigns" / fixture, calendar, places, diag);
  std::vector<std::string> out;
  for (const auto& d : diag.items())
    if (d.severity == Severity::Error) out.push_back(d.format());
  return out;
}

TEST(Utf8Loaders, CheckReportsTheBrokenPuaNote) {
  const fs::path dir = kFixtures / "campaigns" / "chronicle-utf8-pua";
  const auto errors = chronicle_errors("chronicle-utf8-pua");
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0], (dir / "pua-map.csv").string() +
                           ":2: invalid UTF-8 (byte \\xE7 at column 55); expected UTF-8 text");
}

TEST(Utf8Loaders, CheckReportsTheBrokenCurationText) {
  const fs::path dir = kFixtures / "campaigns" / "chronicle-utf8-curation";
  const auto errors = chronicle_errors("chronicle-utf8-curation");
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0], (dir / "curation.json").string() +
                           ":5: invalid UTF-8 (byte \\xE8 at column 41); expected UTF-8 text");
}

TEST(Utf8Loaders, CheckReportsTheBrokenSourceLine) {
  const fs::path dir = kFixtures / "campaigns" / "chronicle-utf8-source";
  const auto errors = chronicle_errors("chronicle-utf8-source");
  const std::string want = (dir / "source" / "mini.txt").string() +
                           ":8: invalid UTF-8 (byte \\xE9 at column 7); expected UTF-8 text";
  EXPECT_NE(std::find(errors.begin(), errors.end(), want), errors.end()) << ::testing::PrintToString(errors);
  for (const auto& e : errors) EXPECT_EQ(first_invalid_utf8(e), std::nullopt) << escape_for_terminal(e);
}

// --- what the terminal gets ----------------------------------------------------

struct CliRun {
  int code = -1;
  std::string out;  // stdout and stderr together
};

CliRun run_annals(const std::string& args) {
  const std::string cmd = std::string(ANNALS_BINARY) + " " + args + " 2>&1";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// A copy of the shipped campaign (and the calendar its manifest points at) in
// a temporary folder, with one file replaced.
fs::path shipped_copy_with(const std::string& name, const std::string& bytes) {
  const fs::path root = fs::temp_directory_path() / ("annals-utf8-" + std::to_string(::getpid()));
  fs::remove_all(root);
  const fs::path dir = root / "campaigns" / "xixia-1224";
  fs::create_directories(dir.parent_path());
  fs::copy(kRoot / "data" / "campaigns" / "xixia-1224", dir, fs::copy_options::recursive);
  fs::copy(kRoot / "data" / "calendar", root / "calendar", fs::copy_options::recursive);
  std::ofstream(dir / name, std::ios::binary | std::ios::trunc) << bytes;
  return dir;
}

TEST(Utf8Cli, CheckRefusesABrokenNoteInTheShippedPuaMap) {
  // The case: a broken sequence inside a note of pua-map.csv used to
  // pass `annals check` silently.
  std::string pua = read_bytes(kRoot / "data" / "campaigns" / "xixia-1224" / "pua-map.csv");
  const std::string geta = "\xE3\x80\x93";  // 〓, in line 3's note
  const auto at = pua.find(geta);
  ASSERT_NE(at, std::string::npos);
  pua.replace(at, geta.size(), "\xE3\x80");
  const fs::path dir = shipped_copy_with("pua-map.csv", pua);
  const CliRun r = run_annals("check " + dir.string());
  EXPECT_EQ(r.code, 1) << r.out;
  const std::size_t column = at - pua.rfind('\n', at);
  EXPECT_NE(r.out.find((dir / "pua-map.csv").string() + ":3: invalid UTF-8 (byte \\xE3 at column " +
                       std::to_string(column) + "); expected UTF-8 text"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(first_invalid_utf8(r.out), std::nullopt) << escape_for_terminal(r.out);
  fs::remove_all(dir.parent_path().parent_path());
}

TEST(Utf8Cli, ErrorsAboutArgumentsEchoThemEscaped) {
  // popen's shell is sh: printf's octal escapes make the bytes.
  const CliRun date = run_annals("date \"$(printf '\\377\\376\\345\\271\\264')\"");
  EXPECT_EQ(date.code, 1);
  EXPECT_NE(date.out.find("\\xFF\\xFE"), std::string::npos) << escape_for_terminal(date.out);
  EXPECT_EQ(first_invalid_utf8(date.out), std::nullopt) << escape_for_terminal(date.out);

  const CliRun option = run_annals("check \"$(printf -- '--\\303(')\"");
  EXPECT_EQ(option.code, 1);
  EXPECT_NE(option.out.find("unknown option '--\\xC3('"), std::string::npos)
      << escape_for_terminal(option.out);
  EXPECT_EQ(first_invalid_utf8(option.out), std::nullopt) << escape_for_terminal(option.out);

  const CliRun command = run_annals("\"$(printf '\\033[2Jwipe')\"");
  EXPECT_EQ(command.code, 1);
  EXPECT_NE(command.out.find("unknown command '\\x1B[2Jwipe'"), std::string::npos) << command.out;
}

}  // namespace
}  // namespace annals
