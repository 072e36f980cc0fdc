//! The change request of a 2,000-host plan: how long it takes and how large it is.
//! Run with `cargo bench --bench pdf`. Budget: 2 s and 5 MB. Also with scattered addresses,
//! where the commands are too many to print and the appendices pin them by SHA-256.

mod common;

use std::time::Instant;

use portplan::analysis::Analysis;
use portplan::export::documents::change_request::blocks;
use portplan::export::documents::pdf::{self, pages};
use portplan::export::{Inputs, Options, Paper};
use portplan::model::Catalog;

fn main() {
    for (n, scattered) in [(100, false), (2_000, false), (2_000, true)] {
        let mut plan = common::plan(n);
        if scattered {
            // Every third address: no CIDR blocks, so every script lists every other host.
            for (i, h) in plan.hosts.iter_mut().enumerate() {
                let a = i * 3 + 1;
                h.address = format!("10.{}.{}.{}", a / 65536, (a / 256) % 256, a % 256);
            }
        }
        let cr = &mut plan.change_request;
        cr.id = "CHG-2026-0001".into();
        cr.title = format!("Open ScaleIO ports for {n} hosts");
        cr.requester = "Storage architecture".into();
        cr.justification = "A new ScaleIO deployment.".into();
        cr.install_rules_expire = "2026-12-31".into();
        let catalog = Catalog::builtin();
        let analysis = Analysis::new(&plan, &catalog);
        let options = Options::default();
        let inputs = Inputs {
            generated: 1_795_000_000,
            ..Inputs::new(&plan, &catalog, &analysis, &options)
        };
        let mut times = Vec::new();
        let mut layout_times = Vec::new();
        let mut size = (0, 0);
        for _ in 0..3 {
            let t = Instant::now();
            let laid = pages::lay_out(&blocks(&inputs).unwrap(), Paper::A4);
            layout_times.push(t.elapsed());
            let t = Instant::now();
            let bytes = pdf::change_request(&inputs).unwrap();
            times.push(t.elapsed());
            size = (bytes.len(), laid.pages.len());
        }
        layout_times.sort();
        times.sort();
        println!(
            "{n:>5} hosts{}: {:>7.0} ms (median of 3; blocks and layout alone {:.0} ms), {:.2} MB, {} pages (budget for 2,000 hosts: 2 s, 5 MB)",
            if scattered { " (scattered)" } else { "" },
            times[1].as_secs_f64() * 1e3,
            layout_times[1].as_secs_f64() * 1e3,
            size.0 as f64 / 1e6,
            size.1
        );
    }
}
