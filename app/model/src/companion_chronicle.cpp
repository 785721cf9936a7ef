#include "annals/model/companion_chronicle.h"

#include <algorithm>
#include <exception>
#include <system_error>
#include <utility>

#include "annals/geo/diagnostic.h"
#include "annals/model/calendar_error.h"
#include "annals/model/campaign_list.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/campaign_state.h"
#include "annals/model/chinese_numerals.h"
#include "annals/model/era_date.h"

namespace annals {

namespace fs = std::filesystem;

DatePrecision date_precision(const Entry& e) {
  if (e.date.month > 0) {
    if (e.date.day || e.date.first_jdn == e.date.last_jdn) return DatePrecision::Day;
    return DatePrecision::Month;
  }
  return e.date.season.empty() ? DatePrecision::Year : DatePrecision::Season;
}

std::string own_notation_date(const Entry& e) {
  EraDate d;
  d.era = e.date.era;
  d.era_year = e.date.year;
  d.month = e.date.month;
  d.leap = e.date.leap;
  d.day = e.date.day;
  if (d.month > 0 && d.day && e.date.first_jdn > 0) {
    // A day the chronicle names by the cycle ("冬十一月庚申", "丙寅") stays so
    // written; its stored day is the day of the month it resolved to.
    std::string cyclic = sexagenary_day(e.date.first_jdn);
    if (e.date.as_written.find(cyclic) != std::string::npos) {
      d.day.reset();
      d.sexagenary = std::move(cyclic);
    }
  }
  std::string s = format_era_date(d);
  if (d.month == 0) s += e.date.season;
  return s;
}

CompanionChronicle load_companion(const fs::path& dir) {
  const CampaignManifest m = load_campaign_manifest(dir);
  CompanionChronicle c;
  c.dir = dir;
  c.id = m.id;
  c.title_zh = m.title_zh;
  c.title_en = m.title_en;
  c.panel_title = !m.vocabulary.panel_title.empty() ? m.vocabulary.panel_title
                  : !m.title_zh.empty()             ? m.title_zh
                                                    : m.id;
  c.chronicle = Chronicle::load(m);
  c.dates.reserve(c.chronicle.entries.size());
  bool first = true;
  for (const Entry& e : c.chronicle.entries) {
    c.dates.push_back(own_notation_date(e));
    // An entry with no days (an unresolved date) takes no part in matching.
    if (e.date.first_jdn <= 0 || e.date.last_jdn < e.date.first_jdn) continue;
    c.first_jdn = first ? e.date.first_jdn : std::min(c.first_jdn, e.date.first_jdn);
    c.last_jdn = first ? e.date.last_jdn : std::max(c.last_jdn, e.date.last_jdn);
    first = false;
  }
  return c;
}

std::vector<CompanionEntry> companion_entries_between(const CompanionChronicle& c, std::int64_t first_jdn,
                                                      std::int64_t last_jdn) {
  std::vector<CompanionEntry> out;
  if (last_jdn < first_jdn) return out;
  for (std::size_t i = 0; i < c.chronicle.entries.size(); ++i) {
    const Entry& e = c.chronicle.entries[i];
    if (e.date.first_jdn <= 0 || e.date.last_jdn < e.date.first_jdn) continue;
    if (e.date.first_jdn > last_jdn || e.date.last_jdn < first_jdn) continue;
    out.push_back(
        {&e, i < c.dates.size() ? std::string_view(c.dates[i]) : std::string_view(), date_precision(e)});
  }
  return out;
}

std::vector<CompanionEntry> companion_entries_at(const CompanionChronicle& c,
                                                 const CampaignTimeline& timeline, double t) {
  if (timeline.month_count() == 0) return {};
  const LunarMonth& m = timeline.month(timeline.month_index(t));
  return companion_entries_between(c, m.first_jdn, m.last_jdn());
}

namespace {

// The same folder, however it is written (relative, with "..", a link).
fs::path folder_key(const fs::path& dir) {
  std::error_code ec;
  fs::path key = fs::weakly_canonical(dir, ec);
  if (ec) key = fs::absolute(dir, ec).lexically_normal();
  // No trailing separator: "a/b/" and "a/b" are one folder.
  if (!key.empty() && key.filename().empty()) key = key.parent_path();
  return key;
}

}  // namespace

Companions find_companions(const fs::path& open_dir, const std::string& open_id, std::int64_t first_jdn,
                           std::int64_t last_jdn, const std::vector<fs::path>& candidates) {
  Companions out;
  std::vector<fs::path> seen = {folder_key(open_dir)};
  for (const fs::path& dir : candidates) {
    const fs::path key = folder_key(dir);
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    try {
      CompanionChronicle c = load_companion(dir);
      if (c.id == open_id) continue;
      if (std::any_of(out.chronicles.begin(), out.chronicles.end(),
                      [&](const CompanionChronicle& o) { return o.id == c.id; }))
        continue;
      if (c.chronicle.entries.empty() || c.first_jdn > last_jdn || c.last_jdn < first_jdn) continue;
      out.chronicles.push_back(std::move(c));
    } catch (const DataError& e) {
      out.problems.push_back(e.diagnostic().format());
    } catch (const CalendarError& e) {
      out.problems.push_back((dir / "campaign.json").string() + ": " + e.what());
    } catch (const std::exception& e) {
      // Whatever else a damaged folder makes a reader throw (a file that
      // vanished, memory): the companion is skipped, the viewer goes on.
      out.problems.push_back(dir.string() + ": " + e.what());
    }
  }
  return out;
}

std::vector<fs::path> companion_candidates(const fs::path& open_dir, const fs::path& campaigns_dir) {
  std::vector<fs::path> out = campaign_dirs_in(campaigns_dir);
  fs::path parent = folder_key(open_dir).parent_path();
  if (!parent.empty())
    for (const fs::path& d : campaign_dirs_in(parent))
      if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
  return out;
}

}  // namespace annals
