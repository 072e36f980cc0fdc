//! Section 6: every rule port that rests on an inferred catalog entry (reasoning, or community
//! code: neither the vendor's documents nor its code say it), grouped by entry, for the security
//! team to confirm with the vendor before the change is approved.

use super::shared::{HostRules, cell_of, kind_cell, sources_text};
use crate::analysis::{Analysis, Phase};
use crate::export::documents::blocks::{Block, Cell, Table};
use crate::export::options::Inputs;
use crate::export::rules::Rule;
use crate::model::{Catalog, Evidence, PortEntry, PortRange};

/// One rule port behind which an inferred catalog entry stands.
struct RulePort<'r, 'a> {
    row: usize,
    rule: &'r Rule<'a>,
    port: PortRange,
    phase: Phase,
}

pub(super) fn inferred_section(i: &Inputs, hosts: &[HostRules], out: &mut Vec<Block>) {
    let (a, catalog) = (i.analysis, i.catalog);
    out.push(Block::Heading("6. Inferred rules to confirm".into()));
    let (entries, count) = inferred_rule_ports(a, catalog, hosts);
    if entries.is_empty() {
        out.push(Block::Paragraph(format!(
            "Every rule's port in this request rests on seed, documented or code evidence of \
             the catalog profile {} ({}): none is inferred, so there is nothing for the \
             security team to confirm with the vendor.",
            catalog.id, catalog.name
        )));
        return;
    }
    let on_hosts = {
        let mut rows: Vec<usize> = entries
            .iter()
            .flat_map(|(_, ports)| ports.iter().map(|p| p.row))
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows.len()
    };
    out.push(Block::Paragraph(format!(
        "{count} rule port{} on {on_hosts} host{} rest{} on inferred evidence: {} entr{} of the \
         catalog profile {} ({}) whose port, direction or phase comes from reasoning or from \
         community code, not from the vendor's documentation or code. Section 5 tags them \
         [inferred]. Before approving, the security team should confirm each with the vendor.",
        plural(count),
        plural(on_hosts),
        if count == 1 { "s" } else { "" },
        entries.len(),
        if entries.len() == 1 { "y" } else { "ies" },
        catalog.id,
        catalog.name
    )));
    for (entry, ports) in &entries {
        entry_blocks(a, entry, ports, out);
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The inferred entries behind some rule port, in catalog order, each with its rule ports;
/// and how many rule ports are inferred (a port of two inferred entries counts once).
fn inferred_rule_ports<'c, 'r, 'a>(
    a: &Analysis,
    catalog: &'c Catalog,
    hosts: &'r [HostRules<'a>],
) -> (Vec<(&'c PortEntry, Vec<RulePort<'r, 'a>>)>, usize) {
    let mut entries: Vec<(&PortEntry, Vec<RulePort>)> = catalog
        .ports
        .iter()
        .filter(|p| p.evidence == Evidence::Inferred)
        .map(|p| (p, Vec::new()))
        .collect();
    let mut count = 0;
    for h in hosts {
        for rule in &h.rules {
            for (port, evidence) in rule.ports_with_evidence() {
                if evidence != Evidence::Inferred {
                    continue;
                }
                let Some(cell) = cell_of(a, h.row, port, rule.protocol) else {
                    continue;
                };
                count += 1;
                for key in &cell.keys {
                    if let Some((_, ports)) = entries.iter_mut().find(|(p, _)| p.key == *key) {
                        ports.push(RulePort {
                            row: h.row,
                            rule,
                            port,
                            phase: cell.phase,
                        });
                    }
                }
            }
        }
    }
    entries.retain(|(_, ports)| !ports.is_empty());
    (entries, count)
}

/// One entry: what the catalog says and where it says it, what to confirm, and its rule ports.
fn entry_blocks(a: &Analysis, entry: &PortEntry, ports: &[RulePort], out: &mut Vec<Block>) {
    out.push(Block::Subheading(format!(
        "{}/{} {} [{}]",
        entry.port, entry.protocol, entry.name, entry.key
    )));
    let phase = match Phase::of(entry.during_install, entry.in_operation) {
        Some(Phase::Permanent) if entry.during_install => "permanent, needed during the install",
        Some(Phase::Permanent) => "permanent, not needed during the install",
        Some(Phase::InstallOnly) => "install-only",
        None => "neither during the install nor in operation",
    };
    let mut fields = vec![
        ("Purpose".to_string(), entry.purpose.clone()),
        ("Phase".to_string(), phase.to_string()),
        ("Who connects".to_string(), who_connects(entry)),
        ("Catalog source".to_string(), entry.source.clone()),
    ];
    if entry.optional {
        fields.push((
            "Optional".to_string(),
            "yes: off unless the plan turns it on, as this plan does (settings.optional_ports)"
                .to_string(),
        ));
    }
    out.push(Block::Fields(fields));
    out.push(Block::Paragraph(format!(
        "To confirm: the security team should confirm with the vendor that {}/{} ({}) is \
         needed on these hosts, from these sources and in this phase, before approving the {} \
         rule port{} below. If the vendor does not confirm it, {}.",
        entry.port,
        entry.protocol,
        entry.name,
        ports.len(),
        plural(ports.len()),
        if entry.optional {
            "turn the optional port off in the plan and write the request again"
        } else {
            "record it as an accepted risk or ask for a catalog without it"
        }
    )));
    let mut t = Table::new(&[
        ("Host", 0.18),
        ("Address", 0.16),
        ("Port", 0.12),
        ("Phase", 0.14),
        ("Rule", 0.12),
        ("Sources", 0.28),
    ]);
    for p in ports {
        let host = &a.hosts[p.row];
        t.rows.push(vec![
            Cell::from(host.name.clone()),
            Cell::from(host.address.clone()),
            Cell::from(format!("{}/{}", p.port, p.rule.protocol)),
            Cell::from(p.phase.name()),
            kind_cell(p.rule.kind),
            Cell::from(sources_text(a, p.row, p.rule)),
        ]);
    }
    out.push(Block::Table(t));
}

/// Who the catalog says reaches the port: the installer during the install, and the roles of
/// its `from` in operation.
fn who_connects(entry: &PortEntry) -> String {
    let mut parts = Vec::new();
    if entry.during_install {
        parts.push("the installer, during the install".to_string());
    }
    if entry.in_operation {
        parts.push(match entry.from {
            None => "every other host of the deployment, in operation".to_string(),
            Some(from) if from.is_empty() => "no role, in operation".to_string(),
            Some(from) => format!("{}, in operation", from.joined(", ")),
        });
    }
    if parts.is_empty() {
        "nobody".to_string()
    } else {
        parts.join("; ")
    }
}
