#include "annals/export/exporter.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>
#include <stdexcept>

#include "annals/geo/atomic_file.h"
#include "annals/geo/diagnostic.h"
#include "annals/geo/trace.h"
#include "annals/model/chronicle.h"
#include "annals/model/era_date.h"
#include "annals/model/julian_day.h"
#include "annals/model/version.h"

namespace annals {

namespace fs = std::filesystem;

namespace {

// Creates `folder` when its parent exists (export --out frames/), and proves
// it writable before any frame is drawn.
void prepare_folder(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    const fs::path parent = folder.parent_path().empty() ? fs::path(".") : folder.parent_path();
    if (fs::exists(folder, ec)) throw DataError(folder.string(), "", "is not a folder");
    if (!fs::is_directory(parent, ec))
      throw DataError(folder.string(), "",
                      "cannot create the export folder: " + parent.string() + " does not exist");
    if (!fs::create_directory(folder, ec) && ec)
      throw DataError(folder.string(), "", "cannot create the export folder: " + ec.message());
  }
  std::string probe = (folder / ".annals-write-test-XXXXXX").string();
  const int fd = ::mkstemp(probe.data());
  if (fd < 0)
    throw DataError(folder.string(), "", std::string("cannot write in the folder: ") + std::strerror(errno));
  ::close(fd);
  ::unlink(probe.c_str());
}

// A frame file a killed or crashed run may have left: complete when it decodes
// to the export's size.
bool frame_complete(const fs::path& path, const Viewport& vp) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  try {
    const Image img = read_png(path);
    return img.width == vp.width_px && img.height == vp.height_px;
  } catch (const DataError&) {
    return false;
  }
}

std::string timestamp(double seconds, bool webvtt) {
  const auto ms = static_cast<long long>(std::llround(seconds * 1000.0));
  char buf[32];
  std::snprintf(buf, sizeof buf, webvtt ? "%02lld:%02lld:%02lld.%03lld" : "%02lld:%02lld:%02lld,%03lld",
                ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
  return buf;
}

}  // namespace

std::string chronicle_date_of(const CampaignModel& model, double t) {
  const CampaignTimeline& tl = model.timeline();
  const int m = tl.month_index(t);
  const std::string label = tl.label_chinese(m);
  const std::int64_t jdn = tl.jdn_of_time(t);
  // The day in the same era as the timeline's label of its month.
  for (const EraDay& d : model.calendar().era_days(jdn, model.reckoning())) {
    const std::string text = format_era_date(d.date);
    if (text.rfind(Calendar::era_year_text(*d.era, d.date.era_year), 0) == 0 &&
        label.rfind(Calendar::era_year_text(*d.era, d.date.era_year), 0) == 0)
      return text;
  }
  return label;
}

Exporter::Exporter(const DisplayedCampaign& campaign, FrameRenderer& renderer, ExportRequest request)
    : campaign_(campaign),
      model_(campaign.model
                 ? *campaign.model
                 : throw std::invalid_argument("this campaign folder has no chronicle (entries.json), "
                                               "so it has no time to export")),
      renderer_(renderer),
      request_(std::move(request)) {
  const int count = request_.timing.frame_count();
  if (count <= 0)
    throw std::invalid_argument("the export's time span is empty (--from must come before --to)");
  range_ = request_.range.value_or(FrameRange{1, count});
  if (range_.first < 1 || range_.last > count || range_.last < range_.first)
    throw std::invalid_argument("frames " + std::to_string(range_.first) + "-" + std::to_string(range_.last) +
                                " are outside this export's 1-" + std::to_string(count));
  if (request_.write_frames) {
    if (request_.out.empty()) throw std::invalid_argument("--out DIR is required for a frame sequence");
    names_.emplace(request_.name_template);
  }
  if (request_.resume && request_.video)
    throw std::invalid_argument("--resume continues a frame sequence; a video is made in one run");
  if (request_.subtitles) {
    const std::string ext = request_.subtitles->extension().string();
    if (ext != ".srt" && ext != ".vtt")
      throw std::invalid_argument("--subtitles " + request_.subtitles->string() +
                                  ": name a .srt or .vtt file");
  }
  if (!request_.out.empty()) prepare_folder(request_.out);
  if (request_.follow) {
    follow_.emplace(model_, *campaign_.projection, request_.frame.viewport, request_.frame.state.camera);
  }
  renderer_.set_campaign(&model_);
  renderer_.set_exact_frames(true);
  const Viewport& vp = request_.frame.viewport;
  if (request_.write_frames)
    sinks_.push_back(std::make_unique<PngSequenceSink>(request_.out, *names_, request_.encoder_threads, 1));
  if (request_.video)
    sinks_.push_back(std::make_unique<VideoSink>(*request_.video, vp.width_px, vp.height_px,
                                                 request_.timing.fps, request_.ffmpeg));
  if (request_.resume && names_) remove_stale_temporaries();
  next_ = range_.first;
  started_ = std::chrono::steady_clock::now();
}

Exporter::~Exporter() {
  if (!finished_) cancel();
}

void Exporter::remove_stale_temporaries() const {
  // A killed run leaves at most a hidden ".<frame>.tmp-XXXXXX" per frame it
  // was writing. Only this run's frames' are removed: other processes of a
  // split export may be writing theirs into the same folder right now.
  std::set<std::string> mine;
  for (int n = range_.first; n <= range_.last; ++n) mine.insert(names_->name(n));
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(request_.out, ec)) {
    const std::string name = e.path().filename().string();
    if (!is_atomic_temporary_name(name)) continue;
    if (mine.count(name.substr(1, name.rfind(".tmp-") - 1))) fs::remove(e.path(), ec);
  }
}

fs::path Exporter::frame_path(int n) const { return names_ ? request_.out / names_->name(n) : fs::path(); }

std::shared_ptr<Image> Exporter::take_buffer() {
  // A buffer no output holds any more (only this pool does): reused, so an
  // export allocates a handful of frames however long it runs.
  for (auto& b : buffers_)
    if (b.use_count() == 1) return b;
  buffers_.push_back(std::make_shared<Image>());
  return buffers_.back();
}

bool Exporter::step() {
  if (next_ > range_.last) return false;
  const int n = next_++;
  if (request_.resume && frame_complete(frame_path(n), request_.frame.viewport)) {
    ++resumed_;
    return true;
  }
  FrameState state = request_.frame.state;
  state.t = request_.timing.time_of_frame(n);
  if (follow_) state.camera = follow_->at(*state.t);
  if (request_.present) {
    // A pure function of t: seconds of video into the month and left of it.
    const double t = *state.t, frac = t - std::floor(t);
    Presentation& p = state.presentation;
    p.on = p.card = true;
    p.spotlight = request_.spotlight;
    p.title_card = title_card_at(model_, t);
    const double into = frac * request_.timing.month_seconds,
                 left = (1 - frac) * request_.timing.month_seconds;
    p.title_card.alpha =
        std::min(title_card_alpha(into, 1e9), static_cast<float>(std::clamp(left / 0.3, 0.0, 1.0)));
  }
  const RenderTarget& target = renderer_.render(state, request_.frame.viewport);
  for (auto& sink : sinks_) sink->wait_for_space();
  std::shared_ptr<Image> buffer = take_buffer();
  target.read_pixels_into(*buffer);
  if (rendered_ == 0) trace("export: first frame rendered");
  for (auto& sink : sinks_) sink->accept(n, buffer);
  ++rendered_;
  return true;
}

void Exporter::finish() {
  while (step()) {
  }
  for (auto& sink : sinks_) sink->finish();
  finished_ = true;
  if (!request_.out.empty())
    write_file_atomically(request_.out / "manifest.json",
                          export_manifest(model_, campaign_.manifest, request_).dump(1) + "\n");
  if (request_.subtitles) {
    const int first = request_.video ? range_.first : 1;
    const int last = request_.video ? range_.last : request_.timing.frame_count();
    write_file_atomically(*request_.subtitles, export_subtitles(model_, request_.timing, first, last,
                                                                request_.subtitles->extension() == ".vtt"));
  }
}

void Exporter::cancel() {
  for (auto& sink : sinks_) sink->cancel();
  finished_ = true;
}

ExportProgress Exporter::progress() const {
  ExportProgress p;
  p.total = range_.count();
  int written = p.total;
  for (const auto& sink : sinks_) written = std::min(written, sink->frames_written());
  if (sinks_.empty()) written = 0;
  p.done = std::min(p.total, resumed_ + written);
  p.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  if (p.elapsed_seconds > 0) p.frames_per_second = written / p.elapsed_seconds;
  p.eta_seconds = p.frames_per_second > 0 ? (p.total - p.done) / p.frames_per_second : 0;
  return p;
}

nlohmann::ordered_json export_manifest(const CampaignModel& model, const CampaignManifest& campaign,
                                       const ExportRequest& request) {
  using json = nlohmann::ordered_json;
  const ExportTiming& timing = request.timing;
  const int count = timing.frame_count();
  std::optional<NameTemplate> names;
  if (request.write_frames) names.emplace(request.name_template);
  json frames = json::array();
  for (int n = 1; n <= count; ++n) {
    const double t = timing.time_of_frame(n);
    const CampaignState s = model.state_at(t);
    json entries = json::array();
    for (const Entry* e : s.entries) entries.push_back(e->id);
    json f = {{"frame", n},
              {"t", t},
              {"month", model.timeline().label_chinese(s.month)},
              {"date", chronicle_date_of(model, t)},
              {"julian", format_iso(julian_from_jdn(model.timeline().jdn_of_time(t)))},
              {"entries", entries}};
    if (names) f["file"] = names->name(n);
    frames.push_back(std::move(f));
  }
  return json{{"format", "annals-export"},
              {"format_version", 1},
              {"annals_version", version()},
              {"campaign", {{"id", campaign.id}, {"source_sha256", campaign.source_sha256}}},
              {"options", request.options},
              {"size", {request.frame.viewport.width_px, request.frame.viewport.height_px}},
              {"pixel_ratio", request.frame.viewport.pixel_ratio},
              {"fps", timing.fps},
              {"month_seconds", timing.month_seconds},
              {"from_t", timing.from},
              {"to_t", timing.to},
              {"frame_count", count},
              {"template", request.write_frames ? json(request.name_template) : json(nullptr)},
              {"frames", frames}};
}

std::string export_subtitles(const CampaignModel& model, const ExportTiming& timing, int first_frame,
                             int last_frame, bool webvtt) {
  std::string out = webvtt ? "WEBVTT\n\n" : "";
  int cue = 0;
  int n = first_frame;
  while (n <= last_frame) {
    const CampaignState s = model.state_at(timing.time_of_frame(n));
    const int month = s.month;
    int end = n;
    while (end + 1 <= last_frame && model.timeline().month_index(timing.time_of_frame(end + 1)) == month)
      ++end;
    if (!s.entries.empty()) {
      std::string text;
      for (const Entry* e : s.entries) {
        if (!text.empty()) text += "\n";
        text += e->headline_normalized;
        if (!e->gloss.empty()) text += "\n" + e->gloss;
      }
      out += std::to_string(++cue) + "\n";
      out += timestamp((n - first_frame) / timing.fps, webvtt) + " --> " +
             timestamp((end + 1 - first_frame) / timing.fps, webvtt) + "\n";
      out += text + "\n\n";
    }
    n = end + 1;
  }
  return out;
}

}  // namespace annals
