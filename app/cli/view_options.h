// The view options `annals still` and `annals export` share — size, pixel
// ratio, projection, terrain, centre, zoom, layers and overlay switches —
// declared once, parsed once into a ViewRequest, and resolved against the
// loaded campaign into the one description of a frame the renderer takes
// (FrameSpec: a Viewport and a FrameState), so a still and an exported frame
// of the same options are the same pixels.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "annals/geo/lonlat.h"
#include "annals/render/campaign_scene.h"
#include "annals/render/egl_context.h"
#include "annals/render/fonts.h"
#include "annals/render/frame_renderer.h"
#include "arg_parser.h"

namespace annals::cli {

struct ViewRequest {
  Size size{1920, 1080};
  float pixel_ratio = 1;  // default: height / 1080, at least 1
  std::optional<std::string> projection;
  std::optional<std::filesystem::path> dem;
  std::optional<LonLat> centre;
  std::optional<std::string> centre_text;  // as typed, for messages
  double zoom = 1;
  LayerVisibility layers;
  OverlayOptions overlay;

  DisplayOptions display() const;
};

// Declares the options on `parser` (in the order --help lists them).
void add_view_options(ArgParser& parser);
// Reads them; throws UsageError naming the option for a bad value.
ViewRequest parse_view_options(const ParsedArgs& args);
// Loads the campaign for a headless command (still, export): one projection,
// so what only a projection switch needs is freed at once.
std::unique_ptr<DisplayedCampaign> load_headless_campaign(const std::filesystem::path& dir,
                                                          const ViewRequest& request);
// A headless command's campaign, font and GL context, made together: the
// campaign loads on a second core while this thread finds the font and
// starts EGL (a GL context belongs to the thread that made it). Without
// `with_gl` (export --count) only the campaign is loaded.
struct HeadlessSession {
  std::unique_ptr<DisplayedCampaign> campaign;
  FontFile font;
  std::unique_ptr<EglContext> gl;
};
HeadlessSession open_headless(const std::filesystem::path& dir, const ViewRequest& request, bool with_gl);
// The camera and switches the request asks for over the loaded campaign.
// Throws UsageError if --centre has no position in the projection.
FrameSpec resolve_frame(const ViewRequest& request, const DisplayedCampaign& campaign);

}  // namespace annals::cli
