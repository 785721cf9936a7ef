#!/usr/bin/env bash
# What you see is what you export: the viewer's F12 screenshot and frame 1 of
# an export started from its Export dialog (Ctrl+E, Enter) are the same
# pixels: same view, same size, same time, one renderer.
# Usage: export_dialog_test.sh ANNALS_BINARY ARTIFACT_DIR
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
# Its own settings: never the user's, never the last test's.
export XDG_CONFIG_HOME="$art/config"
log="$art/viewer.log"
: >"$log"
source "$(dirname "$0")/lib.sh"  # fail, wait_for_log

cd "$art"  # the dialog's default folder, annals-export, is relative to here
"$annals" view --size 960x640 --screenshot-dir "$art" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
wait_for_log "annals: ready"
wid=$(xdotool search --sync --onlyvisible --pid "$pid" | head -1)
[[ -n "$wid" ]] || fail "no viewer window"
sleep 0.5

xdotool key --window "$wid" F12
wait_for_log "annals: screenshot "
screenshot=$(sed -n 's/^annals: screenshot //p' "$log" | head -1)
[[ -f "$screenshot" ]] || fail "F12 wrote no file ($screenshot)"

xdotool key --window "$wid" ctrl+e
sleep 0.8
import -window "$wid" "$art/dialog.png"
xdotool key --window "$wid" Return
sleep 1.5
import -window "$wid" "$art/exporting.png"
wait_for_log "annals: export started"
for _ in $(seq 1 480); do
  [[ -f annals-export/frame_00002.png ]] && break
  sleep 0.25
done
[[ -f annals-export/frame_00001.png ]] || fail "the dialog's export wrote no frame 1"

# The F12 frame and export frame 1: identical pixels (compare's AE: 0).
size_a=$(identify -format '%wx%h' "$screenshot")
size_b=$(identify -format '%wx%h' annals-export/frame_00001.png)
[[ "$size_a" == "$size_b" ]] || fail "F12 is $size_a but the export is $size_b"
diff_px=$(compare -metric AE "$screenshot" annals-export/frame_00001.png null: 2>&1 || true)
[[ "${diff_px%% *}" == 0 ]] || fail "F12 and export frame 1 differ in $diff_px pixels"
# And the comparison can fail: a later frame of the export is another picture.
for _ in $(seq 1 480); do
  [[ -f annals-export/frame_00090.png ]] && break
  sleep 0.25
done
later=$(compare -metric AE "$screenshot" annals-export/frame_00090.png null: 2>&1 || true)
[[ "${later%% *}" != 0 ]] || fail "frame 90 (a later month) equals the F12 frame: the check is blind"
echo "export_dialog_test: F12 ($size_a) and the dialog's export frame 1 are the same pixels"
