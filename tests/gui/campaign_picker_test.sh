#!/usr/bin/env bash
# The campaign picker: Ctrl+O in the viewer lists the shipped campaigns with
# their titles, years and entries; clicking the second campaign (元史 卷一,
# the campaigns of Chinggis Khan) opens it in a new window of the same
# process, and the settings remember both folders as recent.
# Usage: campaign_picker_test.sh ANNALS_BINARY ARTIFACT_DIR
set -euo pipefail
annals="$1"
art="$2"

if [[ "${ANNALS_GUI_INNER:-}" != 1 ]]; then
  mkdir -p "$art"
  export ANNALS_GUI_INNER=1
  exec xvfb-run -a -s "-screen 0 1280x800x24" bash "$0" "$@"
fi

rm -rf "$art" && mkdir -p "$art"
export SDL_VIDEODRIVER=x11
export XDG_CONFIG_HOME="$art/config"
log="$art/viewer.log"
: >"$log"
source "$(dirname "$0")/lib.sh"

"$annals" view --size 1200x760 --log-idle >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
wait_for_log "annals: campaign xixia-1224"
wait_for_log "annals: idle after input"
wid=$(xdotool search --sync --onlyvisible --pid "$pid" | head -1)
[[ -n "$wid" ]] || fail "no viewer window"
xdotool windowfocus --sync "$wid"
idle=$(grep -c "annals: idle after input" "$log")
xdotool key --window "$wid" ctrl+o
wait_for_log "annals: idle after input" $((idle + 1))
sleep 0.5
import -window "$wid" "$art/picker.png"
# The picker opens centred, a third of the way down: its second row (the
# campaigns are listed by folder name) is at y 289 in a 1200x760 window.
xdotool mousemove --window "$wid" 400 289
sleep 0.3
xdotool click 1
wait_for_log "annals: opening .*yuanshi-taizu"
wait_for_log "annals: campaign yuanshi-taizu"
wait_for_log "annals: idle after input" $(($(grep -c "annals: idle after input" "$log") + 0))
sleep 1
wid=$(xdotool search --sync --onlyvisible --pid "$pid" | head -1)
import -window "$wid" "$art/second-campaign.png"
grep -q "annals: time 开禧元年" "$log" || fail "the second campaign did not start at its first month (1205)"
xdotool key --window "$wid" ctrl+q
for _ in $(seq 1 120); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.25
done
kill -0 "$pid" 2>/dev/null && fail "Ctrl+Q did not quit"
wait "$pid" || fail "the viewer exited with status $?"
settings="$XDG_CONFIG_HOME/annals/settings.json"
grep -A3 '"recent_campaigns"' "$settings" | grep -q "yuanshi-taizu" || fail "the opened campaign is not in the recent list"
echo "campaign_picker_test: Ctrl+O listed the campaigns; clicking 元史 卷一 opened it"
