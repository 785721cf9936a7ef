// Where each value of a JSON document sits in its text, so that a problem found
// after parsing (an unknown place id, a date that does not exist) can be
// reported at the line a person has to edit. nlohmann::json keeps no
// positions, hence this second, position-only pass over the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace annals {

class JsonLocations {
 public:
  // Scans a JSON text that has already parsed successfully; on text that is
  // not valid JSON it records what it could and stops.
  static JsonLocations scan(std::string_view text);

  // Line (1-based) where the value at a JSON pointer ("/entries/3/places/0/id")
  // begins. A pointer that is not there falls back to its nearest ancestor,
  // so callers always get a line to show; 0 only for an empty document.
  int line(const std::string& pointer) const;

  std::size_t size() const { return lines_.size(); }

 private:
  std::unordered_map<std::string, int> lines_;
};

// A JSON pointer segment, escaped as RFC 6901 asks ("a/b" -> "a~1b").
std::string json_pointer_escape(std::string_view key);

// The 1-based line of a 1-based byte position as nlohmann::json's parse_error
// reports it (parse_error::byte), for "malformed JSON" messages.
int line_of_parse_error(std::string_view text, std::size_t byte);

}  // namespace annals
