#!/bin/sh
# portplan 0.1.0: removal of the install rules for mdm1 (192.0.2.11), plan ScaleIO example.
# Run as root. Safe to run twice. ZONE picks the zone (default: public).
set -eu
zone=${ZONE:-public}
rule() {
  if firewall-cmd --permanent --zone="$zone" --query-rich-rule="$1" >/dev/null 2>&1; then
    firewall-cmd --permanent --zone="$zone" --remove-rich-rule="$1" >/dev/null
  fi
}
# install rule: RPC endpoint mapper, SMB, MDM and TB communication, WMI (DCOM)
rule 'rule family="ipv4" source address="192.0.2.5" port port="135" protocol="tcp" accept'
rule 'rule family="ipv4" source address="192.0.2.5" port port="445" protocol="tcp" accept'
rule 'rule family="ipv4" source address="192.0.2.5" port port="9011" protocol="tcp" accept'
rule 'rule family="ipv4" source address="192.0.2.5" port port="24158" protocol="tcp" accept'
firewall-cmd --reload >/dev/null
echo done
