//! The role checkboxes of the selection: the profile's roles, and any role a selected card
//! has that the profile does not define, marked as such.

use egui::RichText;

use crate::editing::Edit;
use crate::gui::action::Action;
use crate::gui::style;
use crate::model::{Catalog, Host, RoleSet};

/// One checkbox per role; with several cards, a role some have is shown as mixed, and a
/// click gives it to all (or takes it from all when all have it).
pub fn role_checkboxes(
    ui: &mut egui::Ui,
    catalog: &Catalog,
    hosts: &[&Host],
    actions: &mut Vec<Action>,
) {
    ui.strong("Roles");
    let defined = catalog.defined_roles();
    let held = hosts
        .iter()
        .fold(RoleSet::EMPTY, |all, h| all.union(h.roles));
    ui.horizontal_wrapped(|ui| {
        for role in defined.union(held).iter() {
            let count = hosts.iter().filter(|h| h.roles.contains(role)).count();
            let mut checked = count == hosts.len();
            let (text, tip) = if defined.contains(role) {
                (RichText::new(role.name()), role.description().to_string())
            } else {
                (
                    RichText::new(format!("{role} (not in this profile)")).color(style::WARNING),
                    format!(
                        "{}: {} does not define this role, so it needs no ports here",
                        role.description(),
                        catalog.name
                    ),
                )
            };
            let resp = ui
                .add(
                    egui::Checkbox::new(&mut checked, text)
                        .indeterminate(count > 0 && count < hosts.len()),
                )
                .on_hover_text(tip);
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
