@echo off
rem portplan 0.1.0: removal of the install rules for mdm1 (192.0.2.11), plan ScaleIO example, change request CHG-2026-0142.
rem Run as administrator. Safe to run twice.
setlocal
net session >nul 2>&1
if errorlevel 1 (
  echo This script must run as administrator.
  exit /b 1
)
rem Set REVERT_WMI=1 to also give WMI back its shared host (undoes winmgmt -standalonehost).
set REVERT_WMI=0
netsh advfirewall firewall delete rule name="portplan-scaleio-example-mdm1-install" >nul 2>&1
powershell -NoProfile -NonInteractive -Command "Get-NetFirewallRule -DisplayName 'portplan-scaleio-example-*' -ErrorAction SilentlyContinue | Where-Object { $_.DisplayName -match '-install[0-9]*(-udp)?(-[0-9]+)?$' } | Remove-NetFirewallRule" >nul 2>&1
if "%REVERT_WMI%"=="1" (
  winmgmt /sharedhost || goto failed
  net stop "Windows Management Instrumentation" /y || goto failed
  net start "Windows Management Instrumentation" || goto failed
)
echo Done.
exit /b 0
:failed
echo Failed: the command above did not succeed; nothing after it was run.
exit /b 1
