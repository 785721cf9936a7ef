#include "annals/geo/diagnostic.h"

#include <algorithm>

#include "annals/geo/utf8.h"

namespace annals {

std::string Diagnostic::format() const {
  std::string out = file;
  if (!where.empty()) out += ":" + where;
  out += ": ";
  if (severity == Severity::Warning) out += "warning: ";
  out += message;
  // Messages quote the data (a name, a field, a path), and the data may hold
  // bytes that are not UTF-8 or that a terminal acts on: never print them raw.
  return escape_for_terminal(out);
}

void Diagnostics::error(std::string file, std::string where, std::string message) {
  items_.push_back({Severity::Error, std::move(file), std::move(where), std::move(message)});
}

void Diagnostics::warning(std::string file, std::string where, std::string message) {
  items_.push_back({Severity::Warning, std::move(file), std::move(where), std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

}  // namespace annals
