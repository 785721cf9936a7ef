// Where Annals finds its shipped data and assets.
//
// Order, for each of data/ and assets/:
//   1. $ANNALS_DATA_DIR / $ANNALS_ASSETS_DIR when set;
//   2. an installed tree beside the executable: <prefix>/bin/annals reads
//      <prefix>/share/annals/data and <prefix>/share/annals/assets
//      (`cmake --install` lays them out so);
//   3. the source tree the binary was built from, so a build tree runs in place.
// The first that exists wins, so an installed binary runs from any working
// directory and keeps working after its build tree is gone.
#pragma once

#include <filesystem>

namespace annals {

std::filesystem::path data_dir();
std::filesystem::path assets_dir();
// The campaign `annals` opens when given none: the folder that
// data/campaigns/default.json names. Throws DataError if that file is bad.
std::filesystem::path default_campaign_dir();
// data/calendar: the lunisolar month tables and era lists shared by campaigns.
std::filesystem::path calendar_dir();
// Where Annals keeps what it can make again (the relief cache):
// $XDG_CACHE_HOME/annals, else ~/.cache/annals; "" when neither is known.
std::filesystem::path cache_dir();
// The folder holding the running executable ("" if it cannot be found).
std::filesystem::path executable_dir();

}  // namespace annals
