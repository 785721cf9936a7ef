#include "annals/geo/utf8.h"
#include "annals/model/chinese_numerals.h"
#include "annals/model/source_text.h"
#include "common.h"

namespace annals::fuzz {

void text(std::string_view input) {
  // The chronicle's text is kept byte for byte: its lines join back to it.
  const SourceText source = SourceText::from_bytes(std::string(input), "fuzz/source.txt");
  if (source.joined() != input) throw InvariantError("the source text's lines do not join back to it");
  sha256_hex(input);

  const auto bad = first_invalid_utf8(input);
  const auto problem = invalid_utf8_diagnostic(input, "fuzz/source.txt");
  if (bad.has_value() != problem.has_value())
    throw InvariantError("the validator and its diagnostic disagree");
  if (problem) {
    expect_located(*problem, input, "fuzz/source.txt");
    if (std::to_string(first_invalid_utf8_line(input)) != problem->where)
      throw InvariantError("first_invalid_utf8_line() and the diagnostic disagree");
    // Every byte before the bad one is valid text.
    if (first_invalid_utf8(input.substr(0, *bad))) throw InvariantError("a bad byte before the first one");
  } else if (code_points_to_utf8(utf8_to_code_points(input)) != input) {
    throw InvariantError("valid UTF-8 does not survive decoding and encoding");
  }
  const std::string shown = escape_for_terminal(input);
  if (first_invalid_utf8(shown)) throw InvariantError("escape_for_terminal() wrote text that is not UTF-8");
  for (char c : shown)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
      throw InvariantError("escape_for_terminal() left a control character");
}

}  // namespace annals::fuzz
