// The subcommand table of the `annals` executable. Each subcommand lives in its
// own cmd_<name>.cpp and is listed once in commands.cpp.
//
// Exit codes (the boundary where core errors become numbers):
//   0 success, 1 bad input or usage, 2 internal error.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace annals::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitInternal = 2;

using Args = std::span<const std::string>;

struct Command {
  std::string_view name;
  std::string_view summary;  // one line for `annals --help`
  int (*run)(Args args);     // args exclude the subcommand name itself
};

// All subcommands, in the order `annals --help` lists them.
std::span<const Command> commands();

// Dispatches argv (without the program name). No subcommand means `view`.
int dispatch(Args args);

}  // namespace annals::cli
