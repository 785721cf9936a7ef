// The second shipped campaign (元史 卷一, data/campaigns/yuanshi-taizu), headless:
// one frame in the fifth month of 太祖十五年 (June 1220), when Samarkand falls,
// compared with a golden image, and probed where its vocabulary differs from
// the first campaign's: a town held by its own side (khwarazm), towns taken
// that spring, and the banner dated by the reign the text counts years by.
#include <gtest/gtest.h>

#include <memory>

#include "annals/model/paths.h"
#include "annals/render/campaign_scene.h"
#include "annals/render/egl_context.h"
#include "annals/render/frame_renderer.h"
#include "annals/render/status_symbols.h"
#include "render_test_support.h"

namespace annals {
namespace {

struct Frame {
  Image image;
  OverlayLayout layout;
  FrameState state;
};

class SecondCampaignFrames : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    gl_ = std::make_unique<EglContext>();
    campaign_ = load_displayed_campaign(data_dir() / "campaigns" / "yuanshi-taizu",
                                        {std::nullopt, std::nullopt, assets_dir()});
    ASSERT_NE(campaign_->model, nullptr);
    const FontFile font = find_cjk_font();
    frames_ = std::make_unique<FrameRenderer>(campaign_->scene, font, load_font_bytes(font));
    frames_->set_campaign(campaign_->model.get());
    probe_ = std::make_unique<test::SymbolProbe>(campaign_->manifest.vocabulary);
  }
  static void TearDownTestSuite() {
    probe_.reset();
    frames_.reset();
    campaign_.reset();
    gl_.reset();
  }
  static constexpr Viewport kVp{800, 500, 1.0f};
  static Frame at(const std::string& date) {  // mid-month
    Frame f;
    f.state.camera = Camera::fit(campaign_->scene.extent, kVp);
    f.state.t = campaign_->model->parse_time(date) + 0.5;
    f.image = frames_->render_image(f.state, kVp);
    f.layout = frames_->last_layout();
    return f;
  }
  static void expect_golden(const Frame& f, const std::string& name) {
    const auto path = std::filesystem::path(ANNALS_GOLDEN_DIR) / name;
    if (test::updating_goldens()) {
      write_png(path, f.image);
      GTEST_SKIP() << "golden regenerated: " << path;
    }
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    const std::string why = test::golden_mismatch(f.image, read_png(path), &f.layout);
    if (!why.empty()) {
      const auto actual = std::filesystem::temp_directory_path() / ("actual-" + name);
      write_png(actual, f.image);
      ADD_FAILURE() << name << ": " << why << "actual in " << actual;
    }
  }
  static std::string symbol_at(const Frame& f, const std::string& id) {
    const Place* place = campaign_->model->gazetteer().find_by_id(id);
    const PlaceMarker* marker = nullptr;
    for (const auto& p : campaign_->scene.places)
      if (p.id == id) marker = &p;
    if (!place || !marker) return "(not on the map)";
    const auto xy = test::screen_of(campaign_->scene, f.state.camera, kVp, place->anchor);
    if (!xy) return "(off screen)";
    const auto s = probe_->classify(f.image, *xy, marker->rank, kVp.pixel_ratio, test::pulse_at(*f.state.t));
    return s ? campaign_->manifest.vocabulary.name(*s) : std::string("(no symbol told apart)");
  }
  static inline std::unique_ptr<EglContext> gl_;
  static inline std::unique_ptr<DisplayedCampaign> campaign_;
  static inline std::unique_ptr<FrameRenderer> frames_;
  static inline std::unique_ptr<test::SymbolProbe> probe_;
};

TEST_F(SecondCampaignFrames, SamarkandFallsSummer1220) {
  const Frame f = at("太祖十五年五月");
  expect_golden(f, "yuanshi-1220-05.png");
  EXPECT_EQ(symbol_at(f, "samarkand"), "taken");  // line 41, 夏五月，克寻思干城
  EXPECT_EQ(symbol_at(f, "bukhara"), "taken");    // line 41, 春三月，帝克蒲华城
  EXPECT_EQ(symbol_at(f, "balkh"), "held:khwarazm") << "Balkh falls only in the autumn of 1221 (line 42)";
  EXPECT_EQ(symbol_at(at("太祖十五年四月"), "samarkand"), "held:khwarazm") << "the month before";
  // The banner names the month by the reign the chronicle counts in
  // (calendar.label_polity), not by another polity's era.
  const CampaignTimeline& tl = campaign_->model->timeline();
  EXPECT_EQ(tl.label_chinese(tl.month_index(*f.state.t)).rfind("太祖十五年", 0), 0u)
      << tl.label_chinese(tl.month_index(*f.state.t));
}

}  // namespace
}  // namespace annals
