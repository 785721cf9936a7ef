// The timeline controller on the shipped campaign: playback, stepping by
// month and by entry (what a presenter's clicker sends), typed jumps.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "annals/model/chronicle.h"
#include "annals/model/paths.h"
#include "timeline_controller.h"

namespace annals {
namespace {

const CampaignModel& model() {
  static const std::unique_ptr<CampaignModel> m = CampaignModel::load(default_campaign_dir());
  return *m;
}

TEST(TimelineController, StartsAtTheFirstEntryAndStepsByMonth) {
  TimelineController tl(model());
  EXPECT_DOUBLE_EQ(tl.t(), tl.entry_times().front());
  const int m = tl.month();
  tl.step_month(+1);
  EXPECT_EQ(tl.month(), m + 1);
  EXPECT_DOUBLE_EQ(tl.t(), std::floor(tl.t()));  // at the start of the month
  tl.seek(tl.t() + 0.5);
  tl.step_month(-1);  // back to the start of the current month first
  EXPECT_EQ(tl.month(), m + 1);
  tl.step_month(-1);
  EXPECT_EQ(tl.month(), m);
}

TEST(TimelineController, StepsByEntryLikeAClicker) {
  TimelineController tl(model());
  const auto& times = tl.entry_times();
  ASSERT_GT(times.size(), 10u);
  tl.home();
  tl.step_entry(+1);
  EXPECT_DOUBLE_EQ(tl.t(), times[0] > 0 ? times[0] : times[1]);
  for (std::size_t i = 1; i < 5; ++i) tl.step_entry(+1);
  const double fifth = tl.t();
  tl.step_entry(-1);
  EXPECT_LT(tl.t(), fifth);
  tl.go_end();
  const double end = tl.t();
  tl.step_entry(+1);  // nothing after the last entry: stays
  EXPECT_DOUBLE_EQ(tl.t(), end);
}

TEST(TimelineController, PlaysAtItsSpeedAndStopsOrLoopsAtTheEnd) {
  TimelineController tl(model());
  tl.set_seconds_per_month(2.0);
  const double t0 = tl.t();
  EXPECT_FALSE(tl.advance(1.0)) << "not playing: time stands";
  tl.set_playing(true);
  EXPECT_TRUE(tl.advance(1.0));
  EXPECT_NEAR(tl.t(), t0 + 0.5, 1e-12);
  tl.set_seconds_per_month(100);  // clamped to 8 s per month
  EXPECT_DOUBLE_EQ(tl.seconds_per_month(), 8.0);
  tl.set_seconds_per_month(0.01);
  EXPECT_DOUBLE_EQ(tl.seconds_per_month(), 0.25);
  tl.go_end();
  tl.set_playing(true);  // playing from the end starts over
  EXPECT_DOUBLE_EQ(tl.t(), tl.start());
  tl.seek(tl.end() - 0.1);
  tl.advance(10);
  EXPECT_DOUBLE_EQ(tl.t(), tl.end());
  EXPECT_FALSE(tl.playing());
  tl.loop = true;
  tl.seek(tl.end() - 0.1);
  tl.set_playing(true);
  tl.advance(0.25 * 0.5);  // half a month at 0.25 s per month
  EXPECT_LT(tl.t(), 1.0);
  EXPECT_TRUE(tl.playing());
}

TEST(TimelineController, JumpsToTypedDates) {
  TimelineController tl(model());
  std::string error;
  ASSERT_TRUE(tl.jump("宝庆三年闰五月", &error)) << error;
  EXPECT_EQ(model().timeline().label_chinese(tl.month()), "宝庆三年闰五月");
  ASSERT_TRUE(tl.jump("1227-08-25", &error)) << error;  // 宝庆三年七月十二日
  EXPECT_EQ(model().timeline().label_chinese(tl.month()), "宝庆三年七月");
  EXPECT_NEAR(tl.t() - std::floor(tl.t()), 11.0 / 29.0, 0.04);
  ASSERT_TRUE(tl.jump("乾定三年二月", &error)) << error;  // the Xia era, in the chronicle's reckoning
  EXPECT_EQ(model().timeline().label_chinese(tl.month()), "宝庆二年二月");
  EXPECT_FALSE(tl.jump("宝庆二年闰五月", &error));
  EXPECT_NE(error.find("leap"), std::string::npos) << error;
  EXPECT_FALSE(tl.jump("1100-01-01", &error));
  EXPECT_NE(error.find("outside the campaign"), std::string::npos) << error;
}

TEST(TimelineController, NumberKeysJumpToTheChroniclesYears) {
  // Presentation mode's 1–9: the first month of each lunar year shown.
  TimelineController tl(model());
  ASSERT_TRUE(tl.jump_to_year(1));
  EXPECT_EQ(tl.month(), 0);
  ASSERT_TRUE(tl.jump_to_year(2));
  const std::string second = model().timeline().label_chinese(tl.month());
  EXPECT_TRUE(model().timeline().starts_year(tl.month()));
  EXPECT_NE(second.find("正月"), std::string::npos) << second;
  ASSERT_TRUE(tl.jump_to_year(3));
  EXPECT_GT(tl.month(), 11);
  const double t = tl.t();
  EXPECT_FALSE(tl.jump_to_year(40));
  EXPECT_FALSE(tl.jump_to_year(0));
  EXPECT_DOUBLE_EQ(tl.t(), t);  // unchanged when there is no such year
}

}  // namespace
}  // namespace annals
