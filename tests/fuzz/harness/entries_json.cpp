#include <algorithm>

#include "annals/model/chronicle.h"
#include "annals/model/json_locations.h"
#include "common.h"

namespace annals::fuzz {

void entries_json(std::string_view input) {
  const std::string file = "fuzz/entries.json";
  // The position scan promises to cope with any text, JSON or not.
  const JsonLocations loc = JsonLocations::scan(input);
  const long lines = 1 + static_cast<long>(std::count(input.begin(), input.end(), '\n'));
  for (const char* pointer : {"", "/entries", "/entries/0/date/first_jdn", "/actors/x/kind", "/a~1b/0"})
    if (const int line = loc.line(pointer); line < 0 || line > lines)
      throw InvariantError("JsonLocations puts " + std::string(pointer) + " on line " + std::to_string(line));
  try {
    const Chronicle c = Chronicle::parse(input, file);
    for (const Entry& e : c.entries) {
      c.entry_covering(e.first_line);
      c.actor(e.kind);
    }
  } catch (const DataError& e) {
    expect_located(e.diagnostic(), input, file);
  }
}

}  // namespace annals::fuzz
