#include <array>
#include <iostream>

#include "annals/geo/utf8.h"
#include "annals/model/paths.h"
#include "annals/model/version.h"
#include "command.h"

namespace annals::cli {

// One declaration and one table row per subcommand; each is defined in cmd_<name>.cpp.
int run_view(Args args);
int run_still(Args args);
int run_export(Args args);
int run_check(Args args);
int run_date(Args args);
int run_gazetteer(Args args);
int run_events(Args args);
int run_campaigns(Args args);

namespace {
constexpr std::array kCommands = {
    Command{"view", "open the viewer window on a campaign (the default)", run_view},
    Command{"still", "render one frame headlessly to a PNG file", run_still},
    Command{"export", "render the campaign headlessly as PNG frames and/or a video (.mp4, .webm, .gif)",
            run_export},
    Command{"check", "validate a campaign's data files", run_check},
    Command{"date", "convert between Chinese era dates and Julian/Gregorian dates", run_date},
    Command{"gazetteer", "search the campaign's places or export them (GeoJSON, CSV, Linked Places)",
            run_gazetteer},
    Command{"events", "list the chronicle's dated entries with places, kinds and state changes", run_events},
    Command{"campaigns",
            "list the campaigns found (data folder and given folders) with years and entry counts",
            run_campaigns},
};

void print_help(std::ostream& out) {
  out << "usage: annals [COMMAND] [ARGS...]\n\n"
         "Annals animates a dated chronicle over a projected map.\n"
         "With no command, opens the viewer on the default campaign.\n\ncommands:\n";
  for (const auto& c : kCommands) {
    std::string name(c.name);
    name.resize(12, ' ');
    out << "  " << name << c.summary << "\n";
  }
  out << "\nRun 'annals COMMAND --help' for a command's options.\n";
}
}  // namespace

std::span<const Command> commands() { return kCommands; }

int dispatch(Args args) {
  if (args.empty()) return run_view(args);
  const std::string& first = args[0];
  if (first == "--help" || first == "-h" || first == "help") {
    print_help(std::cout);
    return kExitOk;
  }
  if (first == "--version") {
    // Where the shipped data is found tells an installed binary from a build tree.
    std::cout << "annals " << version() << "\n"
              << "data: " << data_dir().string() << "\n"
              << "assets: " << assets_dir().string() << "\n";
    return kExitOk;
  }
  for (const auto& c : kCommands)
    if (c.name == first) return c.run(args.subspan(1));
  std::cerr << "annals: unknown command '" << escape_for_terminal(first) << "'\n";
  print_help(std::cerr);
  return kExitBadInput;
}

}  // namespace annals::cli
