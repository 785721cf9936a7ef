#!/usr/bin/env bash
# Measures what the issues ask to be measured, on this machine:
#  - frame time at 1920×1080 and 3840×2160, a still with read-back, campaign
#    load and a projection switch (Google Benchmark, tests/bench/*);
#  - gazetteer load and search at 100,000 places;
#  - launch to first complete frame of the viewer under Xvfb, and its peak
#    resident memory a second later (5 runs).
# Figures only: nothing here passes or fails. Run on a quiet machine.
# Usage: tools/bench.sh [release]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
tools/build.sh "$preset" --target annals annals_benchmarks >/dev/null
bin=build/$preset
echo "== benchmarks ($(nproc) cores)"
"$bin/tests/annals_benchmarks" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true 2>&1 |
  grep -E "^(BM_|Run on|CPU)" | grep -v "_stddev\|_cv"
echo "== viewer: launch to first complete frame and peak memory (1920x1080, Xvfb)"
for i in 1 2 3 4 5; do
  log=$(mktemp)
  SDL_VIDEODRIVER=x11 timeout 60 xvfb-run -a -s "-screen 0 1920x1080x24" bash -c \
    "'$bin/app/annals' view --size 1920x1080 > '$log' 2>&1 & pid=\$!; for _ in \$(seq 1 120); do grep -q 'annals: ready' '$log' && break; sleep 0.25; done; sleep 1; grep VmHWM /proc/\$pid/status >> '$log'; kill \$pid" || true
  echo "$(grep -o "first frame [0-9]* ms" "$log" || echo "no ready line: $(cat "$log")"), peak resident memory $(awk '/VmHWM/ {print int($2 / 1024) " MiB"}' "$log")"
  rm -f "$log"
done
