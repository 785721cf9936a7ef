#include <iostream>
#include <set>

#include "annals/geo/diagnostic.h"
#include "annals/geo/gazetteer.h"
#include "annals/geo/utf8.h"
#include "annals/model/calendar.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/campaign_state.h"
#include "annals/model/chronicle.h"
#include "annals/model/colour_vision.h"
#include "annals/model/paths.h"
#include "arg_parser.h"
#include "command.h"

namespace annals::cli {

int run_check(Args args) {
  ArgParser parser(
      "annals check [CAMPAIGN_DIR]",
      "Validates a campaign folder: its manifest, gazetteer, calendar tables, chronicle text and\n"
      "entries. Prints every problem as path:line: message; exits 1 if there is any error.");
  parser.flag("--quiet", "print only problems, not the summary").max_positionals(1);
  ParsedArgs a = parser.parse(args);
  if (a.help) {
    std::cout << parser.help_text();
    return kExitOk;
  }
  const std::filesystem::path dir =
      a.positionals.empty() ? default_campaign_dir() : std::filesystem::path(a.positionals[0]);

  // Each stage reports everything it finds; a stage whose input could not be
  // read at all (DataError) is reported once and the stages after it that
  // need its result are skipped, since they would only repeat the problem.
  Diagnostics diag;
  std::size_t places = 0, entries = 0;
  try {
    const CampaignManifest m = load_campaign_manifest(dir);
    check_colour_vision(m.vocabulary, diag);
    const Gazetteer gazetteer = Gazetteer::load(m.gazetteer, diag);
    places = gazetteer.ids().size();
    const std::vector<std::string> id_list = gazetteer.ids();
    const std::set<std::string> ids(id_list.begin(), id_list.end());
    const Calendar calendar = Calendar::load(m.calendar_tables);
    try {
      check_label_polity(m.vocabulary, calendar);
    } catch (const DataError& e) {
      diag.add(e.diagnostic());
    }
    validate_chronicle(dir, calendar, ids, diag);
    if (!diag.has_errors()) entries = Chronicle::load(dir).entries.size();
    // movements.geojson and realm.geojson: the model loader stops at the first problem.
    if (!diag.has_errors()) CampaignModel::load(dir);
  } catch (const DataError& e) {
    diag.add(e.diagnostic());
  }

  for (const auto& d : diag.items()) std::cerr << d.format() << "\n";
  if (!a.has("--quiet"))
    std::cout << "annals check: " << escape_for_terminal(dir.string()) << ": " << entries << " entries, "
              << places << " places, " << diag.error_count() << " error(s), " << diag.warning_count()
              << " warning(s)\n";
  return diag.has_errors() ? kExitBadInput : kExitOk;
}

}  // namespace annals::cli
