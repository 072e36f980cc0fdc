//! How long the analysis and the reports take on large plans.
//! Run with `cargo bench --bench analysis`; prints the median of several runs.

mod common;

use std::hint::black_box;
use std::io;

use portplan::analysis::Analysis;
use portplan::model::Catalog;
use portplan::report;

use common::{median, plan};

fn main() {
    let catalog = Catalog::builtin();
    for n in [1_000, 10_000] {
        let p = plan(n);
        let analysis = Analysis::new(&p, &catalog);
        let t = median(9, || {
            black_box(Analysis::new(black_box(&p), &catalog));
        });
        println!("analysis of {n} hosts (matrix, sources, findings): {t:?}");
        let t = median(9, || {
            let mut sources = 0usize;
            for row in 0..analysis.hosts.len() {
                for c in analysis.cells(row) {
                    sources += analysis.sources(row, c).take(50).count();
                }
            }
            black_box(sources);
        });
        println!("  first 50 sources of every cell (a screenful of a view): {t:?}");
        let t = median(9, || {
            black_box(analysis.flow_count());
        });
        println!("  flow count ({} flows): {t:?}", analysis.flow_count());
        let runs = if n > 1_000 { 3 } else { 9 };
        let t = median(runs, || {
            report::matrix::write_csv(&mut io::sink(), &analysis, 0..analysis.hosts.len(), None)
                .unwrap();
        });
        println!("  matrix CSV with every source: {t:?}");
    }
}
