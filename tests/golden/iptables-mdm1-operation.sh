#!/bin/sh
# portplan 0.1.0: operation rules for mdm1 (192.0.2.11), plan ScaleIO example, change request CHG-2026-0142.
# Run as root. Safe to run twice.
set -eu
iptables -N PORTPLAN-OPERATION 2>/dev/null || true
iptables -F PORTPLAN-OPERATION
iptables -A PORTPLAN-OPERATION -p tcp -s 192.0.2.12,192.0.2.13,192.0.2.21,192.0.2.22,192.0.2.23,198.51.100.31,198.51.100.32,198.51.100.33 -m multiport --dports 6611,9011 -m comment --comment 'portplan ScaleIO example: mdm1 operation' -j ACCEPT
iptables -C INPUT -j PORTPLAN-OPERATION 2>/dev/null || iptables -I INPUT -j PORTPLAN-OPERATION
while ip6tables -D INPUT -j PORTPLAN-OPERATION 2>/dev/null; do :; done
ip6tables -F PORTPLAN-OPERATION 2>/dev/null || true
ip6tables -X PORTPLAN-OPERATION 2>/dev/null || true
echo done
