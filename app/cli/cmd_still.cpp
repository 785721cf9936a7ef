#include <iostream>

#include "annals/model/calendar_error.h"
#include "annals/model/chronicle.h"
#include "annals/model/paths.h"
#include "annals/render/campaign_scene.h"
#include "annals/render/egl_context.h"
#include "annals/render/frame_renderer.h"
#include "arg_parser.h"
#include "command.h"
#include "view_options.h"

namespace annals::cli {

int run_still(Args args) {
  ArgParser parser(
      "annals still [CAMPAIGN_DIR] --out FILE.png [--size WxH] [options]",
      "Renders one frame of the map headlessly (EGL, no window or X server needed) with the same\n"
      "renderer as the viewer and export, and writes it as PNG (atomically: never a half-written file).");
  parser.option("--out", "FILE", "the PNG to write (required)")
      .option("--date", "DATE",
              "the campaign's state at this date: 宝庆二年六月, 乾定三年二月, 1226-07-15 "
              "(default: the first entry)")
      .option("--time", "T",
              "the campaign's state at time T, in months from its first month (as export's manifest.json "
              "gives each frame)");
  add_view_options(parser);
  parser.max_positionals(1);
  ParsedArgs a = parser.parse(args);
  if (a.help) {
    std::cout << parser.help_text();
    return kExitOk;
  }
  auto out = a.get("--out");
  if (!out) throw UsageError("--out FILE.png is required");
  if (a.has("--date") && a.has("--time")) throw UsageError("--date and --time both name the time; give one");
  const ViewRequest request = parse_view_options(a);
  const std::filesystem::path campaign_dir =
      a.positionals.empty() ? default_campaign_dir() : std::filesystem::path(a.positionals[0]);

  HeadlessSession session = open_headless(campaign_dir, request, /*with_gl=*/true);
  const auto& campaign = session.campaign;
  FrameSpec spec = resolve_frame(request, *campaign);
  // Bakes once (the font is not kept), on a second thread while the map uploads.
  FrameRenderer frames(campaign->scene, session.font, nullptr, {},
                       FrameRenderer::FirstFrame{spec.viewport.pixel_ratio, false, campaign->model.get()});
  if (const CampaignModel* model = campaign->model.get()) {
    frames.set_campaign(model);
    if (auto date = a.get("--date")) {
      try {
        spec.state.t = model->parse_time(*date);
      } catch (const CalendarError& e) {
        throw UsageError(std::string("--date: ") + e.what());
      }
    } else if (auto t = a.get("--time")) {
      spec.state.t = parse_number("--time", *t, model->timeline().start(), model->timeline().end());
    } else {
      spec.state.t =
          model->chronicle().entries.empty() ? 0.0 : model->time_of_entry(model->chronicle().entries.front());
    }
  } else if (a.has("--date") || a.has("--time")) {
    throw UsageError("this campaign folder has no chronicle (entries.json), so it has no dates");
  }
  const Image image = frames.render_image(spec.state, spec.viewport);
  for (const auto& w : frames.font_warnings()) std::cerr << "annals: warning: " << w << "\n";
  write_png(*out, image);
  std::cerr << "annals still: wrote " << *out << " (" << spec.viewport.width_px << "x"
            << spec.viewport.height_px << ", pixel ratio " << spec.viewport.pixel_ratio << ", "
            << session.gl->description() << ")\n";
  return kExitOk;
}

}  // namespace annals::cli
