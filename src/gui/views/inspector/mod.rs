//! The side panel: the selected hosts' details and roles, their ports, and the findings.

use egui::RichText;

use super::matrix::cell_tooltip;
use super::{View, ViewContext};
use crate::analysis::Severity;
use crate::editing::Edit;
use crate::editing::OpenPlan;
use crate::gui::action::Action;
use crate::gui::style;
use crate::gui::widgets::{TextLook, undoable_text};
use crate::model::Address;
use crate::model::Role;
use crate::model::{Host, Os};
use crate::report;

/// The side panel.
#[derive(Default)]
pub struct InspectorView;

impl View for InspectorView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        let (doc, selection, actions) = (cx.doc, cx.selection, &mut *cx.actions);
        let selected: Vec<&Host> = doc
            .plan()
            .hosts
            .iter()
            .filter(|h| selection.contains(&h.id))
            .collect();
        egui::ScrollArea::vertical()
            .id_salt("inspector")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                match selected.as_slice() {
                    [] => plan_summary(ui, doc, actions),
                    [host] => one_host(ui, doc, host, actions),
                    many => several_hosts(ui, many, actions),
                }
                ui.separator();
                findings(ui, doc, actions);
            });
    }
}

fn plan_summary(ui: &mut egui::Ui, doc: &OpenPlan, actions: &mut Vec<Action>) {
    ui.heading("Plan");
    let plan = doc.plan();
    let a = doc.analysis();
    ui.horizontal(|ui| {
        let label = ui.label("Plan name");
        let mut name = plan.name.clone();
        let resp = ui.text_edit_singleline(&mut name).labelled_by(label.id);
        if resp.changed() {
            actions.push(Action::Apply {
                edit: Edit::Name(name),
                label: "Rename the plan".into(),
                merge: Some("plan-name".into()),
            });
        }
        if resp.lost_focus() {
            actions.push(Action::Seal);
        }
    });
    ui.label(format!(
        "{} hosts, {} installer(s), {} in the deployment; {} flows.",
        a.hosts.len(),
        a.installers().len(),
        a.deployment().len(),
        a.flow_count()
    ));
    ui.label(
        RichText::new(
            "Select a host on the canvas or in the matrix to edit it. Double-click empty \
             canvas to add one; drag a role from the palette onto a host.",
        )
        .weak(),
    );
}

/// Pushes an update of `host` as one step; typing in one field merges into one step.
fn update(actions: &mut Vec<Action>, host: Host, label: String, merge: Option<String>) {
    actions.push(Action::Apply {
        edit: Edit::Update(vec![host]),
        label,
        merge,
    });
}

fn one_host(ui: &mut egui::Ui, doc: &OpenPlan, host: &Host, actions: &mut Vec<Action>) {
    ui.heading("Host");
    egui::Grid::new("host fields")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("Name");
            let look = TextLook::default();
            undoable_text(ui, &label, &host.name, look, actions, |name, actions| {
                let mut h = host.clone();
                h.name = name;
                let merge = Some(format!("name{}", host.id));
                update(actions, h, format!("Rename {}", host.name), merge);
            });
            ui.end_row();

            let label = ui.label("Address");
            let look = TextLook {
                hint: "IPv4, IPv6 or DNS name",
                ..TextLook::default()
            };
            undoable_text(
                ui,
                &label,
                &host.address,
                look,
                actions,
                |address, actions| {
                    let mut h = host.clone();
                    h.address = address;
                    let merge = Some(format!("address{}", host.id));
                    update(
                        actions,
                        h,
                        format!("Change the address of {}", host.name),
                        merge,
                    );
                },
            );
            ui.end_row();
            if let Err(e) = Address::parse(&host.address) {
                ui.label("");
                ui.add(egui::Label::new(RichText::new(e.to_string()).color(style::ERROR)).wrap());
                ui.end_row();
            }

            ui.label("OS");
            ui.horizontal(|ui| {
                for os in [Os::Windows, Os::Linux] {
                    if ui.radio(host.os == os, os.name()).clicked() && host.os != os {
                        let mut h = host.clone();
                        h.os = os;
                        update(actions, h, format!("Set the OS of {}", host.name), None);
                    }
                }
            });
            ui.end_row();
        });
    role_checkboxes(ui, std::slice::from_ref(&host), actions);

    ui.separator();
    let a = doc.analysis();
    let Some(row) = a.hosts.iter().position(|h| h.id == host.id) else {
        return;
    };
    let cells = a.cells(row);
    ui.strong(format!("Ports ({})", cells.len()));
    if cells.is_empty() {
        ui.label(if host.roles.is_empty() {
            "No roles, so no ports."
        } else {
            "No ports: the installer only opens connections."
        });
        return;
    }
    egui::Grid::new("host ports")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for title in ["Port", "Name", "Phase", "Needed by", "Reached from"] {
                ui.strong(title);
            }
            ui.end_row();
            for cell in cells {
                let (fill, mark) = style::cell(cell);
                ui.label(format!("{}/{}", cell.port, cell.protocol));
                // Short names, whole on hover: the panel stays narrow.
                let name: String = cell.name.chars().take(14).collect();
                let name = if name.len() < cell.name.len() {
                    format!("{name}…")
                } else {
                    name
                };
                ui.label(name).on_hover_text(&cell.name);
                ui.label(
                    RichText::new(mark)
                        .color(style::ON_FILL)
                        .background_color(fill),
                )
                .on_hover_text(report::matrix::phase_label(cell));
                ui.label(cell.roles.joined(", "));
                // One address and a count keep the panel narrow; the tooltip lists them.
                let mut sources = a.source_addresses(row, cell);
                let text = match (sources.next(), sources.count()) {
                    (None, _) => "-".to_string(),
                    (Some(first), 0) => first.to_string(),
                    (Some(first), more) => format!("{first} +{more}"),
                };
                ui.label(text)
                    .on_hover_ui(|ui| cell_tooltip(ui, a, row, cell));
                ui.end_row();
            }
        });
}

fn several_hosts(ui: &mut egui::Ui, hosts: &[&Host], actions: &mut Vec<Action>) {
    ui.heading(format!("{} hosts selected", hosts.len()));
    ui.horizontal(|ui| {
        ui.label("OS");
        for os in [Os::Windows, Os::Linux] {
            let all = hosts.iter().all(|h| h.os == os);
            if ui.radio(all, os.name()).clicked() && !all {
                let changed = hosts.iter().map(|h| Host { os, ..(*h).clone() }).collect();
                actions.push(Action::apply(
                    Edit::Update(changed),
                    format!("Set the OS of {} hosts", hosts.len()),
                ));
            }
        }
    });
    role_checkboxes(ui, hosts, actions);
    ui.label(RichText::new("Role changes apply to every selected host.").weak());
}

/// One checkbox per role; with several hosts, a role some have is shown as mixed, and a
/// click gives it to all (or takes it from all when all have it).
fn role_checkboxes(ui: &mut egui::Ui, hosts: &[&Host], actions: &mut Vec<Action>) {
    ui.strong("Roles");
    ui.horizontal_wrapped(|ui| {
        for role in Role::ALL {
            let count = hosts.iter().filter(|h| h.roles.contains(role)).count();
            let mut checked = count == hosts.len();
            let resp = ui
                .add(
                    egui::Checkbox::new(&mut checked, role.name())
                        .indeterminate(count > 0 && count < hosts.len()),
                )
                .on_hover_text(role.description());
            if resp.clicked() {
                let give = count < hosts.len();
                let changed: Vec<Host> = hosts
                    .iter()
                    .map(|h| {
                        let mut h = (*h).clone();
                        if give {
                            h.roles.insert(role);
                        } else {
                            h.roles.remove(role);
                        }
                        h
                    })
                    .collect();
                let whom = match hosts {
                    [one] => one.name.clone(),
                    many => format!("{} hosts", many.len()),
                };
                let label = if give {
                    format!("Give {whom} the role {role}")
                } else {
                    format!("Take the role {role} from {whom}")
                };
                actions.push(Action::apply(Edit::Update(changed), label));
            }
        }
    });
}

fn findings(ui: &mut egui::Ui, doc: &OpenPlan, actions: &mut Vec<Action>) {
    let a = doc.analysis();
    ui.strong(format!(
        "Findings: {} errors, {} warnings",
        a.errors(),
        a.warnings()
    ));
    if a.findings.is_empty() {
        ui.label("None: the plan is ready.");
    }
    // A plan of thousands of hosts can have thousands of findings; the first ones matter.
    const SHOWN: usize = 200;
    for f in a.findings.iter().take(SHOWN) {
        let (color, mark) = match f.severity {
            Severity::Error => (style::ERROR, "error"),
            Severity::Warning => (style::WARNING, "warning"),
        };
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(color, mark);
            match f.host {
                Some(id) => {
                    if ui
                        .link(&f.message)
                        .on_hover_text("Select this host")
                        .clicked()
                    {
                        actions.push(Action::Focus(id));
                    }
                }
                None => {
                    ui.label(&f.message);
                }
            }
        });
    }
    if a.findings.len() > SHOWN {
        ui.label(format!(
            "… and {} more (portplan check lists all)",
            a.findings.len() - SHOWN
        ));
    }
}
