#include <optional>

#include "annals/geo/gazetteer.h"
#include "common.h"

namespace annals::fuzz {

void gazetteer_geojson(std::string_view input) {
  const std::string file = "fuzz/gazetteer.geojson";
  Diagnostics diag;
  std::optional<Gazetteer> g;
  try {
    g = Gazetteer::parse(input, file, diag);
  } catch (const DataError& e) {
    expect_located(e.diagnostic(), input, file);
    return;
  }
  for (const Diagnostic& d : diag.items()) expect_located(d, input, file);

  for (const Place& p : g->places()) {
    const Place* found = g->find_by_id(p.id);
    if (!found || found->id != p.id) throw InvariantError("find_by_id misses place '" + p.id + "'");
  }
  // The index answers any query; the input's start is as good as any.
  g->search(input.substr(0, 24), 5);
  g->search(fold_name(input.substr(0, 12)), 5);
  g->nearest(106.2, 38.5, 3);
  to_csv(*g);
  to_linked_places(*g, "https://example.org/place/");

  // What `annals gazetteer export` writes must load again, every place in
  // it. It exports only a gazetteer with no errors (with errors, the places
  // left out may be named by others, as part_of).
  if (diag.has_errors()) return;
  const std::string exported = to_geojson(*g);
  Diagnostics again;
  try {
    const Gazetteer h = Gazetteer::parse(exported, "export.geojson", again);
    if (again.has_errors()) throw InvariantError("the export is refused: " + again.items().front().format());
    if (h.size() != g->size())
      throw InvariantError("the export holds " + std::to_string(h.size()) + " places, not " +
                           std::to_string(g->size()));
  } catch (const DataError& e) {
    throw InvariantError("the export is not a gazetteer: " + e.diagnostic().format());
  }
}

}  // namespace annals::fuzz
