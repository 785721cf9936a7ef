// Parsing the campaign's JSON files that are read into nlohmann::json
// (campaign.json, entries.json, curation.json, movements and realm): one
// place that turns every way a text can fail into a DataError at its line.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace annals::detail {

// Parses `text` as one JSON document. Throws DataError(file, line, why) when
// the text is not UTF-8 (at the first bad byte) or not JSON ("malformed JSON:
// …" at the line where parsing failed, a number too large for a double
// included).
nlohmann::json parse_json_document(std::string_view text, const std::string& file);

}  // namespace annals::detail
