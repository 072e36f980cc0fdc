//! How long the text reports take on large plans: the text matrix must grow linearly with the
//! hosts (it was quadratic: each cell's "(+N more)" walked its whole source list).
//! Run with `cargo bench --bench text`; prints the median of several runs.

mod common;

use std::hint::black_box;
use std::io;

use portplan::analysis::Analysis;
use portplan::model::Catalog;
use portplan::report;

use common::{median, plan};

fn main() {
    let catalog = Catalog::builtin();
    let mut per_host = Vec::new();
    for n in [5_000, 20_000, 50_000] {
        let p = plan(n);
        let analysis = Analysis::new(&p, &catalog);
        let t = median(5, || {
            report::matrix::write_text(&mut io::sink(), black_box(&analysis), None).unwrap();
        });
        let us = t.as_secs_f64() * 1e6 / n as f64;
        println!("text matrix of {n} hosts: {t:?} ({us:.2} µs per host)");
        per_host.push(us);
    }
    // Linear: the time per host stays about the same from 5,000 to 50,000 hosts.
    println!(
        "time per host, 50,000 hosts against 5,000: {:.2}x",
        per_host[2] / per_host[0]
    );
}
