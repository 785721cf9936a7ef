#include "settings.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "annals/geo/atomic_file.h"
#include "annals/geo/diagnostic.h"

namespace annals {

namespace fs = std::filesystem;
using json = nlohmann::json;

const std::vector<std::string>& settings_languages() {
  static const std::vector<std::string> languages = {"zh", "zh-pinyin", "en"};
  return languages;
}

fs::path default_settings_path() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg && fs::path(xdg).is_absolute())
    return fs::path(xdg) / "annals" / "settings.json";
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : ".") / ".config" / "annals" / "settings.json";
}

namespace {

// Reads one key into `into` if it is there and acceptable; otherwise keeps
// the default and notes why.
template <typename T, typename Check>
void read_key(const json& j, const char* key, T& into, Check acceptable, const char* expected,
              const fs::path& path, std::vector<std::string>& problems) {
  if (!j.contains(key)) return;
  try {
    T value = j.at(key).get<T>();
    if (acceptable(value)) {
      into = value;
      return;
    }
  } catch (const json::exception&) {
  }
  problems.push_back(path.string() + ": \"" + key + "\" is " + j.at(key).dump() + "; expected " + expected +
                     " (using the default)");
}

}  // namespace

LoadedSettings load_settings(const fs::path& path) {
  LoadedSettings out;
  std::error_code ec;
  if (!fs::exists(path, ec)) return out;
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  json j;
  try {
    if (!in.good() && !in.eof()) throw std::runtime_error("cannot be read");
    j = json::parse(text);
    if (!j.is_object()) throw std::runtime_error("is not a JSON object");
  } catch (const std::exception& e) {
    out.problems.push_back(path.string() + ": not a settings file (" + std::string(e.what()) +
                           "); using the defaults and writing them over it");
    return out;
  }
  Settings& s = out.settings;
  auto& p = out.problems;
  read_key(
      j, "seconds_per_month", s.seconds_per_month, [](double v) { return v >= 0.25 && v <= 8; },
      "a number of seconds from 0.25 to 8", path, p);
  read_key(
      j, "language", s.language,
      [](const std::string& v) {
        const auto& l = settings_languages();
        return std::find(l.begin(), l.end(), v) != l.end();
      },
      "\"zh\", \"zh-pinyin\" or \"en\"", path, p);
  read_key(
      j, "theme", s.theme, [](const std::string& v) { return v == "paper" || v == "projector"; },
      "\"paper\" or \"projector\"", path, p);
  read_key(
      j, "display", s.display, [](int v) { return v >= 0 && v < 16; }, "a display number from 0", path, p);
  read_key(
      j, "spotlight", s.spotlight, [](bool) { return true; }, "true or false", path, p);
  read_key(
      j, "title_card_seconds", s.title_card_seconds, [](double v) { return v >= 2 && v <= 30; },
      "a number of seconds from 2 to 30", path, p);
  read_key(
      j, "show_chronicle", s.show_chronicle, [](bool) { return true; }, "true or false", path, p);
  read_key(
      j, "show_layers", s.show_layers, [](bool) { return true; }, "true or false", path, p);
  read_key(
      j, "show_companions", s.show_companions, [](bool) { return true; }, "true or false", path, p);
  read_key(
      j, "recent_campaigns", s.recent_campaigns,
      [](const std::vector<std::string>& v) { return v.size() <= 16; }, "a list of up to 16 folders", path,
      p);
  read_key(
      j, "sidebar_fraction", s.sidebar_fraction, [](float v) { return v >= 0.15f && v <= 0.6f; },
      "a fraction from 0.15 to 0.6", path, p);
  if (j.contains("window")) {
    const json& w = j.at("window");
    if (!w.is_object()) {
      p.push_back(path.string() + ": \"window\" is " + w.dump() + "; expected an object (using the default)");
    } else {
      Settings::Window& win = s.window;
      read_key(
          w, "x", win.x, [](int v) { return v >= -1 && v < 65536; }, "a position in pixels", path, p);
      read_key(
          w, "y", win.y, [](int v) { return v >= -1 && v < 65536; }, "a position in pixels", path, p);
      read_key(
          w, "width", win.width, [](int v) { return v == 0 || (v >= 320 && v <= 16384); },
          "0 (fit the display) or 320 to 16384 pixels", path, p);
      read_key(
          w, "height", win.height, [](int v) { return v == 0 || (v >= 240 && v <= 16384); },
          "0 (fit the display) or 240 to 16384 pixels", path, p);
      read_key(
          w, "maximized", win.maximized, [](bool) { return true; }, "true or false", path, p);
    }
  }
  return out;
}

void save_settings(const fs::path& path, const Settings& s) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) throw DataError(path.string(), "", "cannot make the settings folder: " + ec.message());
  const json j = {{"format", "annals-settings"},
                  {"seconds_per_month", s.seconds_per_month},
                  {"language", s.language},
                  {"theme", s.theme},
                  {"display", s.display},
                  {"spotlight", s.spotlight},
                  {"title_card_seconds", s.title_card_seconds},
                  {"window",
                   {{"x", s.window.x},
                    {"y", s.window.y},
                    {"width", s.window.width},
                    {"height", s.window.height},
                    {"maximized", s.window.maximized}}},
                  {"show_chronicle", s.show_chronicle},
                  {"show_layers", s.show_layers},
                  {"show_companions", s.show_companions},
                  {"sidebar_fraction", s.sidebar_fraction},
                  {"recent_campaigns", s.recent_campaigns}};
  write_file_atomically(path, j.dump(2) + "\n");
}

}  // namespace annals
