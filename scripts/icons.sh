#!/usr/bin/env bash
# Rasterizes the application icon, assets/icons/portplan.svg, into every file that uses it:
# assets/icons/portplan-SIZE.png (the window, the Linux package), packaging/windows/portplan.ico
# and packaging/macos/portplan.icns. Run it after changing the SVG; the results are committed.
# Needs (Debian): librsvg2-bin imagemagick icnsutils
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in rsvg-convert convert png2icns; do
  command -v "$tool" >/dev/null || { echo "icons.sh: $tool is missing (see the header of this script)" >&2; exit 1; }
done
svg=assets/icons/portplan.svg
for size in 16 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" "$svg" -o "assets/icons/portplan-$size.png"
done
# Windows: one .ico with the sizes Explorer, the taskbar and the installer ask for.
convert assets/icons/portplan-{16,32,48,64,128,256}.png packaging/windows/portplan.ico
# macOS: .icns takes 16, 32, 48, 128, 256 and 512.
png2icns packaging/macos/portplan.icns assets/icons/portplan-{16,32,48,128,256,512}.png >/dev/null
echo "wrote assets/icons/portplan-*.png packaging/windows/portplan.ico packaging/macos/portplan.icns"
