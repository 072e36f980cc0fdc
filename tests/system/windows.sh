#!/usr/bin/env bash
# System test: the Windows executables as the package ships them (issue 13, item 17). Cross
# builds the desktop app (default features: the GUI is what ships) for x86_64-pc-windows-gnu
# with MinGW, then reads the PE files:
#   portplan.exe          GUI subsystem (2): no console window from the Start menu;
#   portplan-console.exe  (portplan.com in the package) console subsystem (3): terminals wait
#                         for it and get the exit code;
#   both                  an icon group with every size of packaging/windows/portplan.ico, its
#                         icons, and a version resource with Cargo.toml's version;
# then runs them under Wine: cmd's `portplan ...` prints and sets %ERRORLEVEL% (see below).
# The MSVC build that ships is made on Windows (README: Install); this build uses the same
# build.rs, .rc and main.rs, and PORTPLAN_WINDOWS_RESOURCES=required makes a missing resource
# compiler an error instead of an exe without resources.
# Needs: rustup, gcc-mingw-w64-x86-64 (x86_64-w64-mingw32-gcc, -windres), wine64, python3
# (.ci/run installs them). It adds about 7 minutes to a clean CI run: the GUI's crates built
# for Windows (5.7 CPU-minutes; 8 min on a 2-core machine other builds shared), the MinGW and
# Wine packages, and 20 s of Wine (a fresh prefix, ~700 MB in a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/../.."

target=x86_64-pc-windows-gnu
fail() { echo "windows.sh: $*" >&2; exit 1; }
command -v x86_64-w64-mingw32-windres >/dev/null || fail "MinGW is missing (apt-get install gcc-mingw-w64-x86-64)"
rustup target add "$target" >/dev/null 2>&1 || fail "rustup could not add $target"

echo "cross build for $target (default features, dev profile)"
start=$SECONDS
PORTPLAN_WINDOWS_RESOURCES=required cargo build --locked --quiet --target "$target" --bins
echo "built in $((SECONDS - start)) s"

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
dir=${CARGO_TARGET_DIR:-target}/$target/debug
python3 - "$version" packaging/windows/portplan.ico \
  "$dir/portplan.exe" 2 portplan.exe \
  "$dir/portplan-console.exe" 3 portplan.com <<'EOF'
import struct, sys

version, ico_path, *checks = sys.argv[1:]
RT_ICON, RT_GROUP_ICON, RT_VERSION = 3, 14, 16
SUBSYSTEMS = {2: "GUI", 3: "console"}

def u16(b, o): return struct.unpack_from("<H", b, o)[0]
def u32(b, o): return struct.unpack_from("<I", b, o)[0]

def ico_sizes(path):
    """The (width, height) of each image of an .ico file (0 means 256)."""
    data = open(path, "rb").read()
    assert u16(data, 2) == 1, f"{path} is not an icon file"
    return sorted((data[6 + 16 * i], data[7 + 16 * i]) for i in range(u16(data, 4)))

def pe(path):
    """The subsystem and the resources {type: {id: bytes}} of a PE32+ image."""
    data = open(path, "rb").read()
    assert data[:2] == b"MZ", f"{path}: not an executable"
    pe_at = u32(data, 0x3C)
    assert data[pe_at:pe_at + 4] == b"PE\0\0", f"{path}: no PE header"
    coff = pe_at + 4
    machine, sections, opt_size = u16(data, coff), u16(data, coff + 2), u16(data, coff + 16)
    assert machine == 0x8664, f"{path}: machine {machine:#x}, not x86-64"
    opt = coff + 20
    assert u16(data, opt) == 0x20B, f"{path}: not PE32+"
    subsystem = u16(data, opt + 68)
    rsrc_rva, rsrc_size = u32(data, opt + 112 + 2 * 8), u32(data, opt + 112 + 2 * 8 + 4)
    table = opt + opt_size

    def offset(rva):
        for i in range(sections):
            s = table + 40 * i
            vsize, vaddr, raw_size, raw_at = struct.unpack_from("<IIII", data, s + 8)
            if vaddr <= rva < vaddr + max(vsize, raw_size):
                return raw_at + rva - vaddr
        raise AssertionError(f"{path}: RVA {rva:#x} is in no section")

    resources = {}
    if rsrc_rva == 0 or rsrc_size == 0:
        return subsystem, resources
    base = offset(rsrc_rva)

    def entries(at):
        named, ids = u16(data, base + at + 12), u16(data, base + at + 14)
        for i in range(named + ids):
            name, target = struct.unpack_from("<II", data, base + at + 16 + 8 * i)
            yield name, target

    for rtype, types in entries(0):
        assert types & 0x80000000, f"{path}: malformed resource directory"
        for rid, ids in entries(types & 0x7FFFFFFF):
            assert ids & 0x80000000, f"{path}: malformed resource directory"
            for _lang, leaf in entries(ids & 0x7FFFFFFF):
                data_rva, size = struct.unpack_from("<II", data, base + leaf)
                at = offset(data_rva)
                resources.setdefault(rtype, {})[rid] = data[at:at + size]
    return subsystem, resources

def version_string(info, key):
    """A value of the version resource's StringFileInfo, by key."""
    needle = (key + "\0").encode("utf-16-le")
    at = info.find(needle)
    assert at >= 0, f"no {key} in the version resource"
    at += len(needle)
    while info[at:at + 2] == b"\0\0":
        at += 2
    end = at
    while info[end:end + 2] != b"\0\0":
        end += 2
    return info[at:end].decode("utf-16-le")

ico = ico_sizes(ico_path)
failures = []
for path, subsystem, shipped_as in zip(checks[0::3], checks[1::3], checks[2::3]):
    name = f"{path} ({shipped_as})"
    try:
        got, resources = pe(path)
    except FileNotFoundError:
        failures.append(f"{name}: not built")
        continue
    if got != int(subsystem):
        failures.append(f"{name}: subsystem {got} ({SUBSYSTEMS.get(got, '?')}), "
                        f"expected {subsystem} ({SUBSYSTEMS[int(subsystem)]})")
    groups = resources.get(RT_GROUP_ICON, {})
    if not groups:
        failures.append(f"{name}: no icon (RT_GROUP_ICON)")
    for group in groups.values():
        count = u16(group, 4)
        members = [struct.unpack_from("<BBBBHHIH", group, 6 + 14 * i) for i in range(count)]
        sizes = sorted((m[0], m[1]) for m in members)
        if sizes != ico:
            failures.append(f"{name}: icon sizes {sizes}, {ico_path} has {ico}")
        for m in members:
            if m[7] not in resources.get(RT_ICON, {}):
                failures.append(f"{name}: icon {m[7]} of the group is missing (RT_ICON)")
    infos = list(resources.get(RT_VERSION, {}).values())
    if len(infos) != 1:
        failures.append(f"{name}: {len(infos)} version resources (RT_VERSION), expected 1")
    else:
        info = infos[0]
        fixed = info.find(struct.pack("<I", 0xFEEF04BD))
        if fixed < 0:
            failures.append(f"{name}: the version resource has no VS_FIXEDFILEINFO")
        else:
            ms, ls = u32(info, fixed + 8), u32(info, fixed + 12)
            numbers = f"{ms >> 16}.{ms & 0xFFFF}.{ls >> 16}"
            if numbers != version.split("-")[0].split("+")[0]:
                failures.append(f"{name}: file version {numbers}, Cargo.toml {version}")
        for key, expected in [("FileVersion", version), ("ProductVersion", version),
                              ("ProductName", "portplan"), ("OriginalFilename", shipped_as)]:
            try:
                value = version_string(info, key)
            except AssertionError as e:
                failures.append(f"{name}: {e}")
                continue
            if value != expected:
                failures.append(f"{name}: {key} '{value}', expected '{expected}'")
    if not any(f.startswith(name) for f in failures):
        print(f"{name}: {SUBSYSTEMS[got]} subsystem, icon {len(ico)} sizes, version {version}")
if failures:
    sys.exit("windows.sh: " + "\nwindows.sh: ".join(failures))
EOF

# Then how they run, under Wine: in cmd, `portplan` (portplan.com first, PATHEXT) runs the
# GUI-subsystem portplan.exe with its arguments; the output reaches the terminal or the file
# it is redirected to, and %ERRORLEVEL% is portplan's exit code. What only Windows shows: Wine
# hands a GUI program the terminal's handles as it does a console one, and its cmd waits for
# it, so the attaching to the console (src/main.rs) and cmd not waiting are not tested here.
wine=$(command -v wine64 || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; } || command -v wine) \
  || fail "Wine is missing (apt-get install wine64)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$dir/portplan.exe" "$work/portplan.exe"
cp "$dir/portplan-console.exe" "$work/portplan.com"
cp assets/examples/scaleio-example.json "$work/good.json"
sed 's/"192.0.2.12"/"192.0.2.11"/' assets/examples/scaleio-example.json > "$work/bad.json"
# Rust's standard library draws random numbers with ProcessPrng (bcryptprimitives.dll), which
# Wine 8 (Debian 12) lacks: a stand-in from RtlGenRandom, for this test only.
printf '%s\n' '#include <windows.h>' 'BOOLEAN WINAPI SystemFunction036(PVOID, ULONG);' \
  '__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE b, SIZE_T n) { return SystemFunction036(b, (ULONG)n); }' \
  > "$work/prng.c"
x86_64-w64-mingw32-gcc -shared -o "$work/bcryptprimitives.dll" "$work/prng.c" -ladvapi32
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b"
timeout 300 "$wine" wineboot -i >/dev/null 2>&1 || fail "wineboot failed"
# One cmd line in $work; its output (stdout and stderr), without cmd's carriage returns. (cmd's
# own exit status is the last ERRORLEVEL: the line echoes it.)
in_cmd() { (cd "$work" && { timeout 120 "$wine" cmd /c "$1" 2>&1 || true; } | tr -d '\r'); }
expect() {
  local got
  got=$(in_cmd "$1")
  [ "$got" = "$2" ] || fail "cmd /c '$1' printed:
$got
expected:
$2"
  echo "cmd /c '$1': as expected"
}
not_ready=$'error: host mdm2: address 192.0.2.11 is also the address of mdm1\nnot ready: 1 error, 0 warnings'
expect 'portplan.com --version & echo ERRORLEVEL=%ERRORLEVEL%' $'portplan '"$version"$'\nERRORLEVEL=0'
expect 'portplan check good.json & echo ERRORLEVEL=%ERRORLEVEL%' $'ok: 0 errors, 0 warnings\nERRORLEVEL=0'
expect 'portplan check bad.json & echo ERRORLEVEL=%ERRORLEVEL%' "$not_ready"$'\nERRORLEVEL=1'
expect 'portplan check bad.json > out.txt & echo ERRORLEVEL=%ERRORLEVEL%' 'ERRORLEVEL=1'
[ "$(tr -d '\r' < "$work/out.txt")" = "$not_ready" ] || fail "the redirected output is not the check's"
expect 'portplan nosuch & echo ERRORLEVEL=%ERRORLEVEL%' \
  $'portplan: \'nosuch\' is neither a command nor a plan file (see portplan --help)\nERRORLEVEL=2'
echo "windows: the executables are as shipped"
