#!/usr/bin/env bash
# Regenerates data/calendar/months.csv from lunar-javascript at the exact
# version pinned in package-lock.json, then applies data/calendar/overrides.csv.
# Pass --check to verify the committed file instead of rewriting it.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
node gen-months.mjs "$@"
