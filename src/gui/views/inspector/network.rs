//! A selected network: its name, its blocks and its roles, and the ports it reaches. It gets
//! no rules and has no OS.

use egui::RichText;

use super::roles::role_checkboxes;
use super::shared::{message_line, name_row, update};
use crate::editing::OpenPlan;
use crate::gui::action::Action;
use crate::gui::widgets::{TextLook, undoable_text};
use crate::model::address::Block;
use crate::model::{Host, RoleSet};

pub fn one_network(ui: &mut egui::Ui, doc: &OpenPlan, net: &Host, actions: &mut Vec<Action>) {
    ui.heading("Network");
    ui.label(
        RichText::new(
            "Addresses outside the deployment: a source of the ports whose sources name its \
             roles. It gets no rules itself.",
        )
        .weak(),
    );
    egui::Grid::new("network fields")
        .num_columns(2)
        .show(ui, |ui| name_row(ui, net, actions));
    let label = ui.label("Blocks (CIDR; separated by ;)");
    let look = TextLook {
        hint: "10.20.0.0/16; 192.0.2.0/24",
        full_width: true,
        ..TextLook::default()
    };
    undoable_text(
        ui,
        &label,
        &net.address,
        look,
        actions,
        |blocks, actions| {
            let mut h = net.clone();
            h.address = blocks;
            let merge = Some(format!("address{}", net.id));
            update(
                actions,
                h,
                format!("Change the blocks of {}", net.name),
                merge,
            );
        },
    );
    let mut parts = Host::network_parts(&net.address).peekable();
    let problems: Vec<String> = if parts.peek().is_none() {
        vec!["No blocks yet: a network needs at least one.".into()]
    } else {
        parts.filter_map(|part| Block::parse(part).err()).collect()
    };
    message_line(ui, &problems);
    role_checkboxes(ui, doc.catalog(), std::slice::from_ref(&net), actions);
    reaches(ui, doc, net);
}

/// The catalog's ports whose sources name one of the network's roles.
fn reaches(ui: &mut egui::Ui, doc: &OpenPlan, net: &Host) {
    ui.separator();
    let ports: Vec<String> = doc
        .catalog()
        .ports
        .iter()
        .filter(|p| p.in_operation && p.from.is_some_and(|f| f.intersects(net.roles)))
        .map(|p| format!("{}/{} {}", p.port, p.protocol, p.name))
        .collect();
    ui.strong(format!("Reaches ({})", ports.len()));
    if ports.is_empty() {
        let external: RoleSet = doc
            .catalog()
            .defined_roles()
            .iter()
            .filter(|r| r.is_external())
            .collect();
        ui.label(match (net.roles.is_empty(), external.is_empty()) {
            (true, false) => format!(
                "No roles, so no ports: give it the role of what it stands for ({}, …).",
                external.joined(", ")
            ),
            (true, true) => {
                "No roles, so no ports: give it the role of the hosts it stands for.".to_string()
            }
            (false, _) => "No port of this profile is reached from its roles.".to_string(),
        });
        return;
    }
    for p in ports {
        ui.label(p);
    }
}
