//! What the views ask the app to do. Views read the document and push actions; the app
//! applies them after the frame's UI, so data flows one way.

use std::path::PathBuf;

use egui::Pos2;

use super::command::Command;
use super::file_job::Request;
use crate::editing::Edit;
use crate::model::HostId;
use crate::model::Role;

pub enum Action {
    Run(Command),
    /// Apply an edit as one undo step; `merge` joins consecutive typing in one field.
    Apply {
        edit: Edit,
        label: String,
        merge: Option<String>,
    },
    /// End the current merge (a text field lost focus).
    Seal,
    Select(Vec<HostId>),
    AddToSelection(Vec<HostId>),
    ToggleSelection(HostId),
    /// Select the host and show it on the canvas.
    Focus(HostId),
    /// A new host at this canvas position, with a role if one was dropped there.
    AddHostAt(Pos2, Option<Role>),
    OpenRecent(PathBuf),
    ChooseCatalog,
    /// Write these files (the Export dialog's Save).
    Export(Request),
}

impl Action {
    pub fn apply(edit: Edit, label: impl Into<String>) -> Action {
        Action::Apply {
            edit,
            label: label.into(),
            merge: None,
        }
    }
}
