#!/usr/bin/env bash
# Configures and builds Annals with a CMake preset (default: release).
# Usage: tools/build.sh [release|debug|asan] [extra cmake --build args]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
shift || true
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" "$@"
