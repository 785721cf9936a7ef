// Reading the calendar's CSV files: UTF-8, RFC 4180 quoting within a line, LF
// or CRLF, an optional UTF-8 byte-order mark, '#' comment lines. Every problem
// is a CalendarTableError (a DataError) located at path:line; text that is not
// UTF-8 is a DataError at its line.
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

// Reads a file's text; throws DataError if it cannot be read.
std::string read_file(const std::filesystem::path& path);

// Splits a CSV text into rows. Throws DataError(file, line, why) if the text
// is not UTF-8 or its first line is not `expected_header`; rows with the
// wrong number of cells are errors too.
std::vector<Row> parse(std::string_view text, const std::string& file, std::string_view expected_header);

// Cell `col` of `row` as an integer; DataError "expected <what> ..." otherwise.
int to_int(const std::string& file, const Row& row, std::size_t col, std::string_view what);

}  // namespace annals::calendar_csv
