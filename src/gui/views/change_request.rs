//! The Change request panel: what the security team's document says beyond the rules. Every
//! field is an undoable edit of the plan; typing in one field is one step.

use super::{View, ViewContext};
use crate::editing::Edit;
use crate::export::Paper;
use crate::gui::action::Action;
use crate::gui::command::Command;
use crate::gui::widgets::{TextLook, undoable_text};
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
                ("Id", "CHG-2026-0142", |c| &mut c.id),
                ("Title", "What the change does", |c| &mut c.title),
                ("Requester", "Who asks", |c| &mut c.requester),
                ("Contact", "Mail or phone", |c| &mut c.contact),
                ("Application owner", "Who owns the application", |c| {
                    &mut c.owner
                }),
                ("Window start", "2026-12-01 22:00", |c| &mut c.window_start),
                ("Window end", "2026-12-02 02:00", |c| &mut c.window_end),
                ("Install rules expire", "2026-12-05", |c| {
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
        });
    for p in &problems {
        ui.colored_label(crate::gui::style::WARNING, &p.message);
    }
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
    // Two fields share what the labels and the button leave of the column.
    let field = ((ui.available_width() - 240.0) / 2.0).max(80.0);
    egui::Grid::new("approvers").num_columns(5).show(ui, |ui| {
        for (n, ap) in approvers.iter_mut().enumerate() {
            for (what, value) in [("Role", &mut ap.role), ("Name", &mut ap.name)] {
                let l = ui.label(format!("{what} {}", n + 1));
                let look = TextLook {
                    size: Some(egui::vec2(field, 20.0)),
                    ..TextLook::default()
                };
                let current = value.clone();
                undoable_text(ui, &l, &current, look, form.actions, |text, _| {
                    *value = text;
                    form.merge = Some(format!("cr-approver{n}{what}"));
                });
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
