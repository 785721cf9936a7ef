// The error for a date that cannot exist: a leap month in a year without one,
// day 30 of a 29-day month, an era year past the era's end. Its message says
// what was asked for and what exists instead, ready for a person to read.
#pragma once

#include <stdexcept>

namespace annals {

class CalendarError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace annals
