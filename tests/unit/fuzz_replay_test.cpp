// The fuzz targets' inputs replayed in the ordinary build (no clang needed):
// every crash the fuzzers found, kept in tests/fuzz/regressions/<target>/,
// and every hand-picked seed in tests/fuzz/corpus/<target>/, fed to the same
// harness function the libFuzzer target calls. Each must be accepted or
// refused with the project's own error (harness.h); under tools/test.sh asan
// the sanitizers watch them too.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "annals/geo/utf8.h"
#include "harness.h"

namespace annals::fuzz {
namespace {

namespace fs = std::filesystem;

const fs::path kFuzz = fs::path(ANNALS_SOURCE_ROOT) / "tests" / "fuzz";

const Target* target_named(const std::string& name) {
  for (const Target& t : targets())
    if (t.name == name) return &t;
  return nullptr;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Replays every file under kFuzz/<kind>/<target>/; returns how many.
std::size_t replay(const std::string& kind) {
  std::size_t count = 0;
  if (!fs::exists(kFuzz / kind)) return 0;
  for (const auto& dir : fs::directory_iterator(kFuzz / kind)) {
    if (!dir.is_directory()) continue;
    const std::string name = dir.path().filename().string();
    const Target* target = target_named(name);
    EXPECT_NE(target, nullptr) << kind << "/" << name << " is not a fuzz target's folder";
    if (!target) continue;
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(dir.path()))
      if (f.is_regular_file()) files.push_back(f.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      const std::string input = read_bytes(f);
      try {
        target->run(input);
      } catch (const std::exception& e) {
        ADD_FAILURE() << f.string() << ": " << escape_for_terminal(e.what());
      }
      ++count;
    }
  }
  return count;
}

TEST(FuzzReplay, EveryTargetHasAFuzzSourceAndTheSourcesMatchTheHarness) {
  for (const Target& t : targets())
    EXPECT_TRUE(fs::exists(kFuzz / (std::string(t.name) + "_fuzz.cpp"))) << t.name;
  std::size_t sources = 0;
  for (const auto& f : fs::directory_iterator(kFuzz))
    if (f.path().filename().string().ends_with("_fuzz.cpp")) ++sources;
  EXPECT_EQ(sources, targets().size());
}

TEST(FuzzReplay, CrashesFoundByTheFuzzersStayFixed) {
  const std::size_t n = replay("regressions");
  EXPECT_GT(n, 0u) << "no regression inputs under " << (kFuzz / "regressions").string();
}

TEST(FuzzReplay, SeedsAreAcceptedOrRefusedCleanly) {
  const std::size_t n = replay("corpus");
  EXPECT_GT(n, 0u) << "no seeds under " << (kFuzz / "corpus").string();
}

}  // namespace
}  // namespace annals::fuzz
