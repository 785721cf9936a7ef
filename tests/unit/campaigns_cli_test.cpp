// `annals campaigns` through the built binary: the shipped campaigns with
// their entry counts and years, folders given as arguments, and a campaign
// that cannot be read reported on its own as file:line without hiding the rest.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "run_annals.h"

namespace {

namespace fs = std::filesystem;
using annals::test::run_annals;

const fs::path kCampaigns = fs::path(ANNALS_SOURCE_ROOT) / "data" / "campaigns";

// How many entries a campaign's entries.json holds, read here independently of Annals.
std::size_t entry_count(const fs::path& dir) {
  std::ifstream in(dir / "entries.json");
  return nlohmann::json::parse(in).at("entries").size();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(CampaignsCli, ListsTheShippedCampaignsAsJson) {
  const auto r = run_annals("campaigns --format json");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& c : j) by_id[c.at("id").get<std::string>()] = c;
  ASSERT_TRUE(by_id.count("xixia-1224")) << r.out;
  ASSERT_TRUE(by_id.count("yuanshi-taizu")) << r.out;

  const auto& xixia = by_id["xixia-1224"];
  EXPECT_EQ(xixia["entries"], entry_count(kCampaigns / "xixia-1224"));
  EXPECT_EQ(xixia["entries"], 41);
  EXPECT_EQ(xixia["title"]["zh"], "蒙古灭西夏");
  EXPECT_EQ(xixia["first_year"], 1224);
  EXPECT_EQ(xixia["last_year"], 1231);  // its last entry, 绍定四年 (1231), is an epilogue

  const auto& yuan = by_id["yuanshi-taizu"];
  EXPECT_EQ(yuan["entries"], entry_count(kCampaigns / "yuanshi-taizu"));
  EXPECT_EQ(yuan["entries"], 100);
  EXPECT_EQ(yuan["title"]["zh"], "成吉思汗的征战");
  EXPECT_EQ(yuan["title"]["en"], "The campaigns of Chinggis Khan, 1205–1227");
  // 岁乙丑 (1205) is the first entry, Chinggis's death (1227) the last.
  EXPECT_EQ(yuan["first_year"], 1205);
  EXPECT_EQ(yuan["last_year"], 1227);
}

TEST(CampaignsCli, ListsOneLinePerCampaignAsText) {
  const auto r = run_annals("campaigns");
  ASSERT_EQ(r.code, 0) << r.out;
  bool xixia = false, yuan = false;
  for (const std::string& line : lines_of(r.out)) {
    if (line.rfind("xixia-1224\t1224-1231\t41 entries\t蒙古灭西夏 / ", 0) == 0) xixia = true;
    if (line.rfind("yuanshi-taizu\t1205-1227\t100 entries\t成吉思汗的征战 / ", 0) == 0) yuan = true;
  }
  EXPECT_TRUE(xixia) << r.out;
  EXPECT_TRUE(yuan) << r.out;
}

TEST(CampaignsCli, ReportsABrokenCampaignAndStillListsTheOthers) {
  const fs::path root = fs::temp_directory_path() / ("annals-campaigns-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "broken");
  std::ofstream(root / "broken" / "campaign.json")
      << "{\n\"format\": \"annals-campaign\",\n\"format_version\": 2,\n]";
  fs::copy(kCampaigns / "yuanshi-taizu", root / "mine", fs::copy_options::recursive);

  const auto r = run_annals("campaigns '" + root.string() + "'");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find((root / "broken" / "campaign.json").string() + ":4: malformed JSON"),
            std::string::npos)
      << r.out;
  // The shipped campaigns and the readable one in the folder are still listed.
  int yuan_lines = 0;
  for (const std::string& line : lines_of(r.out))
    if (line.rfind("yuanshi-taizu\t1205-1227\t100 entries\t", 0) == 0) ++yuan_lines;
  EXPECT_EQ(yuan_lines, 2) << r.out;
  EXPECT_NE(r.out.find("xixia-1224\t"), std::string::npos) << r.out;
  fs::remove_all(root);
}

TEST(CampaignsCli, AFolderWithNoCampaignIsAnError) {
  const fs::path root = fs::temp_directory_path() / ("annals-campaigns-empty-" + std::to_string(::getpid()));
  fs::create_directories(root);
  const auto r = run_annals("campaigns '" + root.string() + "'");
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find(root.string() + ": no campaign.json"), std::string::npos) << r.out;
  fs::remove_all(root);
}

}  // namespace
