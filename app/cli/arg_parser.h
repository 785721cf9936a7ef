// A small, strict argument parser for subcommands: known options only, with
// values; at most a fixed number of positionals. Unknown options are a usage
// error (exit 1), never silently ignored.
#pragma once

#include "annals/geo/lonlat.h"

#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace annals::cli {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string name;        // "--size"
  std::string value_name;  // "WxH"; empty for a flag
  std::string help;
};

struct ParsedArgs {
  std::vector<std::string> positionals;
  std::map<std::string, std::string> values;  // option name -> value ("" for flags)
  bool help = false;

  bool has(const std::string& name) const { return values.count(name) > 0; }
  std::optional<std::string> get(const std::string& name) const;
};

class ArgParser {
 public:
  ArgParser(std::string usage, std::string description)
      : usage_(std::move(usage)), description_(std::move(description)) {}

  ArgParser& option(std::string name, std::string value_name, std::string help);
  ArgParser& flag(std::string name, std::string help) { return option(std::move(name), "", std::move(help)); }
  ArgParser& max_positionals(std::size_t n) {
    max_positionals_ = n;
    return *this;
  }

  // Throws UsageError on unknown options, missing values or too many positionals.
  ParsedArgs parse(std::span<const std::string> args) const;
  std::string help_text() const;

 private:
  std::string usage_;
  std::string description_;
  std::vector<OptionSpec> options_;
  std::size_t max_positionals_ = 0;
};

// Parses "1920x1080" into width and height; throws UsageError otherwise.
struct Size {
  int width = 0;
  int height = 0;
};
Size parse_size(const std::string& text);

// Parses "LON,LAT" in degrees (e.g. 106.27,38.47) for `option`; throws
// UsageError naming the option unless both are numbers in range.
LonLat parse_lonlat(const std::string& option, const std::string& text);

// Parses a number in [min, max] for `option`; throws UsageError otherwise.
double parse_number(const std::string& option, const std::string& text, double min, double max);

// Parses "+borders,-terrain" (--layers) into layer id -> on; throws
// UsageError for an item that is not +id or -id.
std::map<std::string, bool> parse_layer_switches(const std::string& spec);

}  // namespace annals::cli
