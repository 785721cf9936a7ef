// The animated campaign, headless: frames of the shipped campaign at three
// dates, compared with golden images, and probed where each test's claim is:
// the status symbol at each named place (SymbolProbe, against
// fixtures/render_probes/campaign-frames.csv), the date banner and every
// label against the golden box by box, an army arrow's reach at a fraction
// of its month, the realm. Each test also shows that its check fails when
// its subject is removed or changed.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "annals/geo/gazetteer.h"
#include "annals/model/paths.h"
#include "annals/render/campaign_scene.h"
#include "annals/render/egl_context.h"
#include "annals/render/frame_renderer.h"
#include "annals/render/status_symbols.h"
#include "render_test_support.h"

namespace annals {
namespace {

const std::filesystem::path kProbes =
    std::filesystem::path(ANNALS_TEST_FIXTURES_DIR) / "render_probes" / "campaign-frames.csv";

struct Frame {
  Image image;
  OverlayLayout layout;
  FrameState state;
};

class CampaignFrames : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    gl_ = std::make_unique<EglContext>();
    campaign_ = load_displayed_campaign(default_campaign_dir(), {std::nullopt, std::nullopt, assets_dir()});
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
  static double month(const std::string& date) { return campaign_->model->parse_time(date); }
  static Frame frame_at(double t) {
    Frame f;
    f.state.camera = Camera::fit(campaign_->scene.extent, kVp);
    f.state.t = t;
    f.image = frames_->render_image(f.state, kVp);
    f.layout = frames_->last_layout();
    return f;
  }
  static Frame at(const std::string& date) { return frame_at(month(date) + 0.5); }  // mid-month
  static Image golden(const std::string& name) {
    return read_png(std::filesystem::path(ANNALS_GOLDEN_DIR) / name);
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
  // The status symbol the frame shows at a place; nullopt if none can be told.
  static std::optional<PlaceStatus> symbol_at(const Frame& f, const std::string& id) {
    const Place* place = campaign_->model->gazetteer().find_by_id(id);
    const PlaceMarker* marker = nullptr;
    for (const auto& p : campaign_->scene.places)
      if (p.id == id) marker = &p;
    if (!place || !marker) return std::nullopt;
    const auto xy = test::screen_of(campaign_->scene, f.state.camera, kVp, place->anchor);
    if (!xy) return std::nullopt;
    return probe_->classify(f.image, *xy, marker->rank, kVp.pixel_ratio, test::pulse_at(*f.state.t));
  }
  static std::string name_of(std::optional<PlaceStatus> s) {
    return s ? campaign_->manifest.vocabulary.name(*s) : std::string("(no symbol told apart)");
  }
  // Pixels where the realm's translucent vermillion tints the map: the frame
  // against the same view drawn with no campaign time and the realm's cells
  // switched off, the tint lowering blue and green a little and leaving red
  // (a symbol, an arrow or a label changes far more).
  static std::size_t realm_pixels(const Image& img) {
    static const Image bare = [] {
      FrameState s;
      s.camera = Camera::fit(campaign_->scene.extent, kVp);
      for (const RealmCell& cell : campaign_->model->realm()) s.layers["realm:" + cell.id] = false;
      return frames_->render_image(s, kVp);
    }();
    std::size_t n = 0;
    for (std::size_t i = 0; i < img.rgba.size(); i += 4) {
      const int dr = img.rgba[i] - bare.rgba[i], dg = img.rgba[i + 1] - bare.rgba[i + 1],
                db = img.rgba[i + 2] - bare.rgba[i + 2];
      if (dr > -4 && dr < 12 && dg < -3 && dg > -30 && db < -6 && db > -45) ++n;
    }
    return n;
  }
  static inline std::unique_ptr<EglContext> gl_;
  static inline std::unique_ptr<DisplayedCampaign> campaign_;
  static inline std::unique_ptr<FrameRenderer> frames_;
  static inline std::unique_ptr<test::SymbolProbe> probe_;
};

// Each golden test checks its whole frame, then the symbol its name claims,
// then that the probe tells that symbol from what the place showed before.
TEST_F(CampaignFrames, KharaKhotoFallsSpring1226) {
  const Frame f = at("宝庆二年二月");
  expect_golden(f, "campaign-1226-02.png");
  EXPECT_EQ(name_of(symbol_at(f, "heishuicheng")), "taken");  // line 35
  EXPECT_EQ(name_of(symbol_at(at("宝庆二年正月"), "heishuicheng")), "held:xia") << "the month before";
}

TEST_F(CampaignFrames, CapitalBesiegedWinter1226) {
  const Frame f = at("宝庆二年十二月");
  expect_golden(f, "campaign-1226-12.png");
  EXPECT_EQ(name_of(symbol_at(f, "zhongxingfu")), "besieged");  // line 67
  // A month earlier the capital was held: the same symbol without the siege ring.
  EXPECT_EQ(name_of(symbol_at(at("宝庆二年十一月"), "zhongxingfu")), "held:xia");
}

TEST_F(CampaignFrames, XiaSurrendersSummer1227) {
  const Frame f = at("宝庆三年六月");
  expect_golden(f, "campaign-1227-06.png");
  EXPECT_EQ(name_of(symbol_at(f, "zhongxingfu")), "surrendered");  // line 85
  EXPECT_EQ(name_of(symbol_at(at("宝庆三年闰五月"), "zhongxingfu")), "besieged") << "the month before";
}

// Every row of campaign-frames.csv: the model and the frame agree with it.
TEST_F(CampaignFrames, EveryProbedPlaceShowsItsStatus) {
  std::ifstream in(kProbes);
  ASSERT_TRUE(in) << kProbes;
  std::string line;
  bool header = true;
  std::map<std::string, Frame> frames;
  std::set<std::string> statuses;
  std::vector<std::pair<std::string, std::string>> probed;  // place, expected
  int rows = 0;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      EXPECT_EQ(line, "date,place,expected,line");
      header = false;
      continue;
    }
    std::stringstream ss(line);
    std::string date, place, expected, source;
    std::getline(ss, date, ',');
    std::getline(ss, place, ',');
    std::getline(ss, expected, ',');
    std::getline(ss, source, ',');
    SCOPED_TRACE("campaign-frames.csv:" + std::to_string(n) + " " + place + " at " + date + " (line " +
                 source + ")");
    ASSERT_FALSE(source.empty());
    if (!frames.count(date)) frames.emplace(date, at(date));
    const Frame& f = frames.at(date);
    for (const PlaceState& p : campaign_->model->state_at(*f.state.t).places) {
      if (p.id == place) {
        EXPECT_EQ(campaign_->manifest.vocabulary.name(p.status), expected)
            << "the model disagrees with the row";
      }
    }
    EXPECT_EQ(name_of(symbol_at(f, place)), expected);
    statuses.insert(expected);
    probed.emplace_back(place, expected);
    ++rows;
  }
  EXPECT_GE(rows, 15);
  EXPECT_GE(statuses.size(), 7u) << "the rows cover most statuses";
  // The same readings in the campaign's first month, before the changes of
  // most rows: there the probe reads what the place showed then, so a frame
  // that did not follow the state would fail the rows above.
  const Frame first = frame_at(0.5);
  const CampaignState start = campaign_->model->state_at(0.5);
  int before = 0;
  for (const auto& [place, expected] : probed) {
    for (const PlaceState& p : start.places) {
      if (p.id != place || campaign_->manifest.vocabulary.name(p.status) == expected) continue;
      EXPECT_NE(name_of(symbol_at(first, place)), expected) << place << " in the first month";
      ++before;
    }
  }
  EXPECT_GE(before, 8);
}

// The probe can fail: at each place the symbols of the other statuses do
// not explain the frame, or explain less of it (the held symbol inside a
// besieged one's ring). A fallen city drawn as held, or a capital drawn
// without its ring, would be read as what it shows.
TEST_F(CampaignFrames, TheSymbolProbeTellsEveryStatusApart) {
  const Frame f = at("宝庆二年十二月");
  for (const char* id :
       {"zhongxingfu", "ganzhou", "suzhou", "xiliangfu", "hunchuishan", "lanzhou", "guazhou"}) {
    const auto shown = symbol_at(f, id);
    ASSERT_TRUE(shown) << id;
    const Place* place = campaign_->model->gazetteer().find_by_id(id);
    const auto xy = test::screen_of(campaign_->scene, f.state.camera, kVp, place->anchor);
    int rank = 3;
    for (const auto& p : campaign_->scene.places)
      if (p.id == id) rank = p.rank;
    const auto all = probe_->matches(f.image, *xy, rank, kVp.pixel_ratio, test::pulse_at(*f.state.t));
    int own = 0;
    for (const auto& m : all)
      if (m.status == *shown) own = m.covered;
    for (const auto& m : all) {
      if (m.status == *shown) continue;
      EXPECT_TRUE(m.fraction() < 0.95 || m.covered < own)
          << id << " shows " << name_of(*shown) << ", but " << name_of(m.status) << " explains it as well";
    }
  }
  // Held and taken differ in most of their pixels.
  const Place* ganzhou = campaign_->model->gazetteer().find_by_id("ganzhou");
  const auto xy = test::screen_of(campaign_->scene, f.state.camera, kVp, ganzhou->anchor);
  for (const auto& m : probe_->matches(f.image, *xy, 1, kVp.pixel_ratio, 0.0)) {
    if (campaign_->manifest.vocabulary.name(m.status) == "held:xia") {
      EXPECT_LT(m.fraction(), 0.5);
    }
  }
}

// The date banner says the month: box for box the golden's, and a month
// later not (the whole-frame tolerance alone would let a wrong date through).
TEST_F(CampaignFrames, DateBannerShowsTheMonth) {
  const Image gold = golden("campaign-1226-12.png");
  const Frame f = at("宝庆二年十二月");
  ASSERT_FALSE(f.layout.date_banner.empty());
  EXPECT_LE(test::compare_region(f.image, gold, f.layout.date_banner).bad_fraction(),
            test::kGoldenBoxBadFraction);
  const Frame next = at("宝庆三年正月");
  const auto changed = test::compare_region(next.image, gold, next.layout.date_banner);
  EXPECT_GT(changed.bad_fraction(), 0.05) << "the next month's banner looks like this one's";
  EXPECT_FALSE(test::golden_mismatch(next.image, gold, &next.layout).empty());
  // Within the month the banner stays: its start shows the same box.
  const Frame start = frame_at(month("宝庆二年十二月") + 0.05);
  EXPECT_LE(test::compare_region(start.image, gold, f.layout.date_banner).bad_fraction(),
            test::kGoldenBoxBadFraction);
}

// Labels are where the goldens have them: every label box matches. The same
// frame with each label moved two pixels right fails every box, though the
// whole-frame tolerance alone lets it through.
TEST_F(CampaignFrames, LabelsAreWhereTheGoldenHasThem) {
  const Image gold = golden("campaign-1226-02.png");
  const Frame f = at("宝庆二年二月");
  ASSERT_GE(f.layout.labels.size(), 15u);
  Image moved = f.image;
  for (const auto& l : f.layout.labels)
    for (int y = std::max(0, int(l.box.y0)); y < std::min(moved.height, int(l.box.y1) + 1); ++y)
      for (int x = std::min(moved.width - 1, int(l.box.x1) + 2); x >= std::max(2, int(l.box.x0)); --x)
        for (int k = 0; k < 3; ++k)
          moved.rgba[(std::size_t(y) * std::size_t(moved.width) + std::size_t(x)) * 4 + std::size_t(k)] =
              f.image.pixel(x - 2, y)[k];
  int caught = 0;
  for (const auto& l : f.layout.labels) {
    EXPECT_LE(test::compare_region(f.image, gold, l.box).bad_fraction(), test::kGoldenBoxBadFraction)
        << l.text;
    caught += test::compare_region(moved, gold, l.box).bad_fraction() > test::kGoldenBoxBadFraction;
  }
  EXPECT_EQ(caught, int(f.layout.labels.size())) << "a label moved by 2 px must fail its box";
  EXPECT_LT(test::compare_images(moved, gold, test::kGoldenChannelTolerance).bad_fraction, 0.05);
  EXPECT_FALSE(test::golden_mismatch(moved, gold, &f.layout).empty());
}

// An army's arrow reaches as far along its route as the month has gone: at
// mid-month half way (plus its head), at a fifth a fifth.
TEST_F(CampaignFrames, ArmyArrowGrowsThroughItsMonth) {
  const ArmyMove* move = nullptr;
  for (const ArmyMove& m : campaign_->model->moves())
    if (m.id == "m1226_ganzhou") move = &m;  // 宝庆二年六月, the month's only move
  ASSERT_NE(move, nullptr);
  ASSERT_EQ(move->end_t - move->start_t, 1.0);
  // A view of the route, so that it is long on screen.
  Bounds b{1e300, 1e300, -1e300, -1e300};
  for (const LonLat& ll : move->path) {
    XY m;
    ASSERT_TRUE(campaign_->scene.projection->forward(ll, m));
    b = {std::min(b.min_x, m.x), std::min(b.min_y, m.y), std::max(b.max_x, m.x), std::max(b.max_y, m.y)};
  }
  const Camera camera = Camera::fit({b.min_x - 1e5, b.min_y - 1e5, b.max_x + 1e5, b.max_y + 1e5}, kVp);
  std::vector<XY> route;
  for (const LonLat& ll : move->path) route.push_back(*test::screen_of(campaign_->scene, camera, kVp, ll));
  double total = 0;
  for (std::size_t i = 1; i < route.size(); ++i)
    total += std::hypot(route[i].x - route[i - 1].x, route[i].y - route[i - 1].y);
  ASSERT_GT(total, 300.0) << "the route is long enough to measure";
  std::vector<XY> symbols;  // blue symbols of taken places are not the arrow
  for (const auto& p : campaign_->scene.places) symbols.push_back(camera.to_screen(p.position, kVp));
  auto frame = [&](double t) {
    FrameState s;
    s.camera = camera;
    s.t = t;
    s.overlay.place_labels = false;  // labels are not the arrow
    return frames_->render_image(s, kVp);
  };
  const ImU32 c =
      im_colour(campaign_->manifest.vocabulary.sides
                    .at(static_cast<std::size_t>(campaign_->manifest.vocabulary.side_index(move->actor)))
                    .colour);
  const std::array<int, 3> blue{int(c & 0xFF), int((c >> 8) & 0xFF), int((c >> 16) & 0xFF)};
  const double head = 14 * 0.4 / total;  // the arrowhead's point runs ahead of the line
  for (double fraction : {0.5, 0.2, 0.8}) {
    const double reach = test::arrow_reach(frame(move->start_t + fraction), route, blue, symbols, 12.0);
    EXPECT_NEAR(reach, fraction + head, 8.0 / total) << "at " << fraction << " of the month";
  }
  // Before its month the route is bare.
  EXPECT_LT(test::arrow_reach(frame(move->start_t - 0.5), route, blue, symbols, 12.0), 0.02);
}

TEST_F(CampaignFrames, TheRealmShrinksAsPrefecturesFall) {
  const std::size_t early = realm_pixels(at("嘉定十七年二月").image);
  const std::size_t mid = realm_pixels(at("宝庆二年八月").image);
  const std::size_t late = realm_pixels(at("宝庆三年七月").image);
  EXPECT_GT(early, 20000u) << "the realm is drawn at the start";
  EXPECT_LT(mid, early * 9 / 10) << "prefectures have fallen by 宝庆二年八月";
  EXPECT_LT(mid, early);
  // After the capital's surrender (line 86) no cell is left: a renderer that
  // drew the realm whatever the state would fail here.
  EXPECT_LT(late, early / 50) << "the realm outlives the fall of Xia";
}

TEST_F(CampaignFrames, FrameIsAPureFunctionOfTime) {
  const Image a = at("宝庆二年六月").image;
  const Image other = at("宝庆三年三月").image;  // another time in between must not leave anything behind
  const Image b = at("宝庆二年六月").image;
  EXPECT_EQ(a.rgba, b.rgba);
  EXPECT_NE(a.rgba, other.rgba) << "frames of different times differ";
}

// The viewer keeps the realms in its cached picture of the map
// (set_cache_campaign_fills): at rest that must change no pixel of any
// frame, across months whose realms differ and back.
TEST_F(CampaignFrames, KeepingTheRealmsWithTheMapChangesNoPixel) {
  const std::vector<double> times{month("嘉定十七年二月"), month("宝庆二年八月"), month("宝庆二年八月") + 0.5,
                                  month("宝庆三年七月"), month("嘉定十七年二月")};
  std::vector<Image> plain;
  for (double t : times) plain.push_back(frame_at(t).image);
  frames_->set_cache_campaign_fills(true);
  for (std::size_t i = 0; i < times.size(); ++i)
    EXPECT_EQ(frame_at(times[i]).image.rgba, plain[i].rgba) << "frame " << i;
  frames_->set_cache_campaign_fills(false);
  EXPECT_NE(plain[0].rgba, plain[1].rgba) << "the realms of these months differ";
}

}  // namespace
}  // namespace annals
