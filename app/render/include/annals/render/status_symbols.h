// The symbol set for a place's status. Each status has its own shape as well
// as its own colour (Okabe–Ito palette), so the set stays distinguishable for
// colour-blind viewers and in greyscale print-outs:
//   held by Xia   ● filled circle (vermillion) in a paper ring
//   besieged      ● the same, inside a pulsing dashed ring (reddish purple)
//   taken         ⊗ circle crossed (blue: the Mongols now hold it)
//   massacred     ■ black square with a white cross
//   surrendered   ◆ diamond (blue outline, paper fill)
//   Jin           ▪ small square (orange)
//   Song          ▲ small triangle (bluish green)
//   Mongol        ⬟ pentagon (blue)
//   other         · small ring (ink)
#pragma once

#include <imgui.h>

#include "annals/model/campaign_state.h"

namespace annals {

// `rank` sizes it (0 capital … 3 minor); `pulse` in [0, 1) animates the siege ring.
void draw_status_symbol(ImDrawList* d, ImVec2 at, PlaceStatus status, int rank, float pixel_ratio,
                        double pulse);

// Colour used for a status in arrows and legends.
ImU32 status_colour(PlaceStatus status);

// Legend text: Chinese and English.
const char* status_label(PlaceStatus status);

}  // namespace annals
