#include "annals/export/frame_sinks.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iterator>

#include "annals/geo/diagnostic.h"
#include "annals/geo/trace.h"

extern char** environ;

namespace annals {

namespace fs = std::filesystem;

// --- PNG sequence -------------------------------------------------------------

PngSequenceSink::PngSequenceSink(fs::path folder, NameTemplate names, int threads, int compression_level)
    : folder_(std::move(folder)), names_(std::move(names)), level_(compression_level) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // Frames in memory: one per encoder, one waiting for the first encoder to
  // finish, and the one being read back (8 MB each at 1080p, 33 MB at 4K).
  // Without the waiting frame the encoders idle while a frame is read back:
  // 22 frames/s instead of 25.6 at 1080p on two cores, for 8 MB less.
  for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

PngSequenceSink::~PngSequenceSink() {
  if (!workers_.empty()) cancel();
}

void PngSequenceSink::rethrow_locked() {
  if (error_) std::rethrow_exception(error_);
}

void PngSequenceSink::wait_for_space() {
  std::unique_lock lock(mutex_);
  space_.wait(lock, [&] { return has_space_locked(); });
  rethrow_locked();
}

void PngSequenceSink::accept(int n, FramePtr frame) {
  std::unique_lock lock(mutex_);
  space_.wait(lock, [&] { return has_space_locked(); });
  rethrow_locked();
  queue_.emplace_back(n, std::move(frame));
  ready_.notify_one();
}

void PngSequenceSink::work() {
  for (;;) {
    std::pair<int, FramePtr> job;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      ++busy_;
    }
    std::exception_ptr failed;
    try {
      write_png(folder_ / names_.name(job.first), *job.second, level_, /*durable=*/false);
      ++written_;
    } catch (...) {
      failed = std::current_exception();
    }
    job.second.reset();  // the buffer goes back to the exporter's pool first
    std::lock_guard lock(mutex_);
    --busy_;
    if (failed && !error_) {
      error_ = failed;
      queue_.clear();  // the export stops at its first failed write
    }
    space_.notify_all();
  }
}

void PngSequenceSink::finish() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  ready_.notify_all();
  for (auto& w : workers_) w.join();
  workers_.clear();
  std::lock_guard lock(mutex_);
  rethrow_locked();
}

void PngSequenceSink::cancel() {
  {
    std::lock_guard lock(mutex_);
    queue_.clear();
    closing_ = true;
  }
  ready_.notify_all();
  space_.notify_all();
  // Frames being encoded finish (each is written whole or not at all).
  for (auto& w : workers_) w.join();
  workers_.clear();
}

// --- video through ffmpeg ---------------------------------------------------------

VideoSink::Container VideoSink::container_of(const fs::path& target) {
  std::string ext = target.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".mp4") return Container::Mp4;
  if (ext == ".webm") return Container::Webm;
  if (ext == ".gif") return Container::Gif;
  throw ExportError(target.string() +
                    ": the video's container comes from its extension: .mp4 (H.264), "
                    ".webm (VP9) or .gif");
}

std::vector<std::string> VideoSink::codec_arguments(Container c) {
  switch (c) {
    case Container::Mp4:
      // ultrafast keeps ffmpeg ahead of the renderer on two cores; crf 20 keeps
      // thin rivers and small type clean.
      return {"-c:v",     "libx264", "-preset",   "ultrafast",  "-crf", "20",
              "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f",   "mp4"};
    case Container::Webm:
      return {"-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8",       "-row-mt", "1",
              "-crf", "32",         "-b:v",      "0",        "-pix_fmt",  "yuv420p", "-f",      "webm"};
    case Container::Gif:
      // One palette made from all the frames (a map's colours barely change),
      // ordered dithering so still areas do not shimmer.
      return {"-filter_complex",
              "[0:v]split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=bayer:bayer_scale=4",
              "-loop",
              "0",
              "-f",
              "gif"};
  }
  return {};
}

VideoSink::VideoSink(fs::path target, int width, int height, double fps, std::string ffmpeg)
    : target_(std::move(target)), width_(width), height_(height) {
  const Container container = container_of(target_);
  if (container != Container::Gif && (width % 2 != 0 || height % 2 != 0))
    throw ExportError(target_.string() + ": H.264 and VP9 in yuv420p need even sides; " +
                      std::to_string(width) + "x" + std::to_string(height) + " is odd, use --size " +
                      std::to_string(width + width % 2) + "x" + std::to_string(height + height % 2));
  const fs::path folder = target_.parent_path().empty() ? fs::path(".") : target_.parent_path();
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw DataError(target_.string(), "",
                    "cannot write the video: the folder " + folder.string() + " does not exist");
  // ffmpeg writes beside the target under a temporary name: a reader never
  // sees a half-made video, and creating it here proves the folder writable.
  std::string name = "." + target_.filename().string() + ".tmp-XXXXXX";
  std::string tmpl = (folder / name).string();
  const int probe = ::mkstemp(tmpl.data());
  if (probe < 0)
    throw DataError(target_.string(), "", std::string("cannot write the video: ") + std::strerror(errno));
  ::close(probe);
  temporary_ = tmpl;
  std::string log_tmpl = (fs::temp_directory_path() / "annals-ffmpeg-XXXXXX").string();
  const int log_fd = ::mkstemp(log_tmpl.data());
  if (log_fd < 0) {
    fs::remove(temporary_, ec);
    throw ExportError(std::string("cannot create a file for ffmpeg's messages: ") + std::strerror(errno));
  }
  log_ = log_tmpl;

  // A dead ffmpeg must show up as a failed write (EPIPE), not kill us.
  std::signal(SIGPIPE, SIG_IGN);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    ::close(log_fd);
    throw ExportError(std::string("cannot make a pipe to ffmpeg: ") + std::strerror(errno));
  }
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.6g", fps);
  std::vector<std::string> args = {
      ffmpeg,       "-hide_banner", "-loglevel", "error",
      "-nostdin",   "-y",           "-f",        "rawvideo",
      "-pix_fmt",   "rgba",         "-s",        std::to_string(width) + "x" + std::to_string(height),
      "-framerate", rate,           "-i",        "pipe:0"};
  for (auto& a : codec_arguments(container)) args.push_back(a);
  args.push_back(temporary_.string());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[0], 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, log_fd, 2);
  pid_t child = -1;
  const int rc = ::posix_spawnp(&child, argv[0], &actions, nullptr, argv.data(), environ);
  pid_ = child;
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[0]);
  ::close(log_fd);
  if (rc != 0) {
    ::close(fds[1]);
    pid_ = -1;
    fs::remove(temporary_, ec);
    fs::remove(log_, ec);
    if (rc == ENOENT)
      throw ExportError(
          "cannot run '" + ffmpeg +
          "': it is not installed. Video export needs ffmpeg: apt-get install ffmpeg (Debian package "
          "'ffmpeg')");
    throw ExportError("cannot run '" + ffmpeg + "': " + std::strerror(rc));
  }
  pipe_ = fds[1];
  writer_ = std::thread([this] { work(); });
}

VideoSink::~VideoSink() {
  if (writer_.joinable() || pid_ > 0) cancel();
}

std::string VideoSink::ffmpeg_messages() const {
  std::ifstream in(log_);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  if (text.size() > 600) text = "…" + text.substr(text.size() - 600);
  return text.empty() ? "(it printed nothing)" : text;
}

void VideoSink::accept(int, FramePtr frame) {
  if (frame->width != width_ || frame->height != height_)
    throw ExportError("a frame of another size than the video's");
  std::unique_lock lock(mutex_);
  space_.wait(lock, [&] { return queue_.empty() || error_; });
  if (error_) std::rethrow_exception(error_);
  queue_.push_back(std::move(frame));
  ready_.notify_one();
}

void VideoSink::wait_for_space() {
  // One frame waits while the writer pipes another: ffmpeg buffers its own
  // input, and each frame more held here is 8 MB at 1080p.
  std::unique_lock lock(mutex_);
  space_.wait(lock, [&] { return queue_.empty() || error_; });
  if (error_) std::rethrow_exception(error_);
}

void VideoSink::work() {
  for (;;) {
    FramePtr frame;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;
      frame = std::move(queue_.front());
      queue_.pop_front();
      space_.notify_one();
    }
    const auto* p = reinterpret_cast<const char*>(frame->rgba.data());
    std::size_t left = frame->rgba.size();
    while (left > 0) {
      const ssize_t n = ::write(pipe_, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        // ffmpeg closed its end: it is exiting. Wait for it, so its last
        // words are in the log and its status is known.
        std::string how = "stopped";
        int status = 0;
        if (const pid_t child = pid_.exchange(-1); child > 0 && ::waitpid(child, &status, 0) == child) {
          how = WIFEXITED(status) ? "exited with status " + std::to_string(WEXITSTATUS(status))
                                  : "was killed by signal " + std::to_string(WTERMSIG(status));
        }
        std::lock_guard lock(mutex_);
        if (!error_)
          error_ = std::make_exception_ptr(ExportError("ffmpeg " + how + " after taking " +
                                                       std::to_string(written_.load()) +
                                                       " frames: " + ffmpeg_messages()));
        queue_.clear();
        space_.notify_all();
        return;
      }
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    ++written_;
  }
}

void VideoSink::stop_process(bool kill) {
  if (pipe_ >= 0) ::close(pipe_), pipe_ = -1;
  if (const pid_t child = pid_.exchange(-1); child > 0) {
    if (kill) ::kill(child, SIGKILL);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (!kill && !error_ && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
      const std::string how = WIFEXITED(status) ? "exited with status " + std::to_string(WEXITSTATUS(status))
                                                : "was killed by signal " + std::to_string(WTERMSIG(status));
      error_ = std::make_exception_ptr(ExportError("ffmpeg " + how + ": " + ffmpeg_messages()));
    }
  }
}

void VideoSink::finish() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  ready_.notify_all();
  if (writer_.joinable()) writer_.join();
  stop_process(/*kill=*/error_ != nullptr);
  std::error_code ec;
  if (error_) {
    fs::remove(temporary_, ec);
    fs::remove(log_, ec);
    std::rethrow_exception(error_);
  }
  fs::remove(log_, ec);
  fs::rename(temporary_, target_, ec);
  trace("a file written");
  if (ec) {
    fs::remove(temporary_, ec);
    throw DataError(target_.string(), "", "cannot move the finished video into place: " + ec.message());
  }
}

void VideoSink::cancel() {
  {
    std::lock_guard lock(mutex_);
    queue_.clear();
    closing_ = true;
  }
  ready_.notify_all();
  space_.notify_all();
  // Killing ffmpeg first unblocks a writer waiting on a full pipe.
  if (const pid_t child = pid_.load(); child > 0) ::kill(child, SIGKILL);
  if (writer_.joinable()) writer_.join();
  stop_process(/*kill=*/true);
  std::error_code ec;
  fs::remove(temporary_, ec);
  fs::remove(log_, ec);
}

}  // namespace annals
