//! netsh (`.cmd`): `netsh advfirewall firewall` rules, for Windows Server 2008 and later.

use std::fmt::Write;

use super::context::Context;
use crate::quote;

const WMI_SERVICE: &str = "\"Windows Management Instrumentation\"";

pub fn script(ctx: &Context) -> String {
    let host = ctx.host();
    let plan = &ctx.plan.name;
    let mut s = String::new();
    let _ = writeln!(s, "@echo off");
    s.push_str(&ctx.header("rem"));
    s.push_str(if ctx.options.cleanup {
        "rem Run as administrator. Safe to run twice.\n"
    } else {
        "rem Run as administrator. Safe to run twice: each rule is deleted before it is added.\n"
    });
    s.push_str(
        "setlocal\n\
         net session >nul 2>&1\n\
         if errorlevel 1 (\n\
         \x20 echo This script must run as administrator.\n\
         \x20 exit /b 1\n\
         )\n",
    );
    if ctx.options.cleanup {
        s.push_str(
            "rem Set REVERT_WMI=1 to also give WMI back its shared host (undoes winmgmt -standalonehost).\n\
             set REVERT_WMI=0\n",
        );
    } else if ctx.fixes_wmi() {
        let _ = writeln!(
            s,
            "rem Fix the WMI port to {} (the install rule below opens it to the installer).",
            ctx.plan.settings.wmi.port
        );
        let _ = writeln!(s, "winmgmt -standalonehost || goto failed");
        let _ = writeln!(s, "net stop {WMI_SERVICE} /y || goto failed");
        let _ = writeln!(s, "net start {WMI_SERVICE} || goto failed");
    }
    for rule in &ctx.rules {
        for (name, ports, sources) in rule.windows_parts() {
            let _ = writeln!(s, "{} >nul 2>&1", delete_rule(&name));
            if ctx.options.cleanup {
                continue;
            }
            let _ = writeln!(
                s,
                "netsh advfirewall firewall add rule name={} dir=in action=allow protocol={} localport={} remoteip={} profile=any description={} || goto failed",
                quote::cmd(&name),
                rule.protocol.name().to_uppercase(),
                ports,
                sources.join(","),
                quote::cmd(&rule.description(plan, &host.name))
            );
        }
    }
    if ctx.options.cleanup {
        // netsh deletes by exact name only: the install rules of this plan made under another
        // host name (renamed since) are found by PowerShell, where it has the NetSecurity
        // module (Windows Server 2012 and later); elsewhere this line does nothing.
        let _ = writeln!(
            s,
            "powershell -NoProfile -NonInteractive -Command \"{}\" >nul 2>&1",
            super::powershell::remove_install_rules_named(&ctx.plan.rules_id())
        );
        s.push_str(
            "if \"%REVERT_WMI%\"==\"1\" (\n\
             \x20 winmgmt /sharedhost || goto failed\n",
        );
        let _ = writeln!(s, "  net stop {WMI_SERVICE} /y || goto failed");
        let _ = writeln!(s, "  net start {WMI_SERVICE} || goto failed");
        s.push_str(")\n");
    }
    s.push_str(
        "echo Done.\n\
         exit /b 0\n\
         :failed\n\
         echo Failed: the command above did not succeed; nothing after it was run.\n\
         exit /b 1\n",
    );
    s.replace('\n', "\r\n")
}

/// The command that deletes the rule `name` (every rule of that name).
pub fn delete_rule(name: &str) -> String {
    format!(
        "netsh advfirewall firewall delete rule name={}",
        quote::cmd(name)
    )
}
