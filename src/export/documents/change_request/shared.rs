//! What the sections share: each host's rules, the scripts the commands come from, and
//! how cells spell ports, kinds and sources.

use crate::analysis::{self, Analysis, FlowKind};
use crate::export::documents::blocks::Cell;
use crate::export::format::Format;
use crate::export::options::{Inputs, Options};
use crate::export::rules;
use crate::export::scripts::context::Context;
use crate::export::scripts::{firewalld, iptables, netsh, nftables, powershell};
use crate::look::palette;
use crate::model::{Evidence, Os, PortRange, Protocol, SourcePolicy};

/// Above this many source addresses, a rule names its group instead of listing them.
const LISTED_SOURCES_MAX: usize = 8;

pub(super) struct HostRules<'a> {
    pub row: usize,
    pub rules: Vec<rules::Rule<'a>>,
}

/// The script format the document's commands are written in for the hosts of `os` (the one
/// the user exports), and its generator.
pub(super) fn script_format(options: &Options, os: Os) -> (Format, fn(&Context) -> String) {
    let format = options.script_format(os);
    let script = match format {
        Format::Netsh => netsh::script,
        Format::PowerShell => powershell::script,
        Format::Iptables => iptables::script,
        Format::Firewalld => firewalld::script,
        // nftables, and anything else, which the document refuses before it gets here.
        _ => nftables::script,
    };
    (format, script)
}

pub(super) fn or_unset(s: &str) -> String {
    if s.trim().is_empty() {
        "(not set)".into()
    } else {
        s.to_string()
    }
}

pub(super) fn ports_text(ports: &[PortRange]) -> String {
    ports
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The cell of host `row` behind a rule's port: what the catalog says about it.
pub(super) fn cell_of(
    a: &Analysis,
    row: usize,
    port: PortRange,
    protocol: Protocol,
) -> Option<&analysis::Cell> {
    a.cells(row)
        .iter()
        .find(|c| c.port == port && c.protocol == protocol)
}

/// "9099/tcp [inferred]": a port with its protocol and evidence.
pub(super) fn tagged(port: PortRange, protocol: Protocol, evidence: Evidence) -> String {
    format!("{port}/{protocol} [{evidence}]")
}

/// A host's ports, each tagged with its protocol and evidence, separated by commas.
pub(super) fn tagged_ports<'c>(cells: impl Iterator<Item = &'c analysis::Cell>) -> String {
    cells
        .map(|c| tagged(c.port, c.protocol, c.evidence))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn kind_cell(kind: FlowKind) -> Cell {
    Cell {
        fill: Some(palette::flow(kind)),
        ..Cell::from(kind.name())
    }
}

pub(super) fn sources_text(a: &Analysis, row: usize, rule: &rules::Rule) -> String {
    if rule.sources.len() <= LISTED_SOURCES_MAX {
        return rule
            .sources
            .iter()
            .map(|s| s.as_ref())
            .collect::<Vec<_>>()
            .join(", ");
    }
    let n = match a.cells(row).iter().find(|c| c.port == rule.ports[0]) {
        Some(cell) => a.flow_sources(row, cell, rule.kind).count(),
        None => 0,
    };
    match rule.kind {
        FlowKind::Install => format!("the {n} installers (section 3)"),
        FlowKind::Operation => match a.policy {
            SourcePolicy::Deployment => format!("the {n} other deployment hosts"),
            SourcePolicy::LeastPrivilege => format!("the {n} hosts whose roles reach these ports"),
        },
    }
}

/// A host's script (or its removal script) in the format and with the options of the export,
/// every kind of rule, as `portplan export` writes it.
pub(super) fn script(i: &Inputs, row: usize, cleanup: bool) -> String {
    let (_, script) = script_format(i.options, i.analysis.hosts[row].os);
    let options = Options {
        cleanup,
        kind: None,
        ..i.options.clone()
    };
    script(&Context::new(i.plan, i.analysis, row, &options))
}
