// The Private Use Area map of a campaign (pua-map.csv): which private-use
// code points, or sequences beginning with one, the digitized source uses for
// characters it could not encode, and what the normalized text shows instead.
//
// The source text itself is never changed; normalization is a derived view,
// so the original stays recoverable byte for byte.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace annals {

struct PuaMapping {
  std::u32string sequence;     // begins with a private-use code point
  std::u32string replacement;  // what the normalized text shows
  std::string status;          // certain, probable or unknown
  std::string note;
  int line = 0;  // line in pua-map.csv
};

// Where a private-use code point with no mapping occurs.
struct UnmappedCodePoint {
  char32_t code_point = 0;
  std::size_t index = 0;  // in code points from the start of the text
};

class PuaMap {
 public:
  // Reads `sequence,replacement,status,note` (UTF-8, RFC 4180 CSV, code points
  // written as U+XXXX separated by spaces). Throws DataError(file, line, why).
  static PuaMap load(const std::filesystem::path& file);
  // The same, from text already in memory; `file` names it in errors.
  static PuaMap parse(std::string_view csv_text, const std::string& file);

  // Applies the map, longest sequence first at each position.
  std::string normalize(std::string_view utf8) const;
  // Private-use code points that no mapping covers, in order.
  std::vector<UnmappedCodePoint> unmapped(std::string_view utf8) const;

  const std::vector<PuaMapping>& mappings() const { return mappings_; }

 private:
  std::vector<PuaMapping> mappings_;  // longest sequence first
};

inline constexpr const char* kPuaStatuses[] = {"certain", "probable", "unknown"};

// U+E000-U+F8FF and the two supplementary private-use planes.
bool is_private_use(char32_t cp);
// "U+E3D7".
std::string format_code_point(char32_t cp);

}  // namespace annals
