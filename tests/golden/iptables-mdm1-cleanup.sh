#!/bin/sh
# portplan 0.1.0: removal of the install rules for mdm1 (192.0.2.11), plan ScaleIO example, change request CHG-2026-0142.
# Run as root. Safe to run twice.
set -eu
while iptables -D INPUT -j PORTPLAN-INSTALL 2>/dev/null; do :; done
iptables -F PORTPLAN-INSTALL 2>/dev/null || true
iptables -X PORTPLAN-INSTALL 2>/dev/null || true
while ip6tables -D INPUT -j PORTPLAN-INSTALL 2>/dev/null; do :; done
ip6tables -F PORTPLAN-INSTALL 2>/dev/null || true
ip6tables -X PORTPLAN-INSTALL 2>/dev/null || true
echo done
