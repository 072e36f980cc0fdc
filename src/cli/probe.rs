//! `portplan probe` (live from this machine, or the results of a probe script) and
//! `portplan probe-script` (the script that probes from another host).

use std::io::Write;
use std::path::Path;

use portplan::analysis::Phase;
use portplan::files::atomic::write_atomically;
use portplan::files::outputs::Output;
use portplan::probe::script::{self, Shell};
use portplan::probe::{self, Evidence, Report};
use portplan::report::Format;

use super::{Failure, analyze};

/// What a live probe covers and how it runs.
// Without the probe engine only an import is shown: the timing fields go unread.
#[cfg_attr(not(feature = "probe"), allow(dead_code))]
pub struct Live {
    pub phase: Option<Phase>,
    pub hosts: Vec<String>,
    pub timeout_ms: u64,
    pub concurrency: u64,
}

pub fn run(
    plan: &Path,
    live: Live,
    import: Option<&Path>,
    format: Format,
    catalog: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (_, _, analysis) = analyze(plan, catalog)?;
    let evidence = match import {
        Some(path) => Evidence::read(path).map_err(|rows| rows.join("\nportplan: "))?,
        None => {
            let targets = probe::targets::from_matrix(&analysis, live.phase, &live.hosts)?;
            Evidence::from_here(probe_here(targets, &live)?)
        }
    };
    let report = &evidence.report;
    let missing = match import {
        Some(_) => report_against_plan(&analysis, report),
        None => 0,
    };
    match format {
        // People reading the table are told which machine saw it (the change request says
        // the same); CSV and JSON keep the columns probe scripts write.
        Format::Text => report.write_text(out).and_then(|()| {
            // The origin names the hosts of the results file: user text.
            let origin = evidence.origin.to_string();
            writeln!(out, "Probed from {}.", portplan::quote::terminal(&origin))
        }),
        Format::Csv => report.write_csv(out),
        Format::Json => report.write_json(out),
    }
    .map_err(Failure::from_io)?;
    if report.summary().not_open() > 0 || report.cancelled || missing > 0 {
        out.flush().map_err(Failure::from_io)?;
        return Err(Failure::NotReady);
    }
    Ok(())
}

/// Says on standard error which imported rows the plan has no probe for, and which planned
/// probes have no row (at most `SHOWN` of each, then how many more); returns how many are
/// missing.
fn report_against_plan(analysis: &portplan::analysis::Analysis, report: &Report) -> usize {
    const SHOWN: usize = 20;
    let rows = report
        .results
        .iter()
        .map(|r| (r.from.as_deref(), &r.target));
    let check = probe::targets::check_import(analysis, rows);
    let list = |what: &str, items: &[String]| {
        for item in items.iter().take(SHOWN) {
            // Names come from the file: no control character reaches the terminal raw.
            eprintln!("portplan: {what}: {}", portplan::quote::terminal(item));
        }
        if items.len() > SHOWN {
            eprintln!("portplan: ... and {} more", items.len() - SHOWN);
        }
    };
    list("not in the plan", &check.unplanned);
    list("no result for the planned probe", &check.missing);
    if !check.missing.is_empty() {
        eprintln!(
            "portplan: results for {} of {} planned probes",
            check.planned - check.missing.len(),
            check.planned
        );
    }
    check.missing.len()
}

/// Probes from this machine, with progress on standard error when it is a terminal.
#[cfg(feature = "probe")]
fn probe_here(targets: Vec<probe::Target>, live: &Live) -> Result<Report, Failure> {
    use std::io::IsTerminal;
    let options = probe::Options {
        timeout: std::time::Duration::from_millis(live.timeout_ms),
        concurrency: live.concurrency as usize,
    };
    let total = targets.len();
    // Said once, here: the engine keeps within the limit, so no probe fails for want of a
    // file (before, each of thousands did, each with its own message).
    let fits = probe::engine::fit_concurrency(options.concurrency);
    if fits < options.concurrency.min(total) {
        eprintln!(
            "note: the open-file limit lets {fits} probes run at once (asked for {}): it takes \
             longer; raise it with 'ulimit -n' to probe faster",
            options.concurrency
        );
    }
    let show = std::io::stderr().is_terminal();
    let mut done = 0;
    let progress = move |_: usize, _: &probe::ProbeResult| {
        done += 1;
        if show && (done % 50 == 0 || done == total) {
            eprint!("\rprobed {done}/{total}");
        }
    };
    let report = probe::engine::run_blocking(targets, options, probe::Cancel::default(), progress)
        .map_err(|e| format!("cannot start the probe engine: {e}"))?;
    if show {
        eprintln!();
    }
    Ok(report)
}

/// Built without the probe engine: only the results of a probe script can be shown.
#[cfg(not(feature = "probe"))]
fn probe_here(_: Vec<probe::Target>, _: &Live) -> Result<Report, Failure> {
    Err(
        "this portplan was built without live probing (the `probe` feature): \
         show a probe script's results with --import RESULTS.csv"
            .into(),
    )
}

pub fn script(
    plan: &Path,
    from: &str,
    shell: Shell,
    output: &Path,
    catalog: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (plan_read, _, analysis) = analyze(plan, catalog)?;
    let catalog_file = super::catalog_read(catalog, &plan_read, plan);
    super::refuse_inputs(
        Output::File(output),
        &[
            ("the plan", Some(plan)),
            ("the catalog", catalog_file.as_deref()),
        ],
    )?;
    let row = analysis
        .hosts
        .iter()
        .position(|h| h.name == from)
        .ok_or_else(|| format!("no host named '{from}' in the plan"))?;
    let targets = probe::targets::from_source(&analysis, row);
    let text = script::write(shell, &analysis.plan_name, from, &targets)?;
    write_atomically(output, text.as_bytes())?;
    #[cfg(unix)]
    if shell == Shell::Sh {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(output, std::fs::Permissions::from_mode(0o755));
    }
    writeln!(
        out,
        "wrote {}: {} probes from {from}",
        output.display(),
        targets.iter().filter(|t| t.is_probeable()).count()
    )
    .map_err(Failure::from_io)
}
