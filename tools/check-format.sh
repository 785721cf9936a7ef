#!/usr/bin/env bash
# Fails if any C++ source of the project is not formatted as .clang-format
# says (Debian 12's clang-format 14). Run by CTest (label lint); to fix:
#   git ls-files '*.cpp' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || {
  echo "check-format: clang-format is missing; tools/setup.sh installs it (Debian package clang-format)" >&2
  exit 1
}
# The tracked sources in a checkout; every source file otherwise (a tarball).
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.cpp' '*.h')
else
  mapfile -t files < <(find app geo tests tools -name '*.cpp' -o -name '*.h')
fi
[[ ${#files[@]} -gt 0 ]] || { echo "check-format: no sources found" >&2; exit 1; }
clang-format --dry-run --Werror "${files[@]}"
echo "check-format: ${#files[@]} files formatted as .clang-format says"
