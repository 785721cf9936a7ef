#include "arg_parser.h"

#include <charconv>
#include <sstream>

namespace annals::cli {

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

ArgParser& ArgParser::option(std::string name, std::string value_name, std::string help) {
  options_.push_back({std::move(name), std::move(value_name), std::move(help)});
  return *this;
}

ParsedArgs ArgParser::parse(std::span<const std::string> args) const {
  ParsedArgs out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      out.help = true;
      continue;
    }
    if (a.size() > 1 && a[0] == '-' && a != "-") {
      std::string name = a;
      std::optional<std::string> inline_value;
      if (auto eq = a.find('='); eq != std::string::npos) {
        name = a.substr(0, eq);
        inline_value = a.substr(eq + 1);
      }
      const OptionSpec* spec = nullptr;
      for (const auto& o : options_)
        if (o.name == name) spec = &o;
      if (!spec) throw UsageError("unknown option '" + name + "'");
      if (spec->value_name.empty()) {
        if (inline_value) throw UsageError("option '" + name + "' takes no value");
        out.values[name] = "";
      } else if (inline_value) {
        out.values[name] = *inline_value;
      } else {
        if (i + 1 >= args.size())
          throw UsageError("option '" + name + "' needs a value (" + spec->value_name + ")");
        out.values[name] = args[++i];
      }
      continue;
    }
    out.positionals.push_back(a);
  }
  if (!out.help && out.positionals.size() > max_positionals_)
    throw UsageError("unexpected argument '" + out.positionals[max_positionals_] + "'");
  return out;
}

std::string ArgParser::help_text() const {
  std::ostringstream s;
  s << "usage: " << usage_ << "\n\n" << description_ << "\n";
  if (!options_.empty()) {
    s << "\noptions:\n";
    for (const auto& o : options_) {
      std::string left = "  " + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
      if (left.size() < 26)
        left.resize(26, ' ');
      else
        left += "  ";
      s << left << o.help << "\n";
    }
  }
  s << "  --help                  show this help\n";
  return s.str();
}

namespace {
std::string format_number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}
}  // namespace

Size parse_size(const std::string& text) {
  Size size;
  auto x = text.find('x');
  if (x == std::string::npos) throw UsageError("size '" + text + "' is not WIDTHxHEIGHT, e.g. 1920x1080");
  auto parse_int = [&](std::string_view part, int& v) {
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    return ec == std::errc() && p == part.data() + part.size();
  };
  std::string_view t(text);
  if (!parse_int(t.substr(0, x), size.width) || !parse_int(t.substr(x + 1), size.height))
    throw UsageError("size '" + text + "' is not WIDTHxHEIGHT, e.g. 1920x1080");
  if (size.width < 16 || size.height < 16 || size.width > 16384 || size.height > 16384)
    throw UsageError("size '" + text + "' is out of range: each side must be 16 to 16384 pixels");
  return size;
}

double parse_number(const std::string& option, const std::string& text, double min, double max) {
  double v = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || p != end || text.empty())
    throw UsageError(option + " expects a number, not '" + text + "'");
  if (!(v >= min && v <= max))
    throw UsageError(option + " must be between " + format_number(min) + " and " + format_number(max) +
                     ", not " + text);
  return v;
}

LonLat parse_lonlat(const std::string& option, const std::string& text) {
  const auto comma = text.find(',');
  if (comma == std::string::npos)
    throw UsageError(option + " expects LON,LAT in degrees, e.g. 106.27,38.47; got '" + text + "'");
  return {parse_number(option + " (longitude)", text.substr(0, comma), -180, 180),
          parse_number(option + " (latitude)", text.substr(comma + 1), -90, 90)};
}

std::map<std::string, bool> parse_layer_switches(const std::string& spec) {
  std::map<std::string, bool> on;
  std::stringstream ss(spec);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.size() < 2 || (item[0] != '+' && item[0] != '-'))
      throw UsageError(
          "--layers expects +id or -id items separated by commas, e.g. +borders,-terrain; got '" + item +
          "'");
    on[item.substr(1)] = item[0] == '+';
  }
  return on;
}

}  // namespace annals::cli
