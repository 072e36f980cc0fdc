//! What the sections share: each host's rules, the scripts the commands come from, and
//! how cells spell ports, kinds and sources.

use crate::analysis::{self, Analysis, FlowKind};
use crate::export::documents::blocks::Cell;
use crate::export::format::Format;
use crate::export::options::{Inputs, Options};
use crate::export::rules;
use crate::export::scripts;
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

/// One host's script as `portplan export` writes it: the file's name and its text.
pub(super) struct HostScript {
    pub row: usize,
    pub name: String,
    pub text: String,
}

/// Every script of the change: the rules of each host with rules, and the removal of each
/// host with install rules. Made once, for the commands printed, the appendices and the
/// summary's SHA-256 of each file, so all three speak of the same bytes.
pub(super) struct Scripts {
    pub rules: Vec<HostScript>,
    pub removal: Vec<HostScript>,
}

impl Scripts {
    pub fn of(i: &Inputs, hosts: &[HostRules]) -> Scripts {
        let make = |cleanup: bool| -> Vec<HostScript> {
            hosts
                .iter()
                .filter(|h| {
                    h.rules
                        .iter()
                        .any(|r| !cleanup || r.kind == FlowKind::Install)
                })
                .map(|h| {
                    let host = &i.analysis.hosts[h.row];
                    let (format, _) = script_format(i.options, host.os);
                    HostScript {
                        row: h.row,
                        name: scripts::file_name(format.extension(), host, cleanup),
                        text: script(i, h.row, cleanup),
                    }
                })
                .collect()
        };
        Scripts {
            rules: make(false),
            removal: make(true),
        }
    }

    /// The rules' scripts, or the removal's.
    pub fn of_kind(&self, cleanup: bool) -> &[HostScript] {
        if cleanup { &self.removal } else { &self.rules }
    }
}

/// A host's script (or its removal script) in the format and with the options of the export,
/// every kind of rule, as `portplan export` writes it.
fn script(i: &Inputs, row: usize, cleanup: bool) -> String {
    let (_, script) = script_format(i.options, i.analysis.hosts[row].os);
    let options = Options {
        cleanup,
        kind: None,
        ..i.options.clone()
    };
    script(&Context::new(i.plan, i.analysis, row, &options))
}

/// Whether the installer's probe of this port of a target must fail once the install rules
/// are removed: an install-only port, or any install port when the installer is no host of
/// the deployment (a deployment host keeps reaching the ports that stay open).
pub(super) fn must_fail_after_removal(a: &Analysis, c: &analysis::Cell) -> bool {
    let installer_stays = a
        .installers()
        .iter()
        .all(|&s| a.hosts[s].roles.is_deployment());
    c.during_install && (!c.in_operation || !installer_stays)
}
