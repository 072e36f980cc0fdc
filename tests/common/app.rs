//! The desktop app in a kittest harness, as the GUI tests drive it.

use std::path::Path;

use egui_kittest::Harness;
use portplan::gui::{App, Options, Start};

/// The app at 1280x800, what it remembers kept in `data_dir`, after its first frames.
pub fn harness(start: Start, data_dir: &Path) -> Harness<'static, App> {
    harness_sized(start, data_dir, egui::vec2(1280.0, 800.0))
}

/// The app in a window of `size`.
pub fn harness_sized(start: Start, data_dir: &Path, size: egui::Vec2) -> Harness<'static, App> {
    let app = App::new(Options {
        start,
        data_dir: Some(data_dir.to_path_buf()),
    });
    let mut h = Harness::builder()
        .with_size(size)
        // A screen's frame time: the default quarter second is too slow for a double-click.
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    h
}
