#!/usr/bin/env bash
# The newcomer's first command: set up, build, and open the viewer on the
# default campaign. Extra arguments go to `annals view`.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh --no-test-deps
# The viewer needs no test libraries (setup did not install them): configure
# without the tests. tools/test.sh turns them back on in the same build tree.
ANNALS_CONFIGURE=-DANNALS_BUILD_TESTS=OFF tools/build.sh release --target annals
exec build/release/app/annals view "$@"
