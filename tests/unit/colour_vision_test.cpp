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
