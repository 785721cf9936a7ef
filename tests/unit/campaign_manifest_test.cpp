#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "annals/geo/diagnostic.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/paths.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

class ManifestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("annals-manifest-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& text) { std::ofstream(dir_ / "campaign.json") << text; }
  // Loads and returns the error's formatted text, or "" if it loads.
  std::string error() {
    try {
      load_campaign_manifest(dir_);
      return "";
    } catch (const DataError& e) {
      return e.diagnostic().format();
    }
  }
  fs::path dir_;
};

const char* kGood = R"({
  "format": "annals-campaign",
  "format_version": 1,
  "id": "t",
  "title": {"zh": "题", "en": "Title"},
  "source": {"file": "s.txt", "sha256": "ab"},
  "gazetteer": "g.geojson",
  "calendar": {"era_reckoning": {"xia": "xixia-shushi"}},
  "view": {"projection": "lcc", "extent_lonlat": [90, 30, 110, 45]}
})";

TEST_F(ManifestTest, LoadsEveryField) {
  write(kGood);
  const CampaignManifest m = load_campaign_manifest(dir_);
  EXPECT_EQ(m.id, "t");
  EXPECT_EQ(m.title_zh, "题");
  EXPECT_EQ(m.source_text, dir_ / "s.txt");
  EXPECT_EQ(m.source_sha256, "ab");
  EXPECT_EQ(m.gazetteer, dir_ / "g.geojson");
  EXPECT_EQ(m.entries, dir_ / "entries.json");  // default name
  EXPECT_EQ(m.era_reckoning.at("xia"), "xixia-shushi");
  EXPECT_EQ(m.projection, "lcc");
  EXPECT_EQ(m.extent_lonlat[2], 110);
  EXPECT_EQ(m.calendar_tables, calendar_dir());  // the shipped tables by default
}

TEST_F(ManifestTest, OwnCalendarTablesResolveAgainstTheCampaignFolder) {
  std::string text = kGood;
  text.replace(text.find("\"calendar\": {"), 13, "\"calendar\": {\"tables\": \"cal\", ");
  write(text);
  fs::create_directories(dir_ / "cal");
  std::ofstream(dir_ / "cal" / "months.csv") << "x\n";
  std::ofstream(dir_ / "cal" / "eras.csv") << "x\n";
  EXPECT_EQ(load_campaign_manifest(dir_).calendar_tables, fs::absolute(dir_ / "cal"));

  // A folder that is not there is an error on the line of "tables", naming
  // the path it resolved to and the file it lacks.
  fs::remove_all(dir_ / "cal");
  const std::string e = error();
  EXPECT_NE(e.find("campaign.json:8: calendar.tables resolves to " + fs::absolute(dir_ / "cal").string() +
                   ", which has no months.csv"),
            std::string::npos)
      << e;
  fs::create_directories(dir_ / "cal");
  std::ofstream(dir_ / "cal" / "months.csv") << "x\n";
  EXPECT_NE(error().find("which has no eras.csv"), std::string::npos) << error();
}

TEST_F(ManifestTest, MalformedJsonNamesTheLine) {
  write("{\n  \"format\": \"annals-campaign\",\n  \"id\": oops\n}");
  const std::string e = error();
  EXPECT_NE(e.find("campaign.json:3: malformed JSON"), std::string::npos) << e;
}

TEST_F(ManifestTest, WrongVersionIsRefusedWithTheVersionWeRead) {
  std::string text = kGood;
  text.replace(text.find("\"format_version\": 1"), 19, "\"format_version\": 7");
  write(text);
  const std::string e = error();
  EXPECT_NE(e.find("campaign.json:3: format_version 7 is not supported"), std::string::npos) << e;
}

TEST_F(ManifestTest, MissingKeyAndBadExtentAreErrorsAtTheirLines) {
  std::string no_gaz = kGood;
  no_gaz.replace(no_gaz.find("\"gazetteer\""), 11, "\"gazeteer\"");
  write(no_gaz);
  EXPECT_NE(error().find("expected \"gazetteer\" to be a string"), std::string::npos) << error();

  std::string bad_extent = kGood;
  bad_extent.replace(bad_extent.find("[90, 30, 110, 45]"), 17, "[110, 30, 90, 45]");
  write(bad_extent);
  EXPECT_NE(error().find("campaign.json:9: extent_lonlat must be west < east"), std::string::npos) << error();
}

TEST_F(ManifestTest, MissingFolderAndFileAreErrors) {
  EXPECT_THROW(load_campaign_manifest(dir_ / "nope"), DataError);
  EXPECT_NE(error().find("cannot read campaign manifest"), std::string::npos);
}

TEST(ShippedCampaign, ManifestLoads) {
  const CampaignManifest m = load_campaign_manifest(default_campaign_dir());
  EXPECT_EQ(m.id, "xixia-1224");
  EXPECT_TRUE(fs::exists(m.source_text)) << m.source_text;
  EXPECT_TRUE(fs::exists(m.gazetteer)) << m.gazetteer;
  EXPECT_TRUE(fs::is_directory(m.calendar_tables)) << m.calendar_tables;
}

}  // namespace
}  // namespace annals
