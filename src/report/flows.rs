//! The flows (source -> destination rules) as text, CSV and JSON.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::analysis::{Analysis, Flow, FlowKind};

pub fn write_text(out: &mut dyn Write, a: &Analysis) -> io::Result<()> {
    let label = |name: &str, address: &str| format!("{name} {address}");
    let width = a
        .hosts
        .iter()
        .map(|h| h.name.chars().count() + 1 + h.address.chars().count())
        .max()
        .unwrap_or(0)
        .max(11);
    writeln!(
        out,
        "{:<width$}  {:<width$}  {:<16} {:<9}  REASON",
        "SOURCE", "DESTINATION", "PORT", "KIND"
    )?;
    for f in a.flows() {
        writeln!(
            out,
            "{:<width$}  {:<width$}  {:<16} {:<9}  {}",
            label(&f.source.name, &f.source.address),
            label(&f.destination.name, &f.destination.address),
            format!("{}/{}", f.cell.port, f.cell.protocol),
            f.kind.name(),
            f.reason(),
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
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for f in a
        .flows()
        .filter(|f| kind.is_none_or(|k| k == f.kind))
        .take(rows)
    {
        w.write_record([
            f.source.name.as_str(),
            &f.source.address,
            &f.destination.name,
            &f.destination.address,
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
            &f.reason(),
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
