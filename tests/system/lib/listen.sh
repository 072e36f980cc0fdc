# Sourced by the system tests (not run alone: .ci/run runs tests/system/*.sh only).

# listen NAMESPACE ADDRESS PORT...: TCP listeners on ADDRESS in NAMESPACE, in the background
# until the test's cleanup kills $listener (or 10 minutes pass).
listen() {
  local ns=$1 addr=$2
  shift 2
  ip netns exec "$ns" python3 - "$addr" "$@" <<'PY' &
import socket, sys, time
socks = []
for port in sys.argv[2:]:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((sys.argv[1], int(port)))
    s.listen(64)
    socks.append(s)
time.sleep(600)
PY
  listener=$!
}
