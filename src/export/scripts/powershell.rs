//! PowerShell (`.ps1`): `New-NetFirewallRule`, Windows Server 2012 and later. Each plan and kind
//! is a group, so removing the install rules is one `Remove-NetFirewallRule -Group`.

use std::fmt::Write;

use super::context::Context;
use crate::analysis::FlowKind;
use crate::quote;

/// The group of a plan's rules of one kind, by the plan's id (see `Plan::rules_id`): renaming
/// the plan keeps its group.
pub fn group(plan_id: &str, kind: FlowKind) -> String {
    format!("portplan {plan_id} {}", kind.name())
}

pub fn script(ctx: &Context) -> String {
    let host = ctx.host();
    let plan = &ctx.plan.name;
    let id = &ctx.plan.rules_id();
    let q = quote::powershell;
    let mut s = String::new();
    s.push_str("#Requires -RunAsAdministrator\n");
    s.push_str(&ctx.header("#"));
    if ctx.options.cleanup {
        s.push_str("# Safe to run twice.\n");
        s.push_str("param([switch]$RevertWmi)  # -RevertWmi also undoes winmgmt -standalonehost\n");
    } else {
        s.push_str("# Safe to run twice: each rule is removed before it is added.\n");
    }
    s.push_str("$ErrorActionPreference = 'Stop'\n");
    if ctx.options.cleanup {
        let _ = writeln!(s, "{}", remove_group(id, FlowKind::Install));
        // Rules made before plans had ids are in a group named after the plan.
        if plan != id {
            let _ = writeln!(s, "{}", remove_group(plan, FlowKind::Install));
        }
        // Install rules of this plan under another host name (the host renamed since), and
        // netsh's, which have no group: found by the plan's id in their names.
        let _ = writeln!(s, "{}", remove_install_rules_named(id));
        s.push_str(
            "if ($RevertWmi) {\n    winmgmt /sharedhost\n    Restart-Service -Name Winmgmt -Force\n}\n",
        );
        s.push_str("Write-Host 'Install rules removed.'\n");
        return s;
    }
    if ctx.fixes_wmi() {
        let _ = writeln!(
            s,
            "# Fix the WMI port to {} (the install rule opens it to the installer).",
            ctx.plan.settings.wmi.port
        );
        s.push_str("winmgmt -standalonehost\nRestart-Service -Name Winmgmt -Force\n");
    }
    for rule in &ctx.rules {
        // The same rules under the same names as netsh's: the display name is the name.
        for (name, ports, sources) in rule.windows_parts() {
            // Validated IP addresses and CIDR blocks: hex digits, '.', ':' and '/' only,
            // nothing to escape inside single quotes.
            let sources = format!("'{}'", sources.join("','"));
            let _ = writeln!(s, "{}", remove_rule(&name));
            let _ = writeln!(
                s,
                "New-NetFirewallRule -Name {} -DisplayName {} -Group {} -Direction Inbound -Action Allow -Protocol {} -LocalPort {} -RemoteAddress {} -Description {} | Out-Null",
                q(&name),
                q(&name),
                q(&group(id, rule.kind)),
                rule.protocol.name().to_uppercase(),
                ports,
                sources,
                q(&rule.description(plan, &host.name))
            );
        }
    }
    s.push_str("Write-Host 'Rules added.'\n");
    s
}

/// The command that removes the rule named `name`, if it is there.
pub fn remove_rule(name: &str) -> String {
    format!(
        "Remove-NetFirewallRule -Name {} -ErrorAction SilentlyContinue",
        quote::powershell(name)
    )
}

/// The command that removes every rule of a plan's kind (by the plan's id, or for rules made
/// before plans had ids, its name), if there are any.
pub fn remove_group(plan: &str, kind: FlowKind) -> String {
    format!(
        "Remove-NetFirewallRule -Group {} -ErrorAction SilentlyContinue",
        quote::powershell(&group(plan, kind))
    )
}

/// The command that removes every install rule whose display name (netsh's `name=`, which
/// netsh rules have as their display name whatever their internal name) is the plan's
/// (`portplan-<id>-<host>-install[<n>][-udp][-<part>]`), whatever the host was called: a rule
/// name ends in its kind and these suffixes, so an operation rule never matches.
pub fn remove_install_rules_named(plan_id: &str) -> String {
    // The id is a slug (letters, digits, '-'): no wildcard or quote in it.
    format!(
        "Get-NetFirewallRule -DisplayName 'portplan-{plan_id}-*' -ErrorAction SilentlyContinue | \
         Where-Object {{ $_.DisplayName -match '-install[0-9]*(-udp)?(-[0-9]+)?$' }} | Remove-NetFirewallRule"
    )
}
