// The status symbols as drawn. Every case of the state rules
// (fixtures/state_rules/cases.csv) is a place of a synthetic campaign; its
// frame, read by SymbolProbe at each place, must show the symbol of the
// case's expected status, at two pixel ratios and three place ranks. And
// every status's symbol must be told apart from every other's at every rank,
// so that no two statuses look alike on the map.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "annals/model/paths.h"
#include "annals/render/campaign_scene.h"
#include "annals/render/egl_context.h"
#include "annals/render/frame_renderer.h"
#include "render_test_support.h"
#include "state_rule_cases.h"

namespace annals {
namespace {

namespace fs = std::filesystem;

class StatusSymbols : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    gl_ = std::make_unique<EglContext>();
    cases_ = test::read_cases();
    // Seven columns by rows, 2.6° by 0.9° apart: well clear of each other at
    // 800×500, and of the date banner at the top.
    const test::SyntheticCampaign c =
        test::campaign_of(cases_, {"prefecture", "county", "mountain"}, [](std::size_t i) {
          return LonLat{94.0 + 2.6 * static_cast<double>(i % 7), 35.5 + 0.9 * static_cast<double>(i / 7)};
        });
    dir_ = fs::temp_directory_path() / ("annals-symbols-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    c.write(dir_, fs::path(ANNALS_SOURCE_ROOT) / "data" / "calendar");
    campaign_ = load_displayed_campaign(dir_, {std::nullopt, std::nullopt, assets_dir()});
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
    fs::remove_all(dir_);
  }
  // The frame at mid-month `month`, with nothing but the map and the symbols.
  static FrameState state_at(int month, const Viewport& vp) {
    FrameState s;
    s.camera = Camera::fit(campaign_->scene.extent, vp);
    s.t = month + 0.5;
    s.overlay.place_labels = false;
    s.overlay.legend = false;
    s.overlay.title = false;
    s.overlay.scale_bar = false;
    s.overlay.north_arrow = false;
    s.overlay.graticule_labels = false;
    return s;
  }
  static std::optional<PlaceStatus> symbol_at(const Image& img, const FrameState& s, const Viewport& vp,
                                              const std::string& id) {
    for (const PlaceMarker& p : campaign_->scene.places)
      if (p.id == id) {
        const auto xy = test::screen_of(campaign_->scene, s.camera, vp, p.lonlat);
        if (!xy) return std::nullopt;
        return probe_->classify(img, *xy, p.rank, vp.pixel_ratio, test::pulse_at(*s.t));
      }
    return std::nullopt;
  }
  static std::string name_of(std::optional<PlaceStatus> s) {
    return s ? campaign_->manifest.vocabulary.name(*s) : std::string("(no symbol told apart)");
  }

  static inline std::unique_ptr<EglContext> gl_;
  static inline std::vector<test::Case> cases_;
  static inline fs::path dir_;
  static inline std::unique_ptr<DisplayedCampaign> campaign_;
  static inline std::unique_ptr<FrameRenderer> frames_;
  static inline std::unique_ptr<test::SymbolProbe> probe_;
};

TEST_F(StatusSymbols, EveryCaseOfTheStateRulesIsDrawnAsItsSymbol) {
  ASSERT_GE(cases_.size(), 40u);
  std::set<int> ranks;
  for (const PlaceMarker& p : campaign_->scene.places) ranks.insert(p.rank);
  EXPECT_EQ(ranks, (std::set<int>{1, 2, 3})) << "prefectures, counties and other places";
  for (const Viewport& vp : {Viewport{800, 500, 1.0f}, Viewport{1600, 1000, 2.0f}}) {
    std::map<int, Image> frames;
    std::set<std::string> seen;
    for (const test::Case& c : cases_) {
      SCOPED_TRACE("cases.csv:" + std::to_string(c.row) + " " + c.name + " at ratio " +
                   std::to_string(vp.pixel_ratio));
      const FrameState s = state_at(c.at, vp);
      if (!frames.count(c.at)) frames.emplace(c.at, frames_->render_image(s, vp));
      EXPECT_EQ(name_of(symbol_at(frames.at(c.at), s, vp, c.place)), c.expected);
      seen.insert(c.expected);
    }
    std::set<std::string> names;
    for (PlaceStatus st : campaign_->manifest.vocabulary.all_statuses())
      names.insert(campaign_->manifest.vocabulary.name(st));
    EXPECT_EQ(seen, names) << "every status is drawn somewhere";
  }
  // The check can fail: read at month 0, before their changes, most cases
  // show another symbol than the one they are read for above.
  const Viewport vp{800, 500, 1.0f};
  const FrameState before = state_at(0, vp);
  const Image start = frames_->render_image(before, vp);
  int other = 0;
  for (const test::Case& c : cases_) other += name_of(symbol_at(start, before, vp, c.place)) != c.expected;
  EXPECT_GE(other, 25);
}

// The check can fail: before its changes each changed place shows its
// start, which the probe reads as such, not as the case's status.
TEST_F(StatusSymbols, BeforeTheirChangesThePlacesShowTheirStart) {
  const Viewport vp{800, 500, 1.0f};
  const FrameState s = state_at(0, vp);
  const Image before = frames_->render_image(s, vp);
  int differing = 0;
  for (const test::Case& c : cases_) {
    if (c.entries.empty() || c.entries.front().month == 0) continue;
    const std::string start = name_of(symbol_at(before, s, vp, c.place));
    const PlaceStatus initial =
        campaign_->model->state_at(0.5).places.at(std::stoul(c.place.substr(1)) - 1).status;
    EXPECT_EQ(start, campaign_->manifest.vocabulary.name(initial)) << c.name;
    differing += start != c.expected;
  }
  EXPECT_GE(differing, 25) << "most cases change what the place shows";
}

// Each status's symbol, drawn alone over a plain ground at every rank and
// both ratios, is read as that status and no other: two statuses drawn
// alike (a besieged place without its ring, a fallen one drawn as held)
// fail here.
TEST_F(StatusSymbols, EverySymbolIsToldApartAtEveryRank) {
  for (float ratio : {1.0f, 2.0f})
    for (int rank = 0; rank <= 3; ++rank)
      for (PlaceStatus s : campaign_->manifest.vocabulary.all_statuses()) {
        const XY at{40.37, 40.61};
        const Image sym = probe_->draw(s, at, rank, ratio, 0.0);
        const int half = test::SymbolProbe::half_size(ratio);
        Image ground(96 * int(ratio), 96 * int(ratio));
        for (std::size_t i = 0; i < ground.rgba.size(); i += 4) {
          ground.rgba[i] = 150;
          ground.rgba[i + 1] = 170;
          ground.rgba[i + 2] = 140;
          ground.rgba[i + 3] = 255;
        }
        const int ox = int(std::floor(at.x)) - half, oy = int(std::floor(at.y)) - half;
        for (int y = 0; y < sym.height; ++y)
          for (int x = 0; x < sym.width; ++x) {
            if (ox + x < 0 || oy + y < 0 || ox + x >= ground.width || oy + y >= ground.height) continue;
            const std::uint8_t* p = sym.pixel(x, y);
            std::uint8_t* g =
                &ground.rgba[(std::size_t(oy + y) * std::size_t(ground.width) + std::size_t(ox + x)) * 4];
            const double a = p[3] / 255.0;
            for (int k = 0; k < 3; ++k) g[k] = static_cast<std::uint8_t>(std::lround(p[k] + (1 - a) * g[k]));
          }
        EXPECT_EQ(name_of(probe_->classify(ground, at, rank, ratio, 0.0)),
                  campaign_->manifest.vocabulary.name(s))
            << "rank " << rank << ", ratio " << ratio;
      }
}

}  // namespace
}  // namespace annals
