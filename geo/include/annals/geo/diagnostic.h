// Diagnostics shared by every layer: a problem found in a data file, located
// by file and line (or GeoJSON feature), printed as `path:where: message`.
//
// Inside the core, problems are collected in a Diagnostics list (validation
// wants all of them, not just the first) or thrown as DataError (loading that
// cannot continue). The command line turns them into stderr lines and exit
// codes; nothing below app/cli prints or exits.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace annals {

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;   // path as given by the user or the campaign manifest
  std::string where;  // "12" for a line, "feature 3" or a place id for GeoJSON; may be empty
  std::string message;

  // "file:where: message", or "file: message" when where is empty; warnings
  // carry a "warning: " prefix on the message. Bytes that are not UTF-8 and
  // control characters are written \xNN (escape_for_terminal in utf8.h).
  std::string format() const;
};

class Diagnostics {
 public:
  void error(std::string file, std::string where, std::string message);
  void warning(std::string file, std::string where, std::string message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void append(const Diagnostics& other);

  bool has_errors() const;
  std::size_t error_count() const;
  std::size_t warning_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

// Thrown when input cannot be used at all (unreadable file, malformed JSON).
// The command line reports it like any Diagnostic and exits with 1.
class DataError : public std::runtime_error {
 public:
  explicit DataError(Diagnostic d) : std::runtime_error(d.format()), diagnostic_(std::move(d)) {}
  DataError(std::string file, std::string where, std::string message)
      : DataError(Diagnostic{Severity::Error, std::move(file), std::move(where), std::move(message)}) {}
  const Diagnostic& diagnostic() const { return diagnostic_; }

 private:
  Diagnostic diagnostic_;
};

}  // namespace annals
