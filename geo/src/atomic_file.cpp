#include "annals/geo/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "annals/geo/diagnostic.h"

namespace annals {

void write_file_atomically(const std::filesystem::path& target, std::string_view data, bool durable) {
  const std::string shown = target.string();
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::string name = ".";  // appended, not "." + ...: GCC 12 -O2 raises a false -Wrestrict on that
  name += target.filename().string();
  name += ".tmp-XXXXXX";
  std::string tmpl = (dir / name).string();
  const int fd = mkstemp(tmpl.data());
  if (fd < 0)
    throw DataError(shown, "",
                    std::string("cannot create a temporary file beside it: ") + std::strerror(errno));
  auto fail = [&](const char* what) {
    const int saved = errno;
    ::close(fd);
    ::unlink(tmpl.c_str());
    throw DataError(shown, "", std::string(what) + ": " + std::strerror(saved));
  };
  // mkstemp creates the file 0600; an export should get the usual mode.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, static_cast<mode_t>(0666 & ~mask)) != 0) fail("cannot set permissions");
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(errno == ENOSPC ? "cannot write (the disk is full)" : "cannot write");
    }
    done += static_cast<std::size_t>(n);
  }
  if (durable && ::fsync(fd) != 0) fail("cannot flush to disk");
  if (::close(fd) != 0) {
    const int saved = errno;
    ::unlink(tmpl.c_str());
    throw DataError(shown, "", std::string("cannot close: ") + std::strerror(saved));
  }
  if (::rename(tmpl.c_str(), target.c_str()) != 0) {
    const int saved = errno;
    ::unlink(tmpl.c_str());
    throw DataError(shown, "", std::string("cannot replace the file: ") + std::strerror(saved));
  }
}

}  // namespace annals

namespace annals {

bool is_atomic_temporary_name(const std::string& filename) {
  // ".<name>.tmp-XXXXXX": mkstemp's six characters after the marker.
  const auto at = filename.rfind(".tmp-");
  return filename.size() > 1 && filename[0] == '.' && at != std::string::npos && at > 0 &&
         filename.size() - at == 11;
}

}  // namespace annals
