# Shared by the GUI tests that source it: the failure report and the wait
# for the viewer's log. Expects $log (the viewer's log file), $pid (the
# viewer) and, optionally, $fail_prefix (e.g. the screen size).
fail() {
  echo "FAIL${fail_prefix:+ ($fail_prefix)}: $*" >&2
  echo "--- viewer log:" >&2
  cat "$log" >&2 || true
  exit 1
}
# Waits (a hang guard, not a performance limit) for the Nth log line matching.
wait_for_log() {  # wait_for_log PATTERN [COUNT]
  local want="${2:-1}"
  for _ in $(seq 1 600); do
    [[ $(grep -c "$1" "$log") -ge $want ]] && return 0
    kill -0 "$pid" 2>/dev/null || fail "viewer exited while waiting for '$1'"
    sleep 0.25
  done
  fail "viewer never logged '$1' ($want times)"
}
