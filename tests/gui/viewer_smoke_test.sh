#!/usr/bin/env bash
# GUI smoke test: starts the real viewer under Xvfb on the default campaign,
# drives it with keys and clicks (xdotool) like a user, and checks every step
# through screenshots of its window: each step must change the frame where it
# should (or keep it), and every screenshot must be a map, so a blank or
# frozen window fails at the step where it happens. The viewer runs with
# --log-idle: after each input the test waits for its "idle after input N"
# line (it has drawn everything the input asked for) instead of sleeping.
# The F12 screenshot must be the frame the window shows.
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
# Its own settings: never the user's, never the last test's.
export XDG_CONFIG_HOME="$art/config"
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
  n=$(compare -metric AE -fuzz "${3:-8%}" "$1" "$2" null: 2>&1 || true)
  echo "${n%%[ .]*}"
}

# Waits for a line of the viewer's log matching $1 (an extended regex),
# counting from line $2 of the log (default 0). A hang guard, not a
# performance limit: the viewer is only ever waited for, never timed.
wait_for_log() {
  local pattern="$1" from="${2:-0}"
  for _ in $(seq 1 1200); do
    # grep reads all its input (no -q): under pipefail, tail must not die of SIGPIPE.
    tail -n +"$((from + 1))" "$log" | grep -E "$pattern" >/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || fail "the viewer exited while the test waited for '$pattern'"
    sleep 0.1
  done
  fail "the viewer never printed '$pattern'"
}
# Runs a command that sends input to the window and produces K logged inputs
# (the viewer logs each key pressed and each button released), then waits
# until the viewer has logged the K-th of them and gone idle after it: the
# frame on screen is then the one that input asked for. Usage: act K command…
act() {
  local k="$1" lines
  shift
  lines=$(wc -l <"$log")
  "$@"
  for _ in $(seq 1 1200); do
    # The log from the command on: the K-th logged input, then an idle line.
    if tail -n +"$((lines + 1))" "$log" | awk -v k="$k" '
        /^annals: input [0-9]+ (key|button up)/ { if (++n == k) seen = 1; next }
        /^annals: idle after input/ { if (seen) found = 1 }
        END { exit found ? 0 : 1 }'; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || fail "the viewer exited after: $*"
    sleep 0.1
  done
  fail "the viewer did not settle after: $* (waited for $k logged inputs)"
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
key() { xdotool key --window "$wid" "$@"; }
# A screenshot of the window, which must show a map: land tints, water and
# dark ink, not a black, blank or single-colour window. The steps compare it
# without the status line at the bottom (its fps figure and messages change
# by themselves); the whole window is kept as NAME-window.png.
shot() {
  import -window "$wid" "$art/$1-window.png"
  [[ "$(identify -format "%wx%h" "$art/$1-window.png")" == "1200x760" ]] || fail "$1: the window is not 1200x760"
  convert "$art/$1-window.png" -crop 1200x734+0+0 +repage "$art/$1.png"
  local colours mean
  colours=$(convert "$art/$1.png" -colors 64 -unique-colors -format "%w" info:)
  ((colours >= 32)) || fail "$1: the window shows only $colours colours: no map"
  mean=$(convert "$art/$1.png" -format "%[fx:int(mean*255)]" info:)
  ((mean > 120 && mean < 245)) || fail "$1: mean brightness $mean is not that of a map"
}
# Asserts that screenshot $2 differs from $1 in more than $3 pixels ($4 names the step).
changed() {
  local n
  n=$(differing "$art/$1.png" "$art/$2.png")
  ((n > $3)) || fail "$4 (only $n pixels changed)"
}
# Asserts that screenshot $2 differs from $1 in fewer than $3 pixels.
kept() {
  local n
  n=$(differing "$art/$1.png" "$art/$2.png")
  ((n < $3)) || fail "$4 ($n pixels differ)"
}
# F12: the PNG it writes must be the map as the window shows it, pixel for
# pixel within a small tolerance (the X screenshot's map area: the window
# less the timeline panel), over the columns 0..$2 of the frame.
screenshot_matches_window() {
  local name="$1" columns="$2" lines png size
  lines=$(wc -l <"$log")
  act 1 key F12
  wait_for_log "annals: screenshot " "$lines"
  png=$(tail -n +"$((lines + 1))" "$log" | grep -oE "annals: screenshot .*" | tail -1 | sed 's/^annals: screenshot //')
  [[ -f "$png" ]] || fail "F12 reported $png, which does not exist"
  cp "$png" "$art/$name-f12.png"
  shot "$name-shown"
  size=$(identify -format "%wx%h" "$png")
  # The map area: the whole width with no panel docked, less the column with one.
  ((${size%x*} >= columns && ${size%x*} <= 1200)) ||
    fail "the F12 screenshot is $size, expected the map area, $columns to 1200 wide"
  local height="${size#*x}"
  ((height > 500 && height < 760)) || fail "the F12 screenshot is $height high: not the map area of the window"
  convert "$art/$name-shown.png" -crop "${columns}x${height}+0+0" +repage "$art/$name-window-map.png"
  convert "$png" -crop "${columns}x${height}+0+0" +repage "$art/$name-f12-map.png"
  local n
  n=$(differing "$art/$name-window-map.png" "$art/$name-f12-map.png" 2%)
  ((n < columns * height / 1000)) || fail "the F12 screenshot is not the frame the window shows ($n pixels differ)"
}

"$annals" view --size 1200x760 --log-idle --screenshot-dir "$art/shots" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT

# The first complete frame, then the first time the window settles.
wait_for_log "annals: ready"
# The map is the window less the docked chronicle column (a share of 1200).
grep -qE "annals: ready [6-9][0-9]{2}x[0-9]+ [1-9][0-9]* places" "$log" ||
  fail "ready line does not report the map's size (the window less the docked panels) and places"
wait_for_log "annals: idle after input"
# The other chronicle of the same years (the second shipped campaign) is read
# on a worker after the first frame and shown in the chronicle panel ("Also
# in …"); the first screenshot waits until it is in and drawn, so that every
# later step compares like with like.
wait_for_log "annals: other chronicles [0-9]+ \(.*yuanshi-taizu.*\), 0 skipped"
companions_line=$(grep -n "annals: other chronicles" "$log" | head -1 | cut -d: -f1)
wait_for_log "annals: idle after input" "$companions_line"

wid=$(xdotool search --sync --onlyvisible --name "Annals" | head -1)
[[ -n "$wid" ]] || fail "no window titled Annals"
# No window manager runs under Xvfb, so nothing gives the window focus the way a
# user's first click would; without it ImGui's SDL backend ignores the mouse.
xdotool windowfocus --sync "$wid"
shot start

# F12 with the chronicle panel hidden (C): the PNG is the map the window shows.
act 1 key c
shot no-chronicle
changed start no-chronicle 5000 "C did not hide the chronicle panel"
screenshot_matches_window first 1200
act 1 key c
shot chronicle-again
kept start chronicle-again 2000 "C twice should restore the first view"

# The other chronicle's section ("Also in …", its header under the month's
# one entry) folds when its header is clicked and unfolds on a second click.
# The pointer then leaves the header (a hovered header is drawn brighter),
# and a key that does nothing (Shift) makes the viewer draw and settle after it.
toggle_companions() {
  click_at 1000 249
  xdotool mousemove --window "$wid" 600 500
}
act 1 toggle_companions
act 1 key shift
shot companions-folded
convert "$art/start.png" -crop 358x200+842+240 +repage "$art/start-companions.png"
convert "$art/companions-folded.png" -crop 358x200+842+240 +repage "$art/companions-folded-part.png"
changed start-companions companions-folded-part 1000 "clicking 'Also in' did not fold the other chronicle's entries"
act 1 toggle_companions
act 1 key shift
shot companions-again
kept start companions-again 2000 "clicking 'Also in' twice should restore the first view"

# L shows the Layers panel (hidden at start, for a clean projected map): the
# top-right corner changes; L again hides it and restores the first view.
act 1 key l
shot panel
convert "$art/start.png" -crop 320x420+880+0 +repage "$art/start-corner.png"
convert "$art/panel.png" -crop 320x420+880+0 +repage "$art/panel-corner.png"
changed start-corner panel-corner 8000 "L did not show the layers panel"
act 1 key l
shot no-panel
kept start no-panel 2000 "L twice should restore the first view"
act 1 key l
shot panel-again
changed start panel-again 20000 "L did not show the layers panel again"

# Clicking the 'Relief' checkbox (the first switch, top of the docked
# column) turns the relief off: most of the map changes; clicking it again
# restores it.
act 1 click_at 862 45
shot relief-off
changed panel-again relief-off 150000 "clicking Relief did not turn the relief off"
act 1 click_at 862 45
shot relief-on
kept panel-again relief-on 2000 "clicking Relief again should restore it"

# + zooms in about the centre; 0 returns to the whole campaign.
xdotool mousemove --window "$wid" 600 500
act 4 key plus plus # each + is Shift and =
shot zoomed
changed panel-again zoomed 100000 "+ did not zoom"
act 1 key 0
shot home
kept panel-again home 3000 "0 did not return to the whole campaign"

# Dragging pans the map.
drag() {
  xdotool mousemove --window "$wid" 500 500
  sleep 0.2
  xdotool mousedown 1
  for x in 460 420 380 340 300; do
    sleep 0.05
    xdotool mousemove --window "$wid" $x $((x - 100))
  done
  sleep 0.2
  xdotool mouseup 1
}
act 1 drag
shot panned
changed home panned 100000 "dragging did not pan"

# P switches to the next projection (Lambert conformal conic) without a restart;
# the switch warps the relief, and the viewer says when it is done.
lines=$(wc -l <"$log")
act 1 key p
wait_for_log "annals: projection lcc in" "$lines"
shot projected
changed panned projected 20000 "the projection switch did not change the map"

# Ctrl+F, type a name in pinyin, Return: the map flies to 灵州 and its card opens.
act 1 key l # hide the layers panel: the card opens where it was
act 1 key 0
shot before-search
act 2 key ctrl+f
act 8 xdotool type --delay 60 "lingzhou"
shot search-open
changed before-search search-open 5000 "Ctrl+F and typing did not open the search panel"
act 1 key Return
shot flown
changed before-search flown 150000 "finding lingzhou did not fly the map there"
# The card docks in the column under the chronicle.
convert "$art/flown.png" -crop 300x120+850+340 +repage "$art/card.png"
convert "$art/before-search.png" -crop 300x120+850+340 +repage "$art/card-before.png"
changed card-before card 4000 "no place card appeared where it docks"
# The card lists the chronicle's entries at 灵州 near its end: scrolled down
# (the wheel over the card), clicking the first (its fall, 宝庆二年十一月)
# moves the timeline there.
xdotool mousemove --window "$wid" 1000 480
for _ in $(seq 1 12); do
  xdotool click 5
  sleep 0.05
done
sleep 0.5
shot card-scrolled
lines=$(wc -l <"$log")
act 1 click_at 930 531
wait_for_log "annals: time 宝庆二年十一月" "$lines"
shot card-entry
changed flown card-entry 500 "clicking the card's entry did not change the frame"

# The timeline. PageDown (a presenter's clicker) steps to the next entry: the
# date banner and the chronicle change. Home goes back to the first month.
act 1 key Home
shot t-home
times_before=$(grep -c "annals: time" "$log" || true)
act 6 key Next Next Next Next Next Next
shot t-stepped
times_after=$(grep -c "annals: time" "$log" || true)
((times_after > times_before)) || fail "stepping by entries did not change the month"
changed t-home t-stepped 5000 "stepping six entries did not change the frame"
# Right steps a month (the date banner, the chronicle and the map change);
# Left steps back to the same frame.
lines=$(wc -l <"$log")
act 1 key Right
wait_for_log "annals: time " "$lines"
shot t-right
changed t-stepped t-right 500 "Right did not step the month"
act 1 key Left
shot t-back
kept t-stepped t-back 2000 "Right then Left should return to the same month"
changed t-right t-back 500 "Left did not step back"
# End: the campaign is over; the realm is gone and the map looks different from the start.
act 1 key End
shot t-end
changed t-home t-end 5000 "the end of the campaign looks like its start"
# Space plays: the campaign moves from its first month into its second by
# itself; Space again pauses, and the window settles on that frame.
act 1 key Home
shot t-play-start
before=$(grep -c "annals: time 嘉定十七年二月" "$log" || true)
lines=$(wc -l <"$log")
key space
wait_for_log "annals: time 嘉定十七年二月" "$lines"
act 1 key space
after=$(grep -c "annals: time 嘉定十七年二月" "$log" || true)
((after > before)) || fail "playing did not reach the next month (嘉定十七年二月)"
shot t-playing
changed t-play-start t-playing 500 "playing did not change the frame"
shot t-paused
kept t-playing t-paused 200 "the paused window still changes"

# Dragging on the timeline's track scrubs: the frame follows the pointer.
scrub() {
  xdotool mousemove --window "$wid" 200 725 mousedown 1
  sleep 0.2
  for x in 300 450 600 750 900; do
    xdotool mousemove --window "$wid" $x 725
    sleep 0.05
  done
  xdotool mouseup 1
}
act 1 scrub
shot t-scrubbed
changed t-play-start t-scrubbed 5000 "scrubbing the timeline did not change the frame"

# F12 again, at this later time, chronicle hidden: the place card still
# takes the docked column, so the columns left of it are compared. The
# earlier screenshot is not this frame: the comparison can fail.
act 1 key c
screenshot_matches_window last 780
convert "$art/first-f12.png" -crop "780x$(identify -format %h "$art/first-f12.png")+0+0" +repage "$art/first-f12-left.png"
n=$(differing "$art/first-f12-left.png" "$art/last-f12-map.png" 2%)
((n > 5000)) || fail "the two F12 screenshots, months apart, are the same frame ($n pixels differ)"

# Esc closes what is open and never quits (pressed to dismiss something, it
# used to end the program); Ctrl+Q quits cleanly.
act 1 key Escape
act 1 key Escape
kill -0 $pid 2>/dev/null || fail "Esc quit the viewer"
key ctrl+q
for _ in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then fail "Ctrl+Q did not quit"; fi
wait $pid || fail "viewer exited with status $?"
trap - EXIT
echo "viewer smoke test passed; screenshots in $art"
