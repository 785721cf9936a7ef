#include "annals/export/export_plan.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "annals/model/campaign_state.h"
#include "annals/model/era_date.h"

namespace annals {

namespace {
// Times are sums of a few doubles: allow for their rounding when counting.
constexpr double kSlack = 1e-9;
}  // namespace

int ExportTiming::frame_count() const {
  const double frames = (to - from) * month_seconds * fps;
  if (!(frames > kSlack)) return 0;
  return static_cast<int>(std::ceil(frames - kSlack));
}

double ExportTiming::time_of_frame(int n) const { return from + (n - 1) / (fps * month_seconds); }

int ExportTiming::frame_at(double t) const {
  return 1 + static_cast<int>(std::floor((t - from) * fps * month_seconds + kSlack));
}

FrameRange parse_frame_range(std::string_view text, int frame_count) {
  auto parse_int = [&](std::string_view part) {
    int v = 0;
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || ec != std::errc() || p != part.data() + part.size())
      throw std::invalid_argument("'" + std::string(text) + "' is not a frame range such as 1-300");
    return v;
  };
  FrameRange r;
  const auto dash = text.find('-');
  r.first = parse_int(text.substr(0, dash));
  r.last = dash == std::string_view::npos ? r.first : parse_int(text.substr(dash + 1));
  if (r.first < 1 || r.last < r.first)
    throw std::invalid_argument("'" + std::string(text) +
                                "': frames are numbered from 1 and A-B needs A ≤ B");
  if (r.last > frame_count)
    throw std::invalid_argument("'" + std::string(text) + "' goes past the last frame: this export has " +
                                std::to_string(frame_count) + " frames");
  return r;
}

NameTemplate::NameTemplate(std::string text, std::string_view extension) : text_(std::move(text)) {
  auto bad = [&](const std::string& why) {
    return std::invalid_argument("template '" + text_ + "': " + why);
  };
  if (text_.find('/') != std::string::npos)
    throw bad("a file name, without folders (--out names the folder)");
  if (text_.size() < extension.size() ||
      text_.compare(text_.size() - extension.size(), extension.size(), extension) != 0)
    throw bad("must end in " + std::string(extension));
  int conversions = 0;
  std::string literal;
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] != '%') {
      literal += text_[i];
      continue;
    }
    if (i + 1 < text_.size() && text_[i + 1] == '%') {
      literal += '%';
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    bool zero = false;
    if (j < text_.size() && text_[j] == '0') zero = true, ++j;
    int width = 0;
    if (j < text_.size() && text_[j] >= '1' && text_[j] <= '9') width = text_[j++] - '0';
    if (j >= text_.size() || text_[j] != 'd') throw bad("the only conversion allowed is %d, e.g. %05d");
    if (++conversions > 1) throw bad("has more than one %d");
    prefix_ = literal;
    literal.clear();
    zero_pad_ = zero;
    width_ = width;
    i = j;
  }
  if (conversions == 0) throw bad("needs one %d for the frame number, e.g. frame_%05d.png");
  suffix_ = literal;
}

std::string NameTemplate::name(int frame) const {
  std::string digits = std::to_string(frame);
  if (static_cast<int>(digits.size()) < width_)
    digits.insert(0, static_cast<std::size_t>(width_) - digits.size(), zero_pad_ ? '0' : ' ');
  return prefix_ + digits + suffix_;
}

double parse_time_end(const CampaignModel& model, std::string_view text) {
  const double start = model.parse_time(text);
  const CampaignTimeline& tl = model.timeline();
  const bool iso = !text.empty() && (std::isdigit(static_cast<unsigned char>(text[0])) || text[0] == '-') &&
                   text.find('-', 1) != std::string_view::npos;
  if (!iso) {
    const EraDate d = parse_era_date(text);
    if (d.month == 0) {  // a year alone: to the end of its last month
      int m = tl.month_index(start);
      const int year = tl.month(m).year;
      while (m < tl.month_count() && tl.month(m).year == year) ++m;
      return m;
    }
    if (!d.day && !d.sexagenary) return std::min(tl.end(), std::floor(start + kSlack) + 1.0);
  }
  return tl.time_of_jdn(tl.jdn_of_time(start) + 1);
}

}  // namespace annals
