// The arithmetic of an export: frames and their times, frame ranges, file-name
// templates, and where --to ends. Pure: no renderer.
#include <gtest/gtest.h>

#include <stdexcept>

#include "annals/export/export_plan.h"
#include "annals/model/campaign_state.h"
#include "annals/model/paths.h"

namespace annals {
namespace {

TEST(ExportTiming, FramesCoverTheSpanAtTheGivenPace) {
  // 3 months at 2 s a month and 30 frames a second: 180 frames, t = (n-1)/60.
  const ExportTiming t{30, 2, 0, 3};
  EXPECT_EQ(t.frame_count(), 180);
  EXPECT_DOUBLE_EQ(t.time_of_frame(1), 0.0);
  EXPECT_DOUBLE_EQ(t.time_of_frame(61), 1.0);
  EXPECT_LT(t.time_of_frame(180), 3.0);
  EXPECT_EQ(t.frame_at(1.0), 61);
  EXPECT_EQ(t.frame_at(t.time_of_frame(97)), 97);
  // A span that is not a whole number of frames gets the frame that starts in it.
  EXPECT_EQ((ExportTiming{30, 2, 0.5, 0.52}).frame_count(), 2);  // 1.2 frames
  EXPECT_EQ((ExportTiming{30, 2, 1, 1}).frame_count(), 0);
  EXPECT_EQ((ExportTiming{30, 2, 2, 1}).frame_count(), 0);
}

TEST(FrameRange, ParsesAndChecksAgainstTheTimeline) {
  EXPECT_EQ(parse_frame_range("1-300", 300).count(), 300);
  EXPECT_EQ(parse_frame_range("7", 300).first, 7);
  EXPECT_EQ(parse_frame_range("7", 300).last, 7);
  for (const char* bad : {"0-5", "5-4", "1-301", "a-b", "1-", "-3", "", "2-3x"})
    EXPECT_THROW(parse_frame_range(bad, 300), std::invalid_argument) << bad;
}

TEST(NameTemplate, OneIntegerConversion) {
  struct Row {
    const char* text;
    int frame;
    const char* name;
  };
  for (const Row& r : {Row{"frame_%05d.png", 42, "frame_00042.png"}, Row{"%d.png", 7, "7.png"},
                       Row{"x%3d.png", 7, "x  7.png"}, Row{"100%%_%04d.png", 12, "100%_0012.png"},
                       Row{"f%02d.png", 12345, "f12345.png"}})
    EXPECT_EQ(NameTemplate(r.text).name(r.frame), r.name) << r.text;
  for (const char* bad : {"frame.png", "f_%05d.jpg", "%s.png", "%d_%d.png", "a/%d.png", "%x.png", "%05.png"})
    EXPECT_THROW(NameTemplate{bad}, std::invalid_argument) << bad;
}

TEST(ExportTo, IncludesThePeriodItNames) {
  const auto model = CampaignModel::load(default_campaign_dir());
  const CampaignTimeline& tl = model->timeline();
  // A month runs to the start of the next month.
  const double start = model->parse_time("宝庆二年六月");
  EXPECT_DOUBLE_EQ(parse_time_end(*model, "宝庆二年六月"), start + 1);
  // A day to the start of the next day.
  const double day = model->parse_time("1226-07-15");
  EXPECT_DOUBLE_EQ(parse_time_end(*model, "1226-07-15"), tl.time_of_jdn(tl.jdn_of_time(day) + 1));
  EXPECT_GT(parse_time_end(*model, "1226-07-15"), day);
  // The last month ends the timeline.
  EXPECT_DOUBLE_EQ(parse_time_end(*model, tl.label_chinese(tl.month_count() - 1)), tl.end());
}

}  // namespace
}  // namespace annals
