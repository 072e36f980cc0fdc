//! Section 10: how the change is undone.

use super::shared::HostRules;
use crate::analysis::FlowKind;
use crate::export::documents::blocks::{Block, Table};
use crate::export::options::{Inputs, Options};
use crate::export::scripts::nftables;
use crate::model::Os;

pub(super) fn rollback_section(i: &Inputs, hosts: &[HostRules], out: &mut Vec<Block>) {
    let a = i.analysis;
    out.push(Block::Heading("10. Rollback".into()));
    out.push(Block::Paragraph(
        "To undo the change, remove every rule it added; nothing else on the hosts was changed \
         except the WMI setting of Windows hosts (winmgmt -standalonehost), which the removal \
         script gives back with REVERT_WMI=1. Per host:"
            .into(),
    ));
    let defaults = Options::default();
    let table = format!("inet {}", defaults.nft_table);
    let mut t = Table::new(&[("Host", 0.22), ("Commands", 0.78)]);
    for h in hosts.iter().filter(|h| !h.rules.is_empty()) {
        let host = &a.hosts[h.row];
        let commands: Vec<String> = match host.os {
            Os::Windows => h
                .rules
                .iter()
                .map(|r| format!("netsh advfirewall firewall delete rule name=\"{}\"", r.id))
                .collect(),
            Os::Linux => [FlowKind::Install, FlowKind::Operation]
                .into_iter()
                .filter(|k| h.rules.iter().any(|r| r.kind == *k))
                .map(|k| {
                    format!(
                        "nft flush chain {table} {}",
                        nftables::chain_name(&defaults.chain, k)
                    )
                })
                .collect(),
        };
        t.row([
            format!("{} ({})", host.name, host.address),
            commands.join("\n"),
        ]);
    }
    out.push(Block::Table(t));
    out.push(Block::Paragraph(
        "Then verify as after the removal (section 9): no probe from the installer or the \
         deployment hosts finds a port of this change open unless it was open before."
            .into(),
    ));
}
