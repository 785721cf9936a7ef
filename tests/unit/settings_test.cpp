// The viewer's settings file: a round trip, the XDG path, and what a corrupt
// or half-wrong file does (reported, defaults used, never a crash).
#include "settings.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "annals/geo/diagnostic.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("annals-settings-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

TEST(Settings, RoundTripKeepsEveryField) {
  Settings s;
  s.seconds_per_month = 3.5;
  s.language = "en";
  s.theme = "projector";
  s.display = 1;
  s.spotlight = true;
  s.title_card_seconds = 9;
  s.window = {40, 60, 1600, 900, true};
  s.show_chronicle = false;
  s.show_layers = true;
  s.show_companions = false;  // the default is true
  s.sidebar_fraction = 0.4f;
  s.recent_campaigns = {"/tmp/mine", "/srv/annals/yuanshi"};
  const fs::path p = scratch("nested/folder/settings.json");  // the folder is made
  save_settings(p, s);
  const LoadedSettings l = load_settings(p);
  EXPECT_TRUE(l.problems.empty()) << l.problems.front();
  EXPECT_DOUBLE_EQ(l.settings.seconds_per_month, 3.5);
  EXPECT_EQ(l.settings.language, "en");
  EXPECT_EQ(l.settings.theme, "projector");
  EXPECT_EQ(l.settings.display, 1);
  EXPECT_TRUE(l.settings.spotlight);
  EXPECT_DOUBLE_EQ(l.settings.title_card_seconds, 9);
  EXPECT_EQ(l.settings.window.x, 40);
  EXPECT_EQ(l.settings.window.y, 60);
  EXPECT_EQ(l.settings.window.width, 1600);
  EXPECT_EQ(l.settings.window.height, 900);
  EXPECT_TRUE(l.settings.window.maximized);
  EXPECT_FALSE(l.settings.show_chronicle);
  EXPECT_TRUE(l.settings.show_layers);
  EXPECT_FALSE(l.settings.show_companions);
  EXPECT_FLOAT_EQ(l.settings.sidebar_fraction, 0.4f);
  EXPECT_EQ(l.settings.recent_campaigns, s.recent_campaigns);
  // No temporary file is left beside it.
  int files = 0;
  for (const auto& e : fs::directory_iterator(p.parent_path())) files += e.is_regular_file();
  EXPECT_EQ(files, 1);
}

TEST(Settings, AbsentFileGivesDefaultsSilently) {
  const LoadedSettings l = load_settings(scratch("none.json"));
  EXPECT_TRUE(l.problems.empty());
  EXPECT_EQ(l.settings.language, Settings().language);
}

TEST(Settings, CorruptFileIsReportedAndDefaultsUsed) {
  for (const std::string& text :
       {std::string("{\"language\": \"en\","), std::string("\x00\xff\xfe garbage", 12),
        std::string("[1, 2, 3]"), std::string("")}) {
    const fs::path p = scratch("corrupt.json");
    write(p, text);
    const LoadedSettings l = load_settings(p);
    ASSERT_EQ(l.problems.size(), 1u);
    EXPECT_NE(l.problems[0].find(p.string()), std::string::npos) << l.problems[0];
    EXPECT_NE(l.problems[0].find("defaults"), std::string::npos) << l.problems[0];
    EXPECT_EQ(l.settings.language, Settings().language);
    // Saving the defaults over it makes the next start clean: reported once.
    save_settings(p, l.settings);
    EXPECT_TRUE(load_settings(p).problems.empty());
  }
}

TEST(Settings, WrongValuesFallBackOneKeyAtATime) {
  const fs::path p = scratch("half.json");
  write(p, R"({"language": "fr", "seconds_per_month": 99, "theme": "projector", "spotlight": "yes",
               "window": {"width": 12, "height": 700}})");
  const LoadedSettings l = load_settings(p);
  ASSERT_EQ(l.problems.size(), 4u);
  EXPECT_NE(l.problems[0].find("\"seconds_per_month\" is 99"), std::string::npos) << l.problems[0];
  EXPECT_NE(l.problems[1].find("\"language\" is \"fr\"; expected \"zh\", \"zh-pinyin\" or \"en\""),
            std::string::npos)
      << l.problems[1];
  EXPECT_EQ(l.settings.language, Settings().language);
  EXPECT_DOUBLE_EQ(l.settings.seconds_per_month, Settings().seconds_per_month);
  EXPECT_EQ(l.settings.theme, "projector");  // the good keys are kept
  EXPECT_EQ(l.settings.window.height, 700);
  EXPECT_EQ(l.settings.window.width, 0);
}

TEST(Settings, CompanionsShownUnlessTurnedOff) {
  // A file from before the switch existed shows the other chronicles; a
  // wrong value is reported and shows them too.
  const fs::path p = scratch("companions.json");
  write(p, R"({"language": "en"})");
  EXPECT_TRUE(load_settings(p).settings.show_companions);
  write(p, R"({"show_companions": "no"})");
  const LoadedSettings l = load_settings(p);
  ASSERT_EQ(l.problems.size(), 1u);
  EXPECT_NE(l.problems[0].find("\"show_companions\" is \"no\"; expected true or false"), std::string::npos)
      << l.problems[0];
  EXPECT_TRUE(l.settings.show_companions);
  write(p, R"({"show_companions": false})");
  EXPECT_FALSE(load_settings(p).settings.show_companions);
}

TEST(Settings, PathFollowsXdgConfigHome) {
  const char* old = std::getenv("XDG_CONFIG_HOME");
  const std::string keep = old ? old : "";
  const char* old_home = std::getenv("HOME");
  const std::string keep_home = old_home ? old_home : "";
  ::setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
  EXPECT_EQ(default_settings_path(), fs::path("/tmp/xdg-test/annals/settings.json"));
  ::setenv("XDG_CONFIG_HOME", "relative/ignored", 1);  // the spec says relative paths are ignored
  ::setenv("HOME", "/home/teacher", 1);
  EXPECT_EQ(default_settings_path(), fs::path("/home/teacher/.config/annals/settings.json"));
  if (old)
    ::setenv("XDG_CONFIG_HOME", keep.c_str(), 1);
  else
    ::unsetenv("XDG_CONFIG_HOME");
  if (old_home)
    ::setenv("HOME", keep_home.c_str(), 1);
  else
    ::unsetenv("HOME");
}

TEST(Settings, UnwritableFolderIsAClearError) {
  EXPECT_THROW(save_settings("/proc/annals-no/settings.json", Settings()), DataError);
}

}  // namespace
}  // namespace annals
