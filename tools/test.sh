#!/usr/bin/env bash
# The newcomer's second command (and CI's): set up, build, and run the whole
# test suite — unit, headless render (EGL, Mesa llvmpipe) and GUI (Xvfb) tests.
# Usage: tools/test.sh [release|debug|asan] [ctest options, e.g. -L 'unit|render']
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
shift || true
tools/setup.sh
ANNALS_CONFIGURE=-DANNALS_BUILD_TESTS=ON tools/build.sh "$preset"
ctest --preset "$preset" --output-on-failure "$@"
