// Headless render tests: the real renderer through EGL (Mesa llvmpipe on CI),
// frames compared with golden images within a tolerance.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>

#include "annals/geo/diagnostic.h"
#include "annals/model/paths.h"
#include "annals/render/campaign_scene.h"
#include "annals/render/egl_context.h"
#include "annals/render/frame_renderer.h"
#include "render_test_support.h"

namespace annals {
namespace {

const std::filesystem::path kGolden = ANNALS_GOLDEN_DIR;
const std::filesystem::path kFixture =
    std::filesystem::path(ANNALS_TEST_FIXTURES_DIR) / "campaigns" / "render-min";

class StillRender : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    gl_ = std::make_unique<EglContext>();
    DisplayOptions opts{std::nullopt, std::nullopt, assets_dir()};
    campaign_ = load_displayed_campaign(kFixture, opts);
    font_ = find_cjk_font();
    frames_ = std::make_unique<FrameRenderer>(campaign_->scene, font_, load_font_bytes(font_));
  }
  static void TearDownTestSuite() {
    frames_.reset();
    campaign_.reset();
    gl_.reset();
  }

  static Image render(int w, int h, float ratio, const LayerVisibility& layers = {}) {
    Viewport vp{w, h, ratio};
    FrameState s;
    s.camera = Camera::fit(campaign_->scene.extent, vp);
    s.layers = layers;
    return frames_->render_image(s, vp);
  }

  static void expect_matches_golden(const Image& img, const std::string& name) {
    const auto path = kGolden / name;
    if (test::updating_goldens()) {
      std::filesystem::create_directories(kGolden);
      write_png(path, img);
      GTEST_SKIP() << "golden regenerated: " << path;
    }
    ASSERT_TRUE(std::filesystem::exists(path))
        << "missing golden " << path << " (regenerate with ANNALS_UPDATE_GOLDEN=1)";
    const std::string why = test::golden_mismatch(img, read_png(path), &frames_->last_layout());
    if (!why.empty()) {
      auto actual = std::filesystem::temp_directory_path() / ("actual-" + name);
      write_png(actual, img);
      ADD_FAILURE() << name << ": " << why << "actual frame written to " << actual;
    }
  }

  // Land tints, water and dark ink in their shares of a map frame.
  static ::testing::AssertionResult looks_like_a_map(const Image& img) {
    std::size_t bluish = 0, dark = 0, warm = 0;
    for (std::size_t i = 0; i < img.rgba.size(); i += 4) {
      const int r = img.rgba[i], g = img.rgba[i + 1], b = img.rgba[i + 2];
      if (b > r + 15 && b > g) ++bluish;
      if (r + g + b < 200) ++dark;
      if (r > b + 20) ++warm;
    }
    const double n = img.width * img.height;
    if (warm / n <= 0.3)
      return ::testing::AssertionFailure() << "relief (warm tints) covers only " << warm / n;
    if (bluish <= 200u)
      return ::testing::AssertionFailure() << "only " << bluish << " pixels of rivers and lakes";
    if (dark <= 100u)
      return ::testing::AssertionFailure() << "only " << dark << " pixels of labels and symbols";
    return ::testing::AssertionSuccess();
  }

  static inline std::unique_ptr<EglContext> gl_;
  static inline std::unique_ptr<DisplayedCampaign> campaign_;
  static inline FontFile font_;
  static inline std::unique_ptr<FrameRenderer> frames_;
};

TEST_F(StillRender, BaseMapMatchesGolden) {
  expect_matches_golden(render(640, 400, 1.0f), "basemap-albers-640x400.png");
  // The comparison fails on a base map with a layer missing, and on one
  // whose labels moved, though few of their pixels change.
  const Image golden = read_png(kGolden / "basemap-albers-640x400.png");
  const Image no_rivers = render(640, 400, 1.0f, {{"rivers-great", false}});
  EXPECT_FALSE(test::golden_mismatch(no_rivers, golden, &frames_->last_layout()).empty());
  // With English second lines the label boxes fail though the rest matches.
  const Image english = [] {
    Viewport vp{640, 400, 1.0f};
    FrameState s;
    s.camera = Camera::fit(campaign_->scene.extent, vp);
    s.overlay.second_line = OverlayOptions::SecondLine::English;
    return frames_->render_image(s, vp);
  }();
  EXPECT_NE(test::golden_mismatch(english, golden, &frames_->last_layout()).find("the label"),
            std::string::npos);
}

TEST_F(StillRender, LambertConformalMatchesGoldenAndDiffersFromAlbers) {
  const Image albers = render(640, 400, 1.0f);
  campaign_->set_projection("lcc");
  frames_->scene_changed();
  const Image lcc = render(640, 400, 1.0f);
  campaign_->set_projection("albers");
  frames_->scene_changed();
  // The two conics are close over this extent, but not the same map.
  EXPECT_GT(test::compare_images(albers, lcc, 12).bad_fraction, 0.05);
  expect_matches_golden(lcc, "basemap-lcc-640x400.png");
}

TEST_F(StillRender, FrameIsNotBlankAndShowsLandWaterAndInk) {
  EXPECT_TRUE(looks_like_a_map(render(640, 400, 1.0f)));
  // A blank frame fails the check, and so does one of sea alone.
  Image blank(640, 400), sea(640, 400);
  for (std::size_t i = 0; i < blank.rgba.size(); i += 4) {
    for (int k = 0; k < 3; ++k) blank.rgba[i + std::size_t(k)] = 236;
    sea.rgba[i] = 176;
    sea.rgba[i + 1] = 202;
    sea.rgba[i + 2] = 222;
  }
  EXPECT_FALSE(looks_like_a_map(blank));
  EXPECT_FALSE(looks_like_a_map(sea));
}

TEST_F(StillRender, TurningReliefOffChangesTheFrame) {
  const Image on = render(320, 200, 1.0f);
  const Image off = render(320, 200, 1.0f, {{"terrain", false}});
  const auto c = test::compare_images(on, off, 12);
  EXPECT_GT(c.bad_fraction, 0.3);
  // Switching it on, as it is by default, changes nothing: the difference is the switch's.
  EXPECT_EQ(test::compare_images(on, render(320, 200, 1.0f, {{"terrain", true}}), 0).bad_fraction, 0.0);
}

// Mean colour of each 8×8 block of device pixels (scaled by `step` for a
// frame drawn at a higher ratio), so thin-line edges do not dominate.
std::vector<double> block_means(const Image& img, int block) {
  std::vector<double> out;
  for (int by = 0; by + block <= img.height; by += block)
    for (int bx = 0; bx + block <= img.width; bx += block)
      for (int k = 0; k < 3; ++k) {
        double sum = 0;
        for (int y = by; y < by + block; ++y)
          for (int x = bx; x < bx + block; ++x) sum += img.pixel(x, y)[k];
        out.push_back(sum / (block * block));
      }
  return out;
}

TEST_F(StillRender, PixelRatioScalesLinesAndTextNotTheMapArea) {
  // Twice the pixels at ratio 2 shows the same area: block by block (16×16
  // there, 8×8 at ratio 1) the colours should agree closely, though thin
  // lines and text are sharper. A shifted or rescaled map fails this.
  const std::vector<double> a = block_means(render(320, 200, 1.0f), 8);
  const std::vector<double> b = block_means(render(640, 400, 2.0f), 16);
  ASSERT_EQ(a.size(), b.size());
  double total = 0;
  for (std::size_t i = 0; i < a.size(); ++i) total += std::abs(a[i] - b[i]);
  EXPECT_LT(total / a.size(), 6.0) << "mean block difference: the same map area at both ratios";
  // And the pixel ratio does change what is drawn at a given size.
  const Image big = render(640, 400, 2.0f);
  const Image big_ratio1 = render(640, 400, 1.0f);
  EXPECT_GT(test::compare_images(big, big_ratio1, 12).bad_fraction, 0.01)
      << "ratio must change line and text size";
  // A map shifted by one block is clearly told apart (the check above can fail).
  const std::vector<double> shifted = block_means(render(320, 200, 1.0f), 8);
  double shift_total = 0;
  const std::size_t row = 3 * (320 / 8);
  for (std::size_t i = 0; i + row < a.size(); ++i) shift_total += std::abs(shifted[i + row] - b[i]);
  EXPECT_GT(shift_total / (a.size() - row), 6.0);
}

TEST(Png, WriteIsAtomicAndRoundTrips) {
  Image img(7, 5);
  for (std::size_t i = 0; i < img.rgba.size(); ++i) img.rgba[i] = static_cast<std::uint8_t>(i * 37);
  for (std::size_t i = 3; i < img.rgba.size(); i += 4) img.rgba[i] = 255;
  const auto dir = std::filesystem::temp_directory_path() / "annals-png-test";
  std::filesystem::create_directories(dir);
  const auto path = dir / "x.png";
  write_png(path, img);
  const Image back = read_png(path);
  EXPECT_EQ(back.rgba, img.rgba);
  for (const auto& e : std::filesystem::directory_iterator(dir))
    EXPECT_EQ(e.path().filename(), "x.png") << "no temporary file may remain";
  EXPECT_THROW(write_png(dir / "no-such-dir" / "y.png", img), std::runtime_error);
  EXPECT_FALSE(std::filesystem::exists(dir / "no-such-dir"));
  std::ofstream(dir / "bad.png") << "not a png";
  EXPECT_THROW(read_png(dir / "bad.png"), DataError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace annals
