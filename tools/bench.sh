#!/usr/bin/env bash
# Measures what the issues ask to be measured, on this machine:
#  - frame time at 1920×1080 and 3840×2160, a still with read-back, campaign
#    load and a projection switch (Google Benchmark, tests/bench/*);
#  - gazetteer load and search at 100,000 places;
#  - launch to first complete frame of the viewer under Xvfb, and its peak
#    resident memory a second later (5 runs).
# Figures only: nothing here passes or fails. Run on a quiet machine.
# Usage: tools/bench.sh [PRESET] [SECTION...]   (sections: benchmarks viewer
# export; default all of them), e.g. tools/bench.sh release export
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-release}"
shift || true
sections=" ${*:-benchmarks viewer export} "
tools/build.sh "$preset" --target annals annals_benchmarks >/dev/null
bin=build/$preset
want() { [[ "$sections" == *" $1 "* ]]; }
if want benchmarks; then
echo "== benchmarks ($(nproc) cores)"
"$bin/tests/annals_benchmarks" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true 2>&1 |
  grep -E "^(BM_|Run on|CPU)" | grep -v "_stddev\|_cv"
fi
if want viewer; then
echo "== viewer: launch to first complete frame and peak memory (1920x1080, Xvfb)"
for i in 1 2 3 4 5; do
  # Appended to, by the viewer too: its later lines must not overwrite VmHWM.
  log=$(mktemp)
  SDL_VIDEODRIVER=x11 timeout 60 xvfb-run -a -s "-screen 0 1920x1080x24" bash -c \
    "'$bin/app/annals' view --size 1920x1080 >> '$log' 2>&1 & pid=\$!; for _ in \$(seq 1 120); do grep -q 'annals: ready' '$log' && break; sleep 0.25; done; sleep 1; grep VmHWM /proc/\$pid/status >> '$log'; kill \$pid" || true
  echo "$(grep -o "first frame [0-9]* ms" "$log" || echo "no ready line: $(cat "$log")"), peak resident memory $(awk '/VmHWM/ {print int($2 / 1024) " MiB"}' "$log")"
  rm -f "$log"
done
fi

# Export: frames per second to PNG at 1920x1080 and 3840x2160 and to H.264 at
# 1080p, the time from launch until the first frame is on disk, and the
# export's peak resident memory. 300 frames each (240 at 4K), the default pace.
export_run() {  # export_run LABEL SIZE FRAMES OUTPUT_OPTION (--out DIR or --video FILE)
  local label="$1" size="$2" frames="$3" how="$4" where="$5" log out
  log=$(mktemp)
  # One Python process polls for the first frame: a shell loop forking
  # `sleep` every few milliseconds costs the export a third of its speed.
  out=$(python3 - "$where/frame_00001.png" "$log" /usr/bin/time -f 'peak %M KiB' "$bin/app/annals" export \
    --size "$size" --frames "1-$frames" "$how" "$where" <<'PY'
import os, subprocess, sys, time
probe, log = sys.argv[1], sys.argv[2]
start = time.monotonic()
with open(log, "w") as f:
    p = subprocess.Popen(sys.argv[3:], stdout=f, stderr=subprocess.STDOUT)
first = None
while p.poll() is None and first is None:
    if os.path.exists(probe):
        first = (time.monotonic() - start) * 1000
    time.sleep(0.002)
p.wait()  # no polling once the first frame is there
print(p.returncode, "" if first is None else int(first))
PY
)
  read -r rc first <<<"$out"
  if [[ "$rc" != 0 ]]; then
    echo "$label: export failed: $(tail -3 "$log")"
    rm -f "$log"
    return
  fi
  # frames/s: frames written per second from the first frame's render on
  # (the export's own figure); the first frame's latency includes the launch.
  echo "$label: $(grep -o '[0-9.]* frames/s' "$log" | tail -1) over $frames frames${first:+, first frame on disk ${first} ms after launch}, $(grep -o 'peak [0-9]* KiB' "$log" | awk '{print int($2 / 1024) " MiB peak resident"}')"
  rm -f "$log"
}
want export || exit 0
echo "== export (llvmpipe unless a GPU is present)"
# The relief cache (docs/performance.md) in a folder of the benchmark's own:
# the first run finds it empty (a first launch, "cold"), the rest find the
# relief it left ("warm"), as a second export or every other process of a
# split export does.
XDG_CACHE_HOME=$(mktemp -d)
export XDG_CACHE_HOME
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT
d=$(mktemp -d); export_run "PNG 1920x1080, cold relief cache" 1920x1080 30 --out "$d"; rm -rf "$d"
for i in 1 2 3; do
  d=$(mktemp -d); export_run "PNG 1920x1080" 1920x1080 300 --out "$d"; rm -rf "$d"
done
for i in 1 2 3; do
  d=$(mktemp -d); export_run "PNG 3840x2160" 3840x2160 150 --out "$d"; rm -rf "$d"
done
for i in 1 2 3; do
  d=$(mktemp -d); export_run "H.264 1920x1080" 1920x1080 300 --video "$d/x.mp4"; rm -rf "$d"
done
