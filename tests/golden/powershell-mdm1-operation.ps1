#Requires -RunAsAdministrator
# portplan 0.1.0: operation rules for mdm1 (192.0.2.11), plan ScaleIO example, change request CHG-2026-0142.
# Safe to run twice: each rule is removed before it is added.
$ErrorActionPreference = 'Stop'
Remove-NetFirewallRule -Name 'portplan-scaleio-example-mdm1-operation' -ErrorAction SilentlyContinue
New-NetFirewallRule -Name 'portplan-scaleio-example-mdm1-operation' -DisplayName 'portplan-scaleio-example-mdm1-operation' -Group 'portplan scaleio-example operation' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 6611,9011 -RemoteAddress '192.0.2.12','192.0.2.13','192.0.2.21','192.0.2.22','192.0.2.23','198.51.100.31','198.51.100.32','198.51.100.33' -Description 'portplan ScaleIO example: mdm1 operation rule, permanent (MDM communication, MDM and TB communication)' | Out-Null
Write-Host 'Rules added.'
