//! Native file dialogs (rfd, on a thread so the UI never blocks), the remembered state
//! (recent plans, the last one), and the recovery file written while there are unsaved changes.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use serde::{Deserialize, Serialize};

use crate::files::plan_file;
use crate::model::Plan;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    SaveAs,
    Import,
    ChooseCatalog,
    ImportProbeResults,
    ExportFile,
    ExportFolder,
}

/// At most one dialog at a time; its answer arrives over a channel.
pub struct Dialogs {
    tx: mpsc::Sender<(Purpose, Option<PathBuf>)>,
    rx: mpsc::Receiver<(Purpose, Option<PathBuf>)>,
    open: bool,
    /// No native dialogs: a request waits here for [`Dialogs::answer`] (tests, which have no
    /// desktop to show a dialog on).
    scripted: Option<Option<Purpose>>,
}

impl Default for Dialogs {
    fn default() -> Self {
        let (tx, rx) = mpsc::channel();
        Dialogs {
            tx,
            rx,
            open: false,
            scripted: None,
        }
    }
}

impl Dialogs {
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        purpose: Purpose,
        dir: Option<PathBuf>,
        name: Option<String>,
    ) {
        if self.open {
            return;
        }
        self.open = true;
        if let Some(waiting) = &mut self.scripted {
            *waiting = Some(purpose);
            return;
        }
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let mut d = rfd::FileDialog::new();
            if let Some(dir) = dir {
                d = d.set_directory(dir);
            }
            let picked = match purpose {
                Purpose::Open => d
                    .add_filter("portplan plan", &["json"])
                    .set_title("Open plan")
                    .pick_file(),
                Purpose::SaveAs => d
                    .add_filter("portplan plan", &["json"])
                    .set_title("Save plan as")
                    .set_file_name(name.unwrap_or_else(|| "plan.json".into()))
                    .save_file(),
                Purpose::Import => d
                    .add_filter("CSV inventory", &["csv", "txt"])
                    .set_title("Import inventory CSV")
                    .pick_file(),
                Purpose::ImportProbeResults => d
                    .add_filter("probe results CSV", &["csv"])
                    .set_title("Import probe results")
                    .pick_file(),
                Purpose::ExportFile => d
                    .set_title("Export")
                    .set_file_name(name.unwrap_or_else(|| "export".into()))
                    .save_file(),
                Purpose::ExportFolder => d.set_title("Export to folder").pick_folder(),
                Purpose::ChooseCatalog => d
                    .add_filter("portplan catalog", &["toml"])
                    .set_title("Choose a catalog")
                    .pick_file(),
            };
            let _ = tx.send((purpose, picked));
            ctx.request_repaint();
        });
    }

    /// Shows no native dialogs from now on; [`Dialogs::answer`] answers them.
    pub fn script(&mut self) {
        self.scripted = Some(None);
    }

    /// Answers the dialog that is open (scripted mode): `None` cancels it. False when no
    /// dialog waits.
    pub fn answer(&mut self, path: Option<PathBuf>) -> bool {
        match self.scripted.as_mut().and_then(Option::take) {
            Some(purpose) => self.tx.send((purpose, path)).is_ok(),
            None => false,
        }
    }

    /// The answer of the open dialog, once given (`None` inside: cancelled).
    pub fn poll(&mut self) -> Option<(Purpose, Option<PathBuf>)> {
        let answer = self.rx.try_recv().ok()?;
        self.open = false;
        Some(answer)
    }
}

/// What portplan remembers between runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Remembered {
    pub recent: Vec<PathBuf>,
    /// The plan open when portplan last closed; `None` after the example or a new plan.
    pub last: Option<PathBuf>,
}

impl Remembered {
    pub const RECENT: usize = 10;

    pub fn load(dir: &Path) -> Remembered {
        std::fs::read(dir.join("state.json"))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn store(&self, dir: &Path) {
        if std::fs::create_dir_all(dir).is_ok()
            && let Ok(text) = serde_json::to_vec_pretty(self)
        {
            let _ = crate::files::atomic::write_atomically(&dir.join("state.json"), &text);
        }
    }

    pub fn opened(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(Self::RECENT);
        self.last = Some(path);
    }
}

/// The recovery file: the unsaved plan, and beside it the path it belongs to.
pub struct Recovery {
    pub plan: Plan,
    pub origin: Option<PathBuf>,
    pub saved_at: Option<std::time::SystemTime>,
}

fn recovery_paths(dir: &Path) -> (PathBuf, PathBuf) {
    (dir.join("recovery.json"), dir.join("recovery-origin.txt"))
}

pub fn write_recovery(dir: &Path, plan: &Plan, origin: Option<&Path>) -> Result<(), String> {
    let (file, origin_file) = recovery_paths(dir);
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let origin = origin
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::files::atomic::write_atomically(&origin_file, origin.as_bytes())
        .map_err(|e| e.to_string())?;
    plan_file::save(plan, &file).map_err(|e| e.to_string())?;
    // Only one generation of recovery is useful.
    let _ = std::fs::remove_file(crate::files::atomic::backup_path(&file));
    Ok(())
}

pub fn read_recovery(dir: &Path) -> Option<Recovery> {
    let (file, origin_file) = recovery_paths(dir);
    let plan = plan_file::load(&file).ok()?;
    let origin = std::fs::read_to_string(origin_file)
        .ok()
        .filter(|s| !s.is_empty())
        .map(PathBuf::from);
    let saved_at = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
    Some(Recovery {
        plan,
        origin,
        saved_at,
    })
}

pub fn clear_recovery(dir: &Path) {
    let (file, origin_file) = recovery_paths(dir);
    let _ = std::fs::remove_file(file);
    let _ = std::fs::remove_file(origin_file);
}
