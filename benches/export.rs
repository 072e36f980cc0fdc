//! How long every script format takes for a 2,000-host plan (every host's script), and the
//! Export dialog's preview of each (made on the UI thread when a choice changes, so it must
//! stay within a frame or two). Run with `cargo bench --bench export`. Budget: 200 ms for
//! every script format.

mod common;

use std::time::{Duration, Instant};

use portplan::analysis::Analysis;
use portplan::export::{self, Format, Inputs, Options, Wing};
use portplan::gui::ExportRequest;
use portplan::model::Catalog;
use portplan::model::Os;

fn main() {
    run("contiguous addresses (one subnet)", common::plan(2_000));
    // Every third address: nothing aggregates into CIDR blocks, the worst case.
    let mut scattered = common::plan(2_000);
    for (i, h) in scattered.hosts.iter_mut().enumerate() {
        let n = i * 3 + 1;
        h.address = format!("10.{}.{}.{}", n / 65536, (n / 256) % 256, n % 256);
    }
    run("scattered addresses (no CIDR blocks)", scattered);
}

fn run(title: &str, windows: portplan::model::Plan) {
    println!("== {title}");
    let mut linux = windows.clone();
    for h in &mut linux.hosts {
        h.os = Os::Linux;
    }
    let catalog = Catalog::builtin();
    let (wa, la) = (
        Analysis::new(&windows, &catalog),
        Analysis::new(&linux, &catalog),
    );
    let mut total = Duration::ZERO;
    println!(
        "{:<12} {:>10} {:>10} {:>12} {:>10} {:>10} {:>10}",
        "format", "median", "files", "bytes", "preview", "written", "new folder"
    );
    let mut written_total = Duration::ZERO;
    let mut first_total = Duration::ZERO;
    // The documents have a benchmark of their own (benches/pdf.rs).
    for format in Format::ALL
        .into_iter()
        .filter(|f| f.info().wing != Wing::Document)
    {
        let (plan, a) = if format.os() == Some(Os::Linux) {
            (&linux, &la)
        } else {
            (&windows, &wa)
        };
        let mut times = Vec::new();
        let mut size = (0, 0);
        for _ in 0..5 {
            let t = Instant::now();
            let options = Options::default();
            let files = export::files(format, &Inputs::new(plan, &catalog, a, &options)).unwrap();
            times.push(t.elapsed());
            size = (
                files.len(),
                files.iter().map(|f| f.contents.len()).sum::<usize>(),
            );
        }
        let script = median(times);
        let request = ExportRequest {
            format,
            host: None,
            options: Options::default(),
        };
        let preview = median(
            (0..5)
                .map(|_| {
                    let t = Instant::now();
                    request.preview(plan, a).unwrap();
                    t.elapsed()
                })
                .collect(),
        );
        // Written for the script formats only: a whole-plan file is one atomic save.
        let [written, first] = match format.os() {
            Some(_) => [false, true].map(|new| {
                median(
                    (0..5)
                        .map(|_| write(format, plan, a, &catalog, new))
                        .collect(),
                )
            }),
            None => [Duration::ZERO; 2],
        };
        if format.os().is_some() {
            total += script;
            written_total += written;
            first_total += first;
        }
        println!(
            "{:<12} {:>8.1}ms {:>10} {:>12} {:>8.1}ms {:>8.1}ms {:>8.1}ms",
            format.name(),
            script.as_secs_f64() * 1e3,
            size.0,
            size.1,
            preview.as_secs_f64() * 1e3,
            written.as_secs_f64() * 1e3,
            first.as_secs_f64() * 1e3
        );
    }
    println!(
        "every script format: {:.1} ms made, {:.1} ms made and written over the previous \
         export, {:.1} ms into new folders (budget 200 ms)",
        total.as_secs_f64() * 1e3,
        written_total.as_secs_f64() * 1e3,
        first_total.as_secs_f64() * 1e3
    );
}

/// Made and written as `portplan export -o FOLDER` does, over the previous export of the
/// same plan (its unchanged scripts are linked, not written), or (`new`) into a folder that
/// does not exist yet: every file made. On disk under target/, not a tmpfs: creating files
/// and the syncs cost what they cost.
fn write(
    format: Format,
    plan: &portplan::model::Plan,
    a: &Analysis,
    catalog: &Catalog,
    new: bool,
) -> Duration {
    let mut dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("bench-export")
        .join(format.name());
    if new {
        dir.set_extension("new");
        // Untimed: the previous run's folder goes first.
        let _ = std::fs::remove_dir_all(&dir);
    }
    let t = Instant::now();
    let options = Options::default();
    let output = export::output(format, &Inputs::new(plan, catalog, a, &options), None).unwrap();
    output.write(&dir).unwrap();
    t.elapsed()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}
