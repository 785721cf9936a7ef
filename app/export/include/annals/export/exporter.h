// Export: the campaign as a frame sequence and/or a video, frame after frame
// through the one renderer the window and `annals still` use. The caller owns
// the loop (step until done, then finish), so the command line runs it flat
// out and the viewer's Export dialog a few frames per window frame without
// freezing. Every frame is a pure function of the campaign and its time, so an
// export split into --frames ranges across processes writes the same files.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "annals/export/export_plan.h"
#include "annals/export/frame_sinks.h"
#include "annals/render/campaign_scene.h"
#include "annals/render/follow_camera.h"
#include "annals/render/frame_renderer.h"

namespace annals {

struct ExportRequest {
  FrameSpec frame;  // viewport, camera, layers, overlay; t is set per frame
  ExportTiming timing;
  std::optional<FrameRange> range;  // default: every frame of the timing
  bool follow = false;              // the camera eases to each month's places
  // Presentation mode's styling (the caller sets the pixel ratio and hides
  // the title box): each month with entries gets its title card, in over
  // 0.4 s from the month's start and out over its last 0.3 s.
  bool present = false;
  bool spotlight = false;     // with present: dim all but the month's places
  std::filesystem::path out;  // the folder for frames and manifest.json; may be empty with a video
  std::string name_template = "frame_%05d.png";
  bool write_frames = true;  // PNG frames in `out`
  std::optional<std::filesystem::path> video;
  std::optional<std::filesystem::path> subtitles;  // .srt or .vtt
  bool resume = false;                             // skip frames already complete in `out`
  std::string ffmpeg = "ffmpeg";
  int encoder_threads = 0;  // 0: one per core
  // What the user asked for, recorded in manifest.json to reproduce the export
  // (only what changes the pixels: never --frames, --resume or --out).
  nlohmann::ordered_json options = nlohmann::ordered_json::object();
};

struct ExportProgress {
  int done = 0;   // frames complete on disk or in the video (resumed ones included)
  int total = 0;  // frames of this run's range
  double elapsed_seconds = 0;
  double frames_per_second = 0;  // frames rendered and written in this run, per second
  double eta_seconds = 0;
};

class Exporter {
 public:
  // Checks the request and its outputs, creates `out` if its parent exists,
  // and starts the encoders (and ffmpeg). Throws std::invalid_argument for a
  // bad request (the caller's usage error), DataError for an output that
  // cannot be written, ExportError for ffmpeg. Needs a current GL context;
  // `renderer` draws the frames (it is switched to exact frames).
  Exporter(const DisplayedCampaign& campaign, FrameRenderer& renderer, ExportRequest request);
  ~Exporter();
  Exporter(const Exporter&) = delete;
  Exporter& operator=(const Exporter&) = delete;

  // Renders the next frame and hands it to the outputs; false once every
  // frame has been handed over. Throws what the outputs met.
  bool step();
  // Waits for every frame to be written, completes the video, and writes
  // manifest.json and the subtitles. Throws what the outputs met.
  void finish();
  // Stops now: finished frames stay, nothing half-written is left.
  void cancel();

  ExportProgress progress() const;
  int frames_resumed() const { return resumed_; }
  const ExportRequest& request() const { return request_; }
  const FrameRange& range() const { return range_; }
  std::filesystem::path frame_path(int n) const;

 private:
  std::shared_ptr<Image> take_buffer();
  void remove_stale_temporaries() const;

  const DisplayedCampaign& campaign_;
  const CampaignModel& model_;
  FrameRenderer& renderer_;
  ExportRequest request_;
  FrameRange range_;
  std::optional<NameTemplate> names_;
  std::optional<FollowPath> follow_;
  std::vector<std::unique_ptr<FrameSink>> sinks_;
  std::vector<std::shared_ptr<Image>> buffers_;
  int next_ = 0;
  int resumed_ = 0;
  int rendered_ = 0;
  bool finished_ = false;
  std::chrono::steady_clock::time_point started_;
};

// manifest.json for an export: every frame of the timing → its time, its
// date in the chronicle's notation and in the Julian calendar, and the entries
// in force; the options, the campaign's id and source SHA-256, the Annals
// version. The same for every --frames range of one export.
nlohmann::ordered_json export_manifest(const CampaignModel& model, const CampaignManifest& campaign,
                                       const ExportRequest& request);

// Subtitles: each run of frames with the same entries in force becomes one
// cue — the entries' headlines as written, each with its English gloss (or
// summary) where the data has one — timed to those frames. `first_frame` is
// the frame at time 0 of the subtitles (the video's first frame).
std::string export_subtitles(const CampaignModel& model, const ExportTiming& timing, int first_frame,
                             int last_frame, bool webvtt);

// "宝庆二年六月初三": the day of time t in the chronicle's own era notation.
std::string chronicle_date_of(const CampaignModel& model, double t);

}  // namespace annals
