//! The Change request panel: what the security team's document says beyond the rules. Every
//! field is an undoable edit of the plan; typing in one field is one step.

use super::action::Action;
use super::command::Command;
use crate::editing::Edit;
use crate::editing::OpenPlan;
use crate::export::pdf::layout::Paper;
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
    /// Typing in one field merges into one undo step; leaving the field ends it.
    fn note(&mut self, resp: &egui::Response, field: &str) {
        if resp.changed() {
            self.merge = Some(format!("cr-{field}"));
        }
        if resp.lost_focus() {
            self.actions.push(Action::Seal);
        }
    }
}

pub fn ui(ui: &mut egui::Ui, doc: &OpenPlan, paper: &mut Paper, actions: &mut Vec<Action>) {
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
                    if ui.button(c.label()).on_hover_text(c.tooltip()).clicked() {
                        form.actions.push(Action::Run(c));
                    }
                }
                ui.label("Paper:");
                ui.radio_value(paper, Paper::A4, "A4");
                ui.radio_value(paper, Paper::Letter, "Letter");
                let missing = cr.missing();
                if !missing.is_empty() {
                    ui.colored_label(
                        super::style::WARNING,
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
                        .colored_label(super::style::WARNING, label)
                        .on_hover_text(&p.message),
                    None => ui.label(label),
                };
                let resp = ui
                    .add(
                        egui::TextEdit::singleline(field(&mut form.cr))
                            .hint_text(hint)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id);
                form.note(&resp, label);
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
        ui.colored_label(super::style::WARNING, &p.message);
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
        let resp = ui
            .add(
                egui::TextEdit::multiline(field(&mut form.cr))
                    .hint_text(hint)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        form.note(&resp, label);
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
                let resp = ui
                    .add_sized([field, 20.0], egui::TextEdit::singleline(value))
                    .labelled_by(l.id);
                form.note(&resp, &format!("approver{n}{what}"));
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
