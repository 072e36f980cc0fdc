//! The Change request panel: what the security team's document says beyond the rules. Every
//! field is an undoable edit of the plan; typing in one field is one step.

use std::time::SystemTime;

use super::{View, ViewContext};
use crate::editing::Edit;
use crate::export::Paper;
use crate::gui::action::Action;
use crate::gui::command::Command;
use crate::gui::widgets::{TextLook, undoable_text};
use crate::model::timestamp::{unix_seconds, utc};
use crate::model::{Approver, ChangeCategory, ChangeRequest, ChangeType};

/// Picks one text field of the request.
type Field = fn(&mut ChangeRequest) -> &mut String;

/// The edited copy of the request and the merge key of the field being typed in.
struct Form<'a> {
    cr: ChangeRequest,
    merge: Option<String>,
    actions: &'a mut Vec<Action>,
}

impl Form<'_> {
    /// One field of the request: typing in it merges into one undo step (the edit is made
    /// once per frame, from the whole form); leaving the field ends the step.
    fn field(
        &mut self,
        ui: &mut egui::Ui,
        label: &egui::Response,
        key: &str,
        field: Field,
        look: TextLook,
    ) {
        let current = field(&mut self.cr).clone();
        undoable_text(ui, label, &current, look, self.actions, |text, _| {
            *field(&mut self.cr) = text;
            self.merge = Some(format!("cr-{key}"));
        });
    }
}

/// The Change request tab; the paper chosen here is the one the PDF is written on.
#[derive(Default)]
pub struct ChangeRequestView {
    pub paper: Paper,
}

impl View for ChangeRequestView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        let (doc, paper, actions) = (cx.doc, &mut self.paper, &mut *cx.actions);
        let cr = &doc.plan().change_request;
        let mut form = Form {
            cr: cr.clone(),
            merge: None,
            actions,
        };
        egui::ScrollArea::vertical()
            .id_salt("change request")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for c in [Command::ExportChangeRequest, Command::ExportDiagram] {
                        if c.button(ui, true) {
                            form.actions.push(Action::Run(c));
                        }
                    }
                    ui.label("Paper:");
                    ui.radio_value(paper, Paper::A4, "A4");
                    ui.radio_value(paper, Paper::Letter, "Letter");
                    let missing = cr.missing();
                    if !missing.is_empty() {
                        ui.colored_label(
                            crate::gui::style::WARNING,
                            format!("Not filled in yet: {}.", missing.join(", ")),
                        );
                    }
                });
                ui.columns(2, |cols| {
                    fields(&mut cols[0], &mut form);
                    texts(&mut cols[1], &mut form);
                    approvers(&mut cols[1], &mut form);
                });
            });
        if form.cr != *cr {
            form.actions.push(Action::Apply {
                edit: Edit::ChangeRequest(Box::new(form.cr)),
                label: "Edit the change request".into(),
                merge: form.merge,
            });
        }
    }
}

fn fields(ui: &mut egui::Ui, form: &mut Form) {
    // Checked as the user types, like a host's address; the document says the same.
    let problems = crate::model::change_window::problems(&form.cr);
    egui::Grid::new("change request fields")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            let fields: [(&str, &str, Field); 8] = [
                ("Id", "e.g. CHG-2026-0142", |c| &mut c.id),
                ("Title", "What the change does", |c| &mut c.title),
                ("Requester", "Who asks", |c| &mut c.requester),
                ("Contact", "Mail or phone", |c| &mut c.contact),
                ("Application owner", "Who owns the application", |c| {
                    &mut c.owner
                }),
                ("Window start", "e.g. 2026-12-01 22:00", |c| {
                    &mut c.window_start
                }),
                ("Window end", "e.g. 2026-12-02 02:00", |c| &mut c.window_end),
                ("Install rules expire", "e.g. 2026-12-05", |c| {
                    &mut c.install_rules_expire
                }),
            ];
            for (label, hint, field) in fields {
                // A field with a date problem has its label in the warning color, the reason on
                // hover; the sentences are listed below the grid, where they move no field.
                let l = match problems.iter().find(|p| p.field == label) {
                    Some(p) => ui
                        .colored_label(crate::gui::style::WARNING, label)
                        .on_hover_text(&p.message),
                    None => ui.label(label),
                };
                let look = TextLook {
                    hint,
                    full_width: true,
                    ..TextLook::default()
                };
                form.field(ui, &l, label, field, look);
                ui.end_row();
            }
            ui.label("Change type");
            ui.horizontal(|ui| {
                for t in ChangeType::ALL {
                    ui.radio_value(&mut form.cr.change_type, t, t.name());
                }
            });
            ui.end_row();
            ui.label("Category");
            ui.horizontal(|ui| {
                for c in ChangeCategory::ALL {
                    ui.radio_value(&mut form.cr.category, c, c.name());
                }
            });
            ui.end_row();
            ui.label("Revision");
            ui.horizontal(|ui| {
                ui.strong(form.cr.revision.to_string());
                if ui
                    .button("New revision")
                    .on_hover_text(
                        "Number the next revision and add a history line, dated today, for \
                         what changed",
                    )
                    .clicked()
                {
                    let today = utc(unix_seconds(SystemTime::now()));
                    form.cr.new_revision(today[..10].to_string());
                }
            });
            ui.end_row();
        });
    for p in &problems {
        ui.colored_label(crate::gui::style::WARNING, &p.message);
    }
    history(ui, form);
}

/// The request's history, one line per revision: its date and what changed.
fn history(ui: &mut egui::Ui, form: &mut Form) {
    ui.add_space(4.0);
    ui.strong("History (the summary's revision table)");
    if form.cr.history.is_empty() {
        ui.weak("No history yet: New revision adds a line.");
        return;
    }
    let mut lines = std::mem::take(&mut form.cr.history);
    let mut remove = None;
    let date_width = text_width(ui, "2026-12-01 ") + 12.0;
    // The change takes what the date, the labels and the button leave of the column.
    let spacing = ui.spacing().item_spacing.x;
    let others = text_width(ui, "Date 99")
        + text_width(ui, "Change 99")
        + text_width(ui, "Remove line 99")
        + 2.0 * ui.spacing().button_padding.x
        + date_width
        + 5.0 * spacing;
    let change_width = (ui.available_width() - others).max(160.0);
    egui::Grid::new("history").num_columns(5).show(ui, |ui| {
        for (n, line) in lines.iter_mut().enumerate() {
            let l = ui.label(format!("Date {}", n + 1));
            let look = TextLook {
                hint: "YYYY-MM-DD",
                size: Some(egui::vec2(date_width, 20.0)),
                ..TextLook::default()
            };
            let current = line.date.clone();
            undoable_text(ui, &l, &current, look, form.actions, |text, _| {
                line.date = text;
                form.merge = Some(format!("cr-history{n}date"));
            });
            let l = ui.label(format!("Change {}", n + 1));
            let look = TextLook {
                hint: "What changed",
                size: Some(egui::vec2(change_width, 20.0)),
                ..TextLook::default()
            };
            let current = line.change.clone();
            undoable_text(ui, &l, &current, look, form.actions, |text, _| {
                line.change = text;
                form.merge = Some(format!("cr-history{n}change"));
            });
            if ui.button(format!("Remove line {}", n + 1)).clicked() {
                remove = Some(n);
            }
            ui.end_row();
        }
    });
    if let Some(n) = remove {
        lines.remove(n);
    }
    form.cr.history = lines;
}

/// How wide `text` is in the body font, on one line.
fn text_width(ui: &egui::Ui, text: &str) -> f32 {
    egui::WidgetText::from(text)
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Body,
        )
        .size()
        .x
}

fn texts(ui: &mut egui::Ui, form: &mut Form) {
    for (label, hint, field) in [
        (
            "Business justification",
            "Why the ports must be opened",
            (|c| &mut c.justification) as Field,
        ),
        (
            "Risk and impact",
            "What could go wrong, and what is exposed",
            |c| &mut c.risk,
        ),
    ] {
        let l = ui.label(label);
        let look = TextLook {
            hint,
            rows: 2,
            full_width: true,
            ..TextLook::default()
        };
        form.field(ui, &l, label, field, look);
    }
}

/// The examples an empty approver's fields show, greyed: examples, never values.
const ROLE_HINT: &str = "e.g. Information security";
const NAME_HINT: &str = "Who signs, e.g. A. Meyer";

fn approvers(ui: &mut egui::Ui, form: &mut Form) {
    ui.horizontal(|ui| {
        ui.strong("Approvers (the sign-off table)");
        if ui.button("Add approver").clicked() {
            form.cr.approvers.push(Approver::default());
        }
    });
    if form.cr.approvers.is_empty() {
        ui.weak(
            "None named: the document lists the requester, the application owner, information \
             security, network and firewall operations and the change board.",
        );
    }
    let mut remove = None;
    let mut approvers = std::mem::take(&mut form.cr.approvers);
    // Each field as wide as the longest text (or example) of its column, so no role is cut
    // ("Network and firewall operations"). Role and name share a row when both fit the
    // column; else each approver takes two rows, the fields one under the other.
    let padding = 2.0 * ui.spacing().button_padding.x + 8.0;
    let widest = |texts: Vec<&str>| {
        texts
            .into_iter()
            .map(|t| text_width(ui, t))
            .fold(0.0f32, f32::max)
            + padding
    };
    let roles = approvers.iter().map(|a| a.role.as_str());
    let role_width = widest(roles.chain([ROLE_HINT]).collect());
    let names = approvers.iter().map(|a| a.name.as_str());
    let name_width = widest(names.chain([NAME_HINT]).collect());
    let spacing = ui.spacing().item_spacing.x;
    let label = text_width(ui, "Role 99") + spacing;
    let button = text_width(ui, "Remove 99") + padding + spacing;
    let room = ui.available_width();
    let one_row = 2.0 * label + role_width + name_width + button + 2.0 * spacing <= room;
    let (role_width, name_width) = if one_row {
        (role_width, name_width)
    } else {
        let w = role_width
            .max(name_width)
            .min(room - label - button - spacing);
        (w, w)
    };
    egui::Grid::new("approvers")
        .num_columns(if one_row { 5 } else { 3 })
        .show(ui, |ui| {
            for (n, ap) in approvers.iter_mut().enumerate() {
                for (what, hint, width, value) in [
                    ("Role", ROLE_HINT, role_width, &mut ap.role),
                    ("Name", NAME_HINT, name_width, &mut ap.name),
                ] {
                    let l = ui.label(format!("{what} {}", n + 1));
                    let look = TextLook {
                        hint,
                        size: Some(egui::vec2(width, 20.0)),
                        ..TextLook::default()
                    };
                    let current = value.clone();
                    undoable_text(ui, &l, &current, look, form.actions, |text, _| {
                        *value = text;
                        form.merge = Some(format!("cr-approver{n}{what}"));
                    });
                    if !one_row && what == "Role" {
                        ui.end_row();
                    }
                }
                if ui.button(format!("Remove {}", n + 1)).clicked() {
                    remove = Some(n);
                }
                ui.end_row();
            }
        });
    if let Some(n) = remove {
        approvers.remove(n);
    }
    form.cr.approvers = approvers;
}
