#include "annals/model/annals_layout.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "annals/geo/diagnostic.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/chinese_numerals.h"
#include "annals/model/json_locations.h"

namespace annals {

namespace {

int code_point_count(const std::string& s) { return static_cast<int>(utf8_to_code_points(s).size()); }

// Line of the first occurrence of `needle` in `text`, 1 if none.
std::string line_of(const std::string& text, const std::string& needle) {
  const auto pos = text.find(needle);
  return std::to_string(pos == std::string::npos ? 1 : line_of_offset(text, pos));
}

}  // namespace

SourceLayout read_source_layout(const std::filesystem::path& manifest_file,
                                const std::vector<std::string>& source_lines) {
  std::ifstream in(manifest_file, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string file = manifest_file.string();
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  SourceLayout out;
  if (j.is_discarded() || !j.is_object() || !j.contains("source") || !j["source"].is_object()) return out;
  const nlohmann::json& src = j["source"];
  if (src.contains("layout")) {
    if (!src["layout"].is_string() || (src["layout"] != "gangmu" && src["layout"] != "annals"))
      throw DataError(file, line_of(text, "\"layout\""), "source.layout must be \"gangmu\" or \"annals\"");
    out.layout = src["layout"].get<std::string>();
  }
  const JsonLocations loc = JsonLocations::scan(text);
  if (out.layout != "annals") {
    // The same words as segment.py's.
    for (const char* key : {"scope", "implicit_era"})
      if (src.contains(key))
        throw DataError(file, std::to_string(loc.line(std::string("/source/") + key)),
                        std::string("source.") + key +
                            " is read only in the annals layout (source.layout \"annals\"); a gangmu text is "
                            "segmented whole, so keep only the chapter's lines in the file");
    return out;
  }
  const std::string implicit_what =
      "source.implicit_era must name the reign the text counts years by: {\"polity\": …, \"era\": …, "
      "\"before\": …}";
  out.implicit_era.line = loc.line(src.contains("implicit_era") ? "/source/implicit_era" : "/source");
  if (!src.contains("implicit_era") || !src["implicit_era"].is_object())
    throw DataError(file, std::to_string(out.implicit_era.line), implicit_what);
  const nlohmann::json& ie = src["implicit_era"];
  for (auto [key, value] :
       {std::pair{"polity", &out.implicit_era.polity}, std::pair{"era", &out.implicit_era.era},
        std::pair{"before", &out.implicit_era.before}}) {
    if (!ie.contains(key)) continue;
    if (!ie[key].is_string() || ie[key].get<std::string>().empty())
      throw DataError(file, std::to_string(loc.line(std::string("/source/implicit_era/") + key)),
                      implicit_what);
    *value = ie[key].get<std::string>();
  }
  if (out.implicit_era.era.empty())
    throw DataError(file, std::to_string(out.implicit_era.line), implicit_what);
  const int count = static_cast<int>(source_lines.size());
  auto columns = [&](int line) { return code_point_count(source_lines[static_cast<std::size_t>(line - 1)]); };
  out.scope = {1, 1, count, count > 0 ? columns(count) : 0};
  if (!src.contains("scope")) return out;
  const nlohmann::json& sc = src["scope"];
  const std::string where = line_of(text, "\"scope\"");
  if (!sc.is_object()) throw DataError(file, where, "source.scope must be an object {first_line, last_line}");
  auto line_field = [&](const char* key, int fallback) {
    if (!sc.contains(key)) return fallback;
    if (!sc[key].is_number_integer())
      throw DataError(file, where, std::string("source.scope.") + key + " must be a line number");
    return sc[key].get<int>();
  };
  const int first = line_field("first_line", 1), last = line_field("last_line", count);
  if (first < 1 || last < first || last > count)
    throw DataError(file, where,
                    "source.scope lines " + std::to_string(first) + "–" + std::to_string(last) +
                        " are not a range within the text's " + std::to_string(count) + " lines");
  out.scope = {first, 1, last, columns(last)};
  if (sc.contains("ends_after")) {
    const std::string& line = source_lines[static_cast<std::size_t>(last - 1)];
    const std::string after = sc["ends_after"].is_string() ? sc["ends_after"].get<std::string>() : "";
    const auto pos = after.empty() ? std::string::npos : line.find(after);
    if (pos == std::string::npos)
      throw DataError(file, line_of(text, "\"ends_after\""),
                      "source.scope.ends_after '" + after + "' is not in line " + std::to_string(last));
    out.scope.last_column = code_point_count(line.substr(0, pos + after.size()));
  }
  return out;
}

const Era& resolve_implicit_era(const ImplicitEra& implicit, const Calendar& calendar,
                                const EraReckoning& reckoning, const std::string& manifest_file) {
  const std::string where = std::to_string(implicit.line);
  std::vector<const Era*> rows;
  for (const Era& e : calendar.eras())
    if (e.name == implicit.era && (implicit.polity.empty() || e.polity == implicit.polity))
      rows.push_back(&e);
  const std::vector<std::string> polities = calendar.polities();
  auto polity_list = [&] {
    std::string list;
    for (const std::string& p : polities) list += (list.empty() ? "" : ", ") + p;
    return list;
  };
  if (!implicit.polity.empty() &&
      std::find(polities.begin(), polities.end(), implicit.polity) == polities.end())
    throw DataError(manifest_file, where,
                    "source.implicit_era.polity '" + implicit.polity +
                        "' is not a polity of the calendar tables (eras.csv); expected one of " +
                        polity_list());
  if (rows.empty())
    throw DataError(manifest_file, where,
                    "source.implicit_era: no era '" + implicit.era + "'" +
                        (implicit.polity.empty() ? "" : " of polity '" + implicit.polity + "'") +
                        " in the calendar tables (eras.csv)");
  // As segment.py picks the row: the campaign's reckoning for the polity,
  // else the only row, else the standard one.
  const Era* row = nullptr;
  if (const auto it = reckoning.find(rows.front()->polity); it != reckoning.end())
    for (const Era* e : rows)
      if (e->reckoning == it->second && !row) row = e;
  if (!row && rows.size() == 1) row = rows.front();
  if (!row)
    for (const Era* e : rows)
      if ((e->reckoning.empty() || e->reckoning == kStandardReckoning) && !row) row = e;
  if (!row) row = rows.front();
  if (!implicit.before.empty() &&
      std::find(polities.begin(), polities.end(), implicit.before) == polities.end())
    throw DataError(manifest_file, where,
                    "source.implicit_era.before '" + implicit.before +
                        "' is not a polity of the calendar tables (eras.csv); expected one of " +
                        polity_list());
  return *row;
}

const Era* implied_era_of_year(const Era& reign, const std::string& before, const Calendar& calendar,
                               int chinese_year) {
  if (reign.first_year <= chinese_year && chinese_year <= reign.last_year) return &reign;
  const std::string& polity = before.empty() ? reign.polity : before;
  const Era* best = nullptr;
  for (const Era& e : calendar.eras()) {
    if (e.polity != polity || !(e.reckoning.empty() || e.reckoning == kStandardReckoning)) continue;
    if (e.first_year > chinese_year || chinese_year > e.last_year) continue;
    if (!best || std::pair(e.first_year, e.first_month) > std::pair(best->first_year, best->first_month))
      best = &e;
  }
  return best;
}

std::vector<AnnalsProblem> check_annals_entries(const std::vector<std::string>& source_lines,
                                                const std::vector<Entry>& entries, const AnnalsScope& scope) {
  std::vector<AnnalsProblem> out;
  const int count = static_cast<int>(source_lines.size());
  int at_line = scope.first_line, at_column = scope.first_column;  // where the next entry must begin
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    auto problem = [&](const std::string& ptr, const std::string& message) {
      out.push_back({i, ptr, e.id + ": " + message});
    };
    if (e.first_line != e.last_line || e.first_line < 1 || e.first_line > count ||
        e.headline_line != e.first_line) {
      problem("/lines", "an entry of the annals layout lies on one line of the source");
      continue;
    }
    const std::u32string line = utf8_to_code_points(source_lines[static_cast<std::size_t>(e.first_line - 1)]);
    const int width = static_cast<int>(line.size());
    if (e.span_first < 1 || e.span_last < e.span_first || e.span_last > width) {
      problem("/span", "span [" + std::to_string(e.span_first) + ", " + std::to_string(e.span_last) +
                           "] is not within line " + std::to_string(e.first_line) + " (" +
                           std::to_string(width) + " characters)");
      continue;
    }
    const std::string text = code_points_to_utf8(
        std::u32string_view(line).substr(static_cast<std::size_t>(e.span_first - 1),
                                         static_cast<std::size_t>(e.span_last - e.span_first + 1)));
    if (text != e.headline)
      problem("/headline", "the text differs from line " + std::to_string(e.first_line) + ", columns " +
                               std::to_string(e.span_first) + "–" + std::to_string(e.span_last) +
                               " of the source");
    // The spans tile the scope: each begins where the one before ended, or
    // at the first column of the next line.
    const bool continues = e.first_line == at_line && e.span_first == at_column;
    const bool next_line = at_column == 0 && e.first_line == at_line + 1 && e.span_first == 1;
    const bool first_of_line = e.first_line == at_line && at_column == 1 && e.span_first == 1;
    if (!continues && !next_line && !first_of_line)
      problem("/span", "begins at line " + std::to_string(e.first_line) + " column " +
                           std::to_string(e.span_first) + ", but the entry before ended before line " +
                           std::to_string(at_line) + " column " +
                           std::to_string(at_column == 0 ? 1 : at_column) +
                           ": the entries must follow each other without gap or overlap");
    const bool ends_line =
        e.span_last == width || (e.first_line == scope.last_line && e.span_last == scope.last_column);
    at_line = e.first_line;
    at_column = ends_line ? 0 : e.span_last + 1;
    if (i > 0 && e.date.last_jdn < entries[i - 1].date.first_jdn)
      problem("/date/first_jdn", "ends (day " + std::to_string(e.date.last_jdn) + ") before " +
                                     entries[i - 1].id + " begins (day " +
                                     std::to_string(entries[i - 1].date.first_jdn) +
                                     "): entries out of order");
  }
  const bool reached_end = entries.empty() ? false
                                           : (at_line == scope.last_line && at_column == 0 &&
                                              entries.back().span_last == scope.last_column);
  if (!reached_end)
    out.push_back({entries.empty() ? 0 : entries.size() - 1, "/span",
                   "the entries end at line " + std::to_string(at_line) +
                       ", before the end of the scope (line " + std::to_string(scope.last_line) + " column " +
                       std::to_string(scope.last_column) + "): no entry covers the rest"});
  return out;
}

}  // namespace annals
