#include "annals/geo/trace.h"

#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <unistd.h>

namespace annals {

namespace {
// The process's start in CLOCK_MONOTONIC terms: /proc/self/stat field 22
// (start time in clock ticks since boot) — so the figures include what runs
// before main (the dynamic loader, static constructors).
double start_seconds() {
  std::ifstream in("/proc/self/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The command name (field 2) may hold spaces; count fields after its ')'.
  const std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::size_t pos = close + 2;
  for (int field = 3; field < 22 && pos != std::string::npos; ++field) pos = stat.find(' ', pos) + 1;
  if (pos == std::string::npos || pos == 0) return -1;
  return std::strtod(stat.c_str() + pos, nullptr) / static_cast<double>(sysconf(_SC_CLK_TCK));
}
}  // namespace

void trace(const char* step) {
  static const bool on = std::getenv("ANNALS_TRACE") != nullptr;
  if (!on) return;
  static const double start = start_seconds();
  timespec now{};
  clock_gettime(CLOCK_BOOTTIME, &now);
  const double t = static_cast<double>(now.tv_sec) + now.tv_nsec * 1e-9;
  std::fprintf(stderr, "annals trace: +%.0f ms %s\n", start < 0 ? 0.0 : (t - start) * 1000.0, step);
}

}  // namespace annals
