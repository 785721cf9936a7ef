#include <algorithm>
#include <iostream>

#include "annals/model/paths.h"
#include "arg_parser.h"
#include "command.h"
#include "key_table.h"
#include "settings.h"
#include "viewer_options.h"

namespace annals::cli {

int run_view(Args args) {
  // The keys come from the viewer's own key table, like its F1 overlay.
  ArgParser parser("annals view [CAMPAIGN_DIR] [options]",
                   std::string("Opens the viewer window on a campaign folder (default: the one "
                               "data/campaigns/default.json names).\n\n") +
                       KeyTable::standard().help_text());
  parser.option("--projection", "NAME", "albers (default), lcc, eqc, webmerc or aeqd")
      .option("--dem", "FILE",
              "use this elevation raster (any format GDAL reads) instead of the shipped relief")
      .option(
          "--size", "WxH",
          "window size in screen coordinates (default: the size it had last time, else most of the display)")
      .flag("--fullscreen", "start fullscreen")
      .flag("--present", "start in presentation mode: full screen, type for the back of a room, title cards")
      .option("--display", "N",
              "the display presentation mode fills, from 0 (default: the one used last, else 0)")
      .option("--lang", "LANG",
              "labels and UI: zh, zh-pinyin or en (default: the one used last, else zh-pinyin)")
      .option("--ui-scale", "K", "scale text, symbols and lines by K (e.g. 1.5 for the back of a room)")
      .option("--screenshot-dir", "DIR", "where F12 saves screenshots (default: current folder)")
      .flag("--log-idle",
            "log each key pressed and button released, and 'annals: idle after input N, frame F' whenever "
            "the window has drawn what its input asked for (for scripts that drive it)")
      .max_positionals(1);
  ParsedArgs a = parser.parse(args);
  if (a.help) {
    std::cout << parser.help_text();
    return kExitOk;
  }
  ViewerOptions o;
  o.campaign_dir = a.positionals.empty() ? default_campaign_dir() : std::filesystem::path(a.positionals[0]);
  o.projection = a.get("--projection");
  if (auto d = a.get("--dem")) o.dem = *d;
  if (auto s = a.get("--size")) {
    Size size = parse_size(*s);
    o.width = size.width;
    o.height = size.height;
  }
  o.fullscreen = a.has("--fullscreen");
  o.present = a.has("--present");
  if (auto d = a.get("--display")) o.display = static_cast<int>(parse_number("--display", *d, 0, 15));
  if (auto l = a.get("--lang")) {
    const auto& langs = settings_languages();
    if (std::find(langs.begin(), langs.end(), *l) == langs.end())
      throw UsageError("--lang " + *l + ": expected zh, zh-pinyin or en");
    o.lang = *l;
  }
  // parse_number, not std::stof, which took "1.5x" for 1.5.
  if (auto k = a.get("--ui-scale")) o.ui_scale = static_cast<float>(parse_number("--ui-scale", *k, 0.5, 4));
  if (auto d = a.get("--screenshot-dir")) o.screenshot_dir = *d;
  o.log_idle = a.has("--log-idle");
  // A campaign chosen in the picker opens in a new window, the process and
  // its settings carrying on.
  for (;;) {
    const ViewerExit exit = run_viewer(o);
    if (!exit.open_next) return exit.code;
    o.campaign_dir = *exit.open_next;
    o.present = false;
    o.width = o.height = 0;  // the remembered window
  }
}

}  // namespace annals::cli
