#include "json_document.h"

#include <cstddef>

#include "annals/geo/diagnostic.h"
#include "annals/geo/utf8.h"
#include "annals/model/json_locations.h"

namespace annals::detail {

namespace {

using nlohmann::json;

// A SAX handler that builds nothing and keeps where parsing failed: the
// position nlohmann's DOM parser drops when the error is not a parse_error
// (a number that overflows a double is an out_of_range exception, which has
// no byte position).
class ErrorLocator : public nlohmann::json_sax<json> {
 public:
  std::size_t byte = 0;  // as parse_error::byte: 1-based, just past the offending character

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) override {
    byte = position;
    return false;
  }
};

// nlohmann's message without its "[json.exception.parse_error.101] " tag and
// its "parse error at line 3, column 5: " (the diagnostic gives the line).
std::string reason(const json::exception& e) {
  std::string why = e.what();
  if (why.rfind("[json.exception.", 0) == 0)
    if (const auto close = why.find("] "); close != std::string::npos) why.erase(0, close + 2);
  if (why.rfind("parse error", 0) == 0)
    if (const auto colon = why.find(": "); colon != std::string::npos) why.erase(0, colon + 2);
  return why;
}

}  // namespace

json parse_json_document(std::string_view text, const std::string& file) {
  // nlohmann checks UTF-8 inside strings too, but its message quotes the
  // bytes it read; this check names the byte and its column instead.
  require_utf8(text, file);
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw DataError(file, std::to_string(line_of_parse_error(text, e.byte)), "malformed JSON: " + reason(e));
  } catch (const json::exception& e) {
    ErrorLocator locator;
    json::sax_parse(text, &locator);
    throw DataError(file, std::to_string(line_of_parse_error(text, locator.byte)),
                    "malformed JSON: " + reason(e));
  }
}

}  // namespace annals::detail
