//! The flows as tables: CSV for tools, an xlsx workbook for people.

pub mod csv;
pub mod xlsx;

use crate::analysis::{Analysis, FlowKind};
use crate::export::format::Format;

/// Past this much CSV, `portplan` says how much is coming before it writes it.
const LARGE_CSV_BYTES: usize = 256 << 20;
/// Past this many flows, a workbook takes minutes to write and to open.
const LARGE_WORKBOOK_FLOWS: usize = 1_000_000;
/// Hosts past which the change request is a long wait (50,000 hosts: 69 s, 3 GB).
const LARGE_DOCUMENT_HOSTS: usize = 5_000;

/// A note for standard error before an output far larger than people expect of a plan: the
/// change request has about a page per host; both tables hold a row per flow, and a plan of
/// n hosts has on the order of n² flows. Cheap: the flows are counted, not made, and the
/// CSV's row length is taken from its first rows.
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
        // About a page per host (its rules, its commands in the appendices).
        Format::Pdf => (a.hosts.len() > LARGE_DOCUMENT_HOSTS).then(|| {
            format!(
                "the change request of {} hosts runs to thousands of pages (about one per \
                 host): it takes a minute or more to write and GBs of memory",
                a.hosts.len()
            )
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Catalog, Os, Plan, Role, RoleSet};

    #[test]
    fn a_change_request_of_thousands_of_hosts_is_announced() {
        let mut plan = Plan::new("large");
        for i in 0..=LARGE_DOCUMENT_HOSTS {
            let address = format!("10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255);
            plan.add_host(
                format!("h{i}"),
                address,
                Os::Linux,
                [Role::Sdc].into_iter().collect::<RoleSet>(),
            );
        }
        let a = Analysis::new(&plan, &Catalog::builtin());
        let note = size_note(Format::Pdf, &a, None).unwrap();
        assert!(note.contains("5001 hosts"), "{note}");
        plan.hosts.pop();
        let a = Analysis::new(&plan, &Catalog::builtin());
        assert_eq!(size_note(Format::Pdf, &a, None), None);
    }
}
