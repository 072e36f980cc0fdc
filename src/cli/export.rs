//! `portplan export`: the files of any format of the registry, through the same
//! [`portplan::export::output`] the app uses; this only decides where they go (standard
//! output, a file, a folder).

use std::io::Write;
use std::path::{Path, PathBuf};

use portplan::analysis::FlowKind;
use portplan::export::options::PlanFile;
use portplan::export::progress::Progress;
use portplan::export::{self, Format, Inputs, Options, Output, Wing};
use portplan::files::atomic::write_atomically_with;
use portplan::files::outputs;
use portplan::model::change_window;
use portplan::probe::Evidence;

use super::{Failure, analyze};

pub struct Request {
    pub format: Format,
    pub host: Option<String>,
    pub options: Options,
    pub output: Option<PathBuf>,
    pub probe_results: Option<PathBuf>,
}

pub fn run(
    plan_path: &Path,
    r: Request,
    catalog: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let info = r.format.info();
    if r.options.cleanup && r.options.kind == Some(FlowKind::Operation) {
        return Err(
            "--cleanup removes the install rules; it does not go with --kind operation".into(),
        );
    }
    // Where the files go is known before they are made: refuse early what cannot be written.
    if r.output.is_none() {
        match (info.wing, info.os, &r.host) {
            (Wing::Document, _, None) => return Err("give -o FILE for the document".into()),
            (_, None, None) if info.binary => {
                return Err(
                    format!("{} is binary: give -o FILE.{}", info.noun, info.extension).into(),
                );
            }
            (_, Some(_), None) => {
                return Err(
                    "give --host NAME for one script, or -o FOLDER for one per host".into(),
                );
            }
            _ => {}
        }
    }
    let catalog_over = catalog;
    let (plan, catalog, analysis) = analyze(plan_path, catalog)?;
    if let Some(path) = &r.output {
        let output = match (info.os, &r.host) {
            (Some(_), None) => outputs::Output::Folder(path),
            _ => outputs::Output::File(path),
        };
        let catalog_file = super::catalog_read(catalog_over, &plan, plan_path);
        super::refuse_inputs(
            output,
            &[
                ("the plan", Some(plan_path)),
                ("the catalog", catalog_file.as_deref()),
                ("the probe results", r.probe_results.as_deref()),
            ],
        )?;
    }
    let evidence = match &r.probe_results {
        Some(path) => Some(Evidence::read(path).map_err(|rows| rows.join("\nportplan: "))?),
        None => None,
    };
    if r.format == Format::Pdf && r.host.is_none() {
        for field in plan.change_request.missing() {
            eprintln!("note: the change request has no {field} yet");
        }
        for problem in change_window::problems(&plan.change_request) {
            eprintln!(
                "note: {}",
                portplan::quote::terminal_lines(&problem.to_string())
            );
        }
    }
    if let Some(note) = export::tables::size_note(r.format, &analysis, r.options.kind) {
        eprintln!("note: {note}");
    }
    // The CSV goes to standard output or its file as it is made, never whole in memory (n²
    // flows: 5,000 hosts make 60 MB).
    if r.format == Format::Csv && r.host.is_none() {
        export::check(&plan, &analysis, r.format, &r.options)?;
        let kind = r.options.kind;
        return match &r.output {
            None => {
                export::tables::csv::write(out, &analysis, kind, None).map_err(Failure::from_io)
            }
            Some(path) => {
                with_progress(info.noun, |progress| {
                    write_atomically_with(path, |w| {
                        export::tables::csv::write(w, &analysis, kind, progress)
                    })
                })?;
                writeln!(out, "wrote {}", path.display()).map_err(Failure::from_io)
            }
        };
    }
    let made = with_progress(info.noun, |progress| {
        let inputs = Inputs {
            evidence: evidence.as_ref(),
            progress,
            // The file the plan was just read from: the change request pins it by its SHA-256
            // (read again and compared, so a file changed since is not pinned as this plan).
            plan_file: if r.format == Format::Pdf {
                PlanFile::read(plan_path, &plan)
            } else {
                PlanFile::NotPinned("only the change request pins the plan file".into())
            },
            ..Inputs::new(&plan, &catalog, &analysis, &r.options)
        };
        export::output(r.format, &inputs, r.host.as_deref())
    })?;
    match (made, r.output) {
        (Output::File(f), None) => out.write_all(&f.contents).map_err(Failure::from_io),
        (output @ Output::File(_), Some(path)) => {
            output.write(&path)?;
            writeln!(out, "wrote {}", path.display()).map_err(Failure::from_io)
        }
        (output @ Output::Folder(_), Some(dir)) => {
            let n = output.write(&dir)?;
            writeln!(out, "wrote {n} files to {}", dir.display()).map_err(Failure::from_io)
        }
        (Output::Folder(_), None) => unreachable!("refused above: no folder was given"),
    }
}

/// Runs `work` (an export that counts its work in the progress it is given) and, when
/// standard error is a terminal and the work takes longer than a moment, says there how far
/// it is, on one line rewritten in place. Pipes and files get no progress.
fn with_progress<T>(what: &str, work: impl FnOnce(Option<&Progress>) -> T) -> T {
    use std::io::IsTerminal;
    use std::sync::mpsc::{self, RecvTimeoutError};
    use std::time::Duration;
    if !std::io::stderr().is_terminal() {
        return work(None);
    }
    let progress = &Progress::default();
    let (finished, wait) = mpsc::channel::<()>();
    std::thread::scope(|s| {
        s.spawn(move || {
            // Nothing for an export done in a moment; then every quarter second.
            let mut shown = false;
            let mut pause = Duration::from_millis(500);
            while let Err(RecvTimeoutError::Timeout) = wait.recv_timeout(pause) {
                pause = Duration::from_millis(250);
                if let Some(percent) = progress.percent() {
                    eprint!("\rwriting {what}: {percent}");
                    shown = true;
                }
            }
            if shown {
                eprintln!("\rwriting {what}: done");
            }
        });
        let made = work(Some(progress));
        drop(finished);
        made
    })
}
