// Start-up tracing: with ANNALS_TRACE set in the environment, each call
// prints `annals trace: +N ms STEP` to stderr, N counted from the process's
// start, so where a launch spends its time can be read off any run
// (docs/performance.md). Without the variable it costs one branch. Safe from
// any thread.
#pragma once

namespace annals {

void trace(const char* step);

}  // namespace annals
