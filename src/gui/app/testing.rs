//! Hooks for tests and benchmarks (the `testing` feature): answering file dialogs, reading
//! the modals, where a card is on the screen, whether work runs in the background.

use std::path::PathBuf;

use super::App;
use super::questions::Modal;
use crate::model::HostId;

impl App {
    /// Shows no native file dialogs; [`App::answer_dialog`] answers them instead.
    pub fn script_dialogs(&mut self) {
        self.dialogs.script();
    }

    /// Behaves as a desktop with no native file dialog (no portal, no zenity): every file
    /// dialog is the in-app path field.
    pub fn no_native_dialogs(&mut self) {
        self.dialogs.make_unavailable();
    }

    /// Whether the in-app path field (no native file dialog) is showing.
    pub fn has_path_field(&self) -> bool {
        self.dialogs.is_fallback_open()
    }

    /// Answers the open file dialog as a user would: a path, or `None` for Cancel. False when
    /// no dialog is open. The answer is taken on the next frame.
    pub fn answer_dialog(&mut self, path: Option<PathBuf>) -> bool {
        self.dialogs.answer(path)
    }

    /// Whether files (PDF, SVG, an export) are being written.
    pub fn writing_document(&self) -> bool {
        self.file_job.is_some()
    }

    /// Whether a connectivity test is running.
    pub fn testing(&self) -> bool {
        self.test.is_running()
    }

    /// Where a host's card is on the screen, as of the last frame.
    pub fn card_on_screen(&self, id: HostId) -> Option<egui::Rect> {
        self.doc
            .plan()
            .host(id)
            .map(|h| self.views.canvas.on_screen(h))
    }

    /// What a host's card says of its last probe ("0/4 open", "stale: 0/4 open"), if the
    /// host was probed.
    pub fn probe_badge(&self, host: &str) -> Option<String> {
        crate::gui::views::canvas::CanvasView::probe_badge(&self.test, host)
    }

    /// The text of the message shown, if one is.
    pub fn message(&self) -> Option<&str> {
        match &self.modal {
            Some(Modal::Message { text, .. }) => Some(text),
            _ => None,
        }
    }

    pub fn has_unsaved_prompt(&self) -> bool {
        matches!(self.modal, Some(Modal::Unsaved(_)))
    }

    pub fn has_recovery_offer(&self) -> bool {
        matches!(self.modal, Some(Modal::Recover(_)))
    }
}
