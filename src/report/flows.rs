//! The flows (source -> destination rules) as text, CSV and JSON.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::analysis::{Analysis, Flow, FlowKind, HostRow};
use crate::quote::{Padded, spreadsheet_cell, terminal};

/// The widest a column of host labels grows: a longer name overflows its cell (and the row's
/// columns after it shift right) rather than widening every row.
const LABEL_COLUMN_MAX: usize = 48;

pub fn write_text(out: &mut dyn Write, a: &Analysis) -> io::Result<()> {
    // "name address", escaped for a terminal.
    let label = |h: &HostRow| format!("{} {}", terminal(&h.name), terminal(&h.address));
    let width = a
        .hosts
        .iter()
        .map(|h| label(h).chars().count())
        .max()
        .unwrap_or(0)
        .clamp(11, LABEL_COLUMN_MAX);
    writeln!(
        out,
        "{}  {}  {:<16} {:<9}  REASON",
        Padded("SOURCE", width),
        Padded("DESTINATION", width),
        "PORT",
        "KIND"
    )?;
    for f in a.flows() {
        writeln!(
            out,
            "{}  {}  {:<16} {:<9}  {}",
            Padded(&label(f.source), width),
            Padded(&label(f.destination), width),
            format!("{}/{}", f.cell.port, f.cell.protocol),
            f.kind.name(),
            terminal(&f.reason()),
        )?;
    }
    Ok(())
}

pub const CSV_HEADER: [&str; 11] = [
    "source",
    "source_address",
    "destination",
    "destination_address",
    "port",
    "port_end",
    "protocol",
    "kind",
    "during_install",
    "roles",
    "reason",
];

/// Every flow (of `kind`, when given), one row each.
pub fn write_csv(out: &mut dyn Write, a: &Analysis, kind: Option<FlowKind>) -> io::Result<()> {
    write_csv_rows(out, a, kind, usize::MAX)
}

/// The CSV with at most `rows` flows: the start of it, for a preview.
pub fn write_csv_rows(
    out: &mut dyn Write,
    a: &Analysis,
    kind: Option<FlowKind>,
    rows: usize,
) -> io::Result<()> {
    write_csv_of(out, a.flows_of(kind).take(rows))
}

/// The CSV of these flows (an export counts them as they go by).
pub fn write_csv_of<'a>(
    out: &mut dyn Write,
    flows: impl Iterator<Item = Flow<'a>>,
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for f in flows {
        // Names and addresses are user text, the reason the catalog's: see
        // `quote::spreadsheet_cell`.
        w.write_record([
            &*spreadsheet_cell(&f.source.name),
            &spreadsheet_cell(&f.source.address),
            &spreadsheet_cell(&f.destination.name),
            &spreadsheet_cell(&f.destination.address),
            &f.cell.port.start.to_string(),
            &f.cell
                .port
                .end_if_range()
                .map(|e| e.to_string())
                .unwrap_or_default(),
            f.cell.protocol.name(),
            f.kind.name(),
            if f.cell.during_install {
                "true"
            } else {
                "false"
            },
            &f.cell.roles.joined(";"),
            &spreadsheet_cell(&f.reason()),
        ])?;
    }
    w.flush()
}

#[derive(Serialize)]
struct FlowDoc<'a> {
    source: &'a str,
    source_address: &'a str,
    destination: &'a str,
    destination_address: &'a str,
    port: u16,
    port_end: Option<u16>,
    protocol: crate::model::Protocol,
    kind: crate::analysis::FlowKind,
    during_install: bool,
    roles: crate::model::RoleSet,
    reason: String,
}

impl<'a> From<Flow<'a>> for FlowDoc<'a> {
    fn from(f: Flow<'a>) -> Self {
        FlowDoc {
            source: &f.source.name,
            source_address: &f.source.address,
            destination: &f.destination.name,
            destination_address: &f.destination.address,
            port: f.cell.port.start,
            port_end: f.cell.port.end_if_range(),
            protocol: f.cell.protocol,
            kind: f.kind,
            during_install: f.cell.during_install,
            roles: f.cell.roles,
            reason: f.reason(),
        }
    }
}

/// `{"plan": NAME, "flows": [...]}`, streamed: a plan of n hosts has on the order of n² flows.
pub fn write_json(out: &mut dyn Write, a: &Analysis) -> io::Result<()> {
    struct AllFlows<'a>(&'a Analysis);
    impl Serialize for AllFlows<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.flows().map(FlowDoc::from))
        }
    }
    let mut ser = serde_json::Serializer::pretty(&mut *out);
    let mut map = ser.serialize_map(Some(2))?;
    map.serialize_entry("plan", &a.plan_name)?;
    map.serialize_entry("flows", &AllFlows(a))?;
    map.end()?;
    writeln!(out)
}
