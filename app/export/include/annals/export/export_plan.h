// What an export is before any pixel is drawn: which frames, at which
// campaign times, under which file names. Pure arithmetic over the campaign's
// timeline, so every process of a split export (--frames) agrees on it.
#pragma once

#include <string>
#include <string_view>

namespace annals {

class CampaignModel;

// Frame n (numbered from 1, as the files are) shows campaign time
//   t(n) = from + (n - 1) / (fps × month_seconds),
// for every n with t(n) < to: a month of the chronicle lasts month_seconds of
// video whatever its length in days.
struct ExportTiming {
  double fps = 30;
  double month_seconds = 2;
  double from = 0, to = 0;  // campaign time, [from, to)

  int frame_count() const;
  double time_of_frame(int n) const;
  // The frame showing time t (the last whose time is ≤ t), 1-based.
  int frame_at(double t) const;
};

// An inclusive range of frame numbers, "A-B" on the command line.
struct FrameRange {
  int first = 1, last = 0;
  int count() const { return last - first + 1; }
};
// Parses "A-B" (or "A" for one frame) against a timeline of `frame_count`
// frames; throws std::invalid_argument saying what is wrong.
FrameRange parse_frame_range(std::string_view text, int frame_count);

// A file-name template with one integer conversion ("frame_%05d.png"):
// checked once, then applied to each frame number.
class NameTemplate {
 public:
  // Throws std::invalid_argument unless the template has exactly one %d
  // (with an optional zero flag and width below 10), no other conversion
  // but %%, no folder separators, and ends in `extension`.
  NameTemplate(std::string text, std::string_view extension = ".png");
  std::string name(int frame) const;
  const std::string& text() const { return text_; }

 private:
  std::string text_, prefix_, suffix_;
  int width_ = 0;
  bool zero_pad_ = false;
};

// The end of what a user typed as --to: the period it names included — a
// month alone runs to the start of the next month, a day to the next day.
// Throws CalendarError as CampaignModel::parse_time does.
double parse_time_end(const CampaignModel& model, std::string_view text);

}  // namespace annals
