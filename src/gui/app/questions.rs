//! What the app asks or tells in a modal: the unsaved-changes question (and what waits on
//! it), the recovery offer, messages, About, the forms (Add hosts, Write probe script); and
//! their typed answers, so what a button does never hangs on its text.

use std::path::PathBuf;

use super::add_hosts::AddHostsForm;
use super::probe_script::ProbeScriptForm;
use crate::gui::recovery::Recovery;

/// Something that replaces the plan, waiting for an answer about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    New,
    Open(Option<PathBuf>),
    Import,
    Quit,
}

pub enum Modal {
    Unsaved(Pending),
    Message { title: String, text: String },
    Recover(Box<Recovery>),
    About,
    AddHosts(AddHostsForm),
    ProbeScript(ProbeScriptForm),
}

/// The buttons of the modals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Save,
    DontSave,
    Cancel,
    Ok,
    Recover,
    Discard,
}

impl Answer {
    fn label(self) -> &'static str {
        match self {
            Answer::Save => "Save",
            Answer::DontSave => "Don't save",
            Answer::Cancel => "Cancel",
            Answer::Ok => "OK",
            Answer::Recover => "Recover",
            Answer::Discard => "Discard",
        }
    }
}

/// A row of answer buttons; the one clicked, if any.
pub fn buttons(ui: &mut egui::Ui, answers: &[Answer]) -> Option<Answer> {
    ui.horizontal(|ui| {
        let mut clicked = None;
        for &a in answers {
            if ui.button(a.label()).clicked() {
                clicked = Some(a);
            }
        }
        clicked
    })
    .inner
}
