#include "annals/model/paths.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <system_error>

#include "annals/geo/diagnostic.h"
#include "json_document.h"

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
fs::path default_campaign_dir() {
  // Which campaign opens by default is data, not code: campaigns/default.json.
  const fs::path file = data_dir() / "campaigns" / "default.json";
  std::ifstream in(file, std::ios::binary);
  if (!in) throw DataError(file.string(), "", "cannot read the default campaign's name");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const nlohmann::json j = detail::parse_json_document(text, file.string());
  if (!j.is_object() || !j.contains("campaign") || !j["campaign"].is_string() ||
      j["campaign"].get<std::string>().empty() ||
      j["campaign"].get<std::string>().find('/') != std::string::npos)
    throw DataError(file.string(), "1", "expected {\"campaign\": \"<folder under campaigns/>\"}");
  return data_dir() / "campaigns" / j["campaign"].get<std::string>();
}
fs::path calendar_dir() { return data_dir() / "calendar"; }

std::filesystem::path cache_dir() {
  // An XDG variable counts only when absolute (the Base Directory spec).
  if (const char* xdg = std::getenv("XDG_CACHE_HOME");
      xdg && *xdg && std::filesystem::path(xdg).is_absolute())
    return std::filesystem::path(xdg) / "annals";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".cache" / "annals";
  return {};
}

}  // namespace annals
