//! Native file dialogs (rfd, on a thread so the UI never blocks); tests answer them instead.
//! Where no native dialog can show (a minimal Linux desktop: no desktop portal, no zenity),
//! an in-app path field takes its place, so a save or an open is never lost.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// rfd 0.17 tells no backend apart from Cancel: with neither a portal nor zenity it logs an
/// error and returns `None` at once. A user does not cancel a dialog this fast.
const NO_BACKEND_WITHIN: Duration = Duration::from_millis(400);

/// What the dialog thread sends: the answer, or that no native dialog could show.
enum Reply {
    Picked(Purpose, Option<PathBuf>),
    Unavailable(Fallback),
}

/// The in-app stand-in for a native dialog: a path field prefilled with the default folder
/// (and the file name for a save).
pub struct Fallback {
    purpose: Purpose,
    path: String,
    /// The field takes the keyboard focus when it first shows.
    focused: bool,
}

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
    tx: mpsc::Sender<Reply>,
    rx: mpsc::Receiver<Reply>,
    open: bool,
    /// The path field shown because no native dialog could show.
    fallback: Option<Fallback>,
    /// Tests: behave as a desktop with no native dialog at all.
    unavailable: bool,
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
            fallback: None,
            unavailable: false,
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
        let fallback = Fallback::new(purpose, dir.as_deref(), name.as_deref());
        if self.unavailable {
            self.fallback = Some(fallback);
            return;
        }
        if let Some(waiting) = &mut self.scripted {
            *waiting = Some(purpose);
            return;
        }
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
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
            let reply = if picked.is_none() && no_backend(started.elapsed()) {
                Reply::Unavailable(fallback)
            } else {
                Reply::Picked(purpose, picked)
            };
            let _ = tx.send(reply);
            ctx.request_repaint();
        });
    }

    /// Shows no native dialogs from now on; [`Dialogs::answer`] answers them.
    #[cfg(feature = "testing")]
    pub fn script(&mut self) {
        self.scripted = Some(None);
    }

    /// Behaves as a desktop with no native file dialog: every request shows the path field.
    #[cfg(feature = "testing")]
    pub fn make_unavailable(&mut self) {
        self.unavailable = true;
    }

    /// Answers the dialog that is open (scripted mode): `None` cancels it. False when no
    /// dialog waits.
    #[cfg(feature = "testing")]
    pub fn answer(&mut self, path: Option<PathBuf>) -> bool {
        match self.scripted.as_mut().and_then(Option::take) {
            Some(purpose) => self.tx.send(Reply::Picked(purpose, path)).is_ok(),
            None => false,
        }
    }

    /// The answer of the open dialog, once given (`None` inside: cancelled).
    pub fn poll(&mut self) -> Option<(Purpose, Option<PathBuf>)> {
        loop {
            match self.rx.try_recv().ok()? {
                Reply::Picked(purpose, path) => {
                    self.open = false;
                    return Some((purpose, path));
                }
                Reply::Unavailable(fallback) => self.fallback = Some(fallback),
            }
        }
    }

    /// Whether the path field (no native dialog) is showing (for the tests' hooks).
    #[cfg(feature = "testing")]
    pub fn is_fallback_open(&self) -> bool {
        self.fallback.is_some()
    }

    /// The path field, while no native dialog could show; OK and Cancel answer as the native
    /// dialog would.
    pub fn fallback_ui(&mut self, ctx: &egui::Context) {
        let Some(f) = &mut self.fallback else { return };
        let mut done = None;
        egui::Modal::new(egui::Id::unique("portplan path field")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(f.purpose.title());
            ui.add(
                egui::Label::new(
                    "No file dialog is available on this desktop (no desktop portal and no \
                     zenity). Type the path instead.",
                )
                .wrap(),
            );
            let label = ui.label(f.purpose.field());
            let field = ui.add(
                egui::TextEdit::singleline(&mut f.path)
                    .desired_width(500.0)
                    .id_salt("path field"),
            );
            let field = field.labelled_by(label.id);
            if !f.focused {
                f.focused = true;
                field.request_focus();
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.button("OK").clicked() || enter {
                    done = Some(true);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    done = Some(false);
                }
            });
        });
        let Some(ok) = done else { return };
        let f = self.fallback.take().expect("shown above");
        let path = (ok && !f.path.trim().is_empty()).then(|| PathBuf::from(f.path.trim()));
        let _ = self.tx.send(Reply::Picked(f.purpose, path));
        ctx.request_repaint();
    }
}

/// Whether a dialog that returned nothing after `elapsed` never showed: rfd's Linux backend
/// (portal, then zenity) returns at once when neither exists. Elsewhere the system always has
/// a dialog.
fn no_backend(elapsed: Duration) -> bool {
    cfg!(all(unix, not(target_os = "macos"))) && elapsed < NO_BACKEND_WITHIN
}

impl Fallback {
    fn new(purpose: Purpose, dir: Option<&Path>, name: Option<&str>) -> Fallback {
        let dir = dir
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let path = match purpose {
            Purpose::SaveAs => dir.join(name.unwrap_or("plan.json")),
            Purpose::ExportFile => dir.join(name.unwrap_or("export")),
            _ => dir.join(""),
        };
        Fallback {
            purpose,
            path: path.display().to_string(),
            focused: false,
        }
    }
}

impl Purpose {
    fn title(self) -> &'static str {
        match self {
            Purpose::Open => "Open plan",
            Purpose::SaveAs => "Save plan as",
            Purpose::Import => "Import inventory CSV",
            Purpose::ImportProbeResults => "Import probe results",
            Purpose::ExportFile => "Export",
            Purpose::ExportFolder => "Export to folder",
            Purpose::ChooseCatalog => "Choose a catalog",
        }
    }

    fn field(self) -> &'static str {
        match self {
            Purpose::ExportFolder => "Folder",
            _ => "File path",
        }
    }
}
