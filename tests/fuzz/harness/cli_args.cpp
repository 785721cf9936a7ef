#include <algorithm>
#include <string>
#include <vector>

#include "arg_parser.h"
#include "common.h"

namespace annals::fuzz {

void cli_args(std::string_view input) {
  std::vector<std::string> args;
  for (std::size_t start = 0; start <= input.size();) {
    const std::size_t nul = std::min(input.find('\0', start), input.size());
    args.emplace_back(input.substr(start, nul - start));
    start = nul + 1;
  }
  // The options of `annals still`, the command with the most kinds of value.
  cli::ArgParser parser("annals still [CAMPAIGN_DIR] --out FILE.png", "fuzz");
  parser.option("--out", "FILE", "")
      .option("--size", "WxH", "")
      .option("--centre", "LON,LAT", "")
      .option("--zoom", "K", "")
      .option("--layers", "SPEC", "")
      .option("--date", "DATE", "")
      .flag("--no-legend", "")
      .max_positionals(1);
  try {
    const cli::ParsedArgs a = parser.parse(args);
    if (!a.help && a.positionals.size() > 1) throw InvariantError("more positionals than allowed");
    for (const auto& [name, value] : a.values)
      if (name.empty() || name[0] != '-') throw InvariantError("an option without its dashes: " + name);
    if (a.has("--no-legend") && !a.get("--no-legend")->empty()) throw InvariantError("a flag with a value");
    if (auto v = a.get("--size")) {
      const cli::Size s = cli::parse_size(*v);
      if (s.width < 16 || s.height < 16 || s.width > 16384 || s.height > 16384)
        throw InvariantError("parse_size() accepted " + *v);
    }
    if (auto v = a.get("--centre")) {
      const LonLat c = cli::parse_lonlat("--centre", *v);
      if (!(c.lon >= -180 && c.lon <= 180 && c.lat >= -90 && c.lat <= 90))
        throw InvariantError("parse_lonlat() accepted " + *v);
    }
    if (auto v = a.get("--zoom")) {
      const double z = cli::parse_number("--zoom", *v, 0.25, 64);
      if (!(z >= 0.25 && z <= 64)) throw InvariantError("parse_number() accepted " + *v);
    }
    if (auto v = a.get("--layers"))
      for (const auto& [id, on] : cli::parse_layer_switches(*v))
        if (id.empty()) throw InvariantError("a layer switch with no layer");
    parser.help_text();
  } catch (const cli::UsageError&) {
  }
}

}  // namespace annals::fuzz
