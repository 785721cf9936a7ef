// Presentation mode's frames, headless: at 1280×720, 1920×1080 and 3840×2160
// the type is measured in pixels (place labels, the date banner, the title
// card's headline) and its contrast against its ground is sampled; a title
// card is compared with a golden image; the card keeps clear of its places;
// the spotlight dims the map but not the entry's places. The viewer and
// `export --present` draw these same frames (one renderer).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "annals/model/chronicle.h"
#include "annals/model/paths.h"
#include "annals/render/campaign_scene.h"
#include "annals/render/egl_context.h"
#include "annals/render/frame_renderer.h"
#include "render_test_support.h"

namespace annals {
namespace {

// WCAG 2 relative luminance and contrast ratio.
double luminance(const std::uint8_t* p) {
  auto lin = [](std::uint8_t c) {
    const double s = c / 255.0;
    return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(p[0]) + 0.7152 * lin(p[1]) + 0.0722 * lin(p[2]);
}
double contrast(double a, double b) { return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05); }

struct BoxStats {
  int ink_top = -1, ink_bottom = -1;      // rows holding ink: text darker (or lighter) than the ground
  std::vector<std::pair<int, int>> runs;  // runs of rows with ink, top to bottom
  double ground = 0, ink = 0;             // luminance of the ground (median) and of the ink
};

// Rows of `box` with ink: pixels whose luminance differs from the box's
// median (its ground) by at least half the way to the extreme found.
// `inset` pixels of the box's edge (a frame line) are left out.
BoxStats measure_box(const Image& img, const OverlayBox& box, bool dark_ink, int inset = 2) {
  BoxStats s;
  const int x0 = std::max(0, int(box.x0) + inset), x1 = std::min(img.width, int(box.x1) - inset);
  const int y0 = std::max(0, int(box.y0) + inset), y1 = std::min(img.height, int(box.y1) - inset);
  std::vector<double> all;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) all.push_back(luminance(img.pixel(x, y)));
  if (all.empty()) return s;
  std::vector<double> sorted = all;
  std::sort(sorted.begin(), sorted.end());
  s.ground = sorted[sorted.size() / 2];
  // The ink: the 1st (or 99th) percentile, so a stray pixel does not count.
  s.ink = dark_ink ? sorted[sorted.size() / 100] : sorted[sorted.size() - 1 - sorted.size() / 100];
  const double cut = (s.ground + s.ink) / 2;
  int run_start = -1;
  for (int y = y0; y < y1; ++y) {
    bool any = false;
    for (int x = x0; x < x1 && !any; ++x) {
      const double l = luminance(img.pixel(x, y));
      any = dark_ink ? l < cut : l > cut;
    }
    if (any) {
      if (s.ink_top < 0) s.ink_top = y;
      s.ink_bottom = y;
      if (run_start < 0) run_start = y;
    } else if (run_start >= 0) {
      s.runs.push_back({run_start, y - 1});
      run_start = -1;
    }
  }
  if (run_start >= 0) s.runs.push_back({run_start, y1 - 1});
  return s;
}
int tallest_run(const BoxStats& s) {
  int best = 0;
  for (auto [a, b] : s.runs) best = std::max(best, b - a + 1);
  return best;
}

class Presentation : public ::testing::TestWithParam<Viewport> {
 protected:
  static void SetUpTestSuite() {
    gl_ = std::make_unique<EglContext>();
    campaign_ = load_displayed_campaign(default_campaign_dir(), {std::nullopt, std::nullopt, assets_dir()});
    const FontFile font = find_cjk_font();
    frames_ = std::make_unique<FrameRenderer>(campaign_->scene, font, load_font_bytes(font));
    frames_->set_campaign(campaign_->model.get());
  }
  static void TearDownTestSuite() {
    frames_.reset();
    campaign_.reset();
    gl_.reset();
  }
  // The frame presentation mode shows at `date`'s month, card fully in.
  static FrameState state_at(const std::string& date, Viewport vp, bool spotlight = false) {
    FrameState s;
    s.camera = Camera::fit(campaign_->scene.extent, vp);
    s.t = campaign_->model->parse_time(date) + 0.1;
    s.overlay.title = false;
    s.overlay.legend = false;
    s.overlay.second_line = OverlayOptions::SecondLine::None;  // one line per label, to measure
    s.presentation.on = s.presentation.card = true;
    s.presentation.spotlight = spotlight;
    s.presentation.title_card = title_card_at(*campaign_->model, *s.t);
    return s;
  }
  static Viewport presenting(int w, int h) { return Viewport{w, h, presentation_pixel_ratio(h)}; }
  static inline std::unique_ptr<EglContext> gl_;
  static inline std::unique_ptr<DisplayedCampaign> campaign_;
  static inline std::unique_ptr<FrameRenderer> frames_;
};

TEST_P(Presentation, TypeIsSizedForTheBackOfTheRoomWithContrast) {
  const Viewport vp = presenting(GetParam().width_px, GetParam().height_px);
  // "At 1920×1080 … all scaled to the display's real resolution": in
  // proportion to the display's lines, twice the sizes at 2160.
  const double k = vp.height_px / 1080.0;
  const FrameState s = state_at("宝庆二年七月", vp);
  const Image img = frames_->render_image(s, vp);
  const OverlayLayout layout = frames_->last_layout();

  ASSERT_FALSE(layout.date_banner.empty());
  const BoxStats banner =
      measure_box(img, layout.date_banner, /*dark_ink=*/true, int(std::ceil(3 * vp.pixel_ratio)));
  ASSERT_FALSE(banner.runs.empty());
  EXPECT_GE(banner.runs.front().second - banner.runs.front().first + 1, 56 * k)
      << "the date banner's first line: its characters' height in pixels";
  EXPECT_GE(layout.date_banner.y1 - layout.date_banner.y0, 56 * k);
  EXPECT_GE(contrast(banner.ground, banner.ink), 4.5);

  ASSERT_FALSE(layout.title_card.empty()) << "no title card in 宝庆二年七月, which has two entries";
  const BoxStats card =
      measure_box(img, layout.title_card, /*dark_ink=*/false, int(std::ceil(6 * vp.pixel_ratio)));
  EXPECT_GE(tallest_run(card), 44 * k) << "the card's headline";
  EXPECT_GE(contrast(card.ground, card.ink), 4.5);

  int measured = 0;
  for (const auto& label : layout.labels) {
    if (label.place_id.empty()) continue;  // regions are lettered lighter, on purpose
    // A label the card covers is not seen (the card keeps clear of the
    // entry's own places only).
    auto meets = [&](const OverlayBox& b) {
      return label.box.x0 < b.x1 && b.x0 < label.box.x1 && label.box.y0 < b.y1 && b.y0 < label.box.y1;
    };
    if (meets(layout.title_card) || meets(layout.date_banner)) continue;
    const BoxStats l = measure_box(img, label.box, /*dark_ink=*/true);
    ++measured;
    EXPECT_GE(l.ink_bottom - l.ink_top + 1, 28 * k) << label.text;
    EXPECT_GE(contrast(l.ground, l.ink), 4.5) << label.text;
  }
  EXPECT_GE(measured, 5);
}

TEST_P(Presentation, CardStaysClearOfItsPlaces) {
  const Viewport vp = presenting(GetParam().width_px, GetParam().height_px);
  for (const char* date : {"嘉定十七年九月", "宝庆二年七月", "宝庆二年十一月", "宝庆三年六月"}) {
    const FrameState s = state_at(date, vp);
    frames_->render(s, vp);
    const OverlayBox card = frames_->last_layout().title_card;
    ASSERT_FALSE(card.empty()) << date;
    int checked = 0;
    for (const std::string& id : s.presentation.title_card.place_ids)
      for (const PlaceMarker& m : campaign_->scene.places)
        if (m.id == id) {
          const XY p = s.camera.to_screen(m.position, vp);
          ++checked;
          EXPECT_FALSE(p.x > card.x0 && p.x < card.x1 && p.y > card.y0 && p.y < card.y1)
              << date << ": the card covers " << id;
        }
    EXPECT_GT(checked, 0) << date;
  }
}

// A headline of the annals layout can be a whole year's paragraph: the card
// still stands at most half the frame high, inside the frame and clear of
// the date banner, its headline cut with an ellipsis. (One headline made of
// every headline of the chronicle, so its glyphs are all baked.)
TEST_P(Presentation, ALongHeadlineIsCutToFit) {
  const Viewport vp = presenting(GetParam().width_px, GetParam().height_px);
  FrameState s = state_at("宝庆二年七月", vp);
  std::string paragraph;
  for (const Entry& e : campaign_->model->chronicle().entries) paragraph += e.headline_normalized;
  ASSERT_GT(paragraph.size(), 1500u);
  s.presentation.title_card.lines = {{paragraph, "A gloss."}, {paragraph, ""}};
  const Image img = frames_->render_image(s, vp);
  const OverlayLayout layout = frames_->last_layout();
  const OverlayBox card = layout.title_card;
  ASSERT_FALSE(card.empty());
  EXPECT_GE(card.y0, 0);
  EXPECT_LE(card.y1, vp.height_px);
  EXPECT_LE(card.y1 - card.y0, 0.5f * vp.height_px + 1);
  EXPECT_FALSE(card.x0 < layout.date_banner.x1 && layout.date_banner.x0 < card.x1 &&
               card.y0 < layout.date_banner.y1 && layout.date_banner.y0 < card.y1)
      << "the card covers the date banner";
  // It was drawn: light type on the dark ground inside the box.
  const BoxStats st = measure_box(img, card, /*dark_ink=*/false, 8);
  EXPECT_GE(contrast(st.ground, st.ink), 4.5);
}

INSTANTIATE_TEST_SUITE_P(Displays, Presentation,
                         ::testing::Values(Viewport{1280, 720, 1}, Viewport{1920, 1080, 1},
                                           Viewport{3840, 2160, 1}),
                         [](const auto& p) {
                           return std::to_string(p.param.width_px) + "x" + std::to_string(p.param.height_px);
                         });

class PresentationFrames : public Presentation {};

TEST_F(PresentationFrames, TitleCardMatchesItsGolden) {
  const Viewport vp = presenting(1280, 720);
  const FrameState s = state_at("宝庆二年七月", vp);
  const Image img = frames_->render_image(s, vp);
  OverlayLayout layout = frames_->last_layout();
  const auto path = std::filesystem::path(ANNALS_GOLDEN_DIR) / "present-card-1226-07.png";
  if (test::updating_goldens()) {
    write_png(path, img);
    GTEST_SKIP() << "golden regenerated: " << path;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  const Image golden = read_png(path);
  std::string why = test::golden_mismatch(img, golden, &layout);
  const test::RegionComparison card = test::compare_region(img, golden, layout.title_card);
  if (card.bad_fraction() > test::kGoldenBoxBadFraction) why += "the title card differs; ";
  EXPECT_EQ(why, "");
  // And the check can fail: the same frame without its card is far off in the card's box.
  FrameState bare = s;
  bare.presentation.card = false;
  const Image without = frames_->render_image(bare, vp);
  EXPECT_GT(test::compare_region(without, golden, layout.title_card).bad_fraction(), 0.3);
}

TEST_F(PresentationFrames, CardFadesInHoldsAndOut) {
  EXPECT_FLOAT_EQ(title_card_alpha(-1, 6), 0);
  EXPECT_FLOAT_EQ(title_card_alpha(0, 6), 0);
  EXPECT_NEAR(title_card_alpha(0.2, 6), 0.5, 1e-6);
  EXPECT_FLOAT_EQ(title_card_alpha(3, 6), 1);
  EXPECT_NEAR(title_card_alpha(6.9, 6), 0.5, 1e-6);
  EXPECT_FLOAT_EQ(title_card_alpha(8, 6), 0);
  // A half-faded card is drawn half-way: its box lighter than the full card's.
  const Viewport vp = presenting(1280, 720);
  FrameState s = state_at("宝庆二年七月", vp);
  const Image full = frames_->render_image(s, vp);
  const OverlayBox box = frames_->last_layout().title_card;
  s.presentation.title_card.alpha = 0.5f;
  const Image half = frames_->render_image(s, vp);
  const BoxStats a = measure_box(full, box, false), b = measure_box(half, box, false);
  EXPECT_GT(b.ground, a.ground * 2);
}

// The title card is drawn once into a texture of its own (TitleCardLayer)
// and reused while it shows the same thing: a card for another month, or
// at another size, must replace it, and be the card a renderer that never
// drew the first would draw.
TEST_F(PresentationFrames, ANewCardReplacesTheLastInItsTexture) {
  const Viewport vp = presenting(1280, 720);
  const FrameState july = state_at("宝庆二年七月", vp), november = state_at("宝庆二年十一月", vp);
  const Image july_frame = frames_->render_image(july, vp);
  const Image after_july = frames_->render_image(november, vp);
  const OverlayBox card = frames_->last_layout().title_card;
  const FontFile font = find_cjk_font();
  FrameRenderer fresh(campaign_->scene, font, load_font_bytes(font));
  fresh.set_campaign(campaign_->model.get());
  const Image first = fresh.render_image(november, vp);
  EXPECT_EQ(test::compare_region(after_july, first, card, 0).bad, 0);
  EXPECT_EQ(test::compare_images(after_july, first, 0).bad_fraction, 0);
  // And the check can fail: the two months' cards differ in the box.
  EXPECT_GT(test::compare_region(july_frame, first, card, 0).bad_fraction(), 0.1);
  // At another size, the card is laid out again.
  const Viewport big = presenting(1920, 1080);
  const Image big_frame = frames_->render_image(state_at("宝庆二年十一月", big), big);
  const Image big_fresh = fresh.render_image(state_at("宝庆二年十一月", big), big);
  EXPECT_EQ(test::compare_images(big_frame, big_fresh, 0).bad_fraction, 0);
}

// A frame in flight is laid down differently (the base map and realms
// scaled from a picture drawn for another view, the spotlight drawn by its
// own shader over it) but must look like the frame at rest for the same
// view: checked a little closer in than a view at rest, in presentation
// mode with the spotlight, the classroom's case.
TEST_F(PresentationFrames, AFrameInFlightLooksLikeTheFrameAtRest) {
  const Viewport vp = presenting(1280, 720);
  FrameState s = state_at("宝庆二年十一月", vp, /*spotlight=*/true);
  frames_->set_cache_campaign_fills(true);
  frames_->render(s, vp);
  ASSERT_TRUE(frames_->prepare_motion(s, vp));
  s.camera.zoom_about(1.15, {vp.width_px * 0.4, vp.height_px * 0.6}, vp);
  s.camera_moving = true;
  const Image moving = frames_->render_image(s, vp);
  EXPECT_EQ(frames_->last_base_update(), BaseMapCache::Update::Scaled);
  s.camera_moving = false;
  const Image rest = frames_->render_image(s, vp);
  EXPECT_EQ(frames_->last_base_update(), BaseMapCache::Update::Redrawn);
  frames_->set_cache_campaign_fills(false);
  EXPECT_LT(test::compare_images(moving, rest, 48).bad_fraction, 0.03);
  // The comparison can fail: the spotlight left out is told apart.
  s.presentation.spotlight = false;
  EXPECT_GT(test::compare_images(frames_->render_image(s, vp), rest, 48).bad_fraction, 0.2);
}

// The spotlight darkens the map in one of two ways (SpotlightPass): as the
// picture is laid down, when the picture holds the realms; else afterwards,
// by a blend. A frame at rest drawn each way must be the same within
// rounding: the first frame darkens afterwards (its picture is drawn anew,
// not yet composed), the same frame again lays its kept picture down.
TEST_F(PresentationFrames, TheSpotlightLaidDownWithTheMapIsTheSpotlightDarkenedAfter) {
  const Viewport vp = presenting(1280, 720);
  const FrameState s = state_at("宝庆二年十一月", vp, /*spotlight=*/true);
  frames_->set_cache_campaign_fills(true);
  const Image after = frames_->render_image(s, vp);
  ASSERT_EQ(frames_->last_base_update(), BaseMapCache::Update::Redrawn);
  const Image laid = frames_->render_image(s, vp);
  ASSERT_EQ(frames_->last_base_update(), BaseMapCache::Update::Reused);
  frames_->set_cache_campaign_fills(false);
  const test::Comparison c = test::compare_images(laid, after, 2);
  EXPECT_EQ(c.bad_fraction, 0) << "max channel difference " << c.max_channel_diff;
  // The comparison can fail: a frame without the spotlight is told apart.
  FrameState plain = s;
  plain.presentation.spotlight = false;
  EXPECT_GT(test::compare_images(frames_->render_image(plain, vp), after, 2).bad_fraction, 0.3);
}

// In flight the picture may cover a little less than the view (zooming
// out): the frame is paper at the edges. With the spotlight laid down with
// the map the paper comes from a border around the picture; it must be the
// frame the plain way gives (paper cleared, the map scaled, the realms
// drawn, then darkened), margins included.
TEST_F(PresentationFrames, AFlightFrameLeftBareAtItsEdgesIsSpotlitAlike) {
  const Viewport vp = presenting(1280, 720);
  FrameState s = state_at("宝庆二年十一月", vp, /*spotlight=*/true);
  frames_->set_cache_campaign_fills(true);
  frames_->render(s, vp);
  frames_->render(s, vp);  // composed: the picture holds the realms
  s.camera.zoom_about(0.988, {vp.width_px * 0.5, vp.height_px * 0.5}, vp);  // covers 97.6% of the view
  s.camera_moving = true;
  const Image laid = frames_->render_image(s, vp);
  ASSERT_EQ(frames_->last_base_update(), BaseMapCache::Update::Scaled);
  frames_->set_cache_campaign_fills(false);
  const Image plain = frames_->render_image(s, vp);
  ASSERT_EQ(frames_->last_base_update(), BaseMapCache::Update::Scaled);
  EXPECT_LT(test::compare_images(laid, plain, 48).bad_fraction, 0.005);
  // The margins: a picture 0.988 of the view leaves about 7 px each side.
  int margin_bad = 0, margin = 0;
  for (int y = 0; y < vp.height_px; y += 4)
    for (int x : {0, 1, 2, 3, vp.width_px - 4, vp.width_px - 3, vp.width_px - 2, vp.width_px - 1}) {
      ++margin;
      for (int k = 0; k < 3; ++k)
        if (std::abs(int(laid.pixel(x, y)[k]) - int(plain.pixel(x, y)[k])) > 3) {
          ++margin_bad;
          break;
        }
    }
  EXPECT_LT(margin_bad, margin / 50) << margin_bad << " of " << margin << " margin pixels differ";
}

// Each label is drawn once into the label atlas and laid from there in the
// frames after (HaloedText). A frame whose labels come from the atlas must
// be, to the pixel, the frame a fresh renderer draws them all anew for:
// two-line labels, with the spotlight darkening them.
TEST_F(PresentationFrames, LabelsLaidFromTheAtlasAreTheLabelsDrawnAfresh) {
  const Viewport vp = presenting(1280, 720);
  FrameState s = state_at("宝庆二年十一月", vp, /*spotlight=*/true);
  s.overlay.second_line = OverlayOptions::SecondLine::Pinyin;
  frames_->render(s, vp);
  s.camera.zoom_about(1.3, {vp.width_px * 0.45, vp.height_px * 0.55}, vp);
  const Image warm = frames_->render_image(s, vp);
  const int drawn_warm = frames_->labels_painted();
  const FontFile font = find_cjk_font();
  FrameRenderer fresh(campaign_->scene, font, load_font_bytes(font));
  fresh.set_campaign(campaign_->model.get());
  const Image cold = fresh.render_image(s, vp);
  EXPECT_GT(fresh.labels_painted(), 10);
  EXPECT_LT(drawn_warm, fresh.labels_painted() / 2) << "most labels came from the atlas";
  const test::Comparison c = test::compare_images(warm, cold, 0);
  EXPECT_EQ(c.bad_fraction, 0) << "max channel difference " << c.max_channel_diff;
  // The check can fail: the labels moved by a pixel differ.
  FrameState moved = s;
  moved.camera.pan_pixels(1, 0, vp);
  EXPECT_GT(test::compare_images(fresh.render_image(moved, vp), cold, 0).bad_fraction, 0.01);
}

// A label atlas that fills up is cleared and the frame's labels drawn
// again; a label larger than a page gets a page of its own. Neither may
// change a pixel: frames across views and languages drawn with tiny atlases
// are the frames drawn with the usual one (by renderers drawing the same
// frames in turn, so their base maps are kept alike).
TEST_F(PresentationFrames, AFullLabelAtlasIsClearedAndTheFrameIsTheSame) {
  const Viewport vp = presenting(1280, 720);
  const FontFile font = find_cjk_font();
  FrameRenderer usual(campaign_->scene, font, load_font_bytes(font));
  FrameRenderer small(campaign_->scene, font, load_font_bytes(font));
  FrameRenderer tiny(campaign_->scene, font, load_font_bytes(font));
  for (FrameRenderer* r : {&usual, &small, &tiny}) r->set_campaign(campaign_->model.get());
  small.set_label_atlas(256, 2);  // a few dozen labels
  tiny.set_label_atlas(16, 1);    // smaller than any label
  FrameState s = state_at("宝庆二年十一月", vp);
  int compared = 0;
  for (const auto second : {OverlayOptions::SecondLine::Pinyin, OverlayOptions::SecondLine::English}) {
    s.overlay.second_line = second;
    for (const double zoom : {1.0, 1.6, 1.0 / 1.6}) {
      s.camera.zoom_about(zoom, {vp.width_px * 0.5, vp.height_px * 0.5}, vp);
      const Image expected = usual.render_image(s, vp);
      for (FrameRenderer* r : {&small, &tiny}) {
        const Image got = r->render_image(s, vp);
        const test::Comparison c = test::compare_images(got, expected, 0);
        EXPECT_EQ(c.bad_fraction, 0) << "max channel difference " << c.max_channel_diff;
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 12);
  EXPECT_GT(small.label_atlas_resets(), 0) << "the small atlas never filled: the test tests nothing";
  EXPECT_GT(tiny.label_atlas_resets(), 0);
}

// The title box, date banner, legend and credits are drawn into layers of
// their own and laid over each frame from there (FurnitureLayers). Frames
// so laid are the frames with the furniture drawn as it is, within the
// rounding of the layer's premultiplied texels: at the desk, with a new
// month in the banner (a layer left as it was would show the old one), and
// presenting with the spotlight, whose ground darkens the credits.
TEST_F(PresentationFrames, FurnitureLaidFromItsLayersIsTheFurnitureDrawnAsItIs) {
  const Viewport desk{1280, 720, 1.0f}, shown = presenting(1280, 720);
  const FontFile font = find_cjk_font();
  FrameRenderer layered(campaign_->scene, font, load_font_bytes(font));
  FrameRenderer live(campaign_->scene, font, load_font_bytes(font));
  for (FrameRenderer* r : {&layered, &live}) r->set_campaign(campaign_->model.get());
  live.set_furniture_layers(false);
  FrameState at_desk = state_at("宝庆二年二月", desk);
  at_desk.presentation = {};
  at_desk.overlay.title = at_desk.overlay.legend = true;
  FrameState next_month = at_desk;
  next_month.t = campaign_->model->parse_time("宝庆二年三月") + 0.1;
  FrameState spotlit = state_at("宝庆二年十一月", shown, /*spotlight=*/true);
  const std::pair<const FrameState*, Viewport> frames[] = {
      {&at_desk, desk}, {&next_month, desk}, {&spotlit, shown}, {&at_desk, desk}};
  for (const auto& [state, vp] : frames) {
    const Image got = layered.render_image(*state, vp);
    const Image expected = live.render_image(*state, vp);
    const test::Comparison c = test::compare_images(got, expected, 3);
    EXPECT_EQ(c.bad_fraction, 0) << "max channel difference " << c.max_channel_diff;
  }
  // The check can fail: the banners of two months differ.
  EXPECT_GT(test::compare_images(live.render_image(at_desk, desk), live.render_image(next_month, desk), 3)
                .bad_fraction,
            0.001);
}

// The places' symbols are drawn once into a sheet and laid from it
// (SymbolSheet). A sheet too small for a frame's symbols draws those that
// find no room as they are, premultiplied as the sheet's, and starts again
// on the next frame: its frames are the frames of a sheet with room for
// all, within the rounding of premultiplied colours, at the desk and
// presenting.
TEST_F(PresentationFrames, SymbolsFromAFullSheetAreTheSymbolsFromARoomyOne) {
  const Viewport desk{1280, 720, 1.0f}, shown = presenting(1280, 720);
  const FontFile font = find_cjk_font();
  FrameRenderer roomy(campaign_->scene, font, load_font_bytes(font));
  FrameRenderer cramped(campaign_->scene, font, load_font_bytes(font));
  for (FrameRenderer* r : {&roomy, &cramped}) r->set_campaign(campaign_->model.get());
  cramped.set_symbol_sheet(64);  // one presentation symbol, or a few at the desk
  FrameState at_desk = state_at("宝庆二年十一月", desk);
  at_desk.presentation = {};
  const FrameState presented = state_at("宝庆二年十一月", shown);
  int checked = 0;
  const std::pair<const FrameState*, Viewport> frames[] = {
      {&at_desk, desk}, {&at_desk, desk}, {&presented, shown}, {&presented, shown}};
  for (const auto& [state, vp] : frames) {
    const Image got = cramped.render_image(*state, vp);
    const Image expected = roomy.render_image(*state, vp);
    const test::Comparison c = test::compare_images(got, expected, 2);
    EXPECT_EQ(c.bad_fraction, 0) << "max channel difference " << c.max_channel_diff;
    checked += !roomy.last_layout().symbols.empty();
  }
  EXPECT_EQ(checked, 4);
  EXPECT_GT(roomy.symbol_sheet().painted(), 8);
  EXPECT_EQ(roomy.symbol_sheet().resets(), 0);
  EXPECT_GE(cramped.symbol_sheet().resets(), 2) << "the small sheet was never full";
  // The check can fail: the symbols of two months differ.
  FrameState before = at_desk;
  before.t = campaign_->model->parse_time("宝庆元年二月");
  EXPECT_GT(test::compare_images(cramped.render_image(before, desk), roomy.render_image(at_desk, desk), 2)
                .bad_fraction,
            0.0005);
}

// How a spotlit frame compares, pixel by pixel in `boxes` (but for those
// in `skip`), with the plain frame times the field's factor there: pixels
// checked, those off by more than 3 levels, and those on a spot's soft edge.
struct DarkeningCheck {
  int checked = 0, bad = 0, graded = 0;
};
DarkeningCheck darkened_as_the_field(const Image& dark, const Image& bright, const SpotlightField& field,
                                     const std::vector<OverlayBox>& boxes,
                                     const std::vector<OverlayBox>& skip) {
  DarkeningCheck c;
  auto in = [](const OverlayBox& b, int x, int y) { return x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1; };
  for (const OverlayBox& b : boxes)
    for (int y = std::max(0, int(b.y0)); y < std::min(dark.height, int(b.y1)); ++y)
      for (int x = std::max(0, int(b.x0)); x < std::min(dark.width, int(b.x1)); ++x) {
        if (std::any_of(skip.begin(), skip.end(), [&](const OverlayBox& k) { return in(k, x, y); })) continue;
        const float f = field.factor_at(x + 0.5f, y + 0.5f);
        c.graded += f > 1 - SpotlightField::kDepth + 0.01f && f < 0.99f;
        ++c.checked;
        for (int k = 0; k < 3; ++k)
          if (std::abs(int(dark.pixel(x, y)[k]) - int(std::lround(bright.pixel(x, y)[k] * f))) > 3) {
            ++c.bad;
            break;
          }
      }
  return c;
}

// The spotlight darkens the labels by pieces of their quads cut along its
// field's triangles: a label's pixels in a spotlit frame are its pixels in
// the plain frame times the field's factor there, as the map's are.
TEST_F(PresentationFrames, TheSpotlightDarkensLabelsAsItDarkensTheMap) {
  const Viewport vp = presenting(1280, 720);
  const FrameState lit = state_at("宝庆二年十一月", vp, /*spotlight=*/true);
  FrameState plain = lit;
  plain.presentation.spotlight = false;
  const Image dark = frames_->render_image(lit, vp);
  ASSERT_TRUE(frames_->last_spotlight().has_value());
  const SpotlightField field = *frames_->last_spotlight();
  const OverlayLayout layout = frames_->last_layout();
  const Image bright = frames_->render_image(plain, vp);
  std::vector<OverlayBox> boxes;
  for (const auto& label : layout.labels) boxes.push_back(label.box);
  const DarkeningCheck c = darkened_as_the_field(dark, bright, field, boxes, {});
  EXPECT_GT(c.checked, 5000);
  EXPECT_GT(c.graded, 200) << "no label on a spot's soft edge";
  EXPECT_LT(c.bad, c.checked / 500) << c.bad << " of " << c.checked << " label pixels";
}

// Likewise the symbols: their quads are cut along the field's triangles
// where it grades across them (SymbolSheet), so the pixels about a symbol
// in a spotlit frame are those of the plain frame times the field's factor
// (but where the title card, which is not darkened, covers them).
TEST_F(PresentationFrames, TheSpotlightDarkensSymbolsAsItDarkensTheMap) {
  const Viewport vp = presenting(1280, 720);
  const FrameState lit = state_at("宝庆二年十一月", vp, /*spotlight=*/true);
  FrameState plain = lit;
  plain.presentation.spotlight = false;
  const Image dark = frames_->render_image(lit, vp);
  ASSERT_TRUE(frames_->last_spotlight().has_value());
  const SpotlightField field = *frames_->last_spotlight();
  const OverlayLayout layout = frames_->last_layout();
  const Image bright = frames_->render_image(plain, vp);
  std::vector<OverlayBox> boxes;
  for (const auto& symbol : layout.symbols) boxes.push_back(symbol.box);
  const DarkeningCheck c =
      darkened_as_the_field(dark, bright, field, boxes, {layout.title_card, layout.date_banner});
  EXPECT_GT(c.checked, 20000);
  EXPECT_GT(c.graded, 500) << "no symbol on a spot's soft edge";
  EXPECT_LT(c.bad, c.checked / 500) << c.bad << " of " << c.checked << " pixels about the symbols";
}

TEST_F(PresentationFrames, SpotlightDimsAllButTheEntrysPlaces) {
  const Viewport vp = presenting(1280, 720);
  const FrameState lit = state_at("宝庆二年十一月", vp, /*spotlight=*/true);
  const FrameState plain = state_at("宝庆二年十一月", vp, false);
  const Image a = frames_->render_image(lit, vp);
  const Image b = frames_->render_image(plain, vp);
  auto lum_at = [](const Image& img, int x, int y) { return luminance(img.pixel(x, y)); };
  const OverlayLayout layout = frames_->last_layout();
  // Far from every lit place and outside the card and banner: dimmed.
  std::vector<XY> spots;
  for (const std::string& id : lit.presentation.title_card.place_ids)
    for (const PlaceMarker& m : campaign_->scene.places)
      if (m.id == id) spots.push_back(lit.camera.to_screen(m.position, vp));
  int dimmed = 0, far = 0;
  for (int y = 10; y < vp.height_px; y += 40)
    for (int x = 10; x < vp.width_px; x += 40) {
      bool clear = true;
      for (const XY& p : spots) clear = clear && std::hypot(p.x - x, p.y - y) > 3 * 60 * vp.pixel_ratio;
      for (const OverlayBox& k : {layout.title_card, layout.date_banner})
        clear = clear && !(x > k.x0 - 40 && x < k.x1 + 40 && y > k.y0 - 40 && y < k.y1 + 40);
      if (!clear) continue;
      ++far;
      dimmed += lum_at(a, x, y) < 0.75 * lum_at(b, x, y) + 0.002;
    }
  EXPECT_GT(far, 20);
  EXPECT_EQ(dimmed, far);
  // The date banner is not darkened: inside its rounded border (whose
  // stroke lets more of the ground show), within what its 10% of
  // see-through shows of the ground darkened about its edges.
  ASSERT_FALSE(layout.date_banner.empty());
  const float inset = 6 * vp.pixel_ratio + 2;
  const OverlayBox inside{layout.date_banner.x0 + inset, layout.date_banner.y0 + inset,
                          layout.date_banner.x1 - inset, layout.date_banner.y1 - inset};
  const test::RegionComparison banner = test::compare_region(a, b, inside, 16);
  EXPECT_GT(banner.pixels, 5000);
  EXPECT_EQ(banner.bad, 0);
  // At the entry's first place: as bright as without the spotlight.
  ASSERT_FALSE(lit.presentation.title_card.place_ids.empty());
  for (const PlaceMarker& m : campaign_->scene.places)
    if (m.id == lit.presentation.title_card.place_ids.front()) {
      const XY p = lit.camera.to_screen(m.position, vp);
      const int x = int(p.x) + int(20 * vp.pixel_ratio), y = int(p.y);
      EXPECT_NEAR(lum_at(a, x, y), lum_at(b, x, y), 0.02) << m.id;
    }
}

}  // namespace
}  // namespace annals
