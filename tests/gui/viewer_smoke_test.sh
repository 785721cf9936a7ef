#!/usr/bin/env bash
# GUI smoke test: starts the real viewer under Xvfb on the default campaign,
# waits until it reports ready, drives it with keys and clicks (xdotool) like
# a user, and checks each step through screenshots of the X screen.
# Usage: viewer_smoke_test.sh ANNALS_BINARY ARTIFACT_DIR
set -euo pipefail
annals="$1"
art="$2"

if [[ "${ANNALS_GUI_INNER:-}" != 1 ]]; then
  mkdir -p "$art"
  export ANNALS_GUI_INNER=1
  exec xvfb-run -a -s "-screen 0 1280x800x24" bash "$0" "$@"
fi

rm -rf "$art" && mkdir -p "$art/shots"
# ImageMagick by absolute path: some machines put other tools named convert first on PATH.
convert() { /usr/bin/convert "$@"; }
export SDL_VIDEODRIVER=x11
log="$art/viewer.log"
: >"$log"
fail() {
  echo "FAIL: $*" >&2
  echo "--- viewer log:" >&2
  cat "$log" >&2 || true
  exit 1
}

# Pixels that differ by more than 8% in colour between two PNGs.
differing() {
  # compare exits 1 when the images differ; only its count matters here.
  local n
  n=$(compare -metric AE -fuzz 8% "$1" "$2" null: 2>&1 || true)
  echo "${n%%[ .]*}"
}
# A click as a person makes it: press, hold briefly, release. (xdotool's
# zero-length click can lose its release while SDL grabs the pointer.)
click_at() {
  xdotool mousemove --window "$wid" "$1" "$2"
  sleep 0.15
  xdotool mousedown 1
  sleep 0.12
  xdotool mouseup 1
}
shot() {
  sleep 0.8  # the viewer redraws within a frame or two of input; give it a margin
  import -window "$wid" "$art/$1.png"
}

"$annals" view --size 1200x760 --screenshot-dir "$art/shots" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT

# Wait for the first complete frame (a hang guard, not a performance limit).
for _ in $(seq 1 240); do
  grep -q "annals: ready" "$log" && break
  kill -0 $pid 2>/dev/null || fail "viewer exited before it was ready"
  sleep 0.25
done
grep -q "annals: ready" "$log" || fail "viewer never reported ready"
grep -qE "annals: ready 1200x[0-9]+ [1-9][0-9]* places" "$log" || fail "ready line does not report the window size and places"

wid=$(xdotool search --sync --onlyvisible --name "Annals" | head -1)
[[ -n "$wid" ]] || fail "no window titled Annals"
# No window manager runs under Xvfb, so nothing gives the window focus the way a
# user's first click would; without it ImGui's SDL backend ignores the mouse.
xdotool windowfocus --sync "$wid"
shot start

# The map is there: land tints, water and dark ink, not a black or blank screen.
[[ "$(identify -format "%wx%h" "$art/start.png")" == "1200x760" ]] || fail "window screenshot is not 1200x760"
colours=$(convert "$art/start.png" -colors 64 -unique-colors -format "%w" info:)
((colours >= 32)) || fail "the window shows only $colours colours: no map"
mean=$(convert "$art/start.png" -format "%[fx:int(mean*255)]" info:)
((mean > 120 && mean < 245)) || fail "mean brightness $mean is not that of a map"

# L shows the Layers panel (hidden at start, for a clean projected map): the
# top-right corner changes; L again hides it and restores the first view.
xdotool key --window "$wid" l
shot panel
convert "$art/start.png" -crop 320x420+880+0 +repage "$art/start-corner.png"
convert "$art/panel.png" -crop 320x420+880+0 +repage "$art/panel-corner.png"
corner=$(differing "$art/start-corner.png" "$art/panel-corner.png")
((corner > 20000)) || fail "L did not show the layers panel ($corner pixels changed)"
xdotool key --window "$wid" l
shot no-panel
back=$(differing "$art/start.png" "$art/no-panel.png")
((back < 2000)) || fail "L twice should restore the first view ($back pixels differ)"
xdotool key --window "$wid" l
shot panel-again

# Clicking the 'Relief' checkbox turns the relief off: most of the map changes.
click_at 950 62
shot relief-off
changed=$(differing "$art/panel-again.png" "$art/relief-off.png")
((changed > 150000)) || fail "clicking Relief changed only $changed pixels"
click_at 950 62
shot relief-on
changed=$(differing "$art/panel-again.png" "$art/relief-on.png")
((changed < 2000)) || fail "clicking Relief again should restore it ($changed pixels differ)"

# + zooms in about the centre; 0 returns to the whole campaign.
xdotool mousemove --window "$wid" 600 500
xdotool key --window "$wid" plus plus
shot zoomed
changed=$(differing "$art/panel-again.png" "$art/zoomed.png")
((changed > 100000)) || fail "+ did not zoom ($changed pixels changed)"
xdotool key --window "$wid" 0
shot home
changed=$(differing "$art/panel-again.png" "$art/home.png")
((changed < 3000)) || fail "0 did not return to the whole campaign ($changed pixels differ)"

# Dragging pans the map.
xdotool mousemove --window "$wid" 500 500
sleep 0.2
xdotool mousedown 1
for x in 460 420 380 340 300; do
  sleep 0.05
  xdotool mousemove --window "$wid" $x $((x - 100))
done
sleep 0.2
xdotool mouseup 1
shot panned
changed=$(differing "$art/home.png" "$art/panned.png")
((changed > 100000)) || fail "dragging did not pan ($changed pixels changed)"

# P switches to the next projection (Lambert conformal conic) without a restart.
xdotool key --window "$wid" p
# The switch warps the relief (a few hundred ms; longer under sanitizers):
# wait for the viewer to say it is done (a hang guard, not a limit).
for _ in $(seq 1 120); do
  grep -q "annals: projection lcc in" "$log" && break
  sleep 0.25
done
grep -q "annals: projection lcc in" "$log" || fail "P did not switch the projection"
shot projected
changed=$(differing "$art/panned.png" "$art/projected.png")
((changed > 20000)) || fail "the projection switch did not change the map ($changed pixels)"

# Ctrl+F, type a name in pinyin, Return: the map flies to 灵州 and its card opens.
xdotool key --window "$wid" l   # hide the layers panel: the card opens where it was
xdotool key --window "$wid" 0
shot before-search
xdotool key --window "$wid" ctrl+f
sleep 0.5
xdotool type --delay 60 "lingzhou"
sleep 0.5
shot search-open
xdotool key --window "$wid" Return
sleep 1.5   # the flight lasts 0.9 s
shot flown
changed=$(differing "$art/before-search.png" "$art/flown.png")
((changed > 150000)) || fail "finding lingzhou did not fly the map there ($changed pixels changed)"
# The card (a light ImGui window) opens at the top right.
convert "$art/flown.png" -crop 300x120+850+20 +repage "$art/card.png"
convert "$art/before-search.png" -crop 300x120+850+20 +repage "$art/card-before.png"
card=$(differing "$art/card-before.png" "$art/card.png")
((card > 15000)) || fail "no place card appeared ($card pixels changed where it opens)"
# The card lists the chronicle's entries at 灵州; clicking the first (its fall,
# 宝庆二年十一月) moves the timeline there.
click_at 930 346
sleep 0.5
grep -q "annals: time 宝庆二年十一月" "$log" || fail "clicking the card's entry did not move the timeline to 宝庆二年十一月"

# The timeline. PageDown (a presenter's clicker) steps to the next entry: the
# date banner and the chronicle change. Home goes back to the first month.
xdotool key --window "$wid" Home
shot t-home
times_before=$(grep -c "annals: time" "$log" || true)
xdotool key --window "$wid" Next Next Next Next Next Next
shot t-stepped
times_after=$(grep -c "annals: time" "$log" || true)
((times_after > times_before)) || fail "stepping by entries did not change the month"
changed=$(differing "$art/t-home.png" "$art/t-stepped.png")
((changed > 5000)) || fail "stepping six entries changed only $changed pixels"
# Right and Left step a month each way and come back to the same frame.
xdotool key --window "$wid" Right
shot t-right
xdotool key --window "$wid" Left
shot t-back
back=$(differing "$art/t-stepped.png" "$art/t-back.png")
((back < 2000)) || fail "Right then Left should return to the same month ($back pixels differ)"
# End: the campaign is over; the realm is gone and the map looks different from the start.
xdotool key --window "$wid" End
shot t-end
changed=$(differing "$art/t-home.png" "$art/t-end.png")
((changed > 5000)) || fail "the end of the campaign looks like its start ($changed pixels differ)"
# Space plays: at 2 s a month, three seconds carry the campaign from its
# first month into its second, by itself; Space again pauses.
xdotool key --window "$wid" Home
shot t-play-start
before=$(grep -c "annals: time 嘉定十七年二月" "$log" || true)
xdotool key --window "$wid" space
sleep 3
shot t-playing
xdotool key --window "$wid" space
after=$(grep -c "annals: time 嘉定十七年二月" "$log" || true)
((after > before)) || fail "playing did not reach the next month (嘉定十七年二月)"
changed=$(differing "$art/t-play-start.png" "$art/t-playing.png")
((changed > 500)) || fail "playing did not change the frame ($changed pixels changed)"

# Dragging on the timeline's track scrubs: the frame follows the pointer.
xdotool mousemove --window "$wid" 200 725 mousedown 1
sleep 0.2
for x in 300 450 600 750 900; do
  xdotool mousemove --window "$wid" $x 725
  sleep 0.05
done
xdotool mouseup 1
shot t-scrubbed
changed=$(differing "$art/t-play-start.png" "$art/t-scrubbed.png")
((changed > 5000)) || fail "scrubbing the timeline did not change the frame ($changed pixels)"

# F12 writes a PNG of the map frame at the window's size.
xdotool key --window "$wid" F12
sleep 1.5
png=$(ls "$art"/shots/*.png 2>/dev/null | head -1)
[[ -n "$png" ]] || fail "F12 wrote no screenshot"
size=$(identify -format "%wx%h" "$png")
[[ "$size" == 1200x* ]] || fail "screenshot is $size, expected the map area, 1200 wide"

# Esc quits cleanly.
xdotool key --window "$wid" Escape
for _ in $(seq 1 40); do kill -0 $pid 2>/dev/null || break; sleep 0.25; done
if kill -0 $pid 2>/dev/null; then fail "Esc did not quit"; fi
wait $pid || fail "viewer exited with status $?"
trap - EXIT
echo "viewer smoke test passed; screenshots in $art"
