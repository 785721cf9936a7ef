// `annals check` as a historian runs it, on copies of the small annals-layout
// campaign (tests/fixtures/campaigns/annals-mini) broken one thing at a time:
// each mistake of campaign.json is one message at its line, and the viewer's
// loader refuses the same campaign with the same message.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "annals/geo/diagnostic.h"
#include "annals/model/campaign_state.h"
#include "run_annals.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

const fs::path kFixture = fs::path(ANNALS_TEST_FIXTURES_DIR) / "campaigns" / "annals-mini";

class CheckCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("annals-check-cli-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::copy(kFixture, dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void replace(const std::string& file, const std::string& from, const std::string& to) {
    std::ifstream in(dir_ / file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto pos = text.find(from);
    ASSERT_NE(pos, std::string::npos) << from;
    text.replace(pos, from.size(), to);
    std::ofstream(dir_ / file, std::ios::binary | std::ios::trunc) << text;
  }
  // The lines `annals check --quiet` prints that name campaign.json.
  std::vector<std::string> manifest_lines(int expected_code) {
    const test::CommandRun r = test::run_annals("check --quiet " + dir_.string());
    EXPECT_EQ(r.code, expected_code) << r.out;
    std::vector<std::string> out;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);)
      if (line.find("campaign.json") != std::string::npos) out.push_back(line);
    return out;
  }
  std::string load_error() {
    try {
      CampaignModel::load(dir_);
      return "(loaded)";
    } catch (const DataError& e) {
      return e.diagnostic().format();
    }
  }
  std::string manifest() const { return (dir_ / "campaign.json").string(); }
  fs::path dir_;
};

TEST_F(CheckCli, TheFixtureChecksClean) {
  EXPECT_TRUE(manifest_lines(0).empty());
  EXPECT_EQ(load_error(), "(loaded)");
}

// A misspelt label polity used to fall back silently to another polity's eras.
TEST_F(CheckCli, UnknownLabelPolityIsRefusedAtItsLine) {
  replace("campaign.json", "\"label_polity\": \"mongol\"", "\"label_polity\": \"mongols\"");
  const std::string want = manifest() +
                           ":15: calendar.label_polity \"mongols\" is not a polity of the calendar tables "
                           "(eras.csv); expected one of song, liao, jin, xia, mongol, yuan";
  EXPECT_EQ(manifest_lines(1), std::vector<std::string>{want});
  EXPECT_EQ(load_error(), want);
}

// A capital that is no place: the line of its "capital" field (it had none).
TEST_F(CheckCli, CapitalNotInTheGazetteerAtItsLine) {
  replace("campaign.json", "\"symbol\": \"dot\"}",
          "\"symbol\": \"dot\",\n     \"capital\": \"zhongxingfu\"}");
  const std::string want =
      manifest() + ":20: the capital of side \"xia\", zhongxingfu, is not a place of the gazetteer";
  EXPECT_EQ(manifest_lines(1), std::vector<std::string>{want});
  EXPECT_EQ(load_error(), want);
}

// Two sides' colours a viewer with normal vision cannot tell apart: before,
// only pairs that differ for normal vision were compared (for deuteranopia).
TEST_F(CheckCli, NearIdenticalSideColoursAreAWarning) {
  replace("campaign.json", "\"colour\": \"#d55e00\"", "\"colour\": \"#0076b0\"");
  EXPECT_EQ(manifest_lines(0),
            std::vector<std::string>{
                manifest() + ":19: warning: side \"mongol\" (#0072b2) and side \"xia\" (#0076b0) are too "
                             "close for normal vision: ΔE*ab 4.5, below 12; pick colours from a "
                             "colour-blind-safe palette such as Okabe-Ito"});
}

}  // namespace
}  // namespace annals
