#include <gtest/gtest.h>

#include "annals/render/camera.h"

namespace annals {
namespace {

TEST(Camera, FitFramesBoundsWithMargin) {
  const Bounds b{-1000e3, -500e3, 1000e3, 500e3};
  const Viewport vp{1000, 1000, 1.0f};
  const Camera c = Camera::fit(b, vp, 0.0);
  EXPECT_DOUBLE_EQ(c.metres_per_px, 2000.0);  // width limits: 2000 km over 1000 px
  const XY left = c.to_screen({-1000e3, 0}, vp);
  EXPECT_NEAR(left.x, 0.0, 1e-9);
  EXPECT_NEAR(left.y, 500.0, 1e-9);
}

TEST(Camera, ScreenAndMapRoundTripWithYDown) {
  const Viewport vp{800, 600, 2.0f};
  Camera c{{100, 200}, 50};
  const XY s = c.to_screen({100 + 50 * 10, 200 + 50 * 10}, vp);  // 10 logical px east and north
  EXPECT_NEAR(s.x, 400 + 20, 1e-9);                              // 20 device px at ratio 2
  EXPECT_NEAR(s.y, 300 - 20, 1e-9);
  const XY m = c.to_map(s, vp);
  EXPECT_NEAR(m.x, 600, 1e-9);
  EXPECT_NEAR(m.y, 700, 1e-9);
}

TEST(Camera, PixelRatioKeepsTheSameMapArea) {
  const Bounds b{0, 0, 3000e3, 2000e3};
  const Camera a = Camera::fit(b, {1920, 1080, 1.0f});
  const Camera d = Camera::fit(b, {3840, 2160, 2.0f});
  EXPECT_DOUBLE_EQ(a.metres_per_px, d.metres_per_px);
}

TEST(Camera, ZoomKeepsPointUnderCursorFixed) {
  const Viewport vp{1000, 800, 1.0f};
  Camera c{{0, 0}, 1000};
  const XY cursor{250, 600};
  const XY before = c.to_map(cursor, vp);
  c.zoom_about(2.0, cursor, vp);
  EXPECT_DOUBLE_EQ(c.metres_per_px, 500);
  const XY after = c.to_map(cursor, vp);
  EXPECT_NEAR(after.x, before.x, 1e-6);
  EXPECT_NEAR(after.y, before.y, 1e-6);
}

TEST(Camera, PanMovesMapWithPointer) {
  const Viewport vp{1000, 800, 1.0f};
  Camera c{{0, 0}, 100};
  const XY under = c.to_map({500, 400}, vp);
  c.pan_pixels(50, -20, vp);  // drag right and up
  const XY moved = c.to_screen(under, vp);
  EXPECT_NEAR(moved.x, 550, 1e-9);
  EXPECT_NEAR(moved.y, 380, 1e-9);
}

}  // namespace
}  // namespace annals
