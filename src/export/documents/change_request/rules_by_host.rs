//! Section 5, every rule by host with the evidence of each port, and section 7, the
//! install-only rules with their removal.

use super::implementation::commands;
use super::shared::{HostRules, Scripts, cell_of, kind_cell, or_unset, sources_text, tagged_ports};
use crate::analysis::FlowKind;
use crate::export::documents::blocks::{Block, Cell, Table};
use crate::export::options::Inputs;

pub(super) fn rules_section(i: &Inputs, hosts: &[HostRules], out: &mut Vec<Block>) {
    let a = i.analysis;
    out.push(Block::Heading("5. Rules by host".into()));
    out.push(Block::Note(
        "Inbound rules on each destination host. Kind: install rules are temporary (they exist \
         during the install only); operation rules are permanent. Sources: \"other deployment \
         hosts\" are every host of section 3 with a ScaleIO role but the destination itself. \
         Evidence: how the catalog knows the port (seed: the seed document; documented: vendor \
         documentation; code: the vendor's own code; inferred: reasoning or community code, \
         listed in section 6 for the security team to confirm). Source: the catalog entry \
         behind the port (section 12)."
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
            ("Sources", 0.26),
            ("Purpose", 0.25),
            ("Evidence", 0.12),
            ("Source", 0.1),
        ]);
        for rule in &h.rules {
            let sources = sources_text(a, h.row, rule);
            for (port, evidence) in rule.ports_with_evidence() {
                let cell = cell_of(a, h.row, port, rule.protocol);
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
                    Cell::from(evidence.name()),
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
    scripts: &Scripts,
    inline: bool,
    out: &mut Vec<Block>,
) {
    let (a, cr) = (i.analysis, &i.plan.change_request);
    out.push(Block::Heading(
        "7. Install-only rules and their removal".into(),
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
        let only = cells.iter().filter(|c| c.during_install && !c.in_operation);
        let stay = cells.iter().filter(|c| c.during_install && c.in_operation);
        let host = &a.hosts[h.row];
        t.row([
            host.name.clone(),
            host.address.clone(),
            tagged_ports(only),
            tagged_ports(stay),
        ]);
    }
    out.push(Block::Table(t));
    out.push(Block::Paragraph(format!(
        "Removal commands: on each host, the removal script (portplan export PLAN --format \
         {}|{} --cleanup). {}",
        i.options.windows_format,
        i.options.linux_format,
        if inline {
            "They follow."
        } else {
            "Appendix B lists them for every host."
        }
    )));
    if inline {
        commands(i, scripts, true, out);
    }
}
