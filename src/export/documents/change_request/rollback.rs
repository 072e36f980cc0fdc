//! Section 10: how the change is undone, host by host, in the script format the user exports:
//! one command per line, each made by the same code as the scripts' own removal.

use super::shared::HostRules;
use crate::analysis::FlowKind;
use crate::export::documents::blocks::Block;
use crate::export::format::Format;
use crate::export::options::{Inputs, Options};
use crate::export::rules::Rule;
use crate::export::scripts::{firewalld, iptables, netsh, nftables, powershell};
use crate::model::Os;

pub(super) fn rollback_section(i: &Inputs, hosts: &[HostRules], out: &mut Vec<Block>) {
    let a = i.analysis;
    out.push(Block::Heading("10. Rollback".into()));
    let windows = hosts
        .iter()
        .any(|h| !h.rules.is_empty() && a.hosts[h.row].os == Os::Windows);
    let revert = if i.options.windows_format == Format::PowerShell {
        "-RevertWmi"
    } else {
        "REVERT_WMI=1"
    };
    out.push(Block::Paragraph(format!(
        "To undo the change, run these commands on each host, as administrator (Windows) or \
         root (Linux), one line at a time: they remove every rule the change added{}. Nothing \
         else on the hosts was changed{}.",
        if i.options.linux_format != Format::Firewalld
            && hosts
                .iter()
                .any(|h| !h.rules.is_empty() && a.hosts[h.row].os == Os::Linux)
        {
            ", and on Linux the chains and the jumps to them"
        } else {
            ""
        },
        if windows {
            format!(
                " except the WMI setting of Windows hosts (winmgmt -standalonehost), which the \
                 removal script gives back with {revert}"
            )
        } else {
            String::new()
        }
    )));
    for h in hosts.iter().filter(|h| !h.rules.is_empty()) {
        let host = &a.hosts[h.row];
        let format = i.options.script_format(host.os);
        out.push(Block::Subheading(format!(
            "{} ({}): {format}",
            host.name, host.address
        )));
        out.push(Block::Code(
            commands(i.options, format, &h.rules).join("\n"),
        ));
    }
    out.push(Block::Paragraph(
        "Then verify as after the removal (section 9): no probe from the installer or the \
         deployment hosts finds a port of this change open unless it was open before."
            .into(),
    ));
}

/// The commands that remove every rule of `rules` (one host's) written in `format`.
pub(super) fn commands(o: &Options, format: Format, rules: &[Rule]) -> Vec<String> {
    let kinds = || {
        [FlowKind::Install, FlowKind::Operation]
            .into_iter()
            .filter(|k| rules.iter().any(|r| r.kind == *k))
    };
    let names = || {
        rules
            .iter()
            .flat_map(|r| r.windows_parts())
            .map(|(n, _, _)| n)
    };
    match format {
        Format::Netsh => names().map(|n| netsh::delete_rule(&n)).collect(),
        Format::PowerShell => names().map(|n| powershell::remove_rule(&n)).collect(),
        Format::Nftables => kinds().flat_map(|k| nftables::removal(o, k)).collect(),
        Format::Iptables => kinds()
            .flat_map(|k| {
                let chain = iptables::chain_name(&o.chain, k);
                iptables::commands_for(rules.iter().filter(move |r| r.kind == k))
                    .into_iter()
                    .flat_map(move |ipt| iptables::removal(ipt, &chain))
            })
            .collect(),
        Format::Firewalld => rules
            .iter()
            .flat_map(firewalld::removal)
            .chain([firewalld::RELOAD.to_string()])
            .collect(),
        // Not a script format: refused before the document is written.
        _ => Vec::new(),
    }
}
