// Where Annals finds its shipped data and assets.
//
// Order: $ANNALS_DATA_DIR / $ANNALS_ASSETS_DIR, then the source tree the binary
// was built from (a build tree runs in place, with no install step).
#pragma once

#include <filesystem>

namespace annals {

std::filesystem::path data_dir();
std::filesystem::path assets_dir();
// data/campaigns/xixia-1224: the campaign `annals` opens when given none.
std::filesystem::path default_campaign_dir();
// data/calendar: the lunisolar month tables and era lists shared by campaigns.
std::filesystem::path calendar_dir();

}  // namespace annals
