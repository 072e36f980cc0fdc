#!/bin/sh
# portplan 0.1.0: install and operation rules for mdm1 (192.0.2.11), plan ScaleIO example, change request CHG-2026-0142.
# Run as root. Safe to run twice. ZONE picks the zone (default: public).
set -eu
zone=${ZONE:-public}
rule() {
  if ! firewall-cmd --permanent --zone="$zone" --query-rich-rule="$1" >/dev/null 2>&1; then
    firewall-cmd --permanent --zone="$zone" --add-rich-rule="$1" >/dev/null
  fi
}
# install rule: RPC endpoint mapper, SMB, MDM and TB communication, WMI (DCOM)
for source in 192.0.2.5; do
  for port in 135 445 9011 24158; do
    rule "rule family=\"ipv4\" source address=\"$source\" port port=\"$port\" protocol=\"tcp\" accept"
  done
done
# operation rule: MDM communication, MDM and TB communication
for source in 192.0.2.12 192.0.2.13 192.0.2.21 192.0.2.22 192.0.2.23 198.51.100.31 198.51.100.32 198.51.100.33; do
  for port in 6611 9011; do
    rule "rule family=\"ipv4\" source address=\"$source\" port port=\"$port\" protocol=\"tcp\" accept"
  done
done
firewall-cmd --reload >/dev/null
echo done
