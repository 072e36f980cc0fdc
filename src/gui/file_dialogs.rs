//! Native file dialogs (rfd, on a thread so the UI never blocks); tests answer them instead.

use std::path::PathBuf;
use std::sync::mpsc;

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
    #[cfg(feature = "testing")]
    pub fn script(&mut self) {
        self.scripted = Some(None);
    }

    /// Answers the dialog that is open (scripted mode): `None` cancels it. False when no
    /// dialog waits.
    #[cfg(feature = "testing")]
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
