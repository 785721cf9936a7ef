// The annals (本纪) layout of a chronicle: dated entries found inside the lines
// of a chapter, each citing its line and its character span, so that several
// entries share a line and the text stays byte for byte as obtained
// (tools/chronicle/annals_layout.py makes them; docs/data-format.md describes
// the layout). These are the checks that differ from the 纲目 layout, where
// every line belongs to exactly one entry.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "annals/model/calendar.h"
#include "annals/model/chronicle.h"

namespace annals {

// The part of the source the entries must cover: from column first_column of
// first_line to column last_column of last_line, columns 1-based and counted
// in code points, both inclusive.
struct AnnalsScope {
  int first_line = 0, first_column = 0, last_line = 0, last_column = 0;
  bool operator==(const AnnalsScope&) const = default;
};

// source.implicit_era of the annals layout: the reign whose years the text
// writes without an era name, and the polity whose era labels a year outside
// that reign (docs/data-format.md, "The annals (本纪) layout").
struct ImplicitEra {
  std::string polity, era, before;
  int line = 0;  // of campaign.json, for diagnostics
};

// What campaign.json says about the layout: source.layout ("gangmu" unless
// given) and, for the annals layout, source.scope resolved against the text's
// lines ({first_line, last_line, ends_after}; without it, the whole text) and
// source.implicit_era.
struct SourceLayout {
  std::string layout = "gangmu";
  AnnalsScope scope;
  ImplicitEra implicit_era;
};

// Reads source.layout, source.scope and source.implicit_era from
// campaign.json. Throws DataError(campaign.json, line, what was expected) for
// a layout other than gangmu or annals, a scope outside the text, an
// ends_after not found in the scope's last line, an implicit_era that is not
// {polity, era, before?}, and a scope or implicit_era in the gangmu layout
// (which segments the whole text).
SourceLayout read_source_layout(const std::filesystem::path& manifest_file,
                                const std::vector<std::string>& source_lines);

// The eras.csv row of the implied reign (the campaign's reckoning for its
// polity, else the standard one). Throws DataError(campaign.json, line of
// implicit_era, …) when the tables have no such era of that polity, or
// `before` is not a polity of the tables.
const Era& resolve_implicit_era(const ImplicitEra& implicit, const Calendar& calendar,
                                const EraReckoning& reckoning, const std::string& manifest_file);

// The era a year written without an era name is counted in: the implied
// reign for a Chinese year inside it, else the era of `before` in force that
// year (standard reckoning, the latest to begin); nullptr if none is.
const Era* implied_era_of_year(const Era& reign, const std::string& before, const Calendar& calendar,
                               int chinese_year);

struct AnnalsProblem {
  std::size_t entry = 0;  // index into the entries
  std::string pointer;    // JSON pointer below the entry (/span, /headline, /date/first_jdn)
  std::string message;
};

// Checks annals-layout entries against the source lines: each entry lies on
// one line, its span is inside that line and its headline is exactly the
// text of the span; the spans follow each other without gap or overlap and
// cover the scope from its first column to its last; and no entry ends
// before the entry before it begins (a 是岁 entry that spans its whole year
// may come after the year's months).
std::vector<AnnalsProblem> check_annals_entries(const std::vector<std::string>& source_lines,
                                                const std::vector<Entry>& entries, const AnnalsScope& scope);

}  // namespace annals
