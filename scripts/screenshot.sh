#!/usr/bin/env bash
# Runs portplan under Xvfb on the bundled example plan and writes PNGs of the app into docs/:
# docs/canvas.png (canvas, flows, a selected host, the matrix), docs/matrix.png (the matrix
# enlarged), docs/flows.png (the flows view), docs/arrows.png (the canvas alone, enlarged,
# with its flow arrows: they run between the cards, never under one) and
# docs/connectivity.png (a connectivity test's results).
#
# Needs (Debian): xvfb xauth imagemagick xdotool libegl1 libegl-mesa0 libgl1-mesa-dri
# libx11-xcb1 libxcursor1 libxi6 libxkbcommon-x11-0 libfontconfig1
# PORTPLAN_BIN picks the binary (default: target/release/portplan, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in xvfb-run import xdotool; do
  command -v "$tool" >/dev/null || { echo "screenshot.sh: $tool is missing (see the header of this script)" >&2; exit 1; }
done
bin=${PORTPLAN_BIN:-target/release/portplan}
[ -x "$bin" ] || cargo build --release
bin=$(realpath "$bin")

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export bin data

xvfb-run -a -s "-screen 0 1280x800x24" bash -euo pipefail -c '
  # A fresh data folder: no remembered plan, no recovery offer.
  XDG_DATA_HOME="$data" "$bin" assets/examples/scaleio-example.json &
  pid=$!
  trap "kill $pid 2>/dev/null || true" EXIT
  sleep 6
  # Without a window manager nothing has the keyboard: give it to portplan.
  xdotool windowfocus --sync "$(xdotool search --name portplan | head -1)"
  # Select mdm1 in the matrix (second row), show the flows on the canvas.
  xdotool mousemove 40 608 click 1
  sleep 0.5
  xdotool key ctrl+shift+f
  sleep 1
  xdotool mousemove 640 20
  sleep 0.5
  import -window root docs/canvas.png
  # Enlarge the matrix: drag the separator above it up.
  xdotool mousemove 300 467
  sleep 0.3
  xdotool mousedown 1
  for y in 420 340 260 180 160; do sleep 0.1; xdotool mousemove 300 $y; done
  sleep 0.2
  xdotool mouseup 1
  sleep 1
  xdotool mousemove 1100 790
  sleep 0.5
  import -window root docs/matrix.png
  # The flows view.
  xdotool mousemove 121 175 click 1
  sleep 1
  import -window root docs/flows.png
'
# The arrows: flows shown, the matrix pushed down so the whole plan fits at 1:1, zoomed to
# fit, the canvas alone cut out.
xvfb-run -a -s "-screen 0 1280x800x24" bash -euo pipefail -c '
  XDG_DATA_HOME="$data" "$bin" assets/examples/scaleio-example.json &
  pid=$!
  trap "kill $pid 2>/dev/null || true" EXIT
  sleep 6
  xdotool windowfocus --sync "$(xdotool search --name portplan | head -1)"
  xdotool key ctrl+shift+f
  sleep 0.5
  # The Connectivity tab, short before a test: the matrix would hold the panel up.
  xdotool mousemove 199 479 click 1
  sleep 0.5
  xdotool mousemove 300 467
  sleep 0.3
  xdotool mousedown 1
  for y in 480 520 560 600 640 660 680; do sleep 0.1; xdotool mousemove 300 $y; done
  sleep 0.2
  xdotool mouseup 1
  sleep 0.5
  # Nothing selected (a click on empty canvas), then the toolbar: Zoom to fit.
  xdotool mousemove 820 120 click 1
  sleep 0.3
  xdotool mousemove 296 37 click 1
  sleep 1
  xdotool mousemove 1100 790
  sleep 0.5
  import -window root -crop 838x710+0+50 +repage docs/arrows.png
'
# The smallest window the app supports: one toolbar row (More, a scrolling palette), the
# canvas's room, the matrix's frozen host column and its scroll bar.
xvfb-run -a -s "-screen 0 1024x700x24" bash -euo pipefail -c '
  XDG_DATA_HOME="$data" "$bin" assets/examples/scaleio-example.json &
  pid=$!
  trap "kill $pid 2>/dev/null || true" EXIT
  sleep 6
  w=$(xdotool search --name portplan | head -1)
  xdotool windowsize "$w" 1024 700 windowmove "$w" 0 0
  xdotool windowfocus --sync "$w"
  sleep 1
  xdotool key ctrl+shift+f
  sleep 1
  xdotool mousemove 1000 690
  sleep 0.5
  import -window root docs/small-window.png
'
# Connectivity: the example's hosts moved to loopback addresses of our own (never probe the
# example's documentation addresses), some ports listening, a test run from the app.
sed -E 's/(192\.0\.2|198\.51\.100)\.([0-9]+)/127.79.0.\2/' assets/examples/scaleio-example.json > "$data/loopback.json"
python3 - <<'PY' &
import socket, time
socks = []
for host in (11, 12, 13, 21, 22, 23):
    for port in (135, 445, 9011, 7072, 24158):
        if (host, port) in ((13, 445), (22, 24158)):
            continue  # a few closed ports, as after a forgotten rule
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((f"127.79.0.{host}", port))
        s.listen(16)
        socks.append(s)
time.sleep(40)
PY
listeners=$!
sleep 1
export listeners
xvfb-run -a -s "-screen 0 1280x800x24" bash -euo pipefail -c '
  XDG_DATA_HOME="$data" "$bin" "$data/loopback.json" &
  pid=$!
  trap "kill $pid 2>/dev/null || true" EXIT
  sleep 6
  xdotool windowfocus --sync "$(xdotool search --name portplan | head -1)"
  xdotool key ctrl+t
  sleep 4
  xdotool mousemove 40 660 click 1
  sleep 1
  xdotool mousemove 1100 790
  sleep 0.5
  import -window root docs/connectivity.png
'
kill "$listeners" 2>/dev/null || true
echo "wrote docs/canvas.png docs/matrix.png docs/flows.png docs/arrows.png docs/small-window.png docs/connectivity.png"
