// The campaign's months as a continuous time axis.
#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "annals/model/calendar.h"
#include "annals/model/campaign_state.h"
#include "annals/model/chinese_numerals.h"
#include "annals/model/julian_day.h"

namespace annals {

namespace {

constexpr std::array<const char*, 12> kJulianMonths = {"January",   "February", "March",    "April",
                                                       "May",       "June",     "July",     "August",
                                                       "September", "October",  "November", "December"};

}  // namespace

CampaignTimeline::CampaignTimeline(std::vector<LunarMonth> months, EraReckoning reckoning,
                                   const Calendar* calendar, std::string label_polity)
    : months_(std::move(months)), reckoning_(std::move(reckoning)), calendar_(calendar) {
  labels_chinese_.reserve(months_.size());
  labels_julian_.reserve(months_.size());
  for (const LunarMonth& m : months_) {
    // The label polity's era names the month, as the chronicle's headlines
    // date; a month with no era of it in force falls back to the first polity
    // that has one, then to the bare Chinese year.
    std::string year_text;
    if (calendar_) {
      const std::vector<EraDay> days = calendar_->era_days(m.first_jdn, reckoning_);
      const EraDay* chosen = nullptr;
      for (const EraDay& d : days)
        if (d.era->polity == label_polity) {
          chosen = &d;
          break;
        }
      if (!chosen && !days.empty()) chosen = &days.front();
      if (chosen) year_text = Calendar::era_year_text(*chosen->era, chosen->date.era_year);
    }
    if (year_text.empty()) year_text = std::to_string(m.year) + "年";
    labels_chinese_.push_back(year_text + chinese_month_name(m.month, m.leap));
    // The 15th day stands for the month: a lunar month straddles two Julian
    // months, and its middle says which one it mostly is.
    const CivilDate mid = julian_from_jdn(m.first_jdn + 14);
    labels_julian_.push_back(std::string(kJulianMonths.at(static_cast<std::size_t>(mid.month - 1))) + " " +
                             std::to_string(mid.year));
  }
}

int CampaignTimeline::month_containing(std::int64_t jdn) const {
  // Months are contiguous and sorted, so the last one starting on or before
  // the day holds it unless the day is past the axis.
  auto it = std::upper_bound(months_.begin(), months_.end(), jdn,
                             [](std::int64_t day, const LunarMonth& m) { return day < m.first_jdn; });
  if (it == months_.begin()) return -1;
  --it;
  if (jdn > it->last_jdn()) return -1;
  return static_cast<int>(it - months_.begin());
}

double CampaignTimeline::time_of_jdn(std::int64_t jdn) const {
  if (months_.empty() || jdn < months_.front().first_jdn) return start();
  if (jdn > months_.back().last_jdn()) return end();
  const int i = month_containing(jdn);
  const LunarMonth& m = months_[static_cast<std::size_t>(i)];
  return i + static_cast<double>(jdn - m.first_jdn) / m.days;
}

int CampaignTimeline::month_index(double t) const {
  if (months_.empty()) return 0;
  if (!(t >= 0)) return 0;  // negative or NaN
  const double f = std::floor(t);
  if (f >= month_count()) return month_count() - 1;
  return static_cast<int>(f);
}

std::int64_t CampaignTimeline::jdn_of_time(double t) const {
  if (months_.empty()) return 0;
  const int i = month_index(t);
  const LunarMonth& m = months_[static_cast<std::size_t>(i)];
  const double frac = std::clamp(t - i, 0.0, 1.0);
  // The small bias makes jdn_of_time(time_of_jdn(d)) == d although d/days
  // is not exact in binary.
  const auto day = static_cast<std::int64_t>(std::floor(frac * m.days + 1e-9));
  return m.first_jdn + std::clamp<std::int64_t>(day, 0, m.days - 1);
}

std::string CampaignTimeline::label_chinese(int index) const {
  if (index < 0 || index >= month_count()) return {};
  return labels_chinese_[static_cast<std::size_t>(index)];
}

std::string CampaignTimeline::label_julian(int index) const {
  if (index < 0 || index >= month_count()) return {};
  return labels_julian_[static_cast<std::size_t>(index)];
}

bool CampaignTimeline::starts_year(int index) const {
  if (index < 0 || index >= month_count()) return false;
  if (index == 0) return true;
  return months_[static_cast<std::size_t>(index)].year != months_[static_cast<std::size_t>(index - 1)].year;
}

}  // namespace annals
