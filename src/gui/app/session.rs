//! The file session: what replaces the plan (new, open, import) after asking about unsaved
//! changes, saving, the answers of the file dialogs, the remembered recent plans, and the
//! recovery file written every 30 s while there are unsaved changes.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::questions::{Modal, Pending};
use super::{AUTOSAVE_EVERY, App};
use crate::editing::{Edit, OpenPlan};
use crate::files::inventory;
use crate::gui::file_dialogs::Purpose;
use crate::gui::recovery;
use crate::model::Plan;

impl App {
    /// Runs `pending` now, or first asks about unsaved changes.
    pub(super) fn guard(&mut self, ctx: &egui::Context, pending: Pending) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(pending));
        } else {
            self.proceed(ctx, pending);
        }
    }

    pub(super) fn proceed(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::New => {
                self.replace(OpenPlan::new(Plan::new("Untitled plan"), None));
                self.status = "New plan".into();
            }
            Pending::Open(None) => self.show_dialog(ctx, Purpose::Open),
            Pending::Open(Some(path)) => self.open_path(&path),
            Pending::Import => self.show_dialog(ctx, Purpose::Import),
            Pending::Quit => {
                self.closing();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn replace(&mut self, doc: OpenPlan) {
        self.doc = doc;
        self.selection.clear();
        self.views.canvas.zoom_to_fit();
        self.clear_recovery();
        self.remembered.last = self.doc.path().map(Path::to_path_buf);
        self.store_remembered();
    }

    /// Opens a plan file; a file that cannot be read leaves the current plan as it was.
    pub fn open_path(&mut self, path: &Path) {
        match OpenPlan::open(path) {
            Ok(doc) => {
                self.replace(doc);
                self.remember(path);
                self.status = format!("Opened {}", path.display());
            }
            Err(e) => self.show_error("Cannot open the plan", e.to_string()),
        }
    }

    /// Makes a new, unsaved plan from an inventory; a bad inventory changes nothing.
    pub fn import_path(&mut self, path: &Path) {
        let name = path
            .file_stem()
            .map_or("Imported plan".into(), |s| s.to_string_lossy().into_owned());
        let result = crate::files::input::read(path, crate::files::input::Kind::Inventory)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))
            .and_then(|bytes| {
                inventory::import(&bytes, &name).map_err(|e| {
                    const SHOWN: usize = 15;
                    let mut lines: Vec<String> =
                        e.0.iter().take(SHOWN).map(|r| r.to_string()).collect();
                    if e.0.len() > SHOWN {
                        lines.push(format!("… and {} more", e.0.len() - SHOWN));
                    }
                    format!("{}:\n{}", path.display(), lines.join("\n"))
                })
            });
        match result {
            Ok(plan) => {
                let n = plan.hosts.len();
                self.replace(OpenPlan::new(plan, None));
                self.doc.mark_unsaved();
                self.status = format!(
                    "Imported {n} hosts from {}: save the plan to keep it",
                    path.display()
                );
            }
            Err(text) => self.show_error("Cannot import the inventory", text),
        }
    }

    /// Saves; on failure says why and keeps everything as it was.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match self.doc.save_as(path) {
            Ok(()) => {
                self.remember(path);
                self.clear_recovery();
                self.status = format!("Saved {}", path.display());
                true
            }
            Err(e) => {
                self.show_error("Cannot save the plan", e.to_string());
                false
            }
        }
    }

    /// Opens a file dialog beside the plan, offering the plan's name.
    pub(super) fn show_dialog(&mut self, ctx: &egui::Context, purpose: Purpose) {
        let dir = self
            .doc
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let name = format!("{}.json", self.doc.plan().name);
        self.dialogs.show(ctx, purpose, dir, Some(name));
    }

    pub(super) fn dialog_answered(
        &mut self,
        ctx: &egui::Context,
        purpose: Purpose,
        path: Option<PathBuf>,
    ) {
        let Some(path) = path else {
            self.after_save = None;
            if self.pending_export.take().is_some() {
                self.status = "Export cancelled".into();
            }
            return;
        };
        match purpose {
            Purpose::Open => self.open_path(&path),
            Purpose::Import => self.import_path(&path),
            Purpose::SaveAs => {
                if self.save_to(&path)
                    && let Some(pending) = self.after_save.take()
                {
                    self.proceed(ctx, pending);
                }
            }
            Purpose::ImportProbeResults => self.import_probe_results(&path),
            Purpose::ExportFile | Purpose::ExportFolder => {
                if let Some(output) = self.pending_export.take() {
                    self.write_export(output, &path);
                }
            }
            Purpose::ChooseCatalog => {
                let mut settings = self.doc.plan().settings.clone();
                let base = self.doc.path().and_then(Path::parent);
                settings.catalog = base
                    .and_then(|b| path.strip_prefix(b).ok())
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .into_owned();
                self.doc
                    .apply(Edit::Settings(settings), "Choose the catalog", None);
                if let Some(problem) = self.doc.catalog_problem() {
                    self.show_error("Cannot use the catalog", problem.to_string());
                }
            }
        }
    }

    pub(super) fn remember(&mut self, path: &Path) {
        self.remembered.opened(path);
        self.store_remembered();
    }

    fn store_remembered(&self) {
        if let Some(dir) = &self.data_dir {
            self.remembered.store(dir);
        }
    }

    pub(super) fn clear_recovery(&mut self) {
        if let Some(dir) = &self.data_dir {
            recovery::clear(dir);
        }
        self.autosaved = (Instant::now(), self.doc.generation());
    }

    /// Every 30 s with unsaved changes, the plan goes to the recovery file.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        if !self.doc.is_dirty() {
            return;
        }
        let due = self.autosaved.0 + AUTOSAVE_EVERY;
        if self.autosaved.1 != self.doc.generation() && Instant::now() >= due {
            self.write_recovery();
        }
        ctx.request_repaint_after(
            due.saturating_duration_since(Instant::now())
                .max(Duration::from_secs(1)),
        );
    }

    /// Writes the recovery file now (autosave does this every 30 s).
    pub fn write_recovery(&mut self) {
        if let Some(dir) = &self.data_dir
            && let Err(e) = recovery::write(dir, self.doc.plan(), self.doc.path())
        {
            self.status = format!("Could not write the recovery file: {e}");
        }
        self.autosaved = (Instant::now(), self.doc.generation());
    }

    /// The window is closing for good: nothing unsaved is wanted any more.
    pub(super) fn closing(&mut self) {
        self.may_close = true;
        self.clear_recovery();
        self.remembered.last = self.doc.path().map(Path::to_path_buf);
        self.store_remembered();
    }
}
