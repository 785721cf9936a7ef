#!/usr/bin/env bash
# Presentation mode as a classroom uses it, under Xvfb with a window manager
# (openbox: fullscreen needs one, as on any desktop), at 1280x720, 1920x1080
# and 3840x2160: the window covers the whole screen; at 1920x1080 the
# clicker's keys step the entries, B blanks to black and back, ? shows the
# keys, Esc leaves presentation mode and never quits, Ctrl+Q quits; the
# settings file is written, and a corrupt one is reported and replaced.
# Type sizes and contrast are measured on the same frames headlessly
# (tests/render/presentation_test.cpp).
# Usage: presentation_test.sh ANNALS_BINARY ARTIFACT_DIR
set -euo pipefail
annals="$1"
art="$2"

if [[ "${ANNALS_GUI_INNER:-}" != 1 ]]; then
  rm -rf "$art" && mkdir -p "$art"
  export ANNALS_GUI_INNER=1
  for size in 1920x1080 1280x720 3840x2160; do
    xvfb-run -a -s "-screen 0 ${size}x24" bash "$0" "$annals" "$art" "$size"
  done
  echo "presentation_test: full screen at 1280x720, 1920x1080 and 3840x2160; clicker, blank, Esc, Ctrl+Q and settings work"
  exit 0
fi

size="$3"
W=${size%x*}
H=${size#*x}
dir="$art/$size"
mkdir -p "$dir"
export SDL_VIDEODRIVER=x11
export XDG_CONFIG_HOME="$dir/config"
log="$dir/viewer.log"
: >"$log"
fail_prefix="$size"
source "$(dirname "$0")/lib.sh"
idle_count() { grep -c "annals: idle after input" "$log" || true; }
# Presses a key and waits until the viewer has drawn what it asked for.
press() {
  local before
  before=$(idle_count)
  xdotool key --window "$wid" "$1"
  wait_for_log "annals: idle after input" $((before + 1))
}

openbox >/dev/null 2>&1 &
wm=$!
trap 'kill $pid $wm 2>/dev/null || true' EXIT
sleep 1

if [[ "$size" == 1920x1080 ]]; then
  # A corrupt settings file: reported, defaults used, replaced.
  mkdir -p "$XDG_CONFIG_HOME/annals"
  printf '{"language": "en",' >"$XDG_CONFIG_HOME/annals/settings.json"
fi

"$annals" view --present --log-idle --screenshot-dir "$dir" >"$log" 2>&1 &
pid=$!
wait_for_log "annals: ready"
wid=$(xdotool search --sync --onlyvisible --pid "$pid" | head -1)
[[ -n "$wid" ]] || fail "no viewer window"
wait_for_log "annals: idle after input"
sleep 0.5

# Full screen: the window is the screen, and the screen shows the map to
# every corner (Xvfb's root is black where nothing covers it).
eval "$(xdotool getwindowgeometry --shell "$wid")"
[[ "$WIDTH" == "$W" && "$HEIGHT" == "$H" ]] || fail "the window is ${WIDTH}x$HEIGHT, not the screen's $size"
import -window root "$dir/present.png"
for corner in "+0+0" "+$((W - 24))+0" "+0+$((H - 40))" "+$((W - 24))+$((H - 40))"; do
  mean=$(convert "$dir/present.png" -crop "24x24$corner" -format '%[fx:mean]' info:)
  awk -v m="$mean" 'BEGIN { exit !(m > 0.2) }' || fail "corner $corner is dark (mean $mean): not covered by the map"
done
[[ "$size" == 1920x1080 ]] || exit 0

grep -q "not a settings file" "$log" || fail "the corrupt settings file was not reported"
grep -q '"format": "annals-settings"' "$XDG_CONFIG_HOME/annals/settings.json" ||
  fail "the corrupt settings file was not replaced"

# The clicker: PageDown and Right step to the next entry's month.
months=$(grep -c "annals: time " "$log")
press Next
press Right
[[ $(grep -c "annals: time " "$log") -ge $((months + 2)) ]] || fail "PageDown and Right did not step the entries"
import -window root "$dir/after-clicks.png"

# B blanks to black, and back.
press b
import -window root "$dir/blank.png"
[[ $(convert "$dir/blank.png" -format '%[fx:maxima]' info:) == 0 ]] || fail "B did not blank the screen to black"
press period
import -window root "$dir/unblanked.png"
awk -v m="$(convert "$dir/unblanked.png" -format '%[fx:mean]' info:)" 'BEGIN { exit !(m > 0.2) }' ||
  fail ". did not bring the map back"

# ? shows the keys over the map.
press shift+slash
import -window root "$dir/keys.png"
diff_px=$(compare -metric AE "$dir/unblanked.png" "$dir/keys.png" null: 2>&1 || true)
# compare may print the count as 1.45e+06: compared as a number by awk.
awk -v n="${diff_px%% *}" 'BEGIN { exit !(n + 0 > 10000) }' || fail "? showed no keys (only $diff_px pixels changed)"
press Escape  # closes the keys

# Esc leaves presentation mode and never quits.
press Escape
grep -q "annals: presentation off" "$log" || fail "Esc did not leave presentation mode"
press Escape
press Escape
kill -0 "$pid" 2>/dev/null || fail "Esc quit the viewer"
import -window root "$dir/desk.png"

# Ctrl+Q quits, and the settings are saved.
xdotool key --window "$wid" ctrl+q
for _ in $(seq 1 120); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.25
done
kill -0 "$pid" 2>/dev/null && fail "Ctrl+Q did not quit"
wait "$pid" || fail "the viewer exited with status $?"
grep -q '"language": "zh-pinyin"' "$XDG_CONFIG_HOME/annals/settings.json" || fail "settings not saved on quit"
