//! The per-host port matrix as text, CSV and JSON.

use std::io::{self, Write};

use serde::Serialize;

use super::source_counts::SourceCounts;
use super::{PhaseFilter, TEXT_SOURCES, abbreviated};
use crate::analysis::{Analysis, Cell, Phase};
use crate::model::RoleSet;
use crate::model::{Evidence, Protocol};
use crate::model::{Os, WmiMode};
use crate::quote::{Padded, spreadsheet_cell, terminal};

fn shown(a: &Analysis, row: usize, phase: PhaseFilter) -> impl Iterator<Item = &Cell> {
    a.cells(row)
        .iter()
        .filter(move |c| phase.is_none_or(|p| c.phase == p))
}

/// "permanent (not needed to install)" for 6611, else the phase.
pub fn phase_label(cell: &Cell) -> String {
    if cell.phase == Phase::Permanent && !cell.during_install {
        "permanent (not needed to install)".into()
    } else {
        cell.phase.to_string()
    }
}

pub fn wmi_label(a: &Analysis) -> String {
    match a.wmi.mode {
        WmiMode::Fixed => format!("WMI fixed on port {}", a.wmi.port),
        WmiMode::Dynamic => format!("WMI dynamic ({})", a.wmi.resolve()),
    }
}

pub fn write_text(out: &mut dyn Write, a: &Analysis, phase: PhaseFilter) -> io::Result<()> {
    let mut counts = SourceCounts::new(a);
    writeln!(out, "Plan: {} ({})", terminal(&a.plan_name), wmi_label(a))?;
    for (row, host) in a.hosts.iter().enumerate() {
        writeln!(out)?;
        let roles = if host.roles.is_empty() {
            "no roles".to_string()
        } else {
            host.roles.joined(", ")
        };
        writeln!(
            out,
            "{}  {}  {}  {}",
            terminal(&host.name),
            terminal(&host.address),
            host.os,
            roles
        )?;
        let cells: Vec<&Cell> = shown(a, row, phase).collect();
        if cells.is_empty() {
            let why = if host.is_network() {
                "a network: a source of the ports its roles reach, no ports of its own"
            } else if !host.roles.is_deployment() && !host.roles.is_empty() {
                "no ports: the installer only opens connections"
            } else if a.cells(row).is_empty() {
                "no ports"
            } else {
                "no ports in this phase"
            };
            writeln!(out, "  {why}")?;
            continue;
        }
        // Role names come from the catalog's fixed set: the column stays narrow.
        let roles_w = cells
            .iter()
            .map(|c| c.roles.joined(", ").len())
            .max()
            .unwrap_or(0)
            .max(5);
        writeln!(
            out,
            "  {:<16} {:<34} {:<7} {:<10} {}  SOURCES",
            "PORT",
            "PHASE",
            "INSTALL",
            "EVIDENCE",
            Padded("ROLES", roles_w)
        )?;
        for c in cells {
            writeln!(
                out,
                "  {:<16} {:<34} {:<7} {:<10} {}  {}",
                format!("{}/{}", c.port, c.protocol),
                phase_label(c),
                if c.during_install { "yes" } else { "no" },
                c.evidence.name(),
                Padded(&c.roles.joined(", "), roles_w),
                abbreviated(
                    a.source_addresses(row, c),
                    counts.count(row, c),
                    TEXT_SOURCES
                ),
            )?;
        }
    }
    Ok(())
}

pub const CSV_HEADER: [&str; 12] = [
    "host",
    "address",
    "os",
    "host_roles",
    "port",
    "port_end",
    "protocol",
    "phase",
    "during_install",
    "roles",
    "sources",
    "evidence",
];

/// One row per (host, port) of the given host rows (networks have none); lists inside a cell
/// are separated by ';'.
pub fn write_csv(
    out: &mut dyn Write,
    a: &Analysis,
    rows: impl Iterator<Item = usize>,
    phase: PhaseFilter,
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for row in rows {
        let host = &a.hosts[row];
        for c in shown(a, row, phase) {
            let sources: Vec<&str> = a.source_addresses(row, c).collect();
            // Names and addresses are user text: see `quote::spreadsheet_cell`.
            w.write_record([
                &*spreadsheet_cell(&host.name),
                &spreadsheet_cell(&host.address),
                host.os.name(),
                &host.roles.joined(";"),
                &c.port.start.to_string(),
                &c.port
                    .end_if_range()
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
                c.protocol.name(),
                c.phase.name(),
                if c.during_install { "true" } else { "false" },
                &c.roles.joined(";"),
                &spreadsheet_cell(&sources.join(";")),
                c.evidence.name(),
            ])?;
        }
    }
    w.flush()
}

#[derive(Serialize)]
struct MatrixDoc<'a> {
    plan: &'a str,
    wmi: WmiDoc,
    hosts: Vec<HostDoc<'a>>,
}

#[derive(Serialize)]
struct WmiDoc {
    mode: WmiMode,
    port: u16,
    port_end: Option<u16>,
}

#[derive(Serialize)]
struct HostDoc<'a> {
    name: &'a str,
    address: &'a str,
    os: Os,
    roles: RoleSet,
    ports: Vec<CellDoc<'a>>,
}

#[derive(Serialize)]
struct CellDoc<'a> {
    port: u16,
    port_end: Option<u16>,
    protocol: Protocol,
    phase: Phase,
    during_install: bool,
    roles: RoleSet,
    sources: Sources<'a>,
    evidence: Evidence,
}

/// Streams the addresses: a large plan's sources are never collected in memory.
struct Sources<'a> {
    analysis: &'a Analysis,
    row: usize,
    cell: &'a Cell,
}

impl Serialize for Sources<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.analysis.source_addresses(self.row, self.cell))
    }
}

pub fn write_json(out: &mut dyn Write, a: &Analysis, phase: PhaseFilter) -> io::Result<()> {
    let wmi = a.wmi.resolve();
    let doc = MatrixDoc {
        plan: &a.plan_name,
        wmi: WmiDoc {
            mode: a.wmi.mode,
            port: wmi.start,
            port_end: wmi.end_if_range(),
        },
        hosts: a
            .hosts
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.is_network())
            .map(|(row, h)| HostDoc {
                name: &h.name,
                address: &h.address,
                os: h.os,
                roles: h.roles,
                ports: shown(a, row, phase)
                    .map(|cell| CellDoc {
                        port: cell.port.start,
                        port_end: cell.port.end_if_range(),
                        protocol: cell.protocol,
                        phase: cell.phase,
                        during_install: cell.during_install,
                        roles: cell.roles,
                        sources: Sources {
                            analysis: a,
                            row,
                            cell,
                        },
                        evidence: cell.evidence,
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
