#Requires -RunAsAdministrator
# portplan 0.1.0: removal of the install rules for mdm1 (192.0.2.11), plan ScaleIO example, change request CHG-2026-0142.
# Safe to run twice.
param([switch]$RevertWmi)  # -RevertWmi also undoes winmgmt -standalonehost
$ErrorActionPreference = 'Stop'
Remove-NetFirewallRule -Group 'portplan scaleio-example install' -ErrorAction SilentlyContinue
Remove-NetFirewallRule -Group 'portplan ScaleIO example install' -ErrorAction SilentlyContinue
Get-NetFirewallRule -DisplayName 'portplan-scaleio-example-*' -ErrorAction SilentlyContinue | Where-Object { $_.DisplayName -match '-install[0-9]*(-udp)?(-[0-9]+)?$' } | Remove-NetFirewallRule
if ($RevertWmi) {
    winmgmt /sharedhost
    Restart-Service -Name Winmgmt -Force
}
Write-Host 'Install rules removed.'
