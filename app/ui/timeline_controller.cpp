#include "timeline_controller.h"

#include <algorithm>
#include <cmath>

#include "annals/model/calendar_error.h"
#include "annals/model/chronicle.h"

namespace annals {

namespace {
constexpr double kEpsilon = 1e-6;
}

TimelineController::TimelineController(const CampaignModel& model) : model_(model) {
  for (const Entry& e : model.chronicle().entries) entry_times_.push_back(model.time_of_entry(e));
  std::sort(entry_times_.begin(), entry_times_.end());
  entry_times_.erase(std::unique(entry_times_.begin(), entry_times_.end()), entry_times_.end());
  if (!entry_times_.empty()) t_ = entry_times_.front();
}

double TimelineController::end() const { return model_.timeline().end() - kEpsilon; }

int TimelineController::month() const { return model_.timeline().month_index(t_); }

void TimelineController::set_playing(bool on) {
  // Play from the start again once the end is reached.
  if (on && t_ >= end() - kEpsilon) t_ = start();
  playing_ = on;
}

void TimelineController::set_seconds_per_month(double s) { seconds_per_month_ = std::clamp(s, 0.25, 8.0); }

bool TimelineController::advance(double seconds) {
  if (!playing_ || seconds <= 0) return false;
  double t = t_ + seconds / seconds_per_month_;
  if (t >= end()) {
    if (loop) {
      t = start() + std::fmod(t - start(), end() - start());
    } else {
      t = end();
      playing_ = false;
    }
  }
  const bool changed = t != t_;
  t_ = t;
  return changed;
}

void TimelineController::seek(double t) { t_ = std::clamp(t, start(), end()); }

void TimelineController::step_month(int direction) {
  const double m = std::floor(t_ + kEpsilon);
  if (direction > 0)
    seek(m + 1);
  else
    seek(t_ - m > kEpsilon ? m : m - 1);
}

bool TimelineController::jump_to_year(int n) {
  // Year boundaries are the chronicle's (the first month of each lunar
  // year), not January's.
  const CampaignTimeline& tl = model_.timeline();
  int year = 1;
  for (int m = 0; m < tl.month_count(); ++m) {
    if (m > 0 && tl.starts_year(m)) ++year;
    if (year == n) {
      seek(m);
      return true;
    }
  }
  return false;
}

void TimelineController::step_entry(int direction) {
  if (entry_times_.empty()) return;
  if (direction > 0) {
    auto it = std::upper_bound(entry_times_.begin(), entry_times_.end(), t_ + kEpsilon);
    if (it != entry_times_.end()) seek(*it);
  } else {
    auto it = std::lower_bound(entry_times_.begin(), entry_times_.end(), t_ - kEpsilon);
    if (it != entry_times_.begin()) seek(*std::prev(it));
  }
}

bool TimelineController::jump(std::string_view text, std::string* error) {
  try {
    seek(model_.parse_time(text));
    return true;
  } catch (const CalendarError& e) {
    if (error) *error = e.what();
  } catch (const std::exception& e) {
    if (error) *error = e.what();
  }
  return false;
}

}  // namespace annals
