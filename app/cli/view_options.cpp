#include "view_options.h"

#include <malloc.h>

#include <algorithm>
#include <exception>
#include <future>

#include "annals/geo/trace.h"
#include "annals/model/paths.h"

namespace annals::cli {

DisplayOptions ViewRequest::display() const { return DisplayOptions{projection, dem, assets_dir()}; }

std::unique_ptr<DisplayedCampaign> load_headless_campaign(const std::filesystem::path& dir,
                                                          const ViewRequest& request) {
  DisplayOptions display = request.display();
  // One projection for the whole run: the relief can come from the cache.
  if (const auto cache = cache_dir(); !cache.empty()) display.relief_cache = cache / "relief";
  auto campaign = load_displayed_campaign(dir, display);
  campaign->release_reprojection_sources();
  // Loading shades and warps rasters in large temporary buffers; give the
  // freed pages back before the frames start (peak memory is what a long
  // export is measured by).
  ::malloc_trim(0);
  return campaign;
}

HeadlessSession open_headless(const std::filesystem::path& dir, const ViewRequest& request, bool with_gl) {
  auto loading = std::async(std::launch::async, [&] { return load_headless_campaign(dir, request); });
  HeadlessSession s;
  std::exception_ptr setup_failed;
  if (with_gl) {
    try {
      s.font = find_cjk_font();
      trace("font found");
      s.gl = std::make_unique<EglContext>();
      trace("EGL context made");
    } catch (...) {
      setup_failed = std::current_exception();
    }
  }
  // A campaign error is reported before a font or GL one, as when these ran
  // one after the other.
  s.campaign = loading.get();
  trace("campaign loaded");
  if (setup_failed) std::rethrow_exception(setup_failed);
  return s;
}

void add_view_options(ArgParser& parser) {
  parser.option("--size", "WxH", "frame size in pixels (default 1920x1080; up to 16384 a side)")
      .option("--pixel-ratio", "K", "scale of lines, symbols and text (default: height/1080, at least 1)")
      .option("--projection", "NAME", "albers (default), lcc, eqc, webmerc or aeqd")
      .option("--dem", "FILE", "use this elevation raster instead of the shipped relief")
      .option("--centre", "LON,LAT",
              "centre the frame here, e.g. 106.27,38.47 (default: the campaign's centre)")
      .option("--zoom", "K", "K times closer than the whole campaign (default 1; 0.25 to 64)")
      .option("--layers", "SPEC",
              "switch layers on or off, e.g. +borders,-terrain (the Layers panel's ids, in "
              "assets/basemap/layers.json; an unknown id is refused with the list)")
      .flag("--no-legend", "leave out the legend")
      .flag("--no-labels", "leave out place names")
      .option("--second-line", "LANG", "under each Chinese name: pinyin (default), english or none")
      .flag("--no-title", "leave out the title box");
}

ViewRequest parse_view_options(const ParsedArgs& a) {
  ViewRequest r;
  r.size = parse_size(a.get("--size").value_or("1920x1080"));
  r.pixel_ratio = std::max(1.0f, static_cast<float>(r.size.height) / 1080.0f);
  if (auto k = a.get("--pixel-ratio"))
    r.pixel_ratio = static_cast<float>(parse_number("--pixel-ratio", *k, 0.25, 8));
  r.projection = a.get("--projection");
  if (auto d = a.get("--dem")) r.dem = *d;
  if (auto c = a.get("--centre")) {
    r.centre = parse_lonlat("--centre", *c);
    r.centre_text = *c;
  }
  if (auto z = a.get("--zoom")) r.zoom = parse_number("--zoom", *z, 0.25, 64);
  if (auto l = a.get("--layers")) r.layers = parse_layer_switches(*l);
  r.overlay.place_labels = !a.has("--no-labels");
  r.overlay.title = !a.has("--no-title");
  r.overlay.legend = !a.has("--no-legend");
  if (auto lang = a.get("--second-line")) {
    if (*lang == "pinyin")
      r.overlay.second_line = OverlayOptions::SecondLine::Pinyin;
    else if (*lang == "english")
      r.overlay.second_line = OverlayOptions::SecondLine::English;
    else if (*lang == "none")
      r.overlay.second_line = OverlayOptions::SecondLine::None;
    else
      throw UsageError("--second-line expects pinyin, english or none, not '" + *lang + "'");
  }
  return r;
}

FrameSpec resolve_frame(const ViewRequest& r, const DisplayedCampaign& campaign) {
  // Every --layers id must be a switch of the scene: an unknown one would
  // switch nothing, silently.
  for (const auto& [id, on] : r.layers) {
    if (campaign.scene.find_switch(id)) continue;
    std::string valid;
    for (const LayerSwitch& s : campaign.scene.switches) valid += (valid.empty() ? "" : ", ") + s.id;
    throw UsageError("--layers: there is no layer '" + id + "'; the layers are " + valid);
  }
  FrameSpec f;
  f.viewport = Viewport{r.size.width, r.size.height, r.pixel_ratio};
  f.state.camera = Camera::fit(campaign.scene.extent, f.viewport);
  if (r.centre && !campaign.scene.projection->forward(*r.centre, f.state.camera.centre))
    throw UsageError("--centre " + r.centre_text.value_or("") + " has no position in the " +
                     campaign.projection_name + " projection");
  f.state.camera.metres_per_px /= r.zoom;
  f.state.layers = r.layers;
  f.state.overlay = r.overlay;
  return f;
}

}  // namespace annals::cli
