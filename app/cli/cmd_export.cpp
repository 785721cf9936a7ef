// annals export: the campaign as a PNG sequence and/or a video, headless.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "annals/export/exporter.h"
#include "annals/model/calendar_error.h"
#include "annals/model/paths.h"
#include "annals/render/egl_context.h"
#include "arg_parser.h"
#include "command.h"
#include "view_options.h"

namespace annals::cli {

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_interrupt(int) { g_interrupted = true; }

std::string clock_text(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  return buf;
}

// On a terminal, a bar redrawn in place; otherwise (a pipe, CI) one plain
// line every few seconds.
class ProgressReport {
 public:
  ProgressReport() : tty_(::isatty(STDERR_FILENO) == 1) {}
  void update(const ExportProgress& p, bool last = false) {
    const auto now = std::chrono::steady_clock::now();
    const double since = std::chrono::duration<double>(now - shown_).count();
    if (!last && since < (tty_ ? 0.2 : 5.0)) return;
    shown_ = now;
    char line[200];
    std::snprintf(line, sizeof line, "%d/%d frames, %.1f frames/s, ETA %s", p.done, p.total,
                  p.frames_per_second, clock_text(p.eta_seconds).c_str());
    if (tty_) {
      constexpr int kWidth = 30;
      const int filled = p.total > 0 ? kWidth * p.done / p.total : 0;
      std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
                << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] " << line << "   "
                << (last ? "\n" : "") << std::flush;
    } else {
      std::cerr << "annals export: " << line << "\n";
    }
  }

 private:
  bool tty_;
  std::chrono::steady_clock::time_point shown_{};
};

}  // namespace

int run_export(Args args) {
  ArgParser parser(
      "annals export [CAMPAIGN_DIR] --out DIR [options]",
      "Exports the campaign as numbered PNG frames (and/or a video) headlessly, through the same renderer\n"
      "as the viewer and `annals still`. Each frame is written under a temporary name and renamed, so a\n"
      "killed export leaves no partial frame; --resume finishes it. DIR/manifest.json records every frame's\n"
      "time, dates and entries, and the options, to reproduce the export. Split a long export with\n"
      "--frames A-B across processes or machines into the same DIR (see docs/export.md).");
  parser.option("--out", "DIR", "the folder for frames and manifest.json (created if its parent exists)")
      .option("--fps", "N", "frames per second of the result (default 30)")
      .option("--month-seconds", "S", "seconds of video per lunar month of the chronicle (default 2)")
      .option("--from", "DATE",
              "start here: 宝庆二年二月, 乾定三年二月 or 1226-03-01 (default: the first month)")
      .option("--to", "DATE", "end with this month or day, included (default: the last month)")
      .option("--frames", "A-B", "only frames A to B of the timeline (numbered from 1, as the files are)")
      .option("--template", "NAME", "file names, one %d for the frame number (default frame_%05d.png)")
      .flag("--follow", "the camera eases to the places of each month's entries")
      .flag("--present",
            "presentation mode's styling: type and lines for projection, and a title card for each month's "
            "entries (headline and English gloss)")
      .flag("--spotlight", "with --present, dim all but the places of the month's entries")
      .option("--video", "FILE",
              "also (or, without --out, only) write a video: .mp4 (H.264), .webm (VP9), .gif")
      .flag("--keep-frames", "with --video, write the PNG frames too")
      .option("--subtitles", "FILE", "the entries' headlines timed to the frames, .srt or .vtt")
      .flag("--resume", "skip frames already complete in DIR (after a crash or Ctrl+C)")
      .option("--threads", "N", "PNG encoder threads (default: one per core)")
      .flag("--count", "print how many frames these options give, and render nothing (for splitting)");
  add_view_options(parser);
  parser.max_positionals(1);
  ParsedArgs a = parser.parse(args);
  if (a.help) {
    std::cout << parser.help_text();
    return kExitOk;
  }
  ViewRequest view = parse_view_options(a);
  ExportRequest req;
  if (auto o = a.get("--out")) req.out = *o;
  if (auto v = a.get("--video")) req.video = std::filesystem::path(*v);
  req.write_frames = !req.video || a.has("--keep-frames");
  if (a.has("--keep-frames") && !req.video) throw UsageError("--keep-frames goes with --video");
  const bool count_only = a.has("--count");
  if (req.write_frames && req.out.empty() && !count_only)
    throw UsageError("--out DIR is required (or --video FILE alone)");
  if (auto s = a.get("--subtitles")) req.subtitles = std::filesystem::path(*s);
  req.resume = a.has("--resume");
  req.follow = a.has("--follow");
  req.present = a.has("--present");
  req.spotlight = a.has("--spotlight");
  if (req.spotlight && !req.present) throw UsageError("--spotlight is part of --present; give both");
  if (req.spotlight) req.follow = true;  // as in the viewer: the camera frames the lit places
  if (auto t = a.get("--template")) req.name_template = *t;
  req.timing.fps = parse_number("--fps", a.get("--fps").value_or("30"), 1, 240);
  req.timing.month_seconds =
      parse_number("--month-seconds", a.get("--month-seconds").value_or("2"), 0.05, 600);
  if (auto n = a.get("--threads"))
    req.encoder_threads = static_cast<int>(parse_number("--threads", *n, 1, 64));
  if (const char* ff = std::getenv("ANNALS_FFMPEG"); ff && *ff) req.ffmpeg = ff;  // a seam for tests
  try {
    NameTemplate check(req.name_template);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--template: ") + e.what());
  }
  if (req.video) {
    try {
      VideoSink::container_of(*req.video);
    } catch (const ExportError& e) {
      throw UsageError(std::string("--video ") + e.what());
    }
  }

  const std::filesystem::path campaign_dir =
      a.positionals.empty() ? default_campaign_dir() : std::filesystem::path(a.positionals[0]);
  HeadlessSession session = open_headless(campaign_dir, view, /*with_gl=*/!count_only);
  const auto& campaign = session.campaign;
  const CampaignModel* model = campaign->model.get();
  if (!model)
    throw UsageError("this campaign folder has no chronicle (entries.json), so it has no time to export");
  const CampaignTimeline& tl = model->timeline();
  req.timing.from = tl.start();
  req.timing.to = tl.end();
  try {
    if (auto f = a.get("--from")) req.timing.from = model->parse_time(*f);
    if (auto t = a.get("--to")) req.timing.to = parse_time_end(*model, *t);
  } catch (const CalendarError& e) {
    throw UsageError(std::string(a.has("--from") ? "--from/--to: " : "--to: ") + e.what());
  }
  if (req.timing.frame_count() <= 0) throw UsageError("--from must come before --to");
  if (count_only) {
    std::cout << req.timing.frame_count() << "\n";
    return kExitOk;
  }
  if (auto r = a.get("--frames")) {
    try {
      req.range = parse_frame_range(*r, req.timing.frame_count());
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string("--frames ") + e.what());
    }
  }
  // What changes the pixels or the files' names, for manifest.json.
  for (const char* k :
       {"--fps", "--month-seconds", "--from", "--to", "--template", "--size", "--pixel-ratio", "--projection",
        "--dem", "--centre", "--zoom", "--layers", "--second-line", "--video"})
    if (auto v = a.get(k)) req.options[std::string(k).substr(2)] = *v;
  for (const char* k :
       {"--follow", "--no-legend", "--no-labels", "--no-title", "--keep-frames", "--present", "--spotlight"})
    if (a.has(k)) req.options[std::string(k).substr(2)] = true;

  // As the viewer presents: projection-sized type, the card in place of the title box.
  if (req.present && !a.get("--pixel-ratio")) view.pixel_ratio = presentation_pixel_ratio(view.size.height);
  req.frame = resolve_frame(view, *campaign);
  // Bakes once (the font is not kept), on a second thread while the map uploads.
  FrameRenderer frames(
      campaign->scene, session.font, nullptr, {},
      FrameRenderer::FirstFrame{req.frame.viewport.pixel_ratio, req.present, campaign->model.get()});
  if (req.present) {
    req.frame.state.overlay.title = false;
    req.frame.state.overlay.legend = false;  // it would cover a quarter of the map at this size
  }

  std::unique_ptr<Exporter> exporter;
  try {
    exporter = std::make_unique<Exporter>(*campaign, frames, req);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  } catch (const ExportError& e) {
    std::cerr << "annals export: " << e.what() << "\n";
    return kExitBadInput;
  }
  g_interrupted = false;
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  ProgressReport report;
  try {
    while (!g_interrupted && exporter->step()) report.update(exporter->progress());
    if (g_interrupted) {
      exporter->cancel();
      const ExportProgress p = exporter->progress();
      std::cerr << "\nannals export: interrupted; " << p.done << " of " << p.total
                << " frames are complete. Run the same command with --resume to finish.\n";
      return 130;
    }
    exporter->finish();
  } catch (const ExportError& e) {
    exporter->cancel();
    std::cerr << "\nannals export: " << e.what() << "\n";
    return kExitBadInput;
  } catch (...) {
    exporter->cancel();
    std::cerr << "\n";
    throw;
  }
  for (const auto& w : frames.font_warnings()) std::cerr << "annals: warning: " << w << "\n";
  const ExportProgress p = exporter->progress();
  report.update(p, /*last=*/true);
  std::cerr << "annals export: " << p.done << " frames";
  if (exporter->frames_resumed() > 0) std::cerr << " (" << exporter->frames_resumed() << " already there)";
  if (req.write_frames) std::cerr << " in " << req.out.string();
  if (req.video) std::cerr << (req.write_frames ? " and " : " to ") << req.video->string();
  std::cerr << ", " << req.frame.viewport.width_px << "x" << req.frame.viewport.height_px << " at "
            << req.timing.fps << " fps, " << clock_text(p.elapsed_seconds) << " ("
            << session.gl->description() << ")\n";
  return kExitOk;
}

}  // namespace annals::cli
