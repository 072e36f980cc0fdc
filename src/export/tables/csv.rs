//! CSV: one row per flow (source, destination host and address, port, protocol, kind, during
//! install, roles, reason), the same rows `portplan flows --format csv` prints.

use crate::analysis::{Analysis, FlowKind};
use crate::export::error::ExportError;
use crate::export::options::Inputs;

/// The export's file: the flows of the options' kind.
pub fn file(i: &Inputs) -> Result<Vec<u8>, ExportError> {
    Ok(flows(i.analysis, i.options.kind).into_bytes())
}

pub fn flows(a: &Analysis, kind: Option<FlowKind>) -> String {
    head(a, kind, usize::MAX)
}

/// The header and the first `rows` flows, for a preview of a plan whose CSV is large.
pub fn head(a: &Analysis, kind: Option<FlowKind>, rows: usize) -> String {
    let mut out = Vec::new();
    crate::report::flows::write_csv_rows(&mut out, a, kind, rows).expect("writing to memory");
    String::from_utf8(out).expect("the CSV writer writes UTF-8")
}
