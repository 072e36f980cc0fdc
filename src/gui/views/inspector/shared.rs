//! What the inspector's sections share: one edit per change of a card, and the name field.

use egui::RichText;

use crate::editing::Edit;
use crate::files::input::MAX_NAME_CHARS;
use crate::gui::action::Action;
use crate::gui::style;
use crate::gui::widgets::{TextLook, undoable_text};
use crate::model::Host;

/// Pushes an update of `host` as one step; typing in one field merges into one step.
pub fn update(actions: &mut Vec<Action>, host: Host, label: String, merge: Option<String>) {
    actions.push(Action::Apply {
        edit: Edit::Update(vec![host]),
        label,
        merge,
    });
}

/// The card's name, in a grid row labelled "Name".
pub fn name_row(ui: &mut egui::Ui, host: &Host, actions: &mut Vec<Action>) {
    let label = ui.label("Name");
    let look = TextLook::default();
    undoable_text(ui, &label, &host.name, look, actions, |name, actions| {
        let mut h = host.clone();
        // Cut to the plan file's limit, so that a saved plan always opens again.
        h.name = name.chars().take(MAX_NAME_CHARS).collect();
        let merge = Some(format!("name{}", host.id));
        update(actions, h, format!("Rename {}", host.name), merge);
    });
    ui.end_row();
}

/// A field's validation message in a line kept for it, empty while the field is valid: the
/// controls under the field stay where the user was about to click when a message appears.
/// One line, cut short if it must be; the whole text (every message) on hover.
pub fn message_line(ui: &mut egui::Ui, messages: &[String]) {
    let Some(first) = messages.first() else {
        ui.label(" ");
        return;
    };
    let more = match messages.len() {
        1 => String::new(),
        n => format!(" (+{} more)", n - 1),
    };
    ui.add(
        egui::Label::new(RichText::new(format!("{first}{more}")).color(style::ERROR)).truncate(),
    )
    .on_hover_text(messages.join("\n"));
}
