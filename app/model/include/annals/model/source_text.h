// The chronicle's text exactly as stored: its bytes, its lines and its
// SHA-256, which campaign.json pins so that a silently edited copy is caught.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace annals {

struct SourceText {
  std::filesystem::path file;
  std::string bytes;               // the file, untouched
  std::vector<std::string> lines;  // split at '\n', without it; line n is lines[n - 1]
  bool final_newline = false;      // whether the file ends with '\n'

  // Throws DataError(file, "", why) if the file cannot be read.
  static SourceText load(const std::filesystem::path& file);
  static SourceText from_bytes(std::string bytes, std::filesystem::path file = {});

  // The bytes again, from the lines: equal to `bytes` by construction, and
  // what tests use to show that nothing was lost.
  std::string joined() const;
};

// Lower-case hexadecimal SHA-256 (FIPS 180-4) of some bytes.
std::string sha256_hex(std::string_view data);

// The 1-based line of the first byte sequence that is not well-formed UTF-8
// (overlong forms and surrogates included), or 0 if the text is valid.
int first_invalid_utf8_line(std::string_view text);

}  // namespace annals
