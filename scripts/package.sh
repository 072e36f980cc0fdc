#!/usr/bin/env bash
# Builds the Linux package, target/debian/portplan_VERSION-1_ARCH.deb, with cargo-deb from
# [package.metadata.deb] in Cargo.toml: the release build of the binary, the desktop entry and
# the AppStream metainfo of packaging/linux/, the icons of assets/icons/. Prints the .deb's path.
# Installs the cargo-deb version below into ~/.cargo/bin first when it is not there.
# The Windows installer and the macOS app bundle are built on those systems: README, Install.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_DEB_VERSION=3.8.0
if [ "$(cargo deb --version 2>/dev/null)" != "cargo-deb $CARGO_DEB_VERSION" ]; then
  echo "package.sh: installing cargo-deb $CARGO_DEB_VERSION" >&2
  cargo install --locked cargo-deb --version "$CARGO_DEB_VERSION"
fi
# cargo-deb runs `cargo build --release` (Cargo.toml's [profile.release]: LTO, stripped) and
# works out the libraries the binary links with dpkg-shlibdeps (Debian's dpkg-dev).
command -v dpkg-shlibdeps >/dev/null || {
  echo "package.sh: dpkg-shlibdeps is missing: apt install dpkg-dev" >&2
  exit 1
}
# The .deb is the last line cargo-deb prints.
deb=$(cargo deb --locked | tail -n 1)
[ -f "$deb" ] || { echo "package.sh: cargo-deb did not say where the package is ($deb)" >&2; exit 1; }
echo "$deb"
