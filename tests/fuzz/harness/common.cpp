#include "common.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "annals/geo/utf8.h"

namespace annals::fuzz {

std::filesystem::path source_root() { return ANNALS_SOURCE_ROOT; }

void expect_located(const Diagnostic& d, std::string_view input, std::string_view file) {
  if (d.file != file)
    throw InvariantError("the error names '" + d.file + "', not '" + std::string(file) + "'");
  if (first_invalid_utf8(d.format())) throw InvariantError("the message is not UTF-8");
  const std::string& where = d.where;
  if (where.empty() || where.rfind("feature ", 0) == 0) return;
  if (where.size() > 9 ||
      !std::all_of(where.begin(), where.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw InvariantError("the error's place is neither a line nor a feature: " + d.format());
  const long line = std::stol(where);
  const long lines = 1 + static_cast<long>(std::count(input.begin(), input.end(), '\n'));
  if (line < 1 || line > lines)
    throw InvariantError("the error is on line " + where + " of a text of " + std::to_string(lines) +
                         " lines: " + d.format());
}

std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InvariantError("cannot read " + file.string());
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace annals::fuzz
