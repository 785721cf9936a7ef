// Writing a file so that a reader sees either the old file or the complete
// new one, never half of it: every command that writes a text file uses this.
#pragma once

#include <filesystem>
#include <string>

namespace annals::cli {

// A temporary file beside the target (same file system, so rename is atomic),
// written, flushed to disk, given the usual permissions, then renamed over the
// target. Throws DataError naming the target and what failed; the target is
// then untouched and no temporary file is left.
void write_atomically(const std::filesystem::path& target, const std::string& data);

}  // namespace annals::cli
