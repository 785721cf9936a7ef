#!/usr/bin/env bash
# Installs exactly the Debian 12 packages Annals needs to build, run and test.
# Idempotent: packages already present are not reinstalled, and apt-get runs
# only when something is missing. Works as root, or through sudo otherwise.
set -euo pipefail

# Build toolchain and libraries (all from Debian; nothing is vendored).
BUILD_PACKAGES=(
  build-essential cmake pkg-config git
  libsdl2-dev libimgui-dev libstb-dev libfreetype-dev
  libgl-dev libopengl-dev libegl-dev libgles-dev libegl-mesa0 libgl1-mesa-dri
  libproj-dev proj-data libgdal-dev gdal-bin libpng-dev nlohmann-json3-dev
  fonts-noto-cjk
)
# Tests: GoogleTest, Google Benchmark, a virtual X server, a light window
# manager (fullscreen needs one, as on any desktop) and the tools that drive
# and photograph the viewer,
# Python for the chronicle tool's check, clang and its runtime for the
# libFuzzer targets (tests/fuzz).
TEST_PACKAGES=(
  libgtest-dev libgmock-dev libbenchmark-dev
  xvfb xauth openbox xdotool imagemagick python3 clang-format
  clang libclang-rt-14-dev
)
# Video export.
RUNTIME_PACKAGES=(ffmpeg)

want=("${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}")
if [[ "${1:-}" != "--no-test-deps" ]]; then want+=("${TEST_PACKAGES[@]}"); fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup: all ${#want[@]} Debian packages Annals needs are installed."
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "setup: these packages are missing and neither root nor sudo is available:" >&2
  echo "  ${missing[*]}" >&2
  exit 1
fi

# A mirror can fail for a moment: retry, then say what could not be fetched.
retry() {
  local n
  for n in 1 2 3; do
    if "$@"; then return 0; fi
    echo "setup: attempt $n of 3 failed: $*" >&2
    sleep $((n * 10))
  done
  return 1
}

echo "setup: installing ${#missing[@]} Debian package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
retry "${SUDO[@]}" apt-get update -q || { echo "setup: apt-get update failed (is a Debian mirror reachable?)" >&2; exit 1; }
retry "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" \
  || { echo "setup: apt-get install failed for: ${missing[*]}" >&2; exit 1; }
echo "setup: done."
