// Running the annals executable as a user does, for tests of the command line:
// the exit code and what it printed (stdout and stderr together).
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace annals::test {

struct CommandRun {
  int code = -1;
  std::string out;
};

// `shell_prefix` goes before the program (environment settings, ulimit …).
inline CommandRun run_annals(const std::string& args, const std::string& shell_prefix = "") {
  const std::string cmd = shell_prefix + std::string(ANNALS_BINARY) + " " + args + " 2>&1";
  CommandRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace annals::test
