//! CSV: one row per flow (source, destination host and address, port, protocol, kind, during
//! install, roles, reason), the same rows `portplan flows --format csv` prints.

use std::io::{self, Write};

use crate::analysis::{Analysis, FlowKind};
use crate::export::error::ExportError;
use crate::export::options::Inputs;
use crate::export::progress::{Counter, Progress};

/// The export's file in memory, for the app (which writes it off the UI thread) and a
/// preview. `portplan export` streams it with [`write`] instead.
pub fn file(i: &Inputs) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    write(&mut out, i.analysis, i.options.kind, i.progress).expect("writing to memory");
    Ok(out)
}

/// The export's rows written to `out` as they are made: a plan of n hosts has on the order
/// of n² flows (2,000 hosts: 244 MB of CSV), so memory stays flat whatever the plan's size.
/// `progress` counts the rows.
pub fn write(
    out: &mut dyn Write,
    a: &Analysis,
    kind: Option<FlowKind>,
    progress: Option<&Progress>,
) -> io::Result<()> {
    if let Some(p) = progress {
        p.start(a.flow_count_of(kind) as u64);
    }
    let mut counter = Counter::new(progress);
    let flows = a.flows_of(kind).inspect(|_| counter.advance(1));
    crate::report::flows::write_csv_of(out, flows)
}

/// The header and the first `rows` flows, for a preview of a plan whose CSV is large.
pub fn head(a: &Analysis, kind: Option<FlowKind>, rows: usize) -> String {
    let mut out = Vec::new();
    crate::report::flows::write_csv_rows(&mut out, a, kind, rows).expect("writing to memory");
    String::from_utf8(out).expect("the CSV writer writes UTF-8")
}
