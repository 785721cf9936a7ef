#include <iostream>

#include "annals/geo/diagnostic.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/paths.h"
#include "annals/render/campaign_scene.h"
#include "arg_parser.h"
#include "command.h"

namespace annals::cli {

int run_check(Args args) {
  ArgParser parser("annals check [CAMPAIGN_DIR]",
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

  Diagnostics diag;
  std::size_t places = 0;
  try {
    const CampaignManifest m = load_campaign_manifest(dir);
    for (const auto& f : {m.source_text, m.gazetteer}) {
      if (!std::filesystem::exists(f)) diag.error(m.file.string(), "", "names a file that does not exist: " + f.string());
    }
    if (!diag.has_errors()) places = place_markers(m).size();
  } catch (const DataError& e) {
    diag.add(e.diagnostic());
  }

  for (const auto& d : diag.items()) std::cerr << d.format() << "\n";
  if (!a.has("--quiet"))
    std::cout << "annals check: " << dir.string() << ": " << places << " located places, " << diag.error_count()
              << " error(s), " << diag.warning_count() << " warning(s)\n";
  return diag.has_errors() ? kExitBadInput : kExitOk;
}

}  // namespace annals::cli
