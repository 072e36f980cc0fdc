#Requires -RunAsAdministrator
# portplan 0.1.0: install rules for mdm1 (192.0.2.11), plan ScaleIO example, change request CHG-2026-0142.
# Safe to run twice: each rule is removed before it is added.
$ErrorActionPreference = 'Stop'
# Fix the WMI port to 24158 (the install rule opens it to the installer).
winmgmt -standalonehost
Restart-Service -Name Winmgmt -Force
Remove-NetFirewallRule -Name 'portplan-scaleio-example-mdm1-install' -ErrorAction SilentlyContinue
New-NetFirewallRule -Name 'portplan-scaleio-example-mdm1-install' -DisplayName 'portplan-scaleio-example-mdm1-install' -Group 'portplan scaleio-example install' -Direction Inbound -Action Allow -Protocol TCP -LocalPort 135,445,9011,24158 -RemoteAddress '192.0.2.5' -Description 'portplan ScaleIO example: mdm1 install rule, remove after the install (RPC endpoint mapper, SMB, MDM and TB communication, WMI (DCOM))' | Out-Null
Write-Host 'Rules added.'
