// Reading the calendar's CSV files: RFC 4180 quoting within a line, LF or
// CRLF, an optional UTF-8 byte-order mark, '#' comment lines. Every problem
// is a CalendarTableError (a DataError) located at path:line.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace annals::calendar_csv {

struct Row {
  int line = 0;
  std::vector<std::string> cells;
};

// Throws DataError if the file cannot be read or its first line is not
// `expected_header`; rows with the wrong number of cells are errors too.
std::vector<Row> read(const std::filesystem::path& path, std::string_view expected_header);

// Cell `col` of `row` as an integer; DataError "expected <what> ..." otherwise.
int to_int(const std::filesystem::path& path, const Row& row, std::size_t col, std::string_view what);

}  // namespace annals::calendar_csv
