// The base map as drawn: a panned frame whose base map was scrolled by the
// cache (only the uncovered strips drawn) must look like the same frame drawn
// from scratch, the cache must redraw whenever scrolling cannot give that
// picture, and layers with a scale range must leave outside it.
#include <gtest/gtest.h>

#include <array>
#include <memory>

#include "annals/model/paths.h"
#include "annals/render/base_map_cache.h"
#include "annals/render/campaign_scene.h"
#include "annals/render/egl_context.h"
#include "render_test_support.h"

namespace annals {
namespace {

using Update = BaseMapCache::Update;

class BaseMapRender : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    gl_ = std::make_unique<EglContext>();
    campaign_ = load_displayed_campaign(default_campaign_dir(), {std::nullopt, std::nullopt, assets_dir()});
    map_ = std::make_unique<MapRenderer>(campaign_->scene);
  }
  static void TearDownTestSuite() {
    map_.reset();
    campaign_.reset();
    gl_.reset();
  }
  // The base map for this view drawn from scratch, with no cache.
  Image from_scratch(const Camera& c, const LayerVisibility& layers = {}) const {
    RenderTarget t(vp_.width_px, vp_.height_px, 0);
    t.bind_for_drawing();
    map_->draw(c, vp_, layers, MapRenderer::Pass::Base);
    return t.read_pixels();
  }
  Camera home() const {
    Camera c = Camera::fit(campaign_->scene.extent, vp_);
    c.zoom_about(2.0, {vp_.width_px / 2.0, vp_.height_px / 2.0}, vp_);  // closer: more detail per strip
    return c;
  }
  static void expect_same(const Image& a, const Image& b) {
    const auto c = test::compare_images(a, b, 3);
    ASSERT_TRUE(c.same_size);
    EXPECT_LT(c.bad_fraction, 0.0005) << "max channel difference " << c.max_channel_diff;
  }

  Viewport vp_{480, 300, 1.0f};
  static inline std::unique_ptr<EglContext> gl_;
  static inline std::unique_ptr<DisplayedCampaign> campaign_;
  static inline std::unique_ptr<MapRenderer> map_;
};

TEST_F(BaseMapRender, ScrolledFramesMatchFramesDrawnFromScratch) {
  BaseMapCache cache;
  Camera c = home();
  EXPECT_EQ(cache.update(*map_, c, vp_, {}, 0), Update::Redrawn);
  // Moves in every direction, small and large, one after another: each
  // scroll builds on the last, so errors would accumulate.
  const int moves[][2] = {{3, 0}, {0, -5}, {-37, 23}, {120, 80}, {-1, -1}, {0, 250}, {-400, 0}, {17, -29}};
  for (const auto& m : moves) {
    c.pan_pixels(m[0], m[1], vp_);
    EXPECT_EQ(cache.update(*map_, c, vp_, {}, 0), Update::Scrolled) << m[0] << "," << m[1];
    expect_same(cache.target().read_pixels(), from_scratch(c));
  }
  // At a pixel ratio of 2 a logical pixel is two device pixels.
  // The comparison can fail: the frame one pixel further on is told apart.
  Camera off_by_one = c;
  off_by_one.pan_pixels(1, 0, vp_);
  EXPECT_GT(test::compare_images(cache.target().read_pixels(), from_scratch(off_by_one), 3).bad_fraction,
            0.0005);
  const Viewport retina{vp_.width_px, vp_.height_px, 2.0f};
  EXPECT_EQ(cache.update(*map_, c, retina, {}, 0), Update::Redrawn) << "a new pixel ratio";
  c.pan_pixels(-7, 4, retina);
  EXPECT_EQ(cache.update(*map_, c, retina, {}, 0), Update::Scrolled);
}

TEST_F(BaseMapRender, RedrawsWhenScrollingCannotGiveTheFrame) {
  BaseMapCache cache;
  Camera c = home();
  cache.update(*map_, c, vp_, {}, 0);
  EXPECT_EQ(cache.update(*map_, c, vp_, {}, 0), Update::Reused) << "nothing moved";
  c.pan_pixels(2.5, 0, vp_);
  EXPECT_EQ(cache.update(*map_, c, vp_, {}, 0), Update::Redrawn) << "half a pixel cannot be scrolled";
  expect_same(cache.target().read_pixels(), from_scratch(c));
  c.zoom_about(1.1, {100, 100}, vp_);
  EXPECT_EQ(cache.update(*map_, c, vp_, {}, 0), Update::Redrawn) << "a new scale";
  expect_same(cache.target().read_pixels(), from_scratch(c));
  c.pan_pixels(vp_.width_px + 10, 0, vp_);
  EXPECT_EQ(cache.update(*map_, c, vp_, {}, 0), Update::Redrawn) << "moved further than the frame is wide";
  const LayerVisibility fewer{{"rivers-minor", false}};
  EXPECT_EQ(cache.update(*map_, c, vp_, fewer, 0), Update::Redrawn) << "a layer switched off";
  expect_same(cache.target().read_pixels(), from_scratch(c, fewer));
  EXPECT_EQ(cache.update(*map_, c, vp_, fewer, 1), Update::Redrawn) << "a rebuilt scene";
  cache.invalidate();
  EXPECT_EQ(cache.update(*map_, c, vp_, fewer, 1), Update::Redrawn) << "invalidated";
  // The comparison can fail: a frame with a layer missing is told apart.
  EXPECT_GT(test::compare_images(cache.target().read_pixels(), from_scratch(c), 3).bad_fraction, 0.0005);
}

// A flight from a view at rest: the surround drawn while idle serves its
// first frames, which zoom out; scaled pictures land where the sharp map
// would be; the landing is drawn sharp; and preparing changes no frame at rest.
TEST_F(BaseMapRender, AFlightScalesTheSurroundAndLandsSharp) {
  BaseMapCache cache;
  const Camera c = home();
  ASSERT_EQ(cache.update(*map_, c, vp_, {}, 0), Update::Redrawn);
  EXPECT_TRUE(cache.prepare_motion(*map_, c, vp_, {}, 0));
  EXPECT_FALSE(cache.prepare_motion(*map_, c, vp_, {}, 0)) << "already drawn for this view";
  EXPECT_EQ(cache.update(*map_, c, vp_, {}, 0), Update::Reused);
  RenderTarget frame(vp_.width_px, vp_.height_px, 0);
  cache.compose_into(frame);
  expect_same(frame.read_pixels(), from_scratch(c));

  // Zoomed out 1.3 times and moved a little: the sharp picture covers too
  // little, the surround (1.6 times as wide) all of it.
  Camera out = c;
  out.metres_per_px *= 1.3;
  out.centre.x += 20 * c.metres_per_px;
  ASSERT_EQ(cache.update(*map_, out, vp_, {}, 0, /*moving=*/true), Update::Scaled);
  cache.compose_into(frame);
  // Scaled (nearest) from a picture drawn at another scale: close to the
  // sharp frame, not the same; a picture put in the wrong place is not close.
  const Image sharp = from_scratch(out);
  EXPECT_LT(test::compare_images(frame.read_pixels(), sharp, 48).bad_fraction, 0.06);
  Camera wrong = out;
  wrong.centre.x += 40 * out.metres_per_px;
  EXPECT_GT(test::compare_images(frame.read_pixels(), from_scratch(wrong), 48).bad_fraction, 0.06);

  // The camera at rest again: drawn sharp.
  ASSERT_EQ(cache.update(*map_, out, vp_, {}, 0), Update::Redrawn);
  cache.compose_into(frame);
  expect_same(frame.read_pixels(), sharp);
}

// A flight that zooms out and back in: the frames that began on the
// surround stay on it while it covers the view, even once the sharp
// picture covers it again (a frame that changes pictures reads the new one
// afresh, a frame's slowest step on llvmpipe); a frame the surround no
// longer covers takes the sharp picture; a new flight starts afresh.
TEST_F(BaseMapRender, AFlightOnTheSurroundStaysOnItWhileItServes) {
  BaseMapCache cache;
  const Camera c = home();
  ASSERT_EQ(cache.update(*map_, c, vp_, {}, 0), Update::Redrawn);
  ASSERT_TRUE(cache.prepare_motion(*map_, c, vp_, {}, 0));
  Camera out = c, back = c, in = c;
  out.metres_per_px *= 1.3;
  back.metres_per_px *= 1.01;  // the sharp picture covers this view
  in.metres_per_px /= 1.2;     // the surround (1.6 times coarser) no longer covers 97%
  in.centre.x += 0.45 * vp_.width_px * c.metres_per_px;
  ASSERT_EQ(cache.update(*map_, out, vp_, {}, 0, /*moving=*/true), Update::Scaled);
  const RenderTarget* surround = cache.laying().source;
  ASSERT_EQ(cache.update(*map_, back, vp_, {}, 0, /*moving=*/true), Update::Scaled);
  EXPECT_EQ(cache.laying().source, surround) << "left the surround while it served";
  RenderTarget frame(vp_.width_px, vp_.height_px, 0);
  cache.compose_into(frame);
  const Image sharp = from_scratch(back);
  EXPECT_LT(test::compare_images(frame.read_pixels(), sharp, 48).bad_fraction, 0.06);
  ASSERT_EQ(cache.update(*map_, in, vp_, {}, 0, /*moving=*/true), Update::Scaled);
  EXPECT_NE(cache.laying().source, surround) << "the surround does not cover this view";
  // At rest where the first flight began (the picture for it is still
  // there), then a new flight to the nearly unchanged view: the sharp picture.
  ASSERT_EQ(cache.update(*map_, c, vp_, {}, 0), Update::Reused);
  ASSERT_EQ(cache.update(*map_, back, vp_, {}, 0, /*moving=*/true), Update::Scaled);
  EXPECT_NE(cache.laying().source, surround) << "a new flight began on the sharp picture";
}

// The viewer keeps the realms drawn into its picture of the map
// (set_cache_campaign_fills): a frame must show the realms it asks for,
// exactly as if they were drawn over the map each frame, whether they
// changed (a month turned), the view scrolled, or the camera is in flight;
// a picture holding other realms must never be laid down.
TEST_F(BaseMapRender, RealmsKeptInThePictureAreTheFramesRealms) {
  LayerVisibility all_on, all_off, half;
  int k = 0;
  for (const auto& f : campaign_->scene.fills)
    if (MapRenderer::is_dynamic_layer(f.id)) {
      all_on[f.id] = true;
      all_off[f.id] = false;
      half[f.id] = k++ % 2 == 0;
    }
  ASSERT_GT(k, 1) << "the default campaign has realm cells";
  auto with_realms = [&](const Camera& c, const LayerVisibility& realms) {
    RenderTarget t(vp_.width_px, vp_.height_px, 0);
    t.bind_for_drawing();
    map_->draw(c, vp_, realms, MapRenderer::Pass::All);
    return t.read_pixels();
  };
  BaseMapCache cache;
  RenderTarget frame(vp_.width_px, vp_.height_px, 0);
  Camera c = home();
  auto frame_for = [&](Update expected, const LayerVisibility& realms, bool moving = false) {
    EXPECT_EQ(cache.update(*map_, c, vp_, {}, 0, moving, &realms), expected);
    EXPECT_TRUE(cache.holds_dynamic_layers());
    cache.compose_into(frame);
    return frame.read_pixels();
  };
  // A view drawn anew is laid down without them (the caller draws them);
  // shown again, with them.
  ASSERT_EQ(cache.update(*map_, c, vp_, {}, 0, false, &all_on), Update::Redrawn);
  EXPECT_FALSE(cache.holds_dynamic_layers());
  expect_same(frame_for(Update::Reused, all_on), with_realms(c, all_on));
  // The comparison can fail: the realms are told apart.
  EXPECT_GT(test::compare_images(frame.read_pixels(), with_realms(c, all_off), 3).bad_fraction, 0.0005);
  expect_same(frame_for(Update::Reused, half), with_realms(c, half));
  expect_same(frame_for(Update::Reused, all_off), with_realms(c, all_off));
  c.pan_pixels(-31, 12, vp_);
  expect_same(frame_for(Update::Scrolled, all_on), with_realms(c, all_on));

  // In flight (a little closer) with the same realms: the sharp picture
  // with them is scaled.
  EXPECT_TRUE(cache.prepare_motion(*map_, c, vp_, {}, 0, &all_on));
  const Camera rest = c;
  c.metres_per_px *= 0.98;
  EXPECT_LT(
      test::compare_images(frame_for(Update::Scaled, all_on, true), with_realms(c, all_on), 48).bad_fraction,
      0.06);
  // A month turns mid-flight: no picture holds these realms, so the sharp
  // picture without them is scaled and the caller draws them.
  ASSERT_EQ(cache.update(*map_, c, vp_, {}, 0, true, &half), Update::Scaled);
  EXPECT_FALSE(cache.holds_dynamic_layers());
  // Further out than the sharp picture covers: not the surround (it holds
  // all_on), but a new half-resolution picture with these realms.
  c.metres_per_px = rest.metres_per_px * 1.3;
  ASSERT_EQ(cache.update(*map_, c, vp_, {}, 0, true, &half), Update::Scaled);
  EXPECT_TRUE(cache.holds_dynamic_layers());
  // Without realms asked for, nothing is held (exports, tests).
  ASSERT_EQ(cache.update(*map_, rest, vp_, {}, 0), Update::Reused);
  EXPECT_FALSE(cache.holds_dynamic_layers());
  cache.compose_into(frame);
  expect_same(frame.read_pixels(), from_scratch(rest));
}

// Fills are triangulated when their rings are simple and apart, and fall
// back to the even-odd stencil otherwise (a hole): both must fill exactly
// their polygon, the hole left bare. Every shipped realm cell takes the
// one-pass path, which is what keeps a flight's frame cheap.
TEST_F(BaseMapRender, FillsWithAndWithoutHolesCoverTheirPolygons) {
  for (const auto& f : campaign_->scene.fills)
    if (MapRenderer::is_dynamic_layer(f.id)) {
      EXPECT_TRUE(f.triangulated) << f.id;
    }
  auto square = [](double lon0, double lat0, double lon1, double lat1) {
    return std::vector<LonLat>{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}};
  };
  VectorLayer holed, solid;
  holed.features.push_back({{square(104, 37, 108, 40), square(105.5, 38, 106.5, 39)}, {}});
  solid.features.push_back({{square(100, 38, 102, 40)}, {}});
  const Projection& proj = *campaign_->scene.projection;
  Scene scene = campaign_->scene;
  scene.fills = {make_fill_layer("test-holed", holed, proj, Rgba{0.8f, 0.1f, 0.1f, 0.9f}),
                 make_fill_layer("test-solid", solid, proj, Rgba{0.1f, 0.1f, 0.8f, 0.9f})};
  ASSERT_FALSE(scene.fills[0].triangulated) << "a hole takes the stencil";
  ASSERT_TRUE(scene.fills[1].triangulated);
  const MapRenderer map(scene);
  const Camera c = Camera::fit(scene.extent, vp_);
  auto draw = [&](const LayerVisibility& v) {
    RenderTarget t(vp_.width_px, vp_.height_px, 0);
    t.bind_for_drawing();
    map.draw(c, vp_, v, MapRenderer::Pass::All);
    return t.read_pixels();
  };
  const Image with = draw({}), without = draw({{"test-holed", false}, {"test-solid", false}});
  auto at = [&](const Image& img, double lon, double lat) {
    XY m;
    EXPECT_TRUE(proj.forward({lon, lat}, m));
    const XY p = c.to_screen(m, vp_);
    const std::uint8_t* px = img.pixel(static_cast<int>(p.x), static_cast<int>(p.y));
    return std::array<int, 3>{px[0], px[1], px[2]};
  };
  EXPECT_EQ(at(with, 106, 38.5), at(without, 106, 38.5)) << "the hole is bare";
  EXPECT_EQ(at(with, 103, 39), at(without, 103, 39)) << "between the two";
  EXPECT_GT(at(with, 104.7, 38.5)[0], 150) << "the ring around the hole is red";
  EXPECT_GT(at(with, 107.3, 39.5)[0], 150);
  EXPECT_GT(at(with, 101, 39)[2], 150) << "the plain square is blue";
  // The stencil is left clear for the next fill: drawn again, the same.
  expect_same(draw({}), with);
}

TEST_F(BaseMapRender, LesserStreamsLeaveWhenZoomedFarOut) {
  double limit = 0;
  for (const auto& l : campaign_->scene.lines)
    if (l.id == "rivers-minor") limit = l.max_metres_per_px;
  ASSERT_GT(limit, 0);
  ASSERT_LT(limit, 1e9) << "rivers-minor has a scale range";
  const LayerVisibility without{{"rivers-minor", false}};
  Camera near = home(), far = home();
  near.metres_per_px = limit * 0.9;
  far.metres_per_px = limit * 1.1;
  // Inside its range the layer shows (switching it off changes the frame);
  // beyond it, it is gone whether switched on or not.
  EXPECT_GT(test::compare_images(from_scratch(near), from_scratch(near, without), 3).bad_fraction, 0.001);
  EXPECT_LT(test::compare_images(from_scratch(far), from_scratch(far, without), 0).bad_fraction, 1e-9);
}

}  // namespace
}  // namespace annals
