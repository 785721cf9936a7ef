// Where exported frames go: one strategy per kind of output, each taking
// frames in order and wrapping up at the end. A PNG sequence encodes on worker
// threads (encoding, not rendering, is what an export waits for); a video
// feeds raw frames to an ffmpeg process on a pipe. Both keep at most a few
// frames in memory, however long the export.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "annals/export/export_plan.h"
#include "annals/render/image.h"

namespace annals {

// Frames in flight are shared: the PNG and video sinks may both hold one.
using FramePtr = std::shared_ptr<const Image>;

class FrameSink {
 public:
  virtual ~FrameSink() = default;
  // Takes frame n (frames arrive in increasing order). Blocks while the
  // sink's queue is full. Throws the first error a worker met (DataError for
  // an unwritable file or a full disk, ExportError for ffmpeg).
  virtual void accept(int n, FramePtr frame) = 0;
  // Blocks until accept would not: called before a frame is read back, so a
  // frame is copied out of the GL target only into a buffer a finished
  // encoder gave back. Throws as accept does.
  virtual void wait_for_space() = 0;
  // Waits for every frame taken to be written, then completes the output.
  // Throws as accept does.
  virtual void finish() = 0;
  // Stops at once: frames finished stay, nothing half-written is left.
  virtual void cancel() = 0;
  // Frames completely written so far.
  virtual int frames_written() const = 0;
};

// Something went wrong outside Annals' own data: ffmpeg missing or failing.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// PNG files named by a template in a folder, each written atomically.
class PngSequenceSink final : public FrameSink {
 public:
  // threads: encoders (0: one per core).
  PngSequenceSink(std::filesystem::path folder, NameTemplate names, int threads = 0,
                  int compression_level = 1);
  ~PngSequenceSink() override;
  void accept(int n, FramePtr frame) override;
  void wait_for_space() override;
  void finish() override;
  void cancel() override;
  int frames_written() const override { return written_.load(); }

 private:
  void work();
  void rethrow_locked();
  bool has_space_locked() const { return queue_.size() + busy_ <= workers_.size() || error_; }

  std::filesystem::path folder_;
  NameTemplate names_;
  int level_;
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<std::pair<int, FramePtr>> queue_;
  std::size_t busy_ = 0;  // workers encoding a frame
  bool closing_ = false;
  std::exception_ptr error_;
  std::atomic<int> written_{0};
  std::vector<std::thread> workers_;
};

// A video through ffmpeg: .mp4 (H.264, yuv420p, +faststart), .webm (VP9) or
// .gif (palette made from the frames). ffmpeg writes a temporary file beside
// the target, renamed over it once ffmpeg has finished well.
class VideoSink final : public FrameSink {
 public:
  enum class Container { Mp4, Webm, Gif };
  // Throws ExportError for an unknown extension, an odd size where the codec
  // needs even sides (naming the nearest even size), or an ffmpeg that cannot
  // be started (naming the Debian package). `ffmpeg` is the program to run.
  VideoSink(std::filesystem::path target, int width, int height, double fps, std::string ffmpeg = "ffmpeg");
  ~VideoSink() override;
  void accept(int n, FramePtr frame) override;
  void wait_for_space() override;
  void finish() override;
  void cancel() override;
  int frames_written() const override { return written_.load(); }

  static Container container_of(const std::filesystem::path& target);  // throws ExportError
  // The ffmpeg arguments after the input, for tests and docs.
  static std::vector<std::string> codec_arguments(Container c);

 private:
  void work();
  std::string ffmpeg_messages() const;  // the tail of what ffmpeg wrote to stderr
  void stop_process(bool kill);

  std::filesystem::path target_, temporary_, log_;
  int width_, height_;
  std::atomic<pid_t> pid_{-1};  // the writer reaps a dying ffmpeg; never kill(-1)
  int pipe_ = -1;
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<FramePtr> queue_;
  bool closing_ = false;
  std::exception_ptr error_;
  std::atomic<int> written_{0};
  std::thread writer_;
};

}  // namespace annals
