// Writing a file so that a reader sees either the old file or the complete
// new one, never half of it: every output of Annals (exports, stills, text
// files of the CLI) goes through here.
#pragma once

#include <filesystem>
#include <string_view>

namespace annals {

// A temporary file beside the target (same file system, so rename is atomic;
// named ".<name>.tmp-XXXXXX", so a killed writer leaves at most such a file,
// never a partial target), written, given the usual permissions, then renamed
// over the target. With `durable` the data is flushed to disk before the
// rename (for files nothing else can recreate); export frames skip that,
// since --resume checks that every frame decodes.
//
// Throws DataError naming the target and what failed (a missing or
// unwritable folder, a full disk); the target is then untouched and no
// temporary file is left.
void write_file_atomically(const std::filesystem::path& target, std::string_view data, bool durable = true);

// True for the temporary names write_file_atomically uses (for cleaning up
// after a killed run).
bool is_atomic_temporary_name(const std::string& filename);

}  // namespace annals
