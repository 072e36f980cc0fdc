@echo off
rem portplan 0.1.0: install and operation rules for mdm1 (192.0.2.11), plan ScaleIO example, change request CHG-2026-0142.
rem Run as administrator. Safe to run twice: each rule is deleted before it is added.
setlocal
net session >nul 2>&1
if errorlevel 1 (
  echo This script must run as administrator.
  exit /b 1
)
rem Fix the WMI port to 24158 (the install rule below opens it to the installer).
winmgmt -standalonehost || goto failed
net stop "Windows Management Instrumentation" /y || goto failed
net start "Windows Management Instrumentation" || goto failed
netsh advfirewall firewall delete rule name="portplan-scaleio-example-mdm1-install" >nul 2>&1
netsh advfirewall firewall add rule name="portplan-scaleio-example-mdm1-install" dir=in action=allow protocol=TCP localport=135,445,9011,24158 remoteip=192.0.2.5 profile=any description="portplan ScaleIO example: mdm1 install rule, remove after the install (RPC endpoint mapper, SMB, MDM and TB communication, WMI (DCOM))" || goto failed
netsh advfirewall firewall delete rule name="portplan-scaleio-example-mdm1-operation" >nul 2>&1
netsh advfirewall firewall add rule name="portplan-scaleio-example-mdm1-operation" dir=in action=allow protocol=TCP localport=6611,9011 remoteip=192.0.2.12,192.0.2.13,192.0.2.21,192.0.2.22,192.0.2.23,198.51.100.31,198.51.100.32,198.51.100.33 profile=any description="portplan ScaleIO example: mdm1 operation rule, permanent (MDM communication, MDM and TB communication)" || goto failed
echo Done.
exit /b 0
:failed
echo Failed: the command above did not succeed; nothing after it was run.
exit /b 1
