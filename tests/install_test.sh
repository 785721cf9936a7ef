#!/usr/bin/env bash
# `cmake --install` puts annals, its data and its assets under a prefix, and
# the installed binary runs from any working directory, reading the installed
# data (not the source tree it was built from).
# Usage: install_test.sh BUILD_DIR
set -euo pipefail
build="$1"
prefix=$(mktemp -d "${TMPDIR:-/tmp}/annals-prefix.XXXXXX")
trap 'rm -rf "$prefix"' EXIT
fail() { echo "install_test: FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null
bin="$prefix/bin/annals"
[[ -x "$bin" ]] || fail "no executable at $bin"
for f in share/annals/data/calendar/months.csv share/annals/data/calendar/eras.csv \
         share/annals/data/campaigns/xixia-1224/campaign.json share/annals/assets/basemap/PROVENANCE.md; do
  [[ -f "$prefix/$f" ]] || fail "cmake --install did not install $f"
done

cd /
unset ANNALS_DATA_DIR ANNALS_ASSETS_DIR
version=$("$bin" --version)
grep -qx "data: $prefix/share/annals/data" <<<"$version" || fail "installed binary reads data elsewhere: $version"
grep -qx "assets: $prefix/share/annals/assets" <<<"$version" || fail "installed binary reads assets elsewhere: $version"

"$bin" check >/dev/null || fail "annals check (default campaign) failed from /"
"$bin" date 宝庆三年闰五月 | grep -q '"jdn": 2169386' || fail "annals date gave a wrong answer from /"
"$bin" still --out "$prefix/frame.png" --size 320x200 || fail "annals still failed from /"
[[ $(head -c 8 "$prefix/frame.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "still wrote no PNG"
echo "install_test: installed under $prefix and ran from / with its own data"
