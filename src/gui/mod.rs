//! The desktop app (eframe/egui): views over the core's analysis, edits through
//! [`crate::editing::Edit`] so undo and redo are exact.
//!
//! `app` is the window (frame, chrome, modals, command handling, the file session);
//! `views` are the panels and the Export dialog, one shape each; `widgets` and `style`
//! are shared by them. The connectivity test and the file jobs run off the UI thread.

mod action;
mod app;
mod command;
mod connectivity_test;
mod file_dialogs;
mod file_job;
mod recovery;
mod remembered;
mod style;
mod views;
mod widgets;

pub use app::{AUTOSAVE_EVERY, App, Options, Start};
pub use command::Command;
pub use file_job::Request as ExportRequest;
pub use style::ICON_PNG;

use std::path::PathBuf;

/// Opens the window: on `plan`, or on the last plan (the bundled example on first start).
pub fn run(plan: Option<PathBuf>) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("portplan")
            .with_app_id("portplan")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([960.0, 600.0])
            .with_icon(
                eframe::icon_data::from_png_bytes(ICON_PNG).expect("the bundled icon is a PNG"),
            ),
        ..Default::default()
    };
    let start = match plan {
        Some(path) => Start::File(path),
        None => Start::Last,
    };
    eframe::run_native(
        "portplan",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(App::new(Options {
                start,
                data_dir: eframe::storage_dir("portplan"),
            })))
        }),
    )
}
