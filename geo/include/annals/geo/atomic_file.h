// Writing a file so that a reader sees either the old file or the complete
// new one, never half of it: every output of Annals (exports, stills, text
// files of the CLI) goes through here.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace annals {

// A temporary file beside the target (same file system, so the rename is
// atomic; named ".<name>.tmp-XXXXXX", so a killed writer leaves at most such a
// hidden file, never a partial target). Write to it, then commit() renames it
// over the target; destroyed uncommitted, it removes the temporary file.
//
// Every failure throws DataError naming the target and what failed (a missing
// or unwritable folder, a full disk, a file too large); the target is then
// untouched and no temporary file is left.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(const void* data, std::size_t size);
  // With `durable` the data is flushed to disk before the rename (for files
  // nothing else can recreate); export frames skip that, since --resume
  // checks that every frame decodes.
  void commit(bool durable = true);

 private:
  [[noreturn]] void fail(const char* what);
  std::filesystem::path target_;
  std::string temporary_;
  int fd_ = -1;
};

// The whole file at once.
void write_file_atomically(const std::filesystem::path& target, std::string_view data, bool durable = true);

// True for the temporary names AtomicFile uses (for cleaning up after a
// killed run).
bool is_atomic_temporary_name(const std::string& filename);

}  // namespace annals
