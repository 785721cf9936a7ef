#include <iostream>

#include "annals/model/paths.h"
#include "arg_parser.h"
#include "command.h"
#include "viewer_options.h"

namespace annals::cli {

int run_view(Args args) {
  ArgParser parser(
      "annals view [CAMPAIGN_DIR] [options]",
      "Opens the viewer window on a campaign folder (default: the one data/campaigns/default.json names).\n"
      "Keys: Space play/pause, Left/Right month, PageDown/PageUp entry (a presenter's clicker),\n"
      "Home/End first/last month, C chronicle, Ctrl+F find a place, drag or Up/Down pan,\n"
      "wheel or +/- zoom, 0 whole campaign, P projection, L layers, Ctrl+1-9 / 1-9 bookmarks,\n"
      "F11 fullscreen, F12 screenshot, Ctrl+E export, F1 all keys, Esc quit.");
  parser.option("--projection", "NAME", "albers (default), lcc, eqc, webmerc or aeqd")
      .option("--dem", "FILE",
              "use this elevation raster (any format GDAL reads) instead of the shipped relief")
      .option("--size", "WxH", "window size in screen coordinates (default 1280x800)")
      .flag("--fullscreen", "start fullscreen (for a projector)")
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
  // parse_number, not std::stof, which took "1.5x" for 1.5.
  if (auto k = a.get("--ui-scale")) o.ui_scale = static_cast<float>(parse_number("--ui-scale", *k, 0.5, 4));
  if (auto d = a.get("--screenshot-dir")) o.screenshot_dir = *d;
  o.log_idle = a.has("--log-idle");
  return run_viewer(o);
}

}  // namespace annals::cli
