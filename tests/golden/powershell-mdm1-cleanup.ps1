#Requires -RunAsAdministrator
# portplan 0.1.0: removal of the install rules for mdm1 (192.0.2.11), plan ScaleIO example, change request CHG-2026-0142.
# Safe to run twice.
param([switch]$RevertWmi)  # -RevertWmi also undoes winmgmt -standalonehost
$ErrorActionPreference = 'Stop'
Remove-NetFirewallRule -Group 'portplan ScaleIO example install' -ErrorAction SilentlyContinue
if ($RevertWmi) {
    winmgmt /sharedhost
    Restart-Service -Name Winmgmt -Force
}
Write-Host 'Install rules removed.'
