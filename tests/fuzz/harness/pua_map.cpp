#include "annals/model/pua_map.h"
#include "annals/geo/utf8.h"
#include "common.h"

namespace annals::fuzz {

void pua_map(std::string_view input) {
  static const std::string source =
      read_bytes(source_root() / "data" / "campaigns" / "xixia-1224" / "source" / "xixia-shushi-juan42.txt");
  const std::string file = "fuzz/pua-map.csv";
  try {
    const PuaMap map = PuaMap::parse(input, file);
    // A map of valid code points keeps UTF-8 text UTF-8.
    for (std::string_view text : {std::string_view(source), input}) {
      const std::string normalized = map.normalize(text);
      if (!first_invalid_utf8(text) && first_invalid_utf8(normalized))
        throw InvariantError("normalize() made UTF-8 text invalid");
      for (const UnmappedCodePoint& u : map.unmapped(text))
        if (!is_private_use(u.code_point))
          throw InvariantError("unmapped() lists a character not private-use");
    }
  } catch (const DataError& e) {
    expect_located(e.diagnostic(), input, file);
  }
}

}  // namespace annals::fuzz
