// `annals date` end to end: runs the built binary and checks its JSON and
// exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace {

struct CliRun {
  int exit_code = -1;
  std::string output;
};

// Runs `annals ARGS` through the shell; stderr is folded into the output
// only when the arguments ask for it (2>&1).
CliRun run_annals(const std::string& args) {
  CliRun r;
  const std::string command = std::string("'") + ANNALS_BINARY + "' " + args;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(CalendarCli, ConvertsALeapMonth) {
  const CliRun r = run_annals("date 宝庆三年闰五月");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["era"], "宝庆");
  EXPECT_EQ(j["polity"], "song");
  EXPECT_EQ(j["year"], 3);
  EXPECT_EQ(j["month"], 5);
  EXPECT_EQ(j["leap"], true);
  EXPECT_EQ(j["days"], 29);
  EXPECT_EQ(j["first_day"]["jdn"], 2169386);
  EXPECT_EQ(j["first_day"]["julian"], "1227-06-16");
  EXPECT_EQ(j["first_day"]["gregorian"], "1227-06-23");
  EXPECT_EQ(j["first_day"]["sexagenary"], "己卯");
  EXPECT_EQ(j["last_day"]["julian"], "1227-07-14");
  EXPECT_EQ(j["last_day"]["sexagenary"], "丁未");
  EXPECT_FALSE(j.contains("day"));
}

TEST(CalendarCli, ConvertsADayBothWays) {
  const CliRun forward = run_annals("date 宝庆三年七月己丑");
  ASSERT_EQ(forward.exit_code, 0) << forward.output;
  const auto f = nlohmann::json::parse(forward.output);
  EXPECT_EQ(f["day"]["julian"], "1227-08-25");
  EXPECT_EQ(f["day"]["day"], 12);

  const CliRun back = run_annals("date --julian 1227-08-25 --reckoning xia=xixia-shushi");
  ASSERT_EQ(back.exit_code, 0) << back.output;
  const auto b = nlohmann::json::parse(back.output);
  EXPECT_EQ(b["jdn"], 2169456);
  EXPECT_EQ(b["gregorian"], "1227-09-01");
  EXPECT_EQ(b["sexagenary"], "己丑");
  std::map<std::string, std::string> texts;
  for (const auto& e : b["eras"]) texts.emplace(e["polity"].get<std::string>(), e["text"].get<std::string>());
  EXPECT_EQ(texts["song"], "宝庆三年七月十二日");
  EXPECT_EQ(texts["jin"], "正大四年七月十二日");
  EXPECT_EQ(texts["xia"], "乾定四年七月十二日");  // the selected reckoning comes first
  EXPECT_EQ(texts["mongol"], "太祖二十二年七月十二日");

  const CliRun jdn = run_annals("date --jdn 2169456");
  ASSERT_EQ(jdn.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(jdn.output)["julian"], "1227-08-25");
  const CliRun gregorian = run_annals("date --gregorian 1227-09-01");
  ASSERT_EQ(gregorian.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(gregorian.output)["jdn"], 2169456);
}

TEST(CalendarCli, BadInputIsOneLineAndExitOne) {
  for (const char* args :
       {"date 宝庆二年闰五月", "date 宝庆三年七月三十日", "date 不存在三年", "date --julian 1227-02-30",
        "date --reckoning xia=nonsense 乾定三年二月", "date", "date --jdn 12x", "date --julian 2000-01-01"}) {
    const CliRun r = run_annals(std::string(args) + " 2>&1");
    EXPECT_EQ(r.exit_code, 1) << args << ": " << r.output;
    EXPECT_EQ(r.output.rfind("annals date: ", 0), 0u) << args << ": " << r.output;
    EXPECT_EQ(r.output.find('\n'), r.output.size() - 1) << args << ": " << r.output;
  }
  const CliRun r = run_annals("date 宝庆二年闰五月 2>&1");
  EXPECT_EQ(r.output, "annals date: 宝庆二年 has no leap month; 宝庆三年 (1227) has 闰五月\n");
}

TEST(CalendarCli, HelpDocumentsTheReckoningDefault) {
  const CliRun r = run_annals("date --help");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("--reckoning"), std::string::npos);
  EXPECT_NE(r.output.find("xia=xixia-shushi"), std::string::npos);
}

}  // namespace
