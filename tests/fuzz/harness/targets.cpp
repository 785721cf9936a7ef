#include <array>

#include "harness.h"

namespace annals::fuzz {

std::span<const Target> targets() {
  static constexpr std::array<Target, 10> kTargets = {{
      {"gazetteer_geojson", gazetteer_geojson},
      {"campaign_geojson", campaign_geojson},
      {"entries_json", entries_json},
      {"manifest_json", manifest_json},
      {"calendar_csv", calendar_csv},
      {"pua_map", pua_map},
      {"era_date", era_date},
      {"campaign", campaign},
      {"cli_args", cli_args},
      {"text", text},
  }};
  return kTargets;
}

}  // namespace annals::fuzz
