#!/usr/bin/env bash
# System test (root): the Linux package as a user gets it. Builds the .deb (scripts/package.sh:
# the release build and cargo-deb), installs it with dpkg -i, runs the installed portplan on the
# installed example plan, validates the installed desktop entry and AppStream metainfo, checks
# the icons, starts the app from the desktop entry's Exec line under Xvfb and waits for its
# window, then removes the package and checks that nothing of it is left.
# It tests /usr/bin/portplan, not PORTPLAN_BIN. Needs: dpkg-dev, desktop-file-utils, appstream,
# xvfb, xauth, xdotool (.ci/run installs them); apt-get for the package's own dependencies.
set -euo pipefail
cd "$(dirname "$0")/../.."

id=io.github.portplan.Portplan
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
fail() { echo "package.sh: $*" >&2; exit 1; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# Never replace a portplan a person installed (or one a killed run left: dpkg -r portplan).
installed portplan && fail "a portplan package is installed already; remove it first (dpkg -r portplan)"
[ -e /usr/bin/portplan ] && fail "/usr/bin/portplan exists and is not ours"

work=$(mktemp -d)
app=
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  installed portplan && dpkg -r portplan >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "build the .deb"
start=$SECONDS
deb=$(scripts/package.sh)
echo "built $deb ($(du -h "$deb" | cut -f1)) in $((SECONDS - start)) s"
[ "$(dpkg-deb -f "$deb" Package)" = portplan ] || fail "the package is not named portplan"
[ "$(dpkg-deb -f "$deb" Version)" = "$version-1" ] || fail "package version $(dpkg-deb -f "$deb" Version), Cargo.toml $version"

# dpkg -i fetches no dependencies: install the ones the package names first.
missing=()
for dep in $(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed -E 's/\(.*\)//; s/\|.*//'); do
  installed "$dep" || missing+=("$dep")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install the package's dependencies: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "dpkg -i"
dpkg -i "$deb" >/dev/null
installed portplan || fail "dpkg -i did not install portplan"
[ "$(command -v portplan)" = /usr/bin/portplan ] || fail "portplan is not /usr/bin/portplan"

echo "the installed portplan"
out=$(/usr/bin/portplan --version)
[ "$out" = "portplan $version" ] || fail "--version printed '$out', Cargo.toml says $version"
example=/usr/share/doc/portplan/examples/scaleio-example.json
[ -f "$example" ] || fail "the example plan is not installed"
/usr/bin/portplan matrix "$example" > "$work/matrix.txt"
for expected in "Plan: ScaleIO example (WMI fixed on port 24158)" \
  "mdm1  192.0.2.11  windows  MDM, Callhome" "9011/tcp" "7072/tcp" "6611/tcp"; do
  grep -qF "$expected" "$work/matrix.txt" || fail "portplan matrix does not show '$expected'"
done
[ "$(/usr/bin/portplan check "$example")" = "ok: 0 errors, 0 warnings" ] || fail "portplan check on the example"

echo "desktop entry, metainfo, icons"
desktop=/usr/share/applications/$id.desktop
metainfo=/usr/share/metainfo/$id.metainfo.xml
desktop-file-validate "$desktop"
appstreamcli validate --no-net "$metainfo"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ "$icon" = "$id" ] || fail "the desktop entry's icon is '$icon'"
for size in 16 32 48 64 128 256 512; do
  png=/usr/share/icons/hicolor/${size}x$size/apps/$icon.png
  [ -f "$png" ] || fail "$png is missing"
  [ "$(file -b "$png" | cut -d, -f2 | tr -d ' ')" = "${size}x$size" ] || fail "$png is not $size pixels: $(file -b "$png")"
done
grep -q '<svg' "/usr/share/icons/hicolor/scalable/apps/$icon.svg" || fail "the scalable icon is missing"

echo "start the app from the desktop entry's Exec line, under Xvfb"
# The Exec line without its field codes (%f: no file given), as a launcher runs it.
exec_line=$(sed -n 's/^Exec=//p' "$desktop" | sed -E 's/ ?%[fFuUdDnNickvm]//g')
export exec_line work
timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" bash -euo pipefail -c '
  # A fresh home: no remembered plan, so the app opens on the bundled example.
  HOME=$work XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config $exec_line 2>"$work/app.err" &
  app=$!
  trap "kill $app 2>/dev/null || true" EXIT
  window=$(timeout 60 xdotool search --sync --name "portplan" | head -n 1) || {
    cat "$work/app.err" >&2; echo "no portplan window within 60 s" >&2; exit 1; }
  # The first frame names the window after the plan.
  for _ in $(seq 100); do
    title=$(xdotool getwindowname "$window")
    [ "$title" = "ScaleIO example — portplan" ] && break
    sleep 0.2
  done
  echo "window: $title"
  [ "$title" = "ScaleIO example — portplan" ] || {
    echo "the window is not the app on its example plan" >&2; exit 1; }
  kill -0 $app || { echo "the app exited" >&2; exit 1; }
'

echo "dpkg -r"
dpkg -r portplan >/dev/null
installed portplan && fail "portplan is still installed"
for gone in /usr/bin/portplan "$desktop" "$metainfo" "/usr/share/icons/hicolor/256x256/apps/$icon.png" "$example"; do
  [ ! -e "$gone" ] || fail "$gone is left after dpkg -r"
done
command -v portplan >/dev/null && fail "portplan is still on the PATH"
echo "package: ok (portplan $version, $(basename "$deb"))"
