#include <cmath>
#include <memory>

#include "annals/geo/gazetteer.h"
#include "annals/model/campaign_state.h"
#include "annals/model/chronicle.h"
#include "common.h"

namespace annals::fuzz {

namespace {

const CampaignModel& shipped() {
  static const std::unique_ptr<CampaignModel> model =
      CampaignModel::load(source_root() / "data" / "campaigns" / "xixia-1224");
  return *model;
}

}  // namespace

void campaign_geojson(std::string_view input) {
  if (input.empty()) return;
  const bool realm = (static_cast<unsigned char>(input[0]) & 1) != 0;
  const std::string_view text = input.substr(1);
  const CampaignModel& model = shipped();
  const std::string file = realm ? "fuzz/realm.geojson" : "fuzz/movements.geojson";
  try {
    if (realm) {
      for (const RealmCell& c : parse_realm(text, file, model.gazetteer(), model.vocabulary())) {
        if (!model.gazetteer().find_by_id(c.id)) throw InvariantError("a cell of an unknown place: " + c.id);
        for (const auto& ring : c.rings)
          if (ring.size() < 4) throw InvariantError("a ring of fewer than four positions");
      }
    } else {
      const int months = model.timeline().month_count();
      for (const ArmyMove& m : parse_movements(text, file, model.timeline(), model.chronicle())) {
        if (m.path.size() < 2 || m.inferred.size() + 1 != m.path.size())
          throw InvariantError("move " + m.id + " has a route and legs that do not fit");
        if (!(m.start_t >= 0 && m.start_t < m.end_t && m.end_t <= months))
          throw InvariantError("move " + m.id + " lies outside the timeline");
        for (double t : {m.start_t - 1, m.start_t, (m.start_t + m.end_t) / 2, m.end_t}) {
          const ArmyState s = army_state_at(m, t);
          if (!(s.progress >= 0 && s.progress <= 1)) throw InvariantError("progress outside 0..1");
        }
      }
    }
  } catch (const DataError& e) {
    expect_located(e.diagnostic(), text, file);
  }
}

}  // namespace annals::fuzz
