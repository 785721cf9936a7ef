#include "annals/model/annals_layout.h"

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "annals/geo/diagnostic.h"
#include "annals/model/campaign_manifest.h"
#include "annals/model/chinese_numerals.h"

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
  if (out.layout != "annals") return out;
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
