//! A selected host: its name, address, OS and roles, the numbers of its configurable ports,
//! and its ports; or the OS and roles of several selected cards.

use egui::RichText;

use super::port_numbers::port_numbers;
use super::roles::role_checkboxes;
use super::shared::{message_line, name_row, update};
use crate::editing::Edit;
use crate::editing::OpenPlan;
use crate::gui::action::Action;
use crate::gui::style;
use crate::gui::views::matrix::cell_tooltip;
use crate::gui::widgets::{TextLook, undoable_text};
use crate::model::Address;
use crate::model::{Evidence, Host, Os};
use crate::report;

pub fn one_host(ui: &mut egui::Ui, doc: &OpenPlan, host: &Host, actions: &mut Vec<Action>) {
    ui.heading("Host");
    egui::Grid::new("host fields")
        .num_columns(2)
        .show(ui, |ui| {
            name_row(ui, host, actions);

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
            ui.label("");
            let problem = Address::parse(&host.address).err().map(|e| e.to_string());
            message_line(ui, problem.as_slice());
            ui.end_row();

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
    role_checkboxes(ui, doc.catalog(), std::slice::from_ref(&host), actions);

    let a = doc.analysis();
    let Some(row) = a.hosts.iter().position(|h| h.id == host.id) else {
        return;
    };
    ui.separator();
    let cells = a.cells(row);
    ui.strong(format!("Ports ({})", cells.len()));
    port_numbers(ui, doc, host, row, actions);
    if cells.is_empty() {
        ui.label(if host.roles.is_empty() {
            "No roles, so no ports."
        } else {
            "No ports: its roles only open connections."
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
                let name = crate::quote::shortened(&cell.name, 14);
                if cell.evidence == Evidence::Inferred {
                    ui.label(
                        RichText::new(format!("{name} ?"))
                            .italics()
                            .color(style::WARNING),
                    )
                    .on_hover_text(format!(
                        "{}: {}",
                        cell.name,
                        style::evidence_meaning(cell.evidence)
                    ));
                } else {
                    ui.label(name).on_hover_text(&cell.name);
                }
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
                    .on_hover_ui(|ui| cell_tooltip(ui, a, doc.catalog(), row, cell));
                ui.end_row();
            }
        });
}

pub fn several_hosts(
    ui: &mut egui::Ui,
    doc: &OpenPlan,
    hosts: &[&Host],
    actions: &mut Vec<Action>,
) {
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
    role_checkboxes(ui, doc.catalog(), hosts, actions);
    ui.label(RichText::new("Role changes apply to every selected host.").weak());
}
