//! How long `import` takes to read an inventory: 10,000 and 100,000 rows, to show it grows
//! linearly (it was quadratic: each new host's id was found by scanning every host so far).
//! Run with `cargo bench --bench import`; prints the median of several runs.

mod common;

use std::hint::black_box;

use portplan::files::{inventory, plan_file};
use portplan::model::auto_layout;

use common::median;

/// An inventory of `n` rows: an installer, a cluster, then SDS+SDC and SDC hosts.
fn inventory(n: usize) -> String {
    let mut csv = String::from("name,address,roles,os\n");
    for i in 0..n {
        let roles = match i {
            0 => "Installer",
            1..=3 => "MDM;SDS",
            4..=5 => "TB",
            _ if i % 4 == 0 => "SDS;SDC",
            _ => "SDC",
        };
        let address = format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256);
        csv.push_str(&format!("host{i:06},{address},\"{roles}\",linux\n"));
    }
    csv
}

fn main() {
    let mut per_row = Vec::new();
    for n in [10_000, 100_000] {
        let csv = inventory(n);
        let runs = if n > 10_000 { 3 } else { 9 };
        let t = median(runs, || {
            black_box(inventory::import(black_box(csv.as_bytes()), "bench").unwrap());
        });
        println!("import of {n} rows ({} KB): {t:?}", csv.len() / 1024);
        let mut plan = inventory::import(csv.as_bytes(), "bench").unwrap();
        let layout = median(runs, || auto_layout::tiers(black_box(&mut plan)));
        println!("  of which the layout in tiers: {layout:?}");
        let written = median(runs, || {
            black_box(plan_file::to_json(black_box(&plan)));
        });
        println!("  and its plan file's text: {written:?}");
        per_row.push(t.as_secs_f64() / n as f64);
    }
    // Linear: the time per row stays the same at 10 times the rows.
    println!(
        "time per row, 100,000 rows against 10,000: {:.2}x",
        per_row[1] / per_row[0]
    );
}
