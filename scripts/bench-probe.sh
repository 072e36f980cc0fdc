#!/usr/bin/env bash
# Times `portplan probe` against nmap on the same targets, on loopback only:
#  1. 2,040 hosts (127.81.0.0/16) x the 6 seed ports, listeners on about 900 of the 12,240
#     (host, port) pairs: wall time of `portplan probe` and of `nmap -sT -Pn -n -T4`, every
#     probe classified the same by both, and the ratio (goal: portplan <= 0.5x nmap).
#  2. N filtered probes (listeners whose accept queue is full: the kernel drops the SYNs) finish
#     within timeout x ceil(N / concurrency) + 10%.
# Needs nmap and python3; run as root or with a high open-file limit.
# PORTPLAN_BIN picks the binary (default: target/release/portplan, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v nmap >/dev/null || { echo "bench-probe.sh: needs nmap (apt-get install nmap)" >&2; exit 1; }
bin=${PORTPLAN_BIN:-target/release/portplan}
[ -x "$bin" ] || cargo build --release
bin=$(realpath "$bin")
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
now() { date +%s.%N; }
ports=(135 445 6611 7072 9011 24158)

echo "== 1. 2,040 hosts x 6 ports against nmap"
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
hosts = [f"127.81.{i // 250}.{i % 250 + 1}" for i in range(2040)]
with open(f"{work}/inv.csv", "w") as f:
    f.write("name,address,roles\ninstaller,127.81.250.1,Installer\n")
    for i, a in enumerate(hosts):
        f.write(f"h{i},{a},MDM;SDS\n")
with open(f"{work}/hosts.txt", "w") as f:
    f.write("\n".join(hosts) + "\n")
# About 900 listening (host, port) pairs, spread over hosts and ports.
pairs = [(a, p) for a in hosts for p in (135, 445, 6611, 7072, 9011, 24158)]
with open(f"{work}/listen.txt", "w") as f:
    for a, p in pairs[::13]:
        f.write(f"{a} {p}\n")
PY
python3 - "$work/listen.txt" <<'PY' &
import socket, sys, time
socks = []
for line in open(sys.argv[1]):
    a, p = line.split()
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((a, int(p)))
    s.listen(128)
    socks.append(s)
print(f"  {len(socks)} listeners", flush=True)
time.sleep(600)
PY
pids+=($!)
sleep 3
"$bin" import "$work/inv.csv" -o "$work/plan.json" >/dev/null

# Each tool runs 5 times, in turn, and the medians are compared: one run of about 0.1 s is
# too short to compare alone on a machine that is doing anything else.
stamps=()
for _ in 1 2 3 4 5; do
  t0=$(now)
  "$bin" probe "$work/plan.json" --format csv > "$work/portplan.csv" || true
  t1=$(now)
  nmap -sT -Pn -n -T4 -p "$(IFS=,; echo "${ports[*]}")" -iL "$work/hosts.txt" -oG "$work/nmap.gnmap" >/dev/null
  t2=$(now)
  stamps+=("$t0" "$t1" "$t2")
done
python3 - "$work" "${stamps[@]}" <<'PY'
import csv, re, statistics, sys
work, t = sys.argv[1], [float(x) for x in sys.argv[2:]]
runs_ours = [t[i + 1] - t[i] for i in range(0, len(t), 3)]
runs_nmap = [t[i + 2] - t[i + 1] for i in range(0, len(t), 3)]
ours_t, nmap_t = statistics.median(runs_ours), statistics.median(runs_nmap)
ours = {}
for r in csv.DictReader(open(f"{work}/portplan.csv")):
    if r["host"] != "installer":
        ours[(r["address"], int(r["port"]))] = r["status"]
theirs = {}
for line in open(f"{work}/nmap.gnmap"):
    m = re.match(r"Host: (\S+) .*Ports: (.*)", line)
    if not m:
        continue
    for entry in m.group(2).split(","):
        port, state = entry.strip().split("/")[:2]
        theirs[(m.group(1), int(port))] = state
assert len(ours) == 12240, len(ours)
missing = [k for k in ours if k not in theirs]
differ = [(k, ours[k], theirs[k]) for k in ours if k in theirs and ours[k] != theirs[k]]
counts = {s: list(ours.values()).count(s) for s in sorted(set(ours.values()))}
print(f"  portplan: {' '.join(f'{t:.3f}' for t in runs_ours)} s (median {ours_t:.3f} s)")
print(f"  nmap -sT -Pn -n -T4: {' '.join(f'{t:.3f}' for t in runs_nmap)} s (median {nmap_t:.3f} s)")
print(f"  ratio of the medians {ours_t / nmap_t:.2f} (goal <= 0.5)")
print(f"  {len(ours)} probes {counts}; nmap reported {len(theirs)}, missing {len(missing)}, classified differently {len(differ)}")
assert not missing and not differ, (missing[:5], differ[:5])
PY

echo "== 2. filtered probes: timeout x ceil(N / concurrency) + 10%"
n=1024; timeout_ms=500; concurrency=256
python3 - "$work" "$n" <<'PY'
import sys
work, n = sys.argv[1], int(sys.argv[2])
with open(f"{work}/inv2.csv", "w") as f:
    f.write("name,address,roles\n")
    for i in range(n):
        f.write(f"s{i},127.82.{i // 250}.{i % 250 + 1},TB\n")
PY
python3 - "$n" <<'PY' &
import socket, sys, time
keep = []
for i in range(int(sys.argv[1])):
    a = f"127.82.{i // 250}.{i % 250 + 1}"
    s = socket.socket()
    s.bind((a, 9011))
    s.listen(0)
    keep.append(s)
    for _ in range(2):  # fill the accept queue: later SYNs are dropped
        c = socket.socket()
        c.setblocking(False)
        try:
            c.connect((a, 9011))
        except BlockingIOError:
            pass
        keep.append(c)
time.sleep(600)
PY
pids+=($!)
sleep 4
"$bin" import "$work/inv2.csv" -o "$work/plan2.json" >/dev/null
t0=$(now)
"$bin" probe "$work/plan2.json" --phase permanent --timeout-ms "$timeout_ms" --concurrency "$concurrency" --format csv > "$work/filtered.csv" || true
t1=$(now)
python3 - "$work/filtered.csv" "$t0" "$t1" "$n" "$timeout_ms" "$concurrency" <<'PY'
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
t0, t1 = float(sys.argv[2]), float(sys.argv[3])
n, timeout, conc = int(sys.argv[4]), int(sys.argv[5]) / 1000, int(sys.argv[6])
filtered = sum(r["status"] == "filtered" for r in rows)
bound = timeout * math.ceil(n / conc) * 1.1
print(f"  {filtered}/{len(rows)} filtered in {t1 - t0:.2f} s; bound timeout x ceil(N/concurrency) + 10% = {bound:.2f} s")
assert filtered == n, filtered
assert t1 - t0 <= bound, "over the bound"
PY
