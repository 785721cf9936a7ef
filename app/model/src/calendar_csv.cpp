#include "calendar_csv.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "annals/geo/diagnostic.h"
#include "annals/geo/utf8.h"
#include "annals/model/calendar_error.h"

namespace annals::calendar_csv {

namespace {

std::vector<std::string> split(const std::string& file, int line_no, std::string_view line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"' && cells.back().empty()) {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  if (quoted)
    throw CalendarTableError(CalendarTableRule::Quote, file, std::to_string(line_no),
                             "unterminated quoted field");
  return cells;
}

}  // namespace

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CalendarTableError(CalendarTableRule::Unreadable, path.string(), "", "cannot open the file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<Row> parse(std::string_view text, const std::string& file, std::string_view expected_header) {
  require_utf8(text, file);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  std::vector<Row> rows;
  std::size_t expected_cells = 0;
  int line_no = 0;
  bool header_seen = false;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (!header_seen) {
      if (line != expected_header)
        throw CalendarTableError(
            CalendarTableRule::Header, file, std::to_string(line_no),
            "expected the header '" + std::string(expected_header) + "', got '" + std::string(line) + "'");
      expected_cells = split(file, line_no, line).size();
      header_seen = true;
      continue;
    }
    Row row{line_no, split(file, line_no, line)};
    if (row.cells.size() != expected_cells)
      throw CalendarTableError(CalendarTableRule::Columns, file, std::to_string(line_no),
                               "expected " + std::to_string(expected_cells) + " columns (" +
                                   std::string(expected_header) + "), got " +
                                   std::to_string(row.cells.size()));
    rows.push_back(std::move(row));
  }
  if (!header_seen)
    throw CalendarTableError(CalendarTableRule::Empty, file, "", "the file is empty; expected a header line");
  return rows;
}

int to_int(const std::string& file, const Row& row, std::size_t col, std::string_view what) {
  const std::string& cell = row.cells.at(col);
  long long v = 0;
  auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (cell.empty() || ec != std::errc() || p != cell.data() + cell.size() || v < -100000000LL ||
      v > 100000000LL)
    throw CalendarTableError(CalendarTableRule::Integer, file, std::to_string(row.line),
                             "expected " + std::string(what) + " as an integer, got '" + cell + "'");
  return static_cast<int>(v);
}

}  // namespace annals::calendar_csv
