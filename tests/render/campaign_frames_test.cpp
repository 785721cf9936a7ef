// The animated campaign, headless: frames of the shipped campaign at three
// dates, compared with golden images, and checked for what must change
// between them (the Xia realm shrinks, statuses change).
#include <gtest/gtest.h>

#include <memory>

#include "annals/model/paths.h"
#include "annals/render/campaign_scene.h"
#include "annals/render/egl_context.h"
#include "annals/render/frame_renderer.h"
#include "render_test_support.h"

namespace annals {
namespace {

class CampaignFrames : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    gl_ = std::make_unique<EglContext>();
    campaign_ = load_displayed_campaign(default_campaign_dir(), {std::nullopt, std::nullopt, assets_dir()});
    ASSERT_NE(campaign_->model, nullptr);
    const FontFile font = find_cjk_font();
    frames_ = std::make_unique<FrameRenderer>(campaign_->scene, font, load_font_bytes(font));
    frames_->set_campaign(campaign_->model.get());
  }
  static void TearDownTestSuite() {
    frames_.reset();
    campaign_.reset();
    gl_.reset();
  }
  static Image at(const std::string& date) {
    const Viewport vp{800, 500, 1.0f};
    FrameState s;
    s.camera = Camera::fit(campaign_->scene.extent, vp);
    s.t = campaign_->model->parse_time(date) + 0.5;  // mid-month
    return frames_->render_image(s, vp);
  }
  // Pixels of the realm's translucent vermillion over land, roughly.
  static std::size_t realm_pixels(const Image& img) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < img.rgba.size(); i += 4) {
      const int r = img.rgba[i], g = img.rgba[i + 1], b = img.rgba[i + 2];
      if (r > g + 28 && r > b + 45) ++n;
    }
    return n;
  }
  static void expect_golden(const Image& img, const std::string& name) {
    const auto path = std::filesystem::path(ANNALS_GOLDEN_DIR) / name;
    if (test::updating_goldens()) {
      write_png(path, img);
      GTEST_SKIP() << "golden regenerated: " << path;
    }
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    const auto c = test::compare_images(img, read_png(path), 12);
    ASSERT_TRUE(c.same_size);
    if (c.bad_fraction > 0.002) {
      const auto actual = std::filesystem::temp_directory_path() / ("actual-" + name);
      write_png(actual, img);
      ADD_FAILURE() << name << ": " << c.bad_fraction * 100 << "% of pixels differ; actual in " << actual;
    }
  }
  static inline std::unique_ptr<EglContext> gl_;
  static inline std::unique_ptr<DisplayedCampaign> campaign_;
  static inline std::unique_ptr<FrameRenderer> frames_;
};

TEST_F(CampaignFrames, KharaKhotoFallsSpring1226) {
  expect_golden(at("宝庆二年二月"), "campaign-1226-02.png");
}
TEST_F(CampaignFrames, CapitalBesiegedWinter1226) {
  expect_golden(at("宝庆二年十二月"), "campaign-1226-12.png");
}
TEST_F(CampaignFrames, XiaSurrendersSummer1227) { expect_golden(at("宝庆三年六月"), "campaign-1227-06.png"); }

TEST_F(CampaignFrames, TheRealmShrinksAsPrefecturesFall) {
  const std::size_t early = realm_pixels(at("嘉定十七年二月"));
  const std::size_t mid = realm_pixels(at("宝庆二年八月"));
  const std::size_t late = realm_pixels(at("宝庆三年七月"));
  EXPECT_GT(early, 2000u) << "the realm is drawn at the start";
  EXPECT_LT(mid, early);
  EXPECT_LT(late, mid);
}

TEST_F(CampaignFrames, FrameIsAPureFunctionOfTime) {
  const Image a = at("宝庆二年六月");
  at("宝庆三年三月");  // another time in between must not leave anything behind
  const Image b = at("宝庆二年六月");
  EXPECT_EQ(a.rgba, b.rgba);
}

}  // namespace
}  // namespace annals
