#include "annals/model/paths.h"

#include <cstdlib>

namespace annals {

namespace {
std::filesystem::path from_env_or(const char* var, const char* fallback) {
  if (const char* v = std::getenv(var); v && *v) return v;
  return fallback;
}
}  // namespace

std::filesystem::path data_dir() { return from_env_or("ANNALS_DATA_DIR", ANNALS_SOURCE_DATA_DIR); }
std::filesystem::path assets_dir() { return from_env_or("ANNALS_ASSETS_DIR", ANNALS_SOURCE_ASSETS_DIR); }
std::filesystem::path default_campaign_dir() { return data_dir() / "campaigns" / "xixia-1224"; }
std::filesystem::path calendar_dir() { return data_dir() / "calendar"; }

}  // namespace annals
