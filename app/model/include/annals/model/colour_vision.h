// Whether a campaign's palette survives colour-blindness: colours a viewer
// with normal vision tells apart that a deuteranope (the commonest colour
// vision deficiency, about 5% of men) would not.
//
// Simulation: G. M. Machado, M. M. Oliveira and L. A. F. Fernandes, "A
// Physiologically-based Model for Simulation of Color Vision Deficiency", IEEE
// Transactions on Visualization and Computer Graphics 15(6), 2009, 1291-1298:
// their deuteranopia matrix (severity 1.0), applied to linear RGB. Distance:
// CIE 1976 ΔE*ab in CIELAB (D65).
#pragma once

#include <array>

#include "annals/geo/diagnostic.h"
#include "annals/model/campaign_vocabulary.h"

namespace annals {

// Below this ΔE*ab two colours are too close to tell apart at symbol size.
inline constexpr double kMinColourDistance = 12.0;

// `c` as a deuteranope sees it, as linear RGB in [0, 1].
std::array<double, 3> simulate_deuteranopia(Colour c);
// ΔE*ab between two colours as seen with normal vision, and as a deuteranope sees them.
double colour_distance(Colour a, Colour b);
double deuteranopia_distance(Colour a, Colour b);

// A warning, at the line of the second colour, for each pair of the sides'
// and statuses' colours that differ for normal vision but fall closer than
// kMinColourDistance for a deuteranope; and for each pair of sides whose
// colours are closer than that already for normal vision (the same colour
// included: a side's realm, arrows and places are told apart by colour
// alone). Other colours that are the same on purpose (a status drawn in a
// side's colour) are not compared: their symbols' shapes tell them apart.
void check_colour_vision(const CampaignVocabulary& vocabulary, Diagnostics& diag);

}  // namespace annals
