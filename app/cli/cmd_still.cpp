#include <iostream>
#include <sstream>

#include "annals/model/calendar_error.h"
#include "annals/model/chronicle.h"
#include "annals/model/paths.h"
#include "annals/render/campaign_scene.h"
#include "annals/render/egl_context.h"
#include "annals/render/frame_renderer.h"
#include "arg_parser.h"
#include "command.h"

namespace annals::cli {

namespace {
// "+borders,-terrain" → layer switches.
LayerVisibility parse_layers(const std::string& spec) {
  LayerVisibility v;
  std::stringstream ss(spec);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.size() < 2 || (item[0] != '+' && item[0] != '-'))
      throw UsageError(
          "--layers expects +id or -id items separated by commas, e.g. +borders,-terrain; got '" + item +
          "'");
    v[item.substr(1)] = item[0] == '+';
  }
  return v;
}

// Every id of `layers` must be a switch of the scene: an unknown one would
// switch nothing, silently.
void check_layer_ids(const LayerVisibility& layers, const Scene& scene) {
  for (const auto& [id, on] : layers) {
    if (scene.find_switch(id)) continue;
    std::string valid;
    for (const LayerSwitch& s : scene.switches) valid += (valid.empty() ? "" : ", ") + s.id;
    throw UsageError("--layers: there is no layer '" + id + "'; the layers are " + valid);
  }
}
}  // namespace

int run_still(Args args) {
  ArgParser parser(
      "annals still [CAMPAIGN_DIR] --out FILE.png [--size WxH] [options]",
      "Renders one frame of the map headlessly (EGL, no window or X server needed) with the same\n"
      "renderer as the viewer, and writes it as PNG (atomically: never a half-written file).");
  parser.option("--out", "FILE", "the PNG to write (required)")
      .option("--size", "WxH", "frame size in pixels (default 1920x1080)")
      .option("--pixel-ratio", "K", "scale of lines, symbols and text (default: height/1080, at least 1)")
      .option("--projection", "NAME", "albers (default), lcc, eqc, webmerc or aeqd")
      .option("--dem", "FILE", "use this elevation raster instead of the shipped relief")
      .option("--date", "DATE",
              "the campaign's state at this date: 宝庆二年六月, 乾定三年二月, 1226-07-15 "
              "(default: the first entry)")
      .option("--centre", "LON,LAT",
              "centre the frame here, e.g. 106.27,38.47 (default: the campaign's centre)")
      .option("--zoom", "K", "K times closer than the whole campaign (default 1; 0.25 to 64)")
      .option("--layers", "SPEC",
              "switch layers on or off, e.g. +borders,-terrain (the Layers panel's ids, in "
              "assets/basemap/layers.json; an unknown id is refused with the list)")
      .flag("--no-legend", "leave out the legend")
      .flag("--no-labels", "leave out place names")
      .option("--second-line", "LANG", "under each Chinese name: pinyin (default), english or none")
      .flag("--no-title", "leave out the title box")
      .max_positionals(1);
  ParsedArgs a = parser.parse(args);
  if (a.help) {
    std::cout << parser.help_text();
    return kExitOk;
  }
  auto out = a.get("--out");
  if (!out) throw UsageError("--out FILE.png is required");
  const Size size = parse_size(a.get("--size").value_or("1920x1080"));
  float ratio = std::max(1.0f, static_cast<float>(size.height) / 1080.0f);
  if (auto r = a.get("--pixel-ratio")) {
    try {
      ratio = std::stof(*r);
    } catch (...) {
      throw UsageError("--pixel-ratio expects a number, not '" + *r + "'");
    }
    if (!(ratio >= 0.25f && ratio <= 8.0f)) throw UsageError("--pixel-ratio must be between 0.25 and 8");
  }
  const std::filesystem::path campaign_dir =
      a.positionals.empty() ? default_campaign_dir() : std::filesystem::path(a.positionals[0]);
  DisplayOptions display{a.get("--projection"), std::nullopt, assets_dir()};
  if (auto d = a.get("--dem")) display.dem = *d;

  // The spec's form is checked before the (slow) load, its ids after it.
  const LayerVisibility layers = a.get("--layers") ? parse_layers(*a.get("--layers")) : LayerVisibility{};
  auto campaign = load_displayed_campaign(campaign_dir, display);
  check_layer_ids(layers, campaign->scene);
  const FontFile font = find_cjk_font();
  auto bytes = load_font_bytes(font);

  EglContext gl;
  FrameRenderer frames(campaign->scene, font, bytes);
  const Viewport vp{size.width, size.height, ratio};
  FrameState state;
  state.camera = Camera::fit(campaign->scene.extent, vp);
  if (auto c = a.get("--centre")) {
    const LonLat centre = parse_lonlat("--centre", *c);
    if (!campaign->scene.projection->forward(centre, state.camera.centre))
      throw UsageError("--centre " + *c + " has no position in the " + campaign->projection_name +
                       " projection");
  }
  if (auto z = a.get("--zoom")) state.camera.metres_per_px /= parse_number("--zoom", *z, 0.25, 64);
  state.layers = layers;
  state.overlay.place_labels = !a.has("--no-labels");
  state.overlay.title = !a.has("--no-title");
  if (auto lang = a.get("--second-line")) {
    if (*lang == "pinyin")
      state.overlay.second_line = OverlayOptions::SecondLine::Pinyin;
    else if (*lang == "english")
      state.overlay.second_line = OverlayOptions::SecondLine::English;
    else if (*lang == "none")
      state.overlay.second_line = OverlayOptions::SecondLine::None;
    else
      throw UsageError("--second-line expects pinyin, english or none, not '" + *lang + "'");
  }
  if (const CampaignModel* model = campaign->model.get()) {
    frames.set_campaign(model);
    frames.legend = !a.has("--no-legend");
    if (auto date = a.get("--date")) {
      try {
        state.t = model->parse_time(*date);
      } catch (const CalendarError& e) {
        throw UsageError(std::string("--date: ") + e.what());
      }
    } else {
      state.t =
          model->chronicle().entries.empty() ? 0.0 : model->time_of_entry(model->chronicle().entries.front());
    }
  } else if (a.has("--date")) {
    throw UsageError("--date: this campaign folder has no chronicle (entries.json), so it has no dates");
  }
  const Image image = frames.render_image(state, vp);
  for (const auto& w : frames.font_warnings()) std::cerr << "annals: warning: " << w << "\n";
  write_png(*out, image);
  std::cerr << "annals still: wrote " << *out << " (" << size.width << "x" << size.height << ", pixel ratio "
            << ratio << ", " << gl.description() << ")\n";
  return kExitOk;
}

}  // namespace annals::cli
