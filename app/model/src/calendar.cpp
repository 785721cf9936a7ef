#include "annals/model/calendar.h"

#include <algorithm>
#include <array>
#include <set>

#include "annals/geo/diagnostic.h"
#include "calendar_csv.h"

namespace annals {

namespace {

constexpr std::array<std::string_view, 6> kPolities = {"song", "liao", "jin", "xia", "mongol", "yuan"};

// Polity prefixes as chronicles write them before an era name ("夏乾定").
struct Prefix {
  std::string_view text;
  std::string_view polity;
};
constexpr std::array<Prefix, 10> kPrefixes = {{{"西夏", "xia"},
                                               {"蒙古", "mongol"},
                                               {"大蒙古", "mongol"},
                                               {"宋", "song"},
                                               {"辽", "liao"},
                                               {"遼", "liao"},
                                               {"金", "jin"},
                                               {"夏", "xia"},
                                               {"元", "yuan"},
                                               {"大元", "yuan"}}};

std::string ordinal(int n) {
  const int tens = n % 100;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th"
                       : n % 10 == 1              ? "st"
                       : n % 10 == 2              ? "nd"
                       : n % 10 == 3              ? "rd"
                                                  : "th";
  return std::to_string(n) + suffix;
}

std::string reckoning_of(const EraReckoning& r, std::string_view polity) {
  auto it = r.find(std::string(polity));
  return it == r.end() ? std::string(kStandardReckoning) : it->second;
}

bool is_reckoning_name(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

// Whether an era row covers month m: started at or before it, not yet ended.
bool covers(const Era& e, const LunarMonth& m) {
  if (m.year < e.first_year || m.year > e.last_year) return false;
  return m.year > e.first_year || m.month >= e.first_month;
}

bool starts_later(const Era& a, const Era& b) {
  return a.first_year != b.first_year ? a.first_year > b.first_year : a.first_month > b.first_month;
}

[[noreturn]] void broken(CalendarTableRule rule, const std::string& file, const std::string& where,
                         const std::string& message) {
  throw CalendarTableError(rule, file, where, message);
}

void parse_months(std::string_view text, const std::string& file, std::vector<LunarMonth>& months) {
  const auto rows = calendar_csv::parse(text, file, "year,month,leap,first_jdn,days");
  months.reserve(rows.size());
  int leaps_this_year = 0;
  for (const auto& row : rows) {
    const std::string where = std::to_string(row.line);
    LunarMonth m;
    m.year = calendar_csv::to_int(file, row, 0, "year");
    m.month = calendar_csv::to_int(file, row, 1, "month");
    const int leap = calendar_csv::to_int(file, row, 2, "leap");
    m.first_jdn = calendar_csv::to_int(file, row, 3, "first_jdn");
    m.days = calendar_csv::to_int(file, row, 4, "days");
    if (m.month < 1 || m.month > 12)
      broken(CalendarTableRule::MonthNumber, file, where,
             "expected month 1 to 12, got " + std::to_string(m.month));
    if (leap != 0 && leap != 1)
      broken(CalendarTableRule::LeapFlag, file, where, "expected leap 0 or 1, got " + std::to_string(leap));
    m.leap = leap == 1;
    if (m.days != 29 && m.days != 30)
      broken(CalendarTableRule::MonthDays, file, where,
             "expected days 29 or 30, got " + std::to_string(m.days));

    if (months.empty()) {
      if (m.month != 1 || m.leap)
        broken(CalendarTableRule::StartsAtNewYear, file, where,
               "the table must start with a year's 正月 (month 1)");
    } else {
      const LunarMonth& prev = months.back();
      if (m.first_jdn != prev.first_jdn + prev.days)
        broken(CalendarTableRule::Contiguous, file, where,
               "month starts on JDN " + std::to_string(m.first_jdn) +
                   ", but the previous month ends on JDN " + std::to_string(prev.last_jdn()) +
                   " (months must follow each other without gaps)");
      const std::string order = "month " + std::to_string(m.year) + "/" + (m.leap ? "leap " : "") +
                                std::to_string(m.month) + " cannot follow " + std::to_string(prev.year) +
                                "/" + (prev.leap ? "leap " : "") + std::to_string(prev.month);
      if (m.leap) {
        // A leap month repeats the plain month before it: 闰五月 after 五月.
        if (!(m.year == prev.year && m.month == prev.month && !prev.leap))
          broken(CalendarTableRule::LeapFollowsMonth, file, where,
                 order + " (a leap month follows the plain month of the same number)");
      } else {
        const bool ok = m.month == 1 ? m.year == prev.year + 1 && prev.month == 12
                                     : m.year == prev.year && m.month == prev.month + 1;
        if (!ok) broken(CalendarTableRule::MonthOrder, file, where, order);
      }
      if (m.year != prev.year) leaps_this_year = 0;
    }
    if (m.leap && ++leaps_this_year > 1)
      broken(CalendarTableRule::OneLeapPerYear, file, where,
             "year " + std::to_string(m.year) + " has a second leap month");
    months.push_back(m);
  }
  if (months.empty()) broken(CalendarTableRule::NoMonths, file, "", "the table has no months");
  if (months.back().month != 12)
    broken(
        CalendarTableRule::EndsWithTwelfth, file, std::to_string(rows.back().line),
        "the table ends inside year " + std::to_string(months.back().year) + "; it must end with month 12");
}

void parse_eras(std::string_view text, const std::string& file, std::vector<Era>& eras) {
  const auto rows = calendar_csv::parse(
      text, file, "polity,era,pinyin,first_year,first_month,last_year,reckoning,source,note");
  std::map<std::string, int> first_line;  // polity|reckoning|name -> line, to report duplicates
  for (const auto& row : rows) {
    const std::string where = std::to_string(row.line);
    Era e;
    e.polity = row.cells[0];
    e.name = row.cells[1];
    e.pinyin = row.cells[2];
    e.first_year = calendar_csv::to_int(file, row, 3, "first_year");
    e.first_month = calendar_csv::to_int(file, row, 4, "first_month");
    e.last_year = calendar_csv::to_int(file, row, 5, "last_year");
    e.reckoning = row.cells[6];
    e.source = row.cells[7];
    e.note = row.cells[8];
    if (std::find(kPolities.begin(), kPolities.end(), e.polity) == kPolities.end())
      broken(CalendarTableRule::EraPolity, file, where,
             "unknown polity '" + e.polity + "' (expected song, liao, jin, xia, mongol or yuan)");
    if (e.name.empty()) broken(CalendarTableRule::EraName, file, where, "the era name is empty");
    if (e.first_month < 1 || e.first_month > 12)
      broken(CalendarTableRule::EraFirstMonth, file, where,
             "expected first_month 1 to 12, got " + std::to_string(e.first_month));
    if (e.last_year < e.first_year)
      broken(CalendarTableRule::EraYears, file, where,
             "last_year " + std::to_string(e.last_year) + " is before first_year " +
                 std::to_string(e.first_year));
    if (!is_reckoning_name(e.reckoning))
      broken(CalendarTableRule::EraReckoning, file, where,
             "expected a reckoning like 'standard' (a-z, 0-9, -), got '" + e.reckoning + "'");
    if (e.source.empty())
      broken(CalendarTableRule::EraSource, file, where,
             "era " + e.name + " has no source; every era needs one");
    const std::string key = e.polity + "|" + e.reckoning + "|" + e.name;
    if (auto [it, fresh] = first_line.emplace(key, row.line); !fresh)
      broken(CalendarTableRule::EraDuplicate, file, where,
             "duplicate era " + e.name + " for " + e.polity + " (" + e.reckoning + "); first on line " +
                 std::to_string(it->second));
    eras.push_back(std::move(e));
  }
}

}  // namespace

std::string polity_name_zh(std::string_view polity) {
  if (polity == "song") return "宋";
  if (polity == "liao") return "辽";
  if (polity == "jin") return "金";
  if (polity == "xia") return "夏";
  if (polity == "mongol") return "蒙古";
  if (polity == "yuan") return "元";
  return std::string(polity);
}

Calendar Calendar::load(const std::filesystem::path& dir) {
  const std::filesystem::path months = dir / "months.csv", eras = dir / "eras.csv";
  const std::string months_text = calendar_csv::read_file(months);
  const std::string eras_text = calendar_csv::read_file(eras);
  return parse(months_text, months.string(), eras_text, eras.string());
}

Calendar Calendar::parse(std::string_view months_csv, const std::string& months_file,
                         std::string_view eras_csv, const std::string& eras_file) {
  Calendar c;
  parse_months(months_csv, months_file, c.months_);
  parse_eras(eras_csv, eras_file, c.eras_);
  c.first_year_ = c.months_.front().year;
  c.last_year_ = c.months_.back().year;
  for (std::size_t i = 0; i < c.months_.size(); ++i)
    if (c.months_[i].month == 1 && !c.months_[i].leap) c.year_start_.push_back(i);
  c.year_start_.push_back(c.months_.size());
  for (std::size_t i = 0; i < c.eras_.size(); ++i) {
    c.eras_by_name_[c.eras_[i].name].push_back(i);
    c.eras_by_polity_[c.eras_[i].polity].push_back(i);
  }
  for (std::string_view polity : kPolities) {
    std::set<std::string> others;
    bool has_standard = false;
    for (const auto& e : c.eras_) {
      if (e.polity != polity) continue;
      if (e.reckoning == kStandardReckoning)
        has_standard = true;
      else
        others.insert(e.reckoning);
    }
    auto& list = c.reckonings_[std::string(polity)];
    if (has_standard) list.emplace_back(kStandardReckoning);
    list.insert(list.end(), others.begin(), others.end());
  }
  return c;
}

const LunarMonth* Calendar::month(int year, int month_number, bool leap) const {
  if (year < first_year_ || year > last_year_) return nullptr;
  const auto y = static_cast<std::size_t>(year - first_year_);
  for (std::size_t i = year_start_[y]; i < year_start_[y + 1]; ++i)
    if (months_[i].month == month_number && months_[i].leap == leap) return &months_[i];
  return nullptr;
}

const LunarMonth* Calendar::month_containing(std::int64_t jdn) const {
  auto it = std::upper_bound(months_.begin(), months_.end(), jdn,
                             [](std::int64_t day, const LunarMonth& m) { return day < m.first_jdn; });
  if (it == months_.begin()) return nullptr;
  --it;
  return jdn <= it->last_jdn() ? &*it : nullptr;
}

std::vector<const Era*> Calendar::find_eras(std::string_view name) const {
  std::vector<const Era*> out;
  if (auto it = eras_by_name_.find(std::string(name)); it != eras_by_name_.end()) {
    for (std::size_t i : it->second) out.push_back(&eras_[i]);
    return out;
  }
  for (const auto& p : kPrefixes) {
    if (name.size() <= p.text.size() || name.substr(0, p.text.size()) != p.text) continue;
    if (auto it = eras_by_name_.find(std::string(name.substr(p.text.size()))); it != eras_by_name_.end())
      for (std::size_t i : it->second)
        if (eras_[i].polity == p.polity) out.push_back(&eras_[i]);
    if (!out.empty()) break;
  }
  return out;
}

namespace {
// From the rows sharing a name, one per polity: the row of that polity's
// selected reckoning, else the only reckoning that has the name (standard
// first when several do).
std::vector<const Era*> one_per_polity(const std::vector<const Era*>& rows, const EraReckoning& r) {
  std::vector<const Era*> out;
  for (std::string_view polity : kPolities) {
    const Era* chosen = nullptr;
    const Era* standard = nullptr;
    const Era* other = nullptr;
    for (const Era* e : rows) {
      if (e->polity != polity) continue;
      if (e->reckoning == reckoning_of(r, polity)) chosen = e;
      if (e->reckoning == kStandardReckoning) standard = e;
      if (!other) other = e;
    }
    if (!chosen) chosen = standard ? standard : other;
    if (chosen) out.push_back(chosen);
  }
  return out;
}
}  // namespace

const Era* Calendar::find_era(std::string_view name, const EraReckoning& reckoning) const {
  const auto chosen = one_per_polity(find_eras(name), reckoning);
  return chosen.size() == 1 ? chosen.front() : nullptr;
}

std::vector<const Era*> Calendar::eras_in_force(int year) const {
  std::vector<const Era*> out;
  for (const auto& e : eras_)
    if (e.first_year <= year && year <= e.last_year) out.push_back(&e);
  return out;
}

std::vector<std::string> Calendar::reckonings(std::string_view polity) const {
  auto it = reckonings_.find(polity);
  return it == reckonings_.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> Calendar::polities() const {
  std::vector<std::string> out;
  for (std::string_view polity : kPolities)
    if (eras_by_polity_.find(polity) != eras_by_polity_.end()) out.emplace_back(polity);
  return out;
}

std::string Calendar::era_year_text(const Era& era, int era_year) {
  return era.name + chinese_era_year(era_year) + "年";
}

const Era& Calendar::resolve_era(const EraDate& d, const EraReckoning& r) const {
  if (d.era.empty()) throw CalendarError("'" + format_era_date(d) + "' names no era, so its year is unknown");
  const auto rows = find_eras(d.era);
  auto chosen = one_per_polity(rows, r);
  // A shared name is often settled by the year: 乾道五年 can only be the
  // Song 乾道, since the Xia one lasted two years.
  if (chosen.size() > 1 && d.era_year >= 1) {
    std::vector<const Era*> fitting;
    for (const Era* e : chosen)
      if (d.era_year <= e->last_year - e->first_year + 1) fitting.push_back(e);
    if (fitting.size() == 1) chosen = fitting;
  }
  if (chosen.empty())
    throw CalendarError("unknown era '" + d.era +
                        "': data/calendar/eras.csv lists the Song, Liao, Jin, Xia, Mongol and " +
                        "Yuan eras of 960-1368");
  if (chosen.size() > 1) {
    std::string list;
    for (const Era* e : chosen)
      list += (list.empty() ? "" : ", ") + polity_name_zh(e->polity) + e->name + " (" +
              std::to_string(e->first_year) + "-" + std::to_string(e->last_year) + ")";
    throw CalendarError("'" + d.era + "' is an era of several states: " + list +
                        "; put the state's name in front, e.g. " + polity_name_zh(chosen.front()->polity) +
                        d.era);
  }
  return *chosen.front();
}

int Calendar::chinese_year(const EraDate& d, const EraReckoning& r) const {
  const Era& era = resolve_era(d, r);
  if (d.era_year < 1) throw CalendarError("'" + format_era_date(d) + "' has no era year (元年 is the first)");
  const int length = era.last_year - era.first_year + 1;
  if (d.era_year > length)
    throw CalendarError(era.name + " ends in its " + ordinal(length) + " year (" +
                        std::to_string(era.last_year) + ") in the " + era.reckoning + " reckoning; " +
                        era_year_text(era, d.era_year) + " does not exist");
  return era.first_year + d.era_year - 1;
}

std::string Calendar::describe_leap(int year, const Era& era) const {
  auto year_text = [&](int y) {
    if (y >= era.first_year && y <= era.last_year) return era_year_text(era, y - era.first_year + 1);
    return "the Chinese year " + std::to_string(y);
  };
  auto leap_of = [&](int y) -> const LunarMonth* {
    if (y < first_year_ || y > last_year_) return nullptr;
    const auto i = static_cast<std::size_t>(y - first_year_);
    for (std::size_t k = year_start_[i]; k < year_start_[i + 1]; ++k)
      if (months_[k].leap) return &months_[k];
    return nullptr;
  };
  if (const LunarMonth* own = leap_of(year))
    return year_text(year) + " has " + chinese_month_name(own->month, true) + " and no other leap month";
  std::string text = year_text(year) + " has no leap month";
  // Leap months come every two or three years; the nearest one tells the
  // reader which year they may have meant.
  for (int distance = 1; distance <= 3; ++distance)
    for (int y : {year - distance, year + distance})
      if (const LunarMonth* m = leap_of(y))
        return text + "; " + year_text(y) + " (" + std::to_string(y) + ") has " +
               chinese_month_name(m->month, true);
  return text;
}

LunarMonth Calendar::resolve_month(const EraDate& d, const EraReckoning& r) const {
  const Era& era = resolve_era(d, r);
  const int year = chinese_year(d, r);
  const std::string year_text = era_year_text(era, d.era_year);
  if (d.month < 1 || d.month > 12) throw CalendarError("'" + format_era_date(d) + "' names no month");
  if (year < first_year_ || year > last_year_)
    throw CalendarError(year_text + " (" + std::to_string(year) +
                        ") is outside the month tables, which cover the " + "Chinese years " +
                        std::to_string(first_year_) + "-" + std::to_string(last_year_));
  if (const LunarMonth* m = month(year, d.month, d.leap)) return *m;
  throw CalendarError(describe_leap(year, era));
}

std::int64_t Calendar::resolve_day(const EraDate& d, const EraReckoning& r) const {
  const LunarMonth m = resolve_month(d, r);
  EraDate month_only = d;
  month_only.day.reset();
  month_only.sexagenary.reset();
  const std::string month_text = format_era_date(month_only);
  std::int64_t jdn = 0;
  if (d.day) {
    if (*d.day < 1 || *d.day > m.days)
      throw CalendarError(month_text + " has " + std::to_string(m.days) + " days, not " +
                          std::to_string(*d.day));
    jdn = m.first_jdn + *d.day - 1;
    if (d.sexagenary && sexagenary_day(jdn) != *d.sexagenary)
      throw CalendarError(month_text + chinese_number(*d.day) + "日 is a " + sexagenary_day(jdn) +
                          " day, not " + *d.sexagenary);
  } else if (d.sexagenary) {
    const auto wanted = sexagenary_index(*d.sexagenary);
    if (!wanted) throw CalendarError("'" + *d.sexagenary + "' is not a sexagenary (干支) day");
    const int offset = ((*wanted - sexagenary_index_of_day(m.first_jdn)) % 60 + 60) % 60;
    if (offset >= m.days)
      throw CalendarError(month_text + " has no " + *d.sexagenary + " day: its days run from " +
                          sexagenary_day(m.first_jdn) + " (一日) to " + sexagenary_day(m.last_jdn()) + " (" +
                          chinese_number(m.days) + "日)");
    jdn = m.first_jdn + offset;
  } else {
    throw CalendarError("'" + month_text + "' names no day: add a day number (十二日) or a 干支 day (己丑)");
  }
  return jdn;
}

const Era* Calendar::era_day_for(const std::string& polity, const std::string& reckoning, const LunarMonth& m,
                                 bool only_that_reckoning) const {
  auto rows = eras_by_polity_.find(polity);
  if (rows == eras_by_polity_.end()) return nullptr;
  const Era* best = nullptr;
  for (std::size_t i : rows->second) {
    const Era& e = eras_[i];
    if (e.reckoning == reckoning && covers(e, m) && (!best || starts_later(e, *best))) best = &e;
  }
  if (best || only_that_reckoning || reckoning == kStandardReckoning) return best;
  // The selected reckoning has no era this month: the standard rows stand in,
  // except those it redefines (the standard 乾定 under xixia-shushi).
  auto redefined = [&](const Era& e) {
    for (std::size_t i : eras_by_name_.at(e.name))
      if (eras_[i].polity == polity && eras_[i].reckoning == reckoning) return true;
    return false;
  };
  for (std::size_t i : rows->second) {
    const Era& e = eras_[i];
    if (e.reckoning != kStandardReckoning || !covers(e, m) || redefined(e)) continue;
    if (!best || starts_later(e, *best)) best = &e;
  }
  return best;
}

std::vector<EraDay> Calendar::era_days(std::int64_t jdn, const EraReckoning& r, bool all_reckonings) const {
  std::vector<EraDay> out;
  const LunarMonth* m = month_containing(jdn);
  if (!m) return out;
  auto make = [&](const Era* era) {
    EraDay d;
    d.era = era;
    d.date.era = era->name;
    d.date.era_year = m->year - era->first_year + 1;
    d.date.month = m->month;
    d.date.leap = m->leap;
    d.date.day = static_cast<int>(jdn - m->first_jdn + 1);
    d.date.sexagenary = sexagenary_day(jdn);
    return d;
  };
  for (std::string_view p : kPolities) {
    const std::string polity(p);
    const std::string selected = reckoning_of(r, polity);
    const Era* main = era_day_for(polity, selected, *m, false);
    std::string main_text;
    if (main) {
      out.push_back(make(main));
      main_text = format_era_date(out.back().date);
    }
    if (!all_reckonings) continue;
    auto known = reckonings_.find(polity);
    if (known == reckonings_.end()) continue;
    for (const auto& other : known->second) {
      if (other == selected) continue;
      const Era* alt = era_day_for(polity, other, *m, other != kStandardReckoning);
      if (!alt) continue;
      const EraDay d = make(alt);
      if (format_era_date(d.date) != main_text) out.push_back(d);
    }
  }
  return out;
}

}  // namespace annals
