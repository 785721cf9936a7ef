#!/usr/bin/env bash
# Configures and builds Annals with a CMake preset (default: release).
# Usage: tools/build.sh [release|debug|asan] [extra cmake --build args]
# Extra configure options come from $ANNALS_CONFIGURE, e.g.
#   ANNALS_CONFIGURE=-DANNALS_BUILD_TESTS=OFF tools/build.sh release --target annals
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
shift || true
# shellcheck disable=SC2086 # ANNALS_CONFIGURE holds separate words on purpose
cmake --preset "$preset" ${ANNALS_CONFIGURE:-} >/dev/null
cmake --build --preset "$preset" "$@"
