#!/usr/bin/env bash
# Mutation testing: breaks one behaviour at a time on a copy of the tree and
# checks that the suite notices. Each mutation in tools/mutations.txt names a
# file, a snippet that occurs there exactly once, its replacement and what the
# change breaks; for each, on the copy, the snippet is replaced, only what it
# affects is rebuilt (make, on a build folder kept between runs), the unit and
# render tests run (GoogleTest, stopping at the first failure; the gui label
# too for mutations that ask for it, with --gui), and the file is put back.
# A mutation is killed when a test fails; one that survives is a
# behaviour no test checks: add the test, or say in mutations.txt why not.
# A mutation the compiler refuses (-Werror) is reported apart: rewrite it.
#
# Usage: tools/mutate.sh [--gui] [--only ID,ID…] [--all-tests] [--list FILE] [--dir DIR] [--jobs N]
#   --dir   where the copy and its build live (default /tmp/annals-mutate);
#           the first run builds it in full (about ten minutes on 2 cores),
#           later runs only what changed
#   --only  run just these mutations
#   --all-tests  run every test of the label that fails and name the tests
#           that kill each mutation (slower)
# Prints each mutation's fate, the score (killed / run) and the survivors;
# exits 1 if any mutation survived. The build and test output is in DIR/mutate.log.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 tools/mutate.py "$@"
