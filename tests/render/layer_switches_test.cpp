// Switches that switch: every switch of the Layers panel (Scene::switches,
// from assets/basemap/layers.json) changes the frame when flipped from its
// default, in a view where its layer is drawn; flipping it to its default
// changes nothing.
#include <gtest/gtest.h>

#include <memory>

#include "annals/model/paths.h"
#include "annals/render/campaign_scene.h"
#include "annals/render/egl_context.h"
#include "annals/render/frame_renderer.h"
#include "render_test_support.h"

namespace annals {
namespace {

TEST(LayerSwitches, EverySwitchChangesTheFrame) {
  EglContext gl;
  const auto campaign =
      load_displayed_campaign(default_campaign_dir(), {std::nullopt, std::nullopt, assets_dir()});
  const FontFile font = find_cjk_font();
  FrameRenderer frames(campaign->scene, font, load_font_bytes(font));
  // Twice as close as the whole campaign, so that the lesser streams are in
  // their scale range; no overlay, so that only the layers differ.
  const Viewport vp{480, 300, 1.0f};
  auto frame = [&](const LayerVisibility& layers) {
    FrameState s;
    s.camera = Camera::fit(campaign->scene.extent, vp);
    s.camera.zoom_about(2.0, {vp.width_px / 2.0, vp.height_px / 2.0}, vp);
    s.layers = layers;
    s.overlay.place_labels = s.overlay.title = s.overlay.credits = s.overlay.scale_bar =
        s.overlay.north_arrow = s.overlay.graticule_labels = false;
    return frames.render_image(s, vp);
  };
  const Image defaults = frame({});
  ASSERT_GE(campaign->scene.switches.size(), 8u);
  for (const LayerSwitch& l : campaign->scene.switches) {
    const double flipped = test::compare_images(defaults, frame({{l.id, !l.on_by_default}}), 3).bad_fraction;
    EXPECT_GT(flipped * vp.width_px * vp.height_px, 50) << l.id << " switches nothing";
    EXPECT_EQ(test::compare_images(defaults, frame({{l.id, l.on_by_default}}), 0).bad_fraction, 0.0) << l.id;
  }
  // The check can fail: an id that is no layer changes nothing.
  EXPECT_EQ(test::compare_images(defaults, frame({{"lakes", false}}), 0).bad_fraction, 0.0);
}

}  // namespace
}  // namespace annals
