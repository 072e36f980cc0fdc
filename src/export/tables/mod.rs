//! The flows as tables: CSV for tools, an xlsx workbook for people.

pub mod csv;
pub mod xlsx;

use crate::analysis::{Analysis, FlowKind};
use crate::export::format::Format;

/// Past this much CSV, `portplan` says how much is coming before it writes it.
const LARGE_CSV_BYTES: usize = 256 << 20;
/// Past this many flows, a workbook takes minutes to write and to open.
const LARGE_WORKBOOK_FLOWS: usize = 1_000_000;

/// A note for standard error before a table far larger than people expect of a plan: both
/// hold a row per flow, and a plan of n hosts has on the order of n² flows. Cheap: the flows
/// are counted, not made, and the CSV's row length is taken from its first rows.
pub fn size_note(format: Format, a: &Analysis, kind: Option<FlowKind>) -> Option<String> {
    let flows = a.flow_count_of(kind);
    match format {
        Format::Csv => {
            const SAMPLE: usize = 200;
            let head = csv::head(a, kind, SAMPLE);
            let bytes = head.len() / SAMPLE.min(flows).max(1) * flows;
            (bytes > LARGE_CSV_BYTES).then(|| {
                format!(
                    "the CSV holds {flows} flows, about {} MB (flows grow with the square of \
                     the hosts)",
                    bytes >> 20
                )
            })
        }
        Format::Xlsx => (flows > LARGE_WORKBOOK_FLOWS).then(|| {
            format!(
                "the workbook holds {flows} flows on {} sheets: it takes minutes to write and \
                 to open",
                flows.div_ceil(1_048_575)
            )
        }),
        _ => None,
    }
}
