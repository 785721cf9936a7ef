#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "annals/geo/diagnostic.h"
#include "arg_parser.h"

namespace annals::cli {
namespace {

ArgParser still_parser() {
  return ArgParser("annals still [DIR] --out FILE", "test")
      .option("--out", "FILE", "output")
      .option("--size", "WxH", "size")
      .flag("--verbose", "talk")
      .max_positionals(1);
}

TEST(ArgParser, ParsesOptionsFlagsAndPositionals) {
  std::vector<std::string> a{"dir", "--out", "x.png", "--size=640x480", "--verbose"};
  ParsedArgs p = still_parser().parse(a);
  ASSERT_EQ(p.positionals.size(), 1u);
  EXPECT_EQ(p.positionals[0], "dir");
  EXPECT_EQ(p.get("--out").value(), "x.png");
  EXPECT_EQ(p.get("--size").value(), "640x480");
  EXPECT_TRUE(p.has("--verbose"));
  EXPECT_FALSE(p.help);
}

TEST(ArgParser, RejectsUnknownOptionMissingValueAndExtraPositional) {
  std::vector<std::string> unknown{"--bogus"};
  EXPECT_THROW(still_parser().parse(unknown), UsageError);
  std::vector<std::string> missing{"--out"};
  EXPECT_THROW(still_parser().parse(missing), UsageError);
  std::vector<std::string> extra{"a", "b"};
  EXPECT_THROW(still_parser().parse(extra), UsageError);
  std::vector<std::string> flag_value{"--verbose=1"};
  EXPECT_THROW(still_parser().parse(flag_value), UsageError);
}

TEST(ArgParser, HelpListsEveryOption) {
  std::string h = still_parser().help_text();
  EXPECT_NE(h.find("--out FILE"), std::string::npos);
  EXPECT_NE(h.find("--size WxH"), std::string::npos);
  EXPECT_NE(h.find("--help"), std::string::npos);
}

TEST(ParseSize, AcceptsWidthByHeightAndRejectsNonsense) {
  Size s = parse_size("3840x2160");
  EXPECT_EQ(s.width, 3840);
  EXPECT_EQ(s.height, 2160);
  EXPECT_THROW(parse_size("3840"), UsageError);
  EXPECT_THROW(parse_size("12x12"), UsageError);
  EXPECT_THROW(parse_size("99999x100"), UsageError);
  EXPECT_THROW(parse_size("640x48o"), UsageError);
}

TEST(Diagnostic, FormatsPathWhereAndMessage) {
  Diagnostic d{Severity::Error, "data/x.json", "12", "unknown place id 'foo'"};
  EXPECT_EQ(d.format(), "data/x.json:12: unknown place id 'foo'");
  Diagnostic w{Severity::Warning, "a.csv", "", "empty"};
  EXPECT_EQ(w.format(), "a.csv: warning: empty");
  Diagnostics all;
  all.error("f", "1", "bad");
  all.warning("f", "2", "odd");
  EXPECT_EQ(all.error_count(), 1u);
  EXPECT_EQ(all.warning_count(), 1u);
  EXPECT_TRUE(all.has_errors());
}

}  // namespace
}  // namespace annals::cli
