// The symbol set for a place's status, as the campaign's vocabulary
// (campaign.json: sides and statuses) asks. Each status should have its own
// shape as well as its own colour, so the set stays distinguishable for
// colour-blind viewers and in greyscale print-outs (`annals check` warns when
// two colours are too close). The shapes:
//   dot             ● filled circle in a paper ring (a square seal for a capital)
//   square          ▪ small filled square, ink edge
//   triangle        ▲ small filled triangle, ink edge
//   pentagon        ⬟ filled pentagon, paper edge
//   crossed_circle  ⊗ paper circle, coloured edge and cross
//   crossed_square  ■ coloured square with a paper cross
//   diamond         ◆ paper diamond, coloured edge and centre
//   ring            · small paper ring, coloured edge
//   siege_ring      a pulsing dashed ring around the symbol of the side that held the place
#pragma once

#include <imgui.h>

#include "annals/model/campaign_vocabulary.h"

namespace annals {

class SymbolSheet;

// `rank` sizes it (0 capital … 3 minor); `pulse` in [0, 1) animates the siege ring.
// With a `sheet` (between its begin() and end()), the shape comes from it,
// centred on a whole pixel, and the ring is drawn premultiplied.
void draw_status_symbol(ImDrawList* d, ImVec2 at, PlaceStatus status, const CampaignVocabulary& vocabulary,
                        int rank, float pixel_ratio, double pulse, SymbolSheet* sheet = nullptr);

// A colour of the vocabulary as ImGui packs it.
ImU32 im_colour(Colour c, int alpha = 255);

// Colour used for a status in arrows and legends.
ImU32 status_colour(PlaceStatus status, const CampaignVocabulary& vocabulary);

}  // namespace annals
