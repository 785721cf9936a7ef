// The chronicle as data: the dated entries of a campaign (entries.json, made by
// tools/chronicle/segment.py from the source text, pua-map.csv and
// curation.json), and the checks that tie them back to their inputs.
//
// An entry is one 纲 (dated headline) with its 目 (detail) and any commentary
// (按, 论曰, 附); every line of the source belongs to exactly one entry. Dates
// are kept as written and as resolved to days; the curated fields (places,
// actors, kind, state changes) each cite the line they rest on.
// docs/data-format.md describes the files.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "annals/geo/diagnostic.h"
#include "annals/model/campaign_manifest.h"

namespace annals {

class Calendar;

// What an entry is about, one per entry.
inline constexpr std::array<std::string_view, 12> kEntryKinds = {
    "siege",     "capture", "massacre", "surrender", "battle", "movement",
    "diplomacy", "death",   "omen",     "disaster",  "court",  "other"};

// What happens to a place in an entry (docs/data-format.md defines each).
inline constexpr std::array<std::string_view, 9> kPlaceStates = {
    "besieged", "siege_lifted", "taken", "surrendered", "massacred", "sacked", "camp", "battle", "relieved"};

inline constexpr std::array<std::string_view, 3> kCommentaryKinds = {"按", "论曰", "附"};

struct Commentary {
  std::string kind;  // 按, 论曰 or 附
  int line = 0;
  std::string text;  // after "kind：", exactly as in the source
  std::string text_normalized;
};

struct PlaceRef {
  std::string id;       // gazetteer id
  std::string written;  // as the cited line writes it (normalized)
  int line = 0;
};

struct ActorRef {
  std::string id;  // key into Chronicle::actors
  std::string written;
  int line = 0;
};

struct StateChange {
  std::string place;  // one of the entry's places
  std::string state;  // one of kPlaceStates
  int line = 0;
  std::string by;  // actor id, may be empty
};

struct WrittenEra {
  std::string polity;  // a polity of the calendar tables (eras.csv)
  std::string era;     // 嘉定
  int year = 0;        // era year, 1 for 元年
  std::string as_written;
};

struct EntryDate {
  std::string as_written;        // the date at the head of the headline; empty if none
  std::vector<WrittenEra> eras;  // each era the headline names, primary first
  std::string season;            // 春夏秋冬 as written, empty if not
  std::string polity, era;       // the primary era in force (carried over if not written)
  int year = 0;                  // its era year
  int chinese_year = 0;          // as LunarMonth::year
  int month = 0;                 // 1-12; 0 when the entry names a year (or season) only
  bool leap = false;
  std::optional<int> day;
  bool inherited = false;   // no month written: the previous entry's month
  int year_from_line = 0;   // the headline that named the year
  int month_from_line = 0;  // the headline that named the month
  std::int64_t first_jdn = 0, last_jdn = 0;
  std::string first_julian, last_julian;  // proleptic Julian, YYYY-MM-DD
};

struct Entry {
  std::string id;  // "e" + first line, three digits: e005
  int seq = 0;     // 1-based position in the chronicle
  int first_line = 0, last_line = 0;
  int span_first = 0, span_last = 0;  // annals layout: columns of the line (code points, 1-based, inclusive)
  int headline_line = 0;
  std::string headline, headline_normalized;  // original keeps private-use code points
  int detail_line = 0;                        // 0 when there is none
  std::string detail, detail_normalized;
  std::vector<Commentary> commentary;
  EntryDate date;
  std::string kind;
  std::vector<int> basis;  // lines the kind rests on
  std::vector<PlaceRef> places;
  std::vector<ActorRef> actors;
  std::vector<StateChange> changes;
  std::string summary, note;
  // A short, literal English rendering of the headline (curation.json
  // "gloss"): the title card's second line and the subtitles'. May be empty.
  std::string gloss;

  bool covers(int line) const { return line >= first_line && line <= last_line; }
};

struct Actor {
  std::string id, kind, zh, en, note;  // kind: polity, group or person
};

struct Chronicle {
  std::filesystem::path campaign_dir;
  std::filesystem::path entries_file;
  std::string source_file;  // relative to the campaign folder
  std::string source_sha256;
  int source_lines = 0;
  std::string layout = "gangmu";  // source.layout of entries.json: gangmu or annals (annals_layout.h)
  std::vector<Actor> actors;
  std::vector<Entry> entries;

  // Reads the campaign's entries.json (named by campaign.json). Throws
  // DataError(file, line, why) for a missing file, malformed JSON or a field
  // of the wrong type; consistency is validate_chronicle's job.
  static Chronicle load(const std::filesystem::path& campaign_dir);
  // The same from a manifest already read (a campaign is read once per process).
  static Chronicle load(const CampaignManifest& manifest);
  // The same from an entries.json text; `file` names it in errors.
  static Chronicle parse(std::string_view entries_json, const std::filesystem::path& file);

  const Entry* entry_covering(int line) const;
  const Actor* actor(std::string_view id) const;
};

// Checks a campaign's chronicle against its inputs and the calendar, adding
// every problem to `diag` as `path:line: message`:
//  - campaign.json, entries.json, curation.json or pua-map.csv that cannot be
//    read or parsed (at the line where parsing failed);
//  - source text whose SHA-256 differs from campaign.json's source.sha256,
//    that is not UTF-8, or that holds private-use code points with no mapping;
//  - source lines no entry covers or that two entries cover, entries out of
//    order (by line or by date), entry text that differs from the source;
//  - dates that do not exist (a leap month in a year without one, day 30 of a
//    29-day month, an era year past the era's end) or whose stored days differ
//    from what `calendar` gives, and eras of other states that disagree;
//  - in curation.json: unknown place ids (not in `place_ids`), kinds and
//    states outside the vocabularies, citations outside the entry's lines,
//    undefined actors; and entries.json out of date with it.
// An empty `place_ids` means no gazetteer to check against: a warning, and
// place ids go unchecked.
void validate_chronicle(const std::filesystem::path& campaign_dir, const Calendar& calendar,
                        const std::set<std::string>& place_ids, Diagnostics& diag);

}  // namespace annals
