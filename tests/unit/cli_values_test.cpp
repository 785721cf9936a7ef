// Option values are read by the one strict number parser (parse_number):
// --pixel-ratio and --ui-scale went through std::stof, which took "2x" for 2.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace {

struct CliRun {
  int code = -1;
  std::string out;  // stdout and stderr together
};

CliRun run(const std::string& args) {
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

TEST(CliValues, PixelRatioMustBeANumberAndNothingElse) {
  const CliRun trailing = run("still --out /tmp/annals-never.png --pixel-ratio 2x");
  EXPECT_EQ(trailing.code, 1);
  EXPECT_NE(trailing.out.find("--pixel-ratio expects a number, not '2x'"), std::string::npos) << trailing.out;
  const CliRun big = run("still --out /tmp/annals-never.png --pixel-ratio 9");
  EXPECT_EQ(big.code, 1);
  EXPECT_NE(big.out.find("--pixel-ratio must be between 0.25 and 8, not 9"), std::string::npos) << big.out;
}

TEST(CliValues, UiScaleMustBeANumberAndNothingElse) {
  // Refused while parsing, before any window opens.
  const CliRun trailing = run("view --ui-scale 1.5x");
  EXPECT_EQ(trailing.code, 1);
  EXPECT_NE(trailing.out.find("--ui-scale expects a number, not '1.5x'"), std::string::npos) << trailing.out;
  const CliRun nan = run("view --ui-scale nan");
  EXPECT_EQ(nan.code, 1);
  EXPECT_NE(nan.out.find("--ui-scale must be between 0.5 and 4, not nan"), std::string::npos) << nan.out;
}

}  // namespace
