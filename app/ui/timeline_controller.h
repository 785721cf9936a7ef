// The timeline as a controller: where we are in the campaign, whether it
// plays and how fast, and the moves a presenter makes (step a month, step an
// entry, jump). The timeline panel draws it and the keys drive it; neither
// owns the time. No ImGui, no SDL: unit-tested on its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "annals/model/campaign_state.h"

namespace annals {

class TimelineController {
 public:
  explicit TimelineController(const CampaignModel& model);

  double t() const { return t_; }
  double start() const { return 0.0; }
  double end() const;  // the last instant of the last month
  int month() const;

  bool playing() const { return playing_; }
  void set_playing(bool on);
  void toggle_play() { set_playing(!playing_); }
  bool loop = false;

  // Seconds of playback per lunar month, 0.25 to 8.
  double seconds_per_month() const { return seconds_per_month_; }
  void set_seconds_per_month(double s);

  // Moves time on by `seconds` of playback; stops (or loops) at the end.
  // Returns true if t changed.
  bool advance(double seconds);

  void seek(double t);             // clamped to [start, end]
  void step_month(int direction);  // to the start of the next (+1) or current/previous (-1) month
  void step_entry(int direction);  // to the next or previous chronicle entry's month
  void home() { seek(start()); }
  // To the first month of the campaign's `n`th year (1 for the first year
  // the timeline shows); false if it has fewer years.
  bool jump_to_year(int n);
  void go_end() { seek(end()); }
  // An era date or a Julian date; returns false and sets `error` if it cannot.
  bool jump(std::string_view text, std::string* error);

  // Times of the entries (start of their months), sorted and unique.
  const std::vector<double>& entry_times() const { return entry_times_; }

 private:
  const CampaignModel& model_;
  std::vector<double> entry_times_;
  double t_ = 0;
  bool playing_ = false;
  double seconds_per_month_ = 2.0;
};

}  // namespace annals
