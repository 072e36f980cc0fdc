#!/usr/bin/env bash
# System test (root): the exported nftables and iptables scripts, applied for real on a target
# host (a network namespace whose input policy is drop), then probed from other namespaces on
# the same bridge: each reaches exactly what its flows name. Two plans, each with nftables and
# then with iptables:
# - deployment (`--sources deployment`, the seed's catalog and one UDP port more): the target
#   (MDM;SDS, Linux) is reached by the installer on the install ports (the seed's Windows
#   channel 135/445/WMI included: deployment keeps OS-bound ports on every OS), by a cluster
#   peer (TB) on the operation ports, over TCP and over UDP (a UDP echo server answers the peer
#   only), and by an outsider on none;
# - least-privilege (`--sources least-privilege`, profile scaleio-2x-3x): the target (MDM,
#   Linux) is reached by an SDC-only peer on 6611 only (the ports whose `from` names SDC), by a
#   TB peer on the cluster port 9011 only, by the installer on the install ports only (SSH 22,
#   the Linux-bound install channel, with 6611 and 9011), and by an outsider on none; its
#   matrix names the SDC as a source of 6611 only and gives every port its evidence.
# Then each plan's cleanup script: the install flows close, the operation flows stay.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${PORTPLAN_BIN:-target/debug/portplan}")
. tests/system/lib/listen.sh
id=$$
# target, installer, TB peer, outsider, SDC-only peer
t=pp-fw-t-$id i=pp-fw-i-$id p=pp-fw-p-$id o=pp-fw-o-$id s=pp-fw-s-$id
work=$(mktemp -d)
listener=
echo_server=
cleanup() {
  [ -n "$listener" ] && kill "$listener" 2>/dev/null || true
  [ -n "$echo_server" ] && kill "$echo_server" 2>/dev/null || true
  for ns in "$t" "$i" "$p" "$o" "$s"; do ip netns del "$ns" 2>/dev/null || true; done
  # A veth pair left in this namespace when a step failed before it moved.
  for n in 1 2 3 4; do ip link del "fwa$n$id" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# Interrupted or killed, the EXIT trap still cleans up.
trap 'exit 130' INT TERM HUP

for ns in "$t" "$i" "$p" "$o" "$s"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip -n "$t" link add br0 type bridge
ip -n "$t" addr add 10.240.0.2/24 dev br0
ip -n "$t" link set br0 up
n=0
for pair in "$i:1" "$p:3" "$o:4" "$s:5"; do
  ns=${pair%%:*}; last=${pair##*:}; n=$((n + 1))
  ip link add fwa$n$id type veth peer name fwb$n$id
  ip link set fwa$n$id netns "$ns"
  ip link set fwb$n$id netns "$t"
  ip -n "$ns" addr add 10.240.0.$last/24 dev fwa$n$id
  ip -n "$ns" link set fwa$n$id up
  ip -n "$t" link set fwb$n$id master br0
  ip -n "$t" link set fwb$n$id up
done

# Every port of both plans (a probe only tries its own plan's ports).
listen "$t" 10.240.0.2 22 135 445 6611 7072 9011 24158
# A UDP echo server on 7072/udp, for the UDP twin of the SDS port in the catalog below.
ip netns exec "$t" python3 - <<'PY' &
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("10.240.0.2", 7072))
end = time.time() + 600
while time.time() < end:
    data, peer = s.recvfrom(512)
    s.sendto(data, peer)
PY
echo_server=$!

# The seed's catalog and one UDP port more: in operation, on SDS hosts, from the roles that
# reach the SDS (with the deployment policy: from every other host of the deployment).
python3 - "$work/udp.toml" <<'PY'
import sys
text = open("assets/catalogs/scaleio-seed.toml").read()
for old, new in [
    ('id = "scaleio-seed"', 'id = "seed-and-udp"'),
    ('ports = ["rpc", "smb", "sds", "wmi"]', 'ports = ["rpc", "smb", "sds", "wmi", "sds-udp"]'),
]:
    assert old in text, old
    text = text.replace(old, new)
text = text.replace("[[roles]]", """[[ports]]
key = "sds-udp"
port = 7072
protocol = "udp"
name = "SDS over UDP"
purpose = "A UDP port, to test UDP rules"
during_install = false
in_operation = true
from = ["MDM", "Callhome", "TB", "SDS", "SDC"]
evidence = "inferred"
source = "tests/system/firewall.sh"

[[roles]]""", 1)
open(sys.argv[1], "w").write(text)
PY

cat > "$work/dep.csv" <<'CSV'
name,address,roles,os
installer,10.240.0.1,Installer,linux
target,10.240.0.2,MDM;SDS,linux
peer,10.240.0.3,TB,linux
CSV
"$bin" import "$work/dep.csv" -o "$work/dep.json" --sources deployment >/dev/null
"$bin" check "$work/dep.json" --catalog "$work/udp.toml" >/dev/null

cat > "$work/lp.csv" <<'CSV'
name,address,roles,os
installer,10.240.0.1,Installer,linux
target,10.240.0.2,MDM,linux
tb,10.240.0.3,TB,linux
sdc,10.240.0.5,SDC,linux
CSV
"$bin" import "$work/lp.csv" -o "$work/lp.json" --profile scaleio-2x-3x --sources least-privilege >/dev/null

# ports PLAN HOST [ARGS]: the host's ports in the plan's matrix, sorted, space-separated.
ports() {
  "$bin" matrix "$1" --format json "${@:3}" | python3 -c '
import json, sys
host = next(h for h in json.load(sys.stdin)["hosts"] if h["name"] == sys.argv[1])
print(" ".join(str(p) for p in sorted(c["port"] for c in host["ports"])))' "$2"
}

echo "-- plans"
# Why the first plan says --sources deployment: least-privilege (the default) keeps the seed's
# Windows channel (135, 445, WMI) off a Linux target.
"$bin" import "$work/dep.csv" -o "$work/default.json" >/dev/null
got=$(ports "$work/default.json" target)
[ "$got" = "6611 7072 9011" ] || { echo "default (least-privilege) seed plan: target ports $got, expected 6611 7072 9011" >&2; exit 1; }
echo "  seed, least-privilege (the default): the Linux target gets $got"
got=$(ports "$work/dep.json" target --catalog "$work/udp.toml")
[ "$got" = "135 445 6611 7072 7072 9011 24158" ] || { echo "deployment plan: target ports $got" >&2; exit 1; }
echo "  seed and UDP, deployment: the Linux target gets $got"
# The least-privilege plan's matrix: who is a source of what, and every port's evidence.
"$bin" matrix "$work/lp.json" --format json > "$work/lp-matrix.json"
python3 - "$work/lp-matrix.json" <<'PY'
import json, sys
hosts = json.load(open(sys.argv[1]))["hosts"]
target = next(h for h in hosts if h["name"] == "target")
assert sorted(c["port"] for c in target["ports"]) == [22, 6611, 9011], target["ports"]
def reached(address):
    return sorted((h["name"], c["port"]) for h in hosts for c in h["ports"] if address in c["sources"])
assert reached("10.240.0.5") == [("target", 6611)], f"the SDC is a source of {reached('10.240.0.5')}"
assert reached("10.240.0.3") == [("target", 9011)], f"the TB is a source of {reached('10.240.0.3')}"
installer = sorted(c["port"] for c in target["ports"] if "10.240.0.1" in c["sources"])
assert installer == [22, 6611, 9011], f"the installer is a source of {installer} on the target"
for h in hosts:
    for c in h["ports"]:
        assert c.get("evidence") in {"seed", "documented", "code", "inferred"}, (h["name"], c)
PY
echo "  scaleio-2x-3x, least-privilege: the target gets 22 6611 9011; in the matrix the SDC is a source of 6611 only, the TB of 9011 only; every port has its evidence"
sleep 1

plan=
# reach NAMESPACE EXPECTED-OPEN-PORTS: probe the target of $plan from NAMESPACE; exactly
# those are open (the others filtered).
reach() {
  local ns=$1 want=$2
  ip netns exec "$ns" "$bin" probe "$plan" --host target --timeout-ms 400 --format json > "$work/r.json" || true
  python3 - "$work/r.json" "$want" "$ns" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
want = sorted(int(p) for p in sys.argv[2].split()) if sys.argv[2] else []
got = sorted(r["port"] for r in doc["results"] if r["status"] == "open")
other = {r["status"] for r in doc["results"] if r["status"] != "open"}
assert got == want, f"{sys.argv[3]}: open {got}, expected {want}"
assert other <= {"filtered"}, f"{sys.argv[3]}: {other}"
PY
  echo "    from $ns: open ${want:-nothing}"
}

# udp NAMESPACE yes|no: whether the echo server on the target answers NAMESPACE over UDP.
udp() {
  local ns=$1 want=$2 got
  got=$(ip netns exec "$ns" python3 - <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(0.5)
answered = "no"
for _ in range(3):
    s.sendto(b"portplan", ("10.240.0.2", 7072))
    try:
        if s.recv(512) == b"portplan":
            answered = "yes"
            break
    except socket.timeout:
        pass
print(answered)
PY
)
  [ "$got" = "$want" ] || { echo "$ns: 7072/udp answered: $got, expected $want" >&2; exit 1; }
  echo "    from $ns: 7072/udp answers: $got"
}

# base FIREWALL: the target's own filter, input policy drop (loopback and replies pass).
base() {
  case $1 in
    nftables)
      ip netns exec "$t" nft -f - <<'NFT'
table inet filter {
  chain input {
    type filter hook input priority 0; policy drop;
    iif lo accept
    ct state established,related accept
  }
}
NFT
      ;;
    iptables)
      ip netns exec "$t" iptables -P INPUT DROP
      ip netns exec "$t" iptables -A INPUT -i lo -j ACCEPT
      ip netns exec "$t" iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
      ;;
  esac
}

# reset: no filter on the target (iptables may be iptables-legacy, beside nftables).
reset() {
  ip netns exec "$t" iptables -P INPUT ACCEPT
  ip netns exec "$t" iptables -F
  ip netns exec "$t" iptables -X
  ip netns exec "$t" nft flush ruleset
}

# export FIREWALL NAME [ARGS]: $plan's script for the target and its cleanup script, into
# $work/NAME and $work/NAME-cleanup.
export_target() {
  local fw=$1 name=$2
  shift 2
  "$bin" export "$plan" "$@" --format "$fw" --host target -o "$work/$name" >/dev/null
  "$bin" export "$plan" "$@" --format "$fw" --host target --cleanup -o "$work/$name-cleanup" >/dev/null
}

# apply FIREWALL FILE: checked, then applied in the target.
apply() {
  case $1 in
    nftables)
      ip netns exec "$t" nft -c -f "$2"
      ip netns exec "$t" nft -f "$2"
      ;;
    iptables)
      sh -n "$2"
      ip netns exec "$t" sh "$2" >/dev/null
      ;;
  esac
}

# Applied again, the rules in portplan's chains are refreshed, not doubled (nft -f cannot test
# for the existing jump, so the input chain gets one more: it changes nothing, as the probes show).
rules() {
  case $1 in
    nftables) ip netns exec "$t" nft list table inet filter | grep -c 'comment "portplan' ;;
    iptables) ip netns exec "$t" iptables -S | wc -l ;;
  esac
}

deployment_plan() {
  local fw=$1 before after
  plan=$work/dep.json
  export_target "$fw" "dep-$fw" --catalog "$work/udp.toml"
  case $fw in
    nftables) grep -q 'udp dport { 7072 }' "$work/dep-$fw" ;;
    iptables) grep -q -- '-p udp' "$work/dep-$fw" ;;
  esac
  apply "$fw" "$work/dep-$fw"
  before=$(rules "$fw")
  apply "$fw" "$work/dep-$fw"
  after=$(rules "$fw")
  [ "$before" = "$after" ] || { echo "applying the $fw script twice changed its rules ($before -> $after)" >&2; exit 1; }
  echo "    applied twice: the same $after rules"
  local install="135 445 7072 9011 24158" operation="6611 7072 9011"
  reach "$i" "$install"
  reach "$p" "$operation"
  reach "$o" ""
  reach "$s" ""
  udp "$p" yes
  udp "$i" no
  udp "$o" no
  apply "$fw" "$work/dep-$fw-cleanup"
  echo "    after cleanup:"
  reach "$i" ""
  reach "$p" "$operation"
  reach "$o" ""
  udp "$p" yes
  udp "$o" no
}

least_privilege_plan() {
  local fw=$1
  plan=$work/lp.json
  export_target "$fw" "lp-$fw"
  apply "$fw" "$work/lp-$fw"
  reach "$i" "22 6611 9011"
  reach "$s" "6611"
  reach "$p" "9011"
  reach "$o" ""
  apply "$fw" "$work/lp-$fw-cleanup"
  echo "    after cleanup:"
  reach "$i" ""
  reach "$s" "6611"
  reach "$p" "9011"
  reach "$o" ""
}

for fw in nftables iptables; do
  echo "-- $fw"
  echo "  deployment plan (seed and UDP; target MDM;SDS, peer TB):"
  base "$fw"
  deployment_plan "$fw"
  reset
  echo "  least-privilege plan (scaleio-2x-3x; target MDM, peers TB and SDC):"
  base "$fw"
  least_privilege_plan "$fw"
  reset
done

echo "-- syntax: firewalld"
for plan in "$work/dep.json" "$work/lp.json"; do
  "$bin" export "$plan" --format firewalld --host target -o "$work/firewalld.sh" >/dev/null
  sh -n "$work/firewalld.sh"
done
echo "firewall system test: ok"
