#!/usr/bin/env bash
# The newcomer's first command: set up, build, and open the viewer on the
# default campaign. Extra arguments go to `annals view`.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh --no-test-deps
tools/build.sh release --target annals
exec build/release/app/annals view "$@"
