#!/usr/bin/env bash
# Builds the libFuzzer targets (CMake preset fuzz: clang, ASan, UBSan) and runs
# each for a while on seeds made from the shipped data, the fixtures and the
# hand-picked seeds in tests/fuzz/corpus/. docs/testing.md ("Fuzzing") has more.
#
#   tools/fuzz.sh [--seconds N] [--jobs J] [TARGET...]
#
#   --seconds N   how long each target runs (default 20); 14400 for four hours
#   --jobs J      parallel fuzzing processes per target (default 1)
#   TARGET        e.g. era_date (every target in tests/fuzz/*_fuzz.cpp if none)
#
# Prints, per target, the seconds it ran and the inputs it executed (libFuzzer's
# stat::number_of_executed_units). Exits 1 as soon as a target fails (a crash,
# a sanitizer report, a hang, an exception other than the project's own
# errors), naming the target and the file holding the input; copy that file to
# tests/fuzz/regressions/TARGET/ once the bug is fixed.
# Work files go to build/fuzz/run/: corpus/ (kept and grown from run to run),
# artifacts/ (failing inputs), logs/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20
jobs=1
targets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -gt 0 ]] || { echo "fuzz: --seconds takes a whole number of seconds" >&2; exit 2; }
[[ "$jobs" =~ ^[0-9]+$ && "$jobs" -gt 0 ]] || { echo "fuzz: --jobs takes a whole number" >&2; exit 2; }

command -v clang++ >/dev/null || {
  echo "fuzz: clang++ is missing; tools/setup.sh installs it (Debian packages clang, libclang-rt-14-dev)" >&2
  exit 1
}

all=()
for f in tests/fuzz/*_fuzz.cpp; do all+=("$(basename "$f" _fuzz.cpp)"); done
[[ ${#targets[@]} -gt 0 ]] || targets=("${all[@]}")
for t in "${targets[@]}"; do
  [[ -f "tests/fuzz/${t}_fuzz.cpp" ]] || { echo "fuzz: no target '$t' (targets: ${all[*]})" >&2; exit 2; }
done

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

root="$PWD"
run="$root/build/fuzz/run"
rm -rf "$run/seeds" "$run/tmp"
mkdir -p "$run/seeds" "$run/artifacts" "$run/logs" "$run/tmp"
python3 tools/fuzz/make_seeds.py "$run/seeds"
# The campaign target copies a campaign into a temporary folder: keep it here.
export TMPDIR="$run/tmp"
# Leaks are reported too (the harness frees what it makes); UBSan stops at the first report.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

summary=()
for t in "${targets[@]}"; do
  corpus="$run/corpus/$t"
  rm -rf "$run/artifacts/$t"
  mkdir -p "$corpus" "$run/artifacts/$t/" "$run/seeds/$t"
  seeds=("$run/seeds/$t")
  [[ -d "tests/fuzz/corpus/$t" ]] && seeds+=("$root/tests/fuzz/corpus/$t")
  dict=()
  if [[ -f "tests/fuzz/$t.dict" ]]; then
    dict=("-dict=$root/tests/fuzz/$t.dict")
  elif [[ "$t" == *json ]]; then
    dict=("-dict=$root/tests/fuzz/json.dict")
  fi
  log="$run/logs/$t.log"
  echo "fuzz: $t: running for $seconds s ($jobs job(s)); log in $log"
  flags=(-max_total_time="$seconds" -print_final_stats=1 -timeout=30 -rss_limit_mb=3072
         -artifact_prefix="$run/artifacts/$t/" "${dict[@]}")
  start=$(date +%s)
  status=0
  binary="$root/build/fuzz/tests/fuzz/${t}_fuzz"
  if [[ "$jobs" -eq 1 ]]; then
    "$binary" "${flags[@]}" "$corpus" "${seeds[@]}" >"$log" 2>&1 || status=$?
  else
    # Each job writes fuzz-N.log in the working directory; all share the corpus.
    (cd "$run/logs" && "$binary" "${flags[@]}" -jobs="$jobs" -workers="$jobs" "$corpus" "${seeds[@]}") \
      >"$log" 2>&1 || status=$?
    cat "$run"/logs/fuzz-*.log >>"$log" 2>/dev/null || true
    rm -f "$run"/logs/fuzz-*.log
  fi
  elapsed=$(( $(date +%s) - start ))
  execs=$( (grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" || true) | awk '{s += $2} END {print s + 0}')
  crash=$(find "$run/artifacts/$t" -type f -print -quit)
  if [[ $status -ne 0 || -n "$crash" ]]; then
    echo "fuzz: $t FAILED after $elapsed s and $execs executions (exit $status)" >&2
    grep -E 'ERROR: |runtime error: |terminate called|what\(\):|Test unit written to' "$log" | head -n 12 >&2 || true
    echo "fuzz: $t: the input is in ${crash:-(no artifact; see $log)}; full log: $log" >&2
    echo "fuzz: reproduce with: $binary ${crash:-}" >&2
    exit 1
  fi
  line=$(printf '%-18s %6s s %12s executions' "$t" "$elapsed" "$execs")
  echo "fuzz: $line"
  summary+=("$line")
done

echo "fuzz: all targets passed:"
printf '  %s\n' "${summary[@]}"
