#include "annals/model/campaign_manifest.h"
#include "common.h"

namespace annals::fuzz {

void manifest_json(std::string_view input) {
  const std::filesystem::path dir = "fuzz-campaign";
  const std::string file = (dir / "campaign.json").string();
  try {
    const CampaignManifest m = parse_campaign_manifest(input, dir);
    const auto [w, s, e, n] = m.extent_lonlat;
    if (!(w < e && s < n && w >= -180 && e <= 180 && s >= -90 && n <= 90))
      throw InvariantError("an accepted manifest with an extent that is not one");
  } catch (const DataError& e) {
    expect_located(e.diagnostic(), input, file);
  }
}

}  // namespace annals::fuzz
