// Helpers shared by the fuzz harness's functions.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "annals/geo/diagnostic.h"
#include "harness.h"

namespace annals::fuzz {

// The source tree (for the shipped data the harness runs against).
std::filesystem::path source_root();

// Throws InvariantError unless `d` names `file`, gives as its place either
// nothing, "feature N" or a line of `input` (1 to its last line), and
// formats as UTF-8.
void expect_located(const Diagnostic& d, std::string_view input, std::string_view file);

// A whole file's bytes; throws InvariantError if it cannot be read (the
// harness reads only shipped files).
std::string read_bytes(const std::filesystem::path& file);

}  // namespace annals::fuzz
