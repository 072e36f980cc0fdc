#!/usr/bin/env bash
# System test (root): `portplan probe` and the sh probe script against a host in a network
# namespace made here, joined by veth to the prober's namespace. On the target: listeners
# (open), nothing (closed), nftables drop (filtered), nftables reject with ICMP (unreachable);
# and a host whose name cannot resolve (unresolved). No packet leaves the two namespaces.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${PORTPLAN_BIN:-target/debug/portplan}")
. tests/system/lib/listen.sh
a=pp-probe-a-$$
b=pp-probe-b-$$
work=$(mktemp -d)
listener=
cleanup() {
  [ -n "$listener" ] && kill "$listener" 2>/dev/null || true
  ip netns del "$a" 2>/dev/null || true
  ip netns del "$b" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$a"
ip netns add "$b"
ip link add ppa$$ type veth peer name ppb$$
ip link set ppa$$ netns "$a"
ip link set ppb$$ netns "$b"
ip -n "$a" addr add 10.231.0.1/24 dev ppa$$
ip -n "$b" addr add 10.231.0.2/24 dev ppb$$
for ns in "$a" "$b"; do ip -n "$ns" link set lo up; done
ip -n "$a" link set ppa$$ up
ip -n "$b" link set ppb$$ up

ip netns exec "$b" nft -f - <<'NFT'
table inet portplan_test {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 6611 drop
    tcp dport 9011 reject with icmpx type host-unreachable
  }
}
NFT

listen "$b" 10.231.0.2 135 7072
sleep 1

cat > "$work/inv.csv" <<'CSV'
name,address,roles
installer,10.231.0.1,Installer
target,10.231.0.2,MDM;SDS
ghost,ghost.invalid,SDC
CSV
"$bin" import "$work/inv.csv" -o "$work/plan.json" >/dev/null

check() { # JSON-FILE: every class where it belongs
  python3 - "$1" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
got = {(r["host"], r["port"]): r["status"] for r in doc["results"]}
want = {
    ("target", 135): "open", ("target", 445): "closed", ("target", 6611): "filtered",
    ("target", 7072): "open", ("target", 9011): "unreachable", ("target", 24158): "closed",
    ("ghost", 135): "unresolved", ("ghost", 445): "unresolved", ("ghost", 24158): "unresolved",
}
bad = [(k, got.get(k), v) for k, v in want.items() if k in got and got[k] != v]
missing = [k for k in got if k not in want]
assert not bad, f"wrong classes (target, got, want): {bad}"
assert not missing, f"unexpected probes: {missing}"
print(f"  {len(got)} probes classified as expected: {sorted(set(got.values()))}")
PY
}

echo "-- portplan probe from the installer's namespace"
rc=0
ip netns exec "$a" "$bin" probe "$work/plan.json" --timeout-ms 1500 --format json > "$work/probe.json" || rc=$?
[ "$rc" = 1 ] || { echo "expected exit 1 (some ports not open), got $rc" >&2; exit 1; }
check "$work/probe.json"
python3 - "$work/probe.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
s = doc["summary"]
assert (s["open"], s["closed"], s["filtered"], s["unreachable"], s["unresolved"], s["error"]) == (2, 2, 1, 1, 3, 0), s
filtered = [r for r in doc["results"] if r["status"] == "filtered"]
assert all(1500 <= r["ms"] <= 1800 for r in filtered), filtered
PY

echo "-- the sh probe script, run in the installer's namespace, imported back"
"$bin" probe-script "$work/plan.json" --from installer --shell sh -o "$work/probe.sh" >/dev/null
# The default limit (3 s): a blocking connect reports an ICMP reject only after about 1 s.
ip netns exec "$a" sh "$work/probe.sh" "$work/results.csv" >/dev/null
rc=0
"$bin" probe --import "$work/results.csv" "$work/plan.json" --format json > "$work/imported.json" || rc=$?
[ "$rc" = 1 ] || { echo "expected exit 1 from the import, got $rc" >&2; exit 1; }
check "$work/imported.json"
python3 - "$work/imported.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["results"]
assert all(r["from"] == "installer" for r in rows)
# The installer's flows: the ports needed during install, so not 6611.
assert sorted({r["port"] for r in rows if r["host"] == "target"}) == [135, 445, 7072, 9011, 24158], rows
PY
echo "probe system test: ok"
