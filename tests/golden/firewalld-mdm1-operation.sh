#!/bin/sh
# portplan 0.1.0: operation rules for mdm1 (192.0.2.11), plan ScaleIO example.
# Run as root. Safe to run twice. ZONE picks the zone (default: public).
set -eu
zone=${ZONE:-public}
rule() {
  if ! firewall-cmd --permanent --zone="$zone" --query-rich-rule="$1" >/dev/null 2>&1; then
    firewall-cmd --permanent --zone="$zone" --add-rich-rule="$1" >/dev/null
  fi
}
# operation rule: MDM communication, MDM and TB communication
rule 'rule family="ipv4" source address="192.0.2.12" port port="6611" protocol="tcp" accept'
rule 'rule family="ipv4" source address="192.0.2.12" port port="9011" protocol="tcp" accept'
rule 'rule family="ipv4" source address="192.0.2.13" port port="6611" protocol="tcp" accept'
rule 'rule family="ipv4" source address="192.0.2.13" port port="9011" protocol="tcp" accept'
rule 'rule family="ipv4" source address="192.0.2.21" port port="6611" protocol="tcp" accept'
rule 'rule family="ipv4" source address="192.0.2.21" port port="9011" protocol="tcp" accept'
rule 'rule family="ipv4" source address="192.0.2.22" port port="6611" protocol="tcp" accept'
rule 'rule family="ipv4" source address="192.0.2.22" port port="9011" protocol="tcp" accept'
rule 'rule family="ipv4" source address="192.0.2.23" port port="6611" protocol="tcp" accept'
rule 'rule family="ipv4" source address="192.0.2.23" port port="9011" protocol="tcp" accept'
rule 'rule family="ipv4" source address="198.51.100.31" port port="6611" protocol="tcp" accept'
rule 'rule family="ipv4" source address="198.51.100.31" port port="9011" protocol="tcp" accept'
rule 'rule family="ipv4" source address="198.51.100.32" port port="6611" protocol="tcp" accept'
rule 'rule family="ipv4" source address="198.51.100.32" port port="9011" protocol="tcp" accept'
rule 'rule family="ipv4" source address="198.51.100.33" port port="6611" protocol="tcp" accept'
rule 'rule family="ipv4" source address="198.51.100.33" port port="9011" protocol="tcp" accept'
firewall-cmd --reload >/dev/null
echo done
