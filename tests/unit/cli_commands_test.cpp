// The annals executable as a user meets it: help, exit codes, error format.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int code = -1;
  std::string out;  // stdout and stderr together
};

// `env`: variables set for this run, as a shell writes them (A=1 B=2).
CommandRun run(const std::string& args, const std::string& env = "") {
  const std::string cmd = env + " " + std::string(ANNALS_BINARY) + " " + args + " 2>&1";
  CommandRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(Cli, TopLevelHelpListsCommands) {
  const CommandRun r = run("--help");
  EXPECT_EQ(r.code, 0);
  for (const char* c : {"view", "still", "check"}) EXPECT_NE(r.out.find(c), std::string::npos) << c;
}

TEST(Cli, EverySubcommandHasHelp) {
  for (const char* c : {"view", "still", "check"}) {
    const CommandRun r = run(std::string(c) + " --help");
    EXPECT_EQ(r.code, 0) << c;
    EXPECT_NE(r.out.find("usage: annals " + std::string(c)), std::string::npos) << r.out;
  }
}

TEST(Cli, UnknownCommandAndOptionAreUsageErrors) {
  EXPECT_EQ(run("frobnicate").code, 1);
  const CommandRun r = run("still --out x.png --bogus");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("unknown option '--bogus'"), std::string::npos) << r.out;
}

TEST(Cli, StillValidatesItsArguments) {
  EXPECT_NE(run("still").out.find("--out FILE.png is required"), std::string::npos);
  const CommandRun r = run("still --out /tmp/x.png --size 10x10");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("out of range"), std::string::npos) << r.out;
  EXPECT_EQ(run("still --out /tmp/x.png --projection nope").code, 1);
  const CommandRun centre = run("still --out /tmp/x.png --centre 106.3");
  EXPECT_EQ(centre.code, 1);
  EXPECT_NE(centre.out.find("--centre expects LON,LAT"), std::string::npos) << centre.out;
  const CommandRun lat = run("still --out /tmp/x.png --centre 106.3,95");
  EXPECT_EQ(lat.code, 1);
  EXPECT_NE(lat.out.find("--centre (latitude) must be between -90 and 90"), std::string::npos) << lat.out;
  const CommandRun zoom = run("still --out /tmp/x.png --zoom much");
  EXPECT_EQ(zoom.code, 1);
  EXPECT_NE(zoom.out.find("--zoom expects a number, not 'much'"), std::string::npos) << zoom.out;
  EXPECT_EQ(run("still --out /tmp/x.png --zoom 100").code, 1);
}

TEST(Cli, StillReportsAMissingCampaignFolder) {
  const CommandRun r = run("still /no/such/campaign --out /tmp/annals-never.png --size 64x64");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("/no/such/campaign: campaign folder does not exist"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists("/tmp/annals-never.png"));
}

TEST(Cli, StillWritesAPngOfTheRequestedSize) {
  const fs::path out = fs::temp_directory_path() / ("annals-still-" + std::to_string(::getpid()) + ".png");
  const CommandRun r = run("still " + std::string(ANNALS_TEST_FIXTURES_DIR) + "/campaigns/render-min --out " +
                           out.string() + " --size 320x200");
  ASSERT_EQ(r.code, 0) << r.out;
  std::ifstream in(out, std::ios::binary);
  std::array<unsigned char, 24> head{};
  in.read(reinterpret_cast<char*>(head.data()), head.size());
  EXPECT_EQ(head[1], 'P');
  EXPECT_EQ(head[2], 'N');
  // IHDR width and height, big-endian.
  EXPECT_EQ((head[16] << 24) | (head[17] << 16) | (head[18] << 8) | head[19], 320);
  EXPECT_EQ((head[20] << 24) | (head[21] << 16) | (head[22] << 8) | head[23], 200);
  fs::remove(out);
}

TEST(Cli, CheckReportsBrokenManifestAsPathLineMessage) {
  const fs::path dir = fs::temp_directory_path() / ("annals-check-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "campaign.json") << "{\n\"format\": \"annals-campaign\",\n\"format_version\": 1,\n]";
  const CommandRun r = run("check " + dir.string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find((dir / "campaign.json").string() + ":4: malformed JSON"), std::string::npos) << r.out;
  fs::remove_all(dir);
}

TEST(Cli, ShippedCampaignPassesCheckWithNoWarnings) {
  const CommandRun r = run("check");
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("0 error(s), 0 warning(s)"), std::string::npos) << r.out;
}

// A campaign folder can live anywhere: the calendar tables default to the
// ones Annals ships, not to a path relative to data/campaigns/.
TEST(Cli, ACampaignCopiedElsewhereChecksAndRenders) {
  const fs::path dir = fs::temp_directory_path() / ("annals-mine-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(fs::path(ANNALS_SOURCE_ROOT) / "data" / "campaigns" / "xixia-1224", dir,
           fs::copy_options::recursive);
  const CommandRun check = run("check " + dir.string());
  EXPECT_EQ(check.code, 0) << check.out;
  const fs::path png = dir / "frame.png";
  const CommandRun still = run("still " + dir.string() + " --out " + png.string() + " --size 320x200");
  EXPECT_EQ(still.code, 0) << still.out;
  EXPECT_TRUE(fs::is_regular_file(png));

  // Tables named in campaign.json that are not there: an error on the line
  // of "tables" that names the path it resolved to.
  int tables_line = 0;
  {
    std::ifstream in(dir / "campaign.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string key = "\"calendar\": {";
    const std::size_t at = text.find(key);
    tables_line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
    text.replace(at, key.size(), key + "\"tables\": \"../calendar\", ");
    std::ofstream(dir / "campaign.json") << text;
  }
  const CommandRun bad = run("check " + dir.string());
  EXPECT_EQ(bad.code, 1) << bad.out;
  const std::string expected = (dir / "campaign.json").string() + ":" + std::to_string(tables_line) +
                               ": calendar.tables resolves to " + (dir.parent_path() / "calendar").string() +
                               ", which has no months.csv";
  EXPECT_NE(bad.out.find(expected), std::string::npos) << bad.out;
  fs::remove_all(dir);
}

// The relief cache (relief_cache.h): a second still reads the projected
// relief from $XDG_CACHE_HOME/annals/relief and gives the very same bytes; a
// torn cache file is not used but rewritten; an unwritable cache folder
// costs the run nothing but the cache.
TEST(Cli, TheReliefCacheChangesNoPixel) {
  const fs::path dir = fs::temp_directory_path() / "annals-relief-cache-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto run_with = [&](const std::string& cache, const std::string& out) {
    return run("still --out " + (dir / out).string() + " --size 480x270 --date 1226-07-15",
               "XDG_CACHE_HOME=" + cache + " ANNALS_TRACE=1");
  };
  auto bytes = [](const fs::path& f) {
    std::ifstream in(f, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  const std::string cache = (dir / "cache").string();
  const CommandRun cold = run_with(cache, "cold.png");
  ASSERT_EQ(cold.code, 0) << cold.out;
  EXPECT_NE(cold.out.find("relief shaded and warped"), std::string::npos) << cold.out;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir / "cache" / "annals" / "relief")) files.push_back(e.path());
  ASSERT_EQ(files.size(), 1u);
  const auto size = fs::file_size(files[0]);

  const CommandRun warm = run_with(cache, "warm.png");
  ASSERT_EQ(warm.code, 0) << warm.out;
  EXPECT_NE(warm.out.find("relief read from the cache"), std::string::npos) << warm.out;
  EXPECT_EQ(bytes(dir / "warm.png"), bytes(dir / "cold.png"));

  fs::resize_file(files[0], size / 2);  // torn, as by a crash mid-write
  const CommandRun torn = run_with(cache, "torn.png");
  ASSERT_EQ(torn.code, 0) << torn.out;
  EXPECT_NE(torn.out.find("relief shaded and warped"), std::string::npos) << torn.out;
  EXPECT_EQ(bytes(dir / "torn.png"), bytes(dir / "cold.png"));
  EXPECT_EQ(fs::file_size(files[0]), size) << "rewritten whole";

  // A file where the cache folder should be: no cache, the same frame.
  std::ofstream(dir / "blocked") << "not a folder";
  const CommandRun blocked = run_with((dir / "blocked").string(), "blocked.png");
  ASSERT_EQ(blocked.code, 0) << blocked.out;
  EXPECT_EQ(bytes(dir / "blocked.png"), bytes(dir / "cold.png"));
  fs::remove_all(dir);
}

}  // namespace
