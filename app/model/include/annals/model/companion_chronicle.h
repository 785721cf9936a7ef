// Other chronicles beside the open one: campaigns whose entries cover some
// of the same days, read entries-only (campaign.json for their titles,
// entries.json with the glosses curation.json gave), so that the chronicle
// panel can show, for the month on screen, what the other chronicle says of it.
//
// The two chronicles keep their own calendars (era names, reckonings, leap
// months); they are compared only by Julian day numbers, the days an entry
// covers (EntryDate::first_jdn..last_jdn) against the days of the open
// campaign's lunar month. Pure: no SDL, no OpenGL, no threads; the viewer
// runs find_companions on a worker when the panel first needs it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "annals/model/chronicle.h"

namespace annals {

class CampaignTimeline;

// How precisely an entry is dated: to a day, a month, a season (春夏秋冬
// without a month) or only a year (是岁, or an era year alone).
enum class DatePrecision { Day, Month, Season, Year };

// An entry's date in its own chronicle's notation, from its parsed date:
// "宝庆二年六月", "太祖二十一年十一月庚申", "太祖二十二年闰五月", "太祖二十一年夏",
// "太祖二十一年" (a year alone). The era is the one in force for the entry
// even where its headline leaves it unwritten.
std::string own_notation_date(const Entry& entry);
DatePrecision date_precision(const Entry& entry);

// One other chronicle, read entries-only.
struct CompanionChronicle {
  std::filesystem::path dir;
  std::string id;
  std::string panel_title;  // campaign.json panel_title, else title.zh
  std::string title_zh, title_en;
  Chronicle chronicle;                       // its entries.json
  std::vector<std::string> dates;            // own_notation_date of each entry, made once
  std::int64_t first_jdn = 0, last_jdn = 0;  // the days its entries cover (0, 0 when none)
};

// Reads dir/campaign.json and the entries.json it names, nothing else.
// Throws DataError (path:line: message) as the loaders do.
CompanionChronicle load_companion(const std::filesystem::path& dir);

// An entry of a companion that overlaps the days asked about.
struct CompanionEntry {
  const Entry* entry = nullptr;
  std::string_view date;  // own_notation_date, kept by the CompanionChronicle
  DatePrecision precision = DatePrecision::Month;
};

// The companion's entries that share at least one day with
// [first_jdn, last_jdn] (inclusive), in the companion's order. A season or
// year entry is listed in every month it overlaps.
std::vector<CompanionEntry> companion_entries_between(const CompanionChronicle& companion,
                                                      std::int64_t first_jdn, std::int64_t last_jdn);
// The same for the open campaign's month holding time t (its timeline).
std::vector<CompanionEntry> companion_entries_at(const CompanionChronicle& companion,
                                                 const CampaignTimeline& timeline, double t);

struct Companions {
  std::vector<CompanionChronicle> chronicles;  // those that overlap, in the order of the candidates
  // One line per candidate that could not be read ("path:line: message"):
  // it is skipped, the others and the open campaign are unaffected.
  std::vector<std::string> problems;
};

// Chooses and reads the companions of the open campaign among `candidates`
// (campaign folders): each one whose entries cover at least one day of
// [first_jdn, last_jdn] (the open campaign's timeline). The open campaign's
// own folder is skipped before anything is read (it is loaded once per
// process, by its own loader), as are folders seen before and campaigns
// with the open one's id or an id already chosen (copies of one chronicle).
// Never throws for a candidate's data.
Companions find_companions(const std::filesystem::path& open_dir, const std::string& open_id,
                           std::int64_t first_jdn, std::int64_t last_jdn,
                           const std::vector<std::filesystem::path>& candidates);

// Where companions are looked for: the campaigns directly inside
// `campaigns_dir` (the data folder's campaigns), then the open campaign's
// sibling folders, each once.
std::vector<std::filesystem::path> companion_candidates(const std::filesystem::path& open_dir,
                                                        const std::filesystem::path& campaigns_dir);

}  // namespace annals
