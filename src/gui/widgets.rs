//! Widgets with no app state, shared by the views and the chrome: the labelled choice, the
//! undoable text field, a command's button and menu item, and the one wording of each filter.

use super::action::Action;
use super::command::Command;
use crate::analysis::{FlowKind, Phase};

/// The phases a view or a test can be limited to, worded once.
pub const PHASES: [(Option<Phase>, &str); 3] = [
    (None, "All phases"),
    (Some(Phase::InstallOnly), "Install-only"),
    (Some(Phase::Permanent), "Permanent"),
];

/// The kinds of flows and rules, worded once.
pub const KINDS: [(Option<FlowKind>, &str); 3] = [
    (None, "Install and operation"),
    (Some(FlowKind::Install), "Install (temporary)"),
    (Some(FlowKind::Operation), "Operation (permanent)"),
];

/// A labelled combo box over a small set of values.
pub fn filter_combo<T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut T,
    options: &[(T, &str)],
) {
    let current = options
        .iter()
        .find(|(v, _)| v == value)
        .map_or("", |(_, l)| l);
    let label = ui.label(format!("{label}:"));
    egui::ComboBox::from_id_salt(label.id)
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (v, l) in options {
                ui.selectable_value(value, *v, *l);
            }
        })
        .response
        .labelled_by(label.id);
}

/// How an undoable text field looks.
#[derive(Clone, Copy, Default)]
pub struct TextLook<'a> {
    /// Shown while the field is empty.
    pub hint: &'a str,
    /// More than one: a multi-line field of this many rows.
    pub rows: usize,
    /// As wide as the space it is in.
    pub full_width: bool,
    /// Exactly this size.
    pub size: Option<egui::Vec2>,
}

/// A text field whose typing becomes one undo step. It is labelled by `label` (so tests and
/// screen readers find it by name); when the text changed, `on_change` gets the new text
/// (the caller makes the edit, with a merge key of its field); when the field loses focus
/// the step is sealed, after that edit.
pub fn undoable_text(
    ui: &mut egui::Ui,
    label: &egui::Response,
    value: &str,
    look: TextLook<'_>,
    actions: &mut Vec<Action>,
    on_change: impl FnOnce(String, &mut Vec<Action>),
) -> egui::Response {
    let mut text = value.to_string();
    let mut edit = if look.rows > 1 {
        egui::TextEdit::multiline(&mut text).desired_rows(look.rows)
    } else {
        egui::TextEdit::singleline(&mut text)
    };
    if !look.hint.is_empty() {
        // Greyed and slanted: an example, which must not be read as a value typed in.
        edit = edit.hint_text(
            egui::RichText::new(look.hint)
                .italics()
                .color(ui.visuals().weak_text_color()),
        );
    }
    if look.full_width {
        edit = edit.desired_width(f32::INFINITY);
    }
    let resp = match look.size {
        Some(size) => ui.add_sized(size, edit),
        None => ui.add(edit),
    }
    .labelled_by(label.id);
    if resp.changed() {
        on_change(text, actions);
    }
    if resp.lost_focus() {
        actions.push(Action::Seal);
    }
    resp
}

/// Drawing a command: the label (or an override, "Undo Add host"), the tooltip with the
/// platform's text of the first shortcut (Ctrl+T, or ⌘T on a Mac), greyed when it cannot run.
impl Command {
    /// The shortcut as this platform writes it, when the command has one.
    pub fn shortcut_text(self, ctx: &egui::Context) -> Option<String> {
        self.shortcuts().first().map(|s| ctx.format_shortcut(s))
    }

    /// A toolbar or panel button; true when clicked.
    pub fn button(self, ui: &mut egui::Ui, enabled: bool) -> bool {
        let tip = match self.shortcut_text(ui.ctx()) {
            Some(keys) => format!("{} ({keys})", self.tooltip()),
            None => self.tooltip().to_string(),
        };
        ui.add_enabled(enabled, egui::Button::new(self.label()))
            .on_hover_text(tip)
            .clicked()
    }

    /// A menu item, its shortcut at the right; true when clicked.
    pub fn menu_item(self, ui: &mut egui::Ui, label: &str, enabled: bool) -> bool {
        let mut button = egui::Button::new(label);
        // Only with a shortcut: an empty one would still end the item's label with a space.
        if let Some(keys) = self.shortcut_text(ui.ctx()) {
            button = button.shortcut_text(keys);
        }
        ui.add_enabled(enabled, button)
            .on_hover_text(self.tooltip())
            .clicked()
    }
}
