//! Sections 5 and 6: every rule by host, and the install-only rules with their removal.

use super::implementation::commands;
use super::shared::{HostRules, kind_cell, or_unset, ports_text, sources_text};
use crate::analysis::FlowKind;
use crate::export::documents::blocks::{Block, Cell, Table};
use crate::export::error::ExportError;
use crate::export::options::Inputs;
use crate::model::PortRange;

pub(super) fn rules_section(i: &Inputs, hosts: &[HostRules], out: &mut Vec<Block>) {
    let a = i.analysis;
    out.push(Block::Heading("5. Rules by host".into()));
    out.push(Block::Note(
        "Inbound rules on each destination host. Kind: install rules are temporary (they exist \
         during the install only); operation rules are permanent. Sources: \"other deployment \
         hosts\" are every host of section 3 with a ScaleIO role but the destination itself. \
         Source: the catalog entry behind the port (section 11)."
            .into(),
    ));
    for h in hosts.iter().filter(|h| !h.rules.is_empty()) {
        let host = &a.hosts[h.row];
        out.push(Block::Subheading(format!(
            "{} ({}, {}; {})",
            host.name,
            host.address,
            host.os.name(),
            host.roles.joined(", ")
        )));
        let mut t = Table::new(&[
            ("Port", 0.09),
            ("Proto", 0.07),
            ("Kind", 0.11),
            ("Sources", 0.31),
            ("Purpose", 0.32),
            ("Source", 0.1),
        ]);
        for rule in &h.rules {
            let sources = sources_text(a, h.row, rule);
            for port in &rule.ports {
                let cell = a
                    .cells(h.row)
                    .iter()
                    .find(|c| c.port == *port && c.protocol == rule.protocol);
                let (purpose, keys) = cell.map_or((String::new(), String::new()), |c| {
                    let purposes: Vec<&str> = c
                        .keys
                        .iter()
                        .filter_map(|k| i.catalog.port(k).map(|p| p.purpose.as_str()))
                        .collect();
                    (purposes.join("; "), c.keys.join(", "))
                });
                t.rows.push(vec![
                    Cell::from(port.to_string()),
                    Cell::from(rule.protocol.to_string()),
                    kind_cell(rule.kind),
                    Cell::from(sources.clone()),
                    Cell::from(purpose),
                    Cell::from(format!("[{keys}]")),
                ]);
            }
        }
        out.push(Block::Table(t));
    }
}

pub(super) fn install_only_section(
    i: &Inputs,
    hosts: &[HostRules],
    inline: bool,
    out: &mut Vec<Block>,
) -> Result<(), ExportError> {
    let (a, cr) = (i.analysis, &i.plan.change_request);
    out.push(Block::Heading(
        "6. Install-only rules and their removal".into(),
    ));
    out.push(Block::Paragraph(format!(
        "The install rules are temporary: they admit the installer host during the install and \
         are removed after it, by {}. Removing them closes the install-only ports and takes the \
         installer off the ports that stay open for the deployment (unless the installer is a \
         deployment host itself).",
        or_unset(&cr.install_rules_expire)
    )));
    let mut t = Table::new(&[
        ("Host", 0.22),
        ("Address", 0.2),
        ("Closed after the install", 0.29),
        ("Stay open to the deployment", 0.29),
    ]);
    for h in hosts
        .iter()
        .filter(|h| h.rules.iter().any(|r| r.kind == FlowKind::Install))
    {
        let cells = a.cells(h.row);
        let only: Vec<PortRange> = cells
            .iter()
            .filter(|c| c.during_install && !c.in_operation)
            .map(|c| c.port)
            .collect();
        let stay: Vec<PortRange> = cells
            .iter()
            .filter(|c| c.during_install && c.in_operation)
            .map(|c| c.port)
            .collect();
        let host = &a.hosts[h.row];
        t.row([
            host.name.clone(),
            host.address.clone(),
            ports_text(&only),
            ports_text(&stay),
        ]);
    }
    out.push(Block::Table(t));
    out.push(Block::Paragraph(format!(
        "Removal commands: on each host, the removal script (portplan export PLAN --format \
         netsh|nftables --cleanup). {}",
        if inline {
            "They follow."
        } else {
            "Appendix B lists them for every host."
        }
    )));
    if inline {
        commands(i, hosts, true, out)?;
    }
    Ok(())
}
