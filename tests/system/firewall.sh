#!/usr/bin/env bash
# System test (root): the exported nftables and iptables scripts, applied for real on a target
# host (a network namespace whose input policy is drop), then probed from the installer, a
# cluster peer and an outsider (namespaces on the same bridge): each reaches exactly what its
# flows name, over TCP and over UDP (the catalog here adds a UDP port that a UDP echo server
# answers). Then the cleanup script: the install flows close, the operation flows stay.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${PORTPLAN_BIN:-target/debug/portplan}")
. tests/system/lib/listen.sh
id=$$
t=pp-fw-t-$id i=pp-fw-i-$id p=pp-fw-p-$id o=pp-fw-o-$id
work=$(mktemp -d)
listener=
echo_server=
cleanup() {
  [ -n "$listener" ] && kill "$listener" 2>/dev/null || true
  [ -n "$echo_server" ] && kill "$echo_server" 2>/dev/null || true
  for ns in "$t" "$i" "$p" "$o"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

for ns in "$t" "$i" "$p" "$o"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip -n "$t" link add br0 type bridge
ip -n "$t" addr add 10.240.0.2/24 dev br0
ip -n "$t" link set br0 up
n=0
for pair in "$i:1" "$p:3" "$o:4"; do
  ns=${pair%%:*}; last=${pair##*:}; n=$((n + 1))
  ip link add fwa$n$id type veth peer name fwb$n$id
  ip link set fwa$n$id netns "$ns"
  ip link set fwb$n$id netns "$t"
  ip -n "$ns" addr add 10.240.0.$last/24 dev fwa$n$id
  ip -n "$ns" link set fwa$n$id up
  ip -n "$t" link set fwb$n$id master br0
  ip -n "$t" link set fwb$n$id up
done

listen "$t" 10.240.0.2 135 445 6611 7072 9011 24158
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

# The seed's catalog and one UDP port more: in operation, on SDS hosts (so from the deployment).
python3 - "$work/udp.toml" <<'PY'
import sys
text = open("assets/catalogs/scaleio-seed.toml").read()
text = text.replace('id = "scaleio-seed"', 'id = "seed-and-udp"')
text = text.replace('ports = ["rpc", "smb", "sds", "wmi"]', 'ports = ["rpc", "smb", "sds", "wmi", "sds-udp"]')
text = text.replace("[[roles]]", """[[ports]]
key = "sds-udp"
port = 7072
protocol = "udp"
name = "SDS over UDP"
purpose = "A UDP port, to test UDP rules"
during_install = false
in_operation = true
source = "tests/system/firewall.sh"

[[roles]]""", 1)
open(sys.argv[1], "w").write(text)
PY

cat > "$work/inv.csv" <<'CSV'
name,address,roles,os
installer,10.240.0.1,Installer,linux
target,10.240.0.2,MDM;SDS,linux
peer,10.240.0.3,TB,linux
CSV
"$bin" import "$work/inv.csv" -o "$work/plan.json" >/dev/null
sleep 1

# reach NAMESPACE EXPECTED-OPEN-PORTS: probe the target from NAMESPACE; exactly those are open.
reach() {
  local ns=$1 want=$2
  ip netns exec "$ns" "$bin" probe "$work/plan.json" --host target --timeout-ms 400 --format json > "$work/r.json" || true
  python3 - "$work/r.json" "$want" "$ns" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
want = sorted(int(p) for p in sys.argv[2].split()) if sys.argv[2] else []
got = sorted(r["port"] for r in doc["results"] if r["status"] == "open")
other = {r["status"] for r in doc["results"] if r["status"] != "open"}
assert got == want, f"{sys.argv[3]}: open {got}, expected {want}"
assert other <= {"filtered"}, f"{sys.argv[3]}: {other}"
PY
  echo "  from $ns: open ${want:-nothing}"
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
  echo "  from $ns: 7072/udp answers: $got"
}

install_ports="135 445 7072 9011 24158"
operation_ports="6611 7072 9011"

echo "-- nftables"
ip netns exec "$t" nft -f - <<'NFT'
table inet filter {
  chain input {
    type filter hook input priority 0; policy drop;
    iif lo accept
    ct state established,related accept
  }
}
NFT
"$bin" export "$work/plan.json" --catalog "$work/udp.toml" --format nftables --host target -o "$work/target.nft" >/dev/null
"$bin" export "$work/plan.json" --catalog "$work/udp.toml" --format nftables --host target --cleanup -o "$work/cleanup.nft" >/dev/null
grep -q 'udp dport { 7072 }' "$work/target.nft"
ip netns exec "$t" nft -c -f "$work/target.nft"
ip netns exec "$t" nft -f "$work/target.nft"
# Applied again, the rules in portplan's chains are refreshed, not doubled (nft -f cannot test
# for the existing jump, so the input chain gets one more: it changes nothing, as the probes show).
ours() { ip netns exec "$t" nft list table inet filter | grep -c 'comment "portplan'; }
before=$(ours)
ip netns exec "$t" nft -f "$work/target.nft"
after=$(ours)
[ "$before" = "$after" ] || { echo "applying the nft script twice changed its rules ($before -> $after)" >&2; exit 1; }
echo "  applied twice: the same $after rules"
reach "$i" "$install_ports"
reach "$p" "$operation_ports"
reach "$o" ""
udp "$p" yes
udp "$i" no
udp "$o" no
ip netns exec "$t" nft -f "$work/cleanup.nft"
echo "  after cleanup:"
reach "$i" ""
reach "$p" "$operation_ports"
reach "$o" ""
udp "$p" yes
udp "$o" no
ip netns exec "$t" nft flush ruleset

echo "-- iptables"
ip netns exec "$t" iptables -P INPUT DROP
ip netns exec "$t" iptables -A INPUT -i lo -j ACCEPT
ip netns exec "$t" iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
"$bin" export "$work/plan.json" --catalog "$work/udp.toml" --format iptables --host target -o "$work/target.sh" >/dev/null
"$bin" export "$work/plan.json" --catalog "$work/udp.toml" --format iptables --host target --cleanup -o "$work/cleanup.sh" >/dev/null
grep -q -- '-p udp' "$work/target.sh"
sh -n "$work/target.sh"
ip netns exec "$t" sh "$work/target.sh" >/dev/null
before=$(ip netns exec "$t" iptables -S | wc -l)
ip netns exec "$t" sh "$work/target.sh" >/dev/null
after=$(ip netns exec "$t" iptables -S | wc -l)
[ "$before" = "$after" ] || { echo "running the script twice changed the rules ($before -> $after lines)" >&2; exit 1; }
echo "  run twice: the same $after rules"
reach "$i" "$install_ports"
reach "$p" "$operation_ports"
reach "$o" ""
udp "$p" yes
udp "$i" no
udp "$o" no
ip netns exec "$t" sh "$work/cleanup.sh" >/dev/null
echo "  after cleanup:"
reach "$i" ""
reach "$p" "$operation_ports"
reach "$o" ""
udp "$p" yes
udp "$o" no

echo "-- syntax: firewalld"
"$bin" export "$work/plan.json" --format firewalld --host target -o "$work/firewalld.sh" >/dev/null
sh -n "$work/firewalld.sh"
echo "firewall system test: ok"
