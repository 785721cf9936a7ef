// `annals events` through the built binary: JSON and CSV output, the default
// campaign, --out and the exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kRoot = ANNALS_SOURCE_ROOT;
const fs::path kCampaign = kRoot / "data" / "campaigns" / "xixia-1224";
const std::string kBinary = ANNALS_BINARY;

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / "annals-events-test";
  fs::create_directories(dir);
  return dir / name;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Runs annals with arguments; stdout goes to `out`, stderr to `err`.
int run(const std::string& args, const fs::path& out, const fs::path& err) {
  const std::string cmd = "'" + kBinary + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// RFC 4180 records: quoted fields may hold commas, quotes and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (rows.back().empty() && field.empty()) rows.pop_back();
  return rows;
}

TEST(EventsCli, JsonListsEveryEntryWithDatesPlacesAndChanges) {
  const fs::path out = scratch("events.json"), err = scratch("events.err");
  ASSERT_EQ(run("events '" + kCampaign.string() + "' --format json", out, err), 0) << read_file(err);
  const auto j = nlohmann::json::parse(read_file(out));
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 41u);

  const auto& first = j[0];
  EXPECT_EQ(first["id"], "e001");
  EXPECT_EQ(first["line"], 1);
  EXPECT_EQ(first["date"]["era"], "嘉定");
  EXPECT_EQ(first["date"]["year"], 17);
  EXPECT_EQ(first["date"]["month"], 1);
  EXPECT_EQ(first["date"]["leap"], false);
  EXPECT_EQ(first["date"]["as_written"], "嘉定十七年、夏乾定元年春正月");
  EXPECT_EQ(first["date"]["first_julian"], "1224-01-22");
  EXPECT_EQ(first["kind"], "omen");
  EXPECT_EQ(first["places"], nlohmann::json({"yuling", "tailing"}));

  bool saw_leap = false, saw_surrender = false, saw_year_only = false;
  for (const auto& e : j) {
    for (const char* key :
         {"id", "line", "headline", "headline_original", "date", "places", "kind", "changes", "actors"})
      EXPECT_TRUE(e.contains(key)) << e["id"] << " lacks " << key;
    for (const char* key : {"era", "year", "month", "leap", "first_jdn", "last_jdn", "first_julian",
                            "last_julian", "as_written", "inherited"})
      EXPECT_TRUE(e["date"].contains(key)) << e["id"] << " date lacks " << key;
    if (e["id"] == "e081") {
      saw_leap = true;
      EXPECT_EQ(e["date"]["leap"], true);
      EXPECT_EQ(e["date"]["month"], 5);
    }
    if (e["id"] == "e085") {
      saw_surrender = true;
      EXPECT_EQ(e["headline"], "国主睍出降，蒙古执以归。");
      EXPECT_EQ(e["headline_original"], "国主\xEE\x92\xBF见出降，蒙古执以归。");
      EXPECT_EQ(e["date"]["inherited"], true);
      ASSERT_EQ(e["changes"].size(), 1u);
      EXPECT_EQ(e["changes"][0]["place"], "zhongxingfu");
      EXPECT_EQ(e["changes"][0]["state"], "surrendered");
    }
    if (e["id"] == "e071") {
      saw_year_only = true;
      EXPECT_TRUE(e["date"]["month"].is_null());
    }
  }
  EXPECT_TRUE(saw_leap && saw_surrender && saw_year_only);
}

TEST(EventsCli, CsvIsOneQuotedRowPerEntry) {
  const fs::path out = scratch("events.csv"), err = scratch("events-csv.err");
  ASSERT_EQ(run("events '" + kCampaign.string() + "' --format csv", out, err), 0) << read_file(err);
  const auto rows = parse_csv(read_file(out));
  ASSERT_EQ(rows.size(), 42u);
  const auto& h = rows[0];
  auto col = [&](const std::string& name) {
    for (std::size_t i = 0; i < h.size(); ++i)
      if (h[i] == name) return i;
    ADD_FAILURE() << "no column " << name;
    return std::size_t{0};
  };
  for (const auto& r : rows) ASSERT_EQ(r.size(), h.size());
  const auto& e050 = rows[23];
  EXPECT_EQ(e050[col("id")], "e050");
  EXPECT_EQ(e050[col("line")], "50");
  EXPECT_EQ(e050[col("headline")], "秋七月，蒙古破西凉府。");
  EXPECT_EQ(e050[col("places")], "xiliangfu;shuoluo;heluo");
  EXPECT_EQ(e050[col("changes")], "xiliangfu:surrendered;shuoluo:taken;heluo:taken");
  EXPECT_EQ(e050[col("kind")], "surrender");
  EXPECT_EQ(e050[col("month")], "7");
  EXPECT_EQ(e050[col("first_julian")], "1226-07-26");
  EXPECT_EQ(e050[col("inherited")], "false");
  // Summaries hold commas and so must come back whole from their quotes.
  EXPECT_NE(e050[col("summary")].find(", "), std::string::npos);
  EXPECT_EQ(rows[32][col("id")], "e071");
  EXPECT_EQ(rows[32][col("month")], "");
}

TEST(EventsCli, DefaultCampaignAndOutFile) {
  const fs::path file = scratch("default.json"), out = scratch("default.out"), err = scratch("default.err");
  fs::remove(file);
  ASSERT_EQ(run("events --out '" + file.string() + "'", out, err), 0) << read_file(err);
  EXPECT_EQ(read_file(out), "");
  const fs::path explicit_out = scratch("explicit.json");
  ASSERT_EQ(run("events '" + kCampaign.string() + "'", explicit_out, err), 0) << read_file(err);
  EXPECT_EQ(read_file(file), read_file(explicit_out));
  EXPECT_FALSE(fs::exists(file.string() + ".tmp"));
}

TEST(EventsCli, BadFormatOrBrokenCampaignExitsWithOne) {
  const fs::path out = scratch("bad.out"), err = scratch("bad.err");
  EXPECT_EQ(run("events --format xml", out, err), 1);
  EXPECT_NE(read_file(err).find("--format must be json or csv"), std::string::npos) << read_file(err);
  const fs::path broken = fs::path(ANNALS_TEST_FIXTURES_DIR) / "campaigns" / "chronicle-malformed-json";
  EXPECT_EQ(run("events '" + broken.string() + "'", out, err), 1);
  EXPECT_NE(read_file(err).find("entries.json:24: malformed JSON"), std::string::npos) << read_file(err);
}

}  // namespace
