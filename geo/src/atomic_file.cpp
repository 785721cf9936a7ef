#include "annals/geo/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "annals/geo/diagnostic.h"

namespace annals {

namespace {

// The process's umask, read once: umask() can only be read by setting it,
// which is not safe while other threads create files (export encoders do).
mode_t process_umask() {
  static const mode_t mask = [] {
    const mode_t m = ::umask(0);
    ::umask(m);
    return m;
  }();
  return mask;
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  process_umask();
  std::filesystem::path dir = target_.parent_path();
  if (dir.empty()) dir = ".";
  std::string name = ".";  // appended, not "." + ...: GCC 12 -O2 raises a false -Wrestrict on that
  name += target_.filename().string();
  name += ".tmp-XXXXXX";
  temporary_ = (dir / name).string();
  fd_ = ::mkstemp(temporary_.data());
  if (fd_ < 0)
    throw DataError(target_.string(), "",
                    std::string("cannot create a temporary file beside it: ") + std::strerror(errno));
  // mkstemp creates the file 0600; an export should get the usual mode.
  if (::fchmod(fd_, static_cast<mode_t>(0666 & ~process_umask())) != 0) fail("cannot set permissions");
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(temporary_.c_str());
  }
}

void AtomicFile::fail(const char* what) {
  const int saved = errno;
  ::close(fd_);
  ::unlink(temporary_.c_str());
  fd_ = -1;
  std::string why = what;
  if (saved == ENOSPC) why += " (the disk is full)";
  throw DataError(target_.string(), "", why + ": " + std::strerror(saved));
}

void AtomicFile::write(const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd_, p, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write");
    }
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

void AtomicFile::commit(bool durable) {
  if (durable && ::fsync(fd_) != 0) fail("cannot flush to disk");
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temporary_.c_str());
    throw DataError(target_.string(), "", std::string("cannot close: ") + std::strerror(saved));
  }
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temporary_.c_str());
    throw DataError(target_.string(), "", std::string("cannot replace the file: ") + std::strerror(saved));
  }
}

void write_file_atomically(const std::filesystem::path& target, std::string_view data, bool durable) {
  AtomicFile f(target);
  f.write(data.data(), data.size());
  f.commit(durable);
}

bool is_atomic_temporary_name(const std::string& filename) {
  // ".<name>.tmp-XXXXXX": mkstemp's six characters after the marker.
  const auto at = filename.rfind(".tmp-");
  return filename.size() > 1 && filename[0] == '.' && at != std::string::npos && at > 0 &&
         filename.size() - at == 11;
}

}  // namespace annals
