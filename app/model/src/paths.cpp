#include "annals/model/paths.h"

#include <cstdlib>
#include <system_error>

namespace annals {

namespace fs = std::filesystem;

namespace {

// kind is "data" or "assets"; built_in is the source tree's folder.
fs::path locate(const char* env_var, const char* kind, const char* built_in) {
  if (const char* v = std::getenv(env_var); v && *v) return v;
  std::error_code ec;
  if (const fs::path exe = executable_dir(); !exe.empty()) {
    const fs::path installed = (exe / ".." / "share" / "annals" / kind).lexically_normal();
    if (fs::is_directory(installed, ec)) return installed;
  }
  return built_in;
}

}  // namespace

fs::path executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

fs::path data_dir() { return locate("ANNALS_DATA_DIR", "data", ANNALS_SOURCE_DATA_DIR); }
fs::path assets_dir() { return locate("ANNALS_ASSETS_DIR", "assets", ANNALS_SOURCE_ASSETS_DIR); }
fs::path default_campaign_dir() { return data_dir() / "campaigns" / "xixia-1224"; }
fs::path calendar_dir() { return data_dir() / "calendar"; }

}  // namespace annals
