//! Files written off the UI thread, from a copy of the plan: whatever an export asks for (a
//! large plan's change request takes a second, its workbook seconds). The save dialog opens
//! when the files are ready.

use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use crate::analysis::Analysis;
use crate::editing::OpenPlan;
use crate::export::options::PlanFile;
use crate::export::progress::Progress;
use crate::export::{self, ExportError, Format, Inputs, Options, Output};
use crate::model::{Catalog, Plan};
use crate::probe::Evidence;

/// What to write: the Export dialog's choice, or a menu's (the change request, the diagram).
#[derive(Clone, Debug)]
pub struct Request {
    pub format: Format,
    /// One host's script, or every host of the format's OS (`None`, and always for a
    /// whole-plan format).
    pub host: Option<String>,
    pub options: Options,
}

impl Request {
    /// The whole plan in `format`, with the default options: a change request's commands in
    /// the Export dialog's default formats (PowerShell, nftables), as `portplan export`'s.
    pub fn whole(format: Format) -> Request {
        Request {
            format,
            host: None,
            options: Options::default(),
        }
    }

    /// The files of this choice, through the same [`export::output`] the CLI uses.
    pub fn output(
        &self,
        plan: &Plan,
        catalog: &Catalog,
        a: &Analysis,
        evidence: Option<&Evidence>,
        saved: &Saved,
        progress: Option<&Progress>,
    ) -> Result<Output, ExportError> {
        // Only the change request pins the plan file: no other format reads it.
        let plan_file = if self.format == Format::Pdf {
            PlanFile::of_document(saved.path.as_deref(), saved.unsaved_changes, plan)
        } else {
            PlanFile::NotPinned(String::new())
        };
        let inputs = Inputs {
            evidence,
            plan_file,
            progress,
            ..Inputs::new(plan, catalog, a, &self.options)
        };
        export::output(self.format, &inputs, self.host.as_deref())
    }

    /// What the status bar says while it is written.
    pub fn progress(&self) -> &'static str {
        match self.format {
            Format::Pdf => "Writing the change request…",
            Format::Svg => "Drawing the topology…",
            _ => "Writing the export…",
        }
    }
}

/// Where the plan is saved, for the change request to pin its file by its SHA-256.
#[derive(Clone, Debug, Default)]
pub struct Saved {
    pub path: Option<PathBuf>,
    /// Changes since the plan was saved or opened: its file is not this plan.
    pub unsaved_changes: bool,
}

impl Saved {
    pub fn of(doc: &OpenPlan) -> Saved {
        Saved {
            path: doc.path().map(PathBuf::from),
            unsaved_changes: doc.is_dirty(),
        }
    }
}

pub struct FileJob {
    rx: mpsc::Receiver<Result<Output, String>>,
    /// "Writing the change request…"
    what: &'static str,
    progress: Arc<Progress>,
}

impl FileJob {
    /// Writes `request` on a thread; `evidence` is the app's last connectivity test, `saved`
    /// where the plan's file is (read and hashed on the thread, not the UI's).
    pub fn start(
        ctx: &egui::Context,
        plan: Plan,
        catalog: Catalog,
        request: Request,
        evidence: Option<Evidence>,
        saved: Saved,
    ) -> FileJob {
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let what = request.progress();
        let progress = Arc::new(Progress::default());
        let counted = progress.clone();
        std::thread::spawn(move || {
            let a = Analysis::new(&plan, &catalog);
            let output = request
                .output(
                    &plan,
                    &catalog,
                    &a,
                    evidence.as_ref(),
                    &saved,
                    Some(&counted),
                )
                .map_err(|e| e.to_string());
            let _ = tx.send(output);
            ctx.request_repaint();
        });
        FileJob { rx, what, progress }
    }

    /// What the status bar says while the files are made: "Writing the export… 37%" once
    /// the generator has said how much there is to do.
    pub fn status(&self) -> String {
        match self.progress.percent() {
            Some(percent) => format!("{} {percent}", self.what),
            None => self.what.to_string(),
        }
    }

    /// The files once they are written, or why they could not be.
    pub fn poll(&self) -> Option<Result<Output, String>> {
        match self.rx.try_recv() {
            Ok(answer) => Some(answer),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                Some(Err("the file could not be written (internal error)".into()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_says_how_far_a_workbook_a_csv_or_a_change_request_is() {
        for (format, what) in [
            (Format::Xlsx, "Writing the export…"),
            (Format::Csv, "Writing the export…"),
            (Format::Pdf, "Writing the change request…"),
        ] {
            let job = FileJob::start(
                &egui::Context::default(),
                crate::files::plan_file::example(),
                Catalog::builtin(),
                Request::whole(format),
                None,
                Saved::default(),
            );
            let output = loop {
                if let Some(output) = job.poll() {
                    break output;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            };
            assert!(output.is_ok(), "{format}");
            // The generator counted its work, all of it.
            assert_eq!(job.status(), format!("{what} 100%"));
        }
    }
}
