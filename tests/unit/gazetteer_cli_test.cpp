// `annals gazetteer`, run as a user would: the real binary through the shell.
// GeoJSON exports are checked with GDAL's own reader (ogrinfo).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "annals/geo/gazetteer.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kCampaign = std::string(ANNALS_TEST_FIXTURES_DIR) + "/gazetteer/campaign";
const std::string kInvalidCampaign = std::string(ANNALS_TEST_FIXTURES_DIR) + "/gazetteer/campaign-invalid";

struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Runs a shell command line, capturing stdout and (through a file) stderr.
RunResult shell(const std::string& command) {
  const fs::path err_file = fs::temp_directory_path() / ("annals-gz-err-" + std::to_string(::getpid()));
  RunResult r;
  FILE* pipe = ::popen((command + " 2>" + quote(err_file.string())).c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0;) r.out.append(buf.data(), n);
  const int raw = ::pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.err = slurp(err_file);
  fs::remove(err_file);
  return r;
}

RunResult annals(const std::string& args) { return shell(quote(ANNALS_BINARY) + " gazetteer " + args); }

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("annals-gz-test-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// ogrinfo's own count: the export must be readable by GDAL, not only by us.
long ogr_feature_count(const fs::path& file) {
  RunResult r = shell("ogrinfo -ro -al -so " + quote(file.string()));
  if (r.status != 0) {
    ADD_FAILURE() << "ogrinfo failed: " << r.err;
    return -1;
  }
  std::smatch m;
  std::regex re("Feature Count: (\\d+)");
  if (!std::regex_search(r.out, m, re)) {
    ADD_FAILURE() << "no feature count in ogrinfo output:\n" << r.out;
    return -1;
  }
  return std::stol(m[1]);
}

TEST(GazetteerCli, FindPrintsRankedMatchesAsJson) {
  RunResult r = annals(quote(kCampaign) + " find ling --limit 3");
  ASSERT_EQ(r.status, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["query"], "ling");
  ASSERT_EQ(j["results"].size(), 3u);
  EXPECT_EQ(j["results"][0]["id"], "lingzhou");
  EXPECT_EQ(j["results"][0]["match_kind"], "prefix");
  EXPECT_EQ(j["results"][1]["id"], "lingshan");
  EXPECT_EQ(j["results"][0]["lon"], 106.175);
  EXPECT_EQ(j["results"][0]["lat"], 38.005);
  EXPECT_TRUE(j["results"][0].contains("uncertainty_km"));
}

TEST(GazetteerCli, FindOnTheDefaultCampaignAcceptsEveryNameForm) {
  for (const char* q : {"灵州", "lingzhou", "Língzhōu"}) {
    RunResult r = annals(std::string("find ") + quote(q));
    ASSERT_EQ(r.status, 0) << q << ": " << r.err;
    json j = json::parse(r.out);
    ASSERT_FALSE(j["results"].empty()) << q;
    EXPECT_EQ(j["results"][0]["id"], "lingzhou") << q;
    EXPECT_EQ(j["results"][0]["match_kind"], "exact") << q;
  }
}

TEST(GazetteerCli, UnlocatedPlacesHaveNullCoordinates) {
  RunResult r = annals(quote(kCampaign) + " find wunalacheng");
  ASSERT_EQ(r.status, 0) << r.err;
  json j = json::parse(r.out);
  ASSERT_FALSE(j["results"].empty());
  EXPECT_EQ(j["results"][0]["located"], false);
  EXPECT_TRUE(j["results"][0]["lon"].is_null());
}

TEST(GazetteerCli, GeoJsonExportIsReadByGdal) {
  TempDir dir;
  const fs::path out = dir.path() / "places.geojson";
  RunResult r = annals(quote(kCampaign) + " export --format geojson --out " + quote(out.string()));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(ogr_feature_count(out), 9);
  json j = json::parse(slurp(out));
  const json& props = j["features"][0]["properties"];
  for (const char* key : {"id", "name", "names", "kind", "uncertainty_km", "confidence", "sources"})
    EXPECT_TRUE(props.contains(key)) << key;
}

TEST(GazetteerCli, ShippedGeoJsonExportHasEveryPlace) {
  annals::Diagnostics d;
  const auto shipped = annals::Gazetteer::load(
      fs::path(ANNALS_SOURCE_ROOT) / "data/campaigns/xixia-1224/gazetteer.geojson", d);
  TempDir dir;
  const fs::path out = dir.path() / "xixia.geojson";
  RunResult r = annals("export --format geojson --out " + quote(out.string()));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(ogr_feature_count(out), static_cast<long>(shipped.size()));
}

TEST(GazetteerCli, CsvExportToStdoutHasOneRowPerPlace) {
  RunResult r = annals(quote(kCampaign) + " export --format csv");
  ASSERT_EQ(r.status, 0) << r.err;
  std::size_t rows = 0;
  for (std::size_t pos = 0; (pos = r.out.find("\r\n", pos)) != std::string::npos; pos += 2) ++rows;
  EXPECT_EQ(rows, 1u + 9u);
  EXPECT_EQ(r.out.rfind("id,name,kind,", 0), 0u);
  EXPECT_NE(r.out.find("\r\nwunalacheng,兀纳剌城,city,xia,false,,,,"), std::string::npos);
}

TEST(GazetteerCli, LinkedPlacesExportFollowsTheFormat) {
  TempDir dir;
  const fs::path out = dir.path() / "places.lpf.json";
  RunResult r = annals(quote(kCampaign) + " export --format lpf --out " + quote(out.string()));
  ASSERT_EQ(r.status, 0) << r.err;
  json j = json::parse(slurp(out));
  EXPECT_EQ(j["type"], "FeatureCollection");
  EXPECT_EQ(
      j["@context"],
      "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld");
  ASSERT_EQ(j["features"].size(), 9u);
  const json& f = j["features"][0];
  EXPECT_EQ(f["@id"], "urn:annals:gazetteer-test:place:lingzhou");
  EXPECT_EQ(f["properties"]["title"], "灵州");
  ASSERT_TRUE(f["names"].is_array());
  EXPECT_EQ(f["names"][0]["toponym"], "灵州");
  EXPECT_EQ(f["names"][0]["lang"], "zh-Hans");
  EXPECT_FALSE(f["names"][0]["citations"].empty());
  EXPECT_EQ(f["types"][0]["label"], "prefecture (zhou)");
  EXPECT_EQ(f["geometry"]["type"], "GeometryCollection");
  EXPECT_EQ(f["geometry"]["geometries"][0]["coordinates"][0], 106.175);
  EXPECT_TRUE(j["features"][8]["geometry"].is_null()) << "unlocated place";
  // An LPF file is also GeoJSON: GDAL must be able to read it.
  EXPECT_EQ(ogr_feature_count(out), 9);
}

TEST(GazetteerCli, OutReplacesTheFileAtomicallyAndLeavesNoTemporaryFiles) {
  TempDir dir;
  const fs::path out = dir.path() / "places.csv";
  { std::ofstream(out) << "old content\n"; }
  RunResult r = annals(quote(kCampaign) + " export --format csv --out " + quote(out.string()));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(slurp(out).rfind("id,name,", 0), 0u);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1u);
  const auto perms = fs::status(out).permissions();
  EXPECT_NE(perms & fs::perms::others_read, fs::perms::none) << "the export should not keep mkstemp's 0600";
}

TEST(GazetteerCli, UnwritableOutIsAnErrorAndLeavesNothingBehind) {
  TempDir dir;
  const fs::path out = dir.path() / "missing-dir" / "places.csv";
  RunResult r = annals(quote(kCampaign) + " export --format csv --out " + quote(out.string()));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(out.string() + ": cannot create a temporary file"), std::string::npos) << r.err;
}

TEST(GazetteerCli, InvalidGazetteerReportsEveryProblemAndExits1) {
  RunResult r = annals(quote(kInvalidCampaign) + " find good");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.empty());
  const std::string file = kInvalidCampaign + "/gazetteer.geojson";
  EXPECT_NE(r.err.find(file + ":feature 2 (lat_bad): geometry: latitude 95 out of range [-90, 90]"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(file + ":feature 1 (good): duplicate id"), std::string::npos) << r.err;
}

TEST(GazetteerCli, UsageErrorsExit1) {
  for (const std::string& args :
       {std::string(""), quote(kCampaign), quote(kCampaign) + " find", quote(kCampaign) + " find a b",
        quote(kCampaign) + " export", quote(kCampaign) + " export --format kml",
        quote(kCampaign) + " find ling --limit 0", quote(kCampaign) + " find ling --limit x",
        quote(kCampaign) + " find ling --format csv", quote(kCampaign) + " export --format csv --limit 3",
        quote(kCampaign) + " locate ling", quote(kCampaign) + " find ling --bogus"}) {
    RunResult r = annals(args);
    EXPECT_EQ(r.status, 1) << "args: " << args << "\nstdout: " << r.out;
    EXPECT_FALSE(r.err.empty()) << args;
  }
}

TEST(GazetteerCli, MissingCampaignIsADataError) {
  RunResult r = annals("/nonexistent/campaign find ling");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("/nonexistent/campaign"), std::string::npos) << r.err;
}

TEST(GazetteerCli, HelpExits0) {
  RunResult r = annals("--help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("export --format geojson|csv|lpf"), std::string::npos);
}

}  // namespace
