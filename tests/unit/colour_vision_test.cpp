// Colour-blind safety of a campaign's palette: the deuteranopia simulation
// (Machado et al. 2009) and the warnings `annals check` gives.
#include <gtest/gtest.h>

#include "annals/model/campaign_manifest.h"
#include "annals/model/colour_vision.h"
#include "annals/model/paths.h"

namespace annals {
namespace {

Colour hex(const char* text) { return *parse_colour(text); }

// Each row of the matrix sums to 1, so greys stay grey: a check that the
// matrix was copied whole.
TEST(ColourVision, GreysLookTheSameToADeuteranope) {
  for (const char* grey : {"#000000", "#808080", "#ffffff"}) {
    const auto s = simulate_deuteranopia(hex(grey));
    EXPECT_NEAR(s[0], s[1], 1e-4) << grey;
    EXPECT_NEAR(s[1], s[2], 1e-4) << grey;
    EXPECT_LT(deuteranopia_distance(hex(grey), hex(grey)), 1e-9);
  }
}

// A known-bad pair: the red and green of matplotlib's default palette, far
// apart for normal vision, all but the same for a deuteranope.
TEST(ColourVision, RedAndGreenCollapse) {
  EXPECT_GT(colour_distance(hex("#d62728"), hex("#2ca02c")), 100.0);
  EXPECT_LT(deuteranopia_distance(hex("#d62728"), hex("#2ca02c")), kMinColourDistance);
}

// A known-good pair: Okabe-Ito vermillion and blue stay far apart.
TEST(ColourVision, OkabeItoVermillionAndBlueStayApart) {
  EXPECT_GT(deuteranopia_distance(hex("#d55e00"), hex("#0072b2")), 100.0);
}

CampaignVocabulary shipped() { return load_campaign_manifest(default_campaign_dir()).vocabulary; }

TEST(ColourVision, TheShippedPaletteGivesNoWarning) {
  Diagnostics diag;
  check_colour_vision(shipped(), diag);
  EXPECT_EQ(diag.items().size(), 0u) << (diag.items().empty() ? "" : diag.items().front().format());
}

TEST(ColourVision, TwoSidesTooCloseAreWarnedAtTheSecondColour) {
  CampaignVocabulary v = shipped();
  v.sides.at(1).colour = hex("#2ca02c");
  v.sides.at(1).colour_line = 41;
  v.sides.at(0).colour = hex("#d62728");
  Diagnostics diag;
  check_colour_vision(v, diag);
  ASSERT_EQ(diag.items().size(), 1u);
  const Diagnostic& d = diag.items().front();
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_EQ(d.where, "41");
  EXPECT_NE(d.message.find("side \"" + v.sides[0].id + "\" (#d62728) and side \"" + v.sides[1].id +
                           "\" (#2ca02c) are too close for deuteranopia"),
            std::string::npos)
      << d.message;
  EXPECT_FALSE(diag.has_errors()) << "a warning, not an error";
}

// Two sides a viewer with normal vision cannot tell apart (ΔE*ab 4.5): these
// were never compared, as the deuteranopia check skips pairs already close.
TEST(ColourVision, TwoSidesTooCloseForNormalVisionAreWarned) {
  CampaignVocabulary v = shipped();
  v.sides.resize(2);  // the statuses drawn in a side's colour are not compared
  v.sides.at(0).colour = hex("#0072b2");
  v.sides.at(1).colour = hex("#0076b0");
  v.sides.at(1).colour_line = 41;
  Diagnostics diag;
  check_colour_vision(v, diag);
  ASSERT_EQ(diag.items().size(), 1u) << (diag.items().empty() ? "" : diag.items().back().format());
  const Diagnostic& d = diag.items().front();
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_EQ(d.where, "41");
  EXPECT_EQ(d.message, "side \"" + v.sides[0].id + "\" (#0072b2) and side \"" + v.sides[1].id +
                           "\" (#0076b0) are too close for normal vision: ΔE*ab 4.5, below 12; pick colours "
                           "from a colour-blind-safe palette such as Okabe-Ito");
  // The same colour twice is the closest of all.
  v.sides.at(1).colour = hex("#0072b2");
  Diagnostics same;
  check_colour_vision(v, same);
  ASSERT_EQ(same.items().size(), 1u);
  EXPECT_NE(same.items().front().message.find("too close for normal vision: ΔE*ab 0.0"), std::string::npos)
      << same.items().front().message;
}

// A status drawn in a side's colour is that colour on purpose: no warning.
TEST(ColourVision, ASideColourBorrowedOnPurposeIsNotAClash) {
  CampaignVocabulary v = shipped();
  ASSERT_GE(v.style(StatusKind::Taken).side, 0);
  Diagnostics diag;
  check_colour_vision(v, diag);
  EXPECT_EQ(diag.warning_count(), 0u);
}

}  // namespace
}  // namespace annals
