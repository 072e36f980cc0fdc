//! The Catalog & settings tab: the profile (or catalog file) in use, the source policy and the
//! WMI setting, each change one undo step; then every port and role of the catalog with its
//! evidence and the source it comes from ([`ports`]).

mod ports;

use egui::RichText;

use super::{View, ViewContext};
use crate::editing::{Edit, OpenPlan};
use crate::gui::action::Action;
use crate::gui::style;
use crate::model::{Catalog, Host, Plan, PortSpec, RoleSet, Settings, SourcePolicy};
use crate::model::{WmiMode, WmiSetting};

/// The Catalog & settings tab.
#[derive(Default)]
pub struct CatalogView {
    /// The built-in profiles as the combo box lists them: (id, "name — versions"), read once.
    profiles: Vec<(&'static str, String)>,
    /// The note on hosts with roles the profile lacks, and the plan revision it is of.
    lacking: Option<(u64, Option<String>)>,
}

/// Asks for a change of the plan's settings as one undo step.
fn change_settings(
    actions: &mut Vec<Action>,
    settings: &Settings,
    label: String,
    change: impl FnOnce(&mut Settings),
) {
    let mut changed = settings.clone();
    change(&mut changed);
    if changed != *settings {
        actions.push(Action::apply(Edit::Settings(changed), label));
    }
}

impl View for CatalogView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        if self.profiles.is_empty() {
            self.profiles = Catalog::profile_ids()
                .filter_map(|id| Catalog::profile(id).map(|c| (id, profile_label(&c))))
                .collect();
        }
        let (doc, actions) = (cx.doc, &mut *cx.actions);
        egui::ScrollArea::vertical()
            .id_salt("catalog")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.heading("Settings");
                // Rows of their own rather than a grid: a narrow window wraps the
                // explanations instead of widening the tab.
                self.profile_row(ui, doc, actions);
                policy_row(ui, &doc.plan().settings, actions);
                wmi_row(ui, doc, actions);
                let revision = doc.revision();
                if self.lacking.as_ref().is_none_or(|(r, _)| *r != revision) {
                    let note = lacking_roles_note(doc.plan(), doc.catalog());
                    self.lacking = Some((revision, note));
                }
                let note = self.lacking.as_ref().and_then(|(_, n)| n.as_deref());
                about_catalog(ui, doc, note);
                ui.separator();
                ports::port_table(ui, doc, actions);
                ui.separator();
                ports::role_table(ui, doc.catalog());
            });
    }
}

/// "PowerFlex 3.5 / 3.6 — 3.5 - 3.6.x": how a profile is listed.
fn profile_label(c: &Catalog) -> String {
    if c.versions.is_empty() {
        c.name.clone()
    } else {
        format!("{} — {}", c.name, c.versions)
    }
}

impl CatalogView {
    /// The built-in profiles in a combo box (a catalog file shows its path), and the button
    /// that chooses a file.
    fn profile_row(&self, ui: &mut egui::Ui, doc: &OpenPlan, actions: &mut Vec<Action>) {
        let settings = &doc.plan().settings;
        let current = settings.catalog.as_str();
        ui.horizontal(|ui| {
            let label = field_label(ui, "Profile:");
            // Room for the button after it, in a narrow window too.
            let width = (ui.available_width() - 170.0).clamp(200.0, 560.0);
            let file = format!("File: {current}");
            let selected = self
                .profiles
                .iter()
                .find(|(id, _)| *id == current)
                .map_or(file.as_str(), |(_, l)| l.as_str());
            // The combo box fills what it is given: give it no more than its width.
            ui.scope(|ui| {
                ui.set_max_width(width);
                egui::ComboBox::from_id_salt(label.id)
                    .selected_text(selected)
                    .width(width)
                    .truncate()
                    .show_ui(ui, |ui| {
                        for (id, text) in &self.profiles {
                            let chosen = ui
                                .selectable_label(*id == current, text)
                                .on_hover_text(format!("Built-in profile '{id}'"));
                            if chosen.clicked() {
                                let name = text.split(" — ").next().unwrap_or(text);
                                change_settings(
                                    actions,
                                    settings,
                                    format!("Use the profile {name}"),
                                    |s| s.catalog = id.to_string(),
                                );
                            }
                        }
                        if selected == file {
                            let _ = ui.selectable_label(true, &file);
                        }
                    })
                    .response
                    .labelled_by(label.id)
                    .on_hover_text(
                        "The ports and roles of the product version you deploy; changing it is \
                         one undo step",
                    );
            });
            if ui
                .button("Choose catalog file…")
                .on_hover_text("Use a catalog TOML file (the built-in profiles show the format)")
                .clicked()
            {
                actions.push(Action::ChooseCatalog);
            }
        });
    }
}

/// What each source policy admits, in a line.
fn policy_meaning(p: SourcePolicy) -> &'static str {
    match p {
        SourcePolicy::LeastPrivilege => {
            "a port admits only the roles that use it (its 'from'), and the installer during install"
        }
        SourcePolicy::Deployment => {
            "a port admits every host of the deployment, as plans of version 1 did"
        }
    }
}

/// A settings row's name, in a column of one width.
fn field_label(ui: &mut egui::Ui, text: &str) -> egui::Response {
    let size = egui::vec2(80.0, ui.spacing().interact_size.y);
    let layout = egui::Layout::left_to_right(egui::Align::Center);
    ui.allocate_ui_with_layout(size, layout, |ui| {
        ui.set_min_width(size.x);
        ui.label(text)
    })
    .inner
}

fn policy_row(ui: &mut egui::Ui, settings: &Settings, actions: &mut Vec<Action>) {
    ui.horizontal_top(|ui| {
        field_label(ui, "Sources:").on_hover_text("Whom the operation rules admit");
        policy_choices(ui, settings, actions);
    });
}

fn policy_choices(ui: &mut egui::Ui, settings: &Settings, actions: &mut Vec<Action>) {
    ui.vertical(|ui| {
        for policy in SourcePolicy::ALL {
            ui.horizontal(|ui| {
                if ui
                    .radio(settings.sources == policy, policy.name())
                    .on_hover_text(policy_meaning(policy))
                    .clicked()
                {
                    change_settings(
                        actions,
                        settings,
                        format!("Set the source policy to {policy}"),
                        |s| s.sources = policy,
                    );
                }
                ui.add(egui::Label::new(RichText::new(policy_meaning(policy)).weak()).wrap());
            });
        }
    });
}

fn wmi_row(ui: &mut egui::Ui, doc: &OpenPlan, actions: &mut Vec<Action>) {
    let settings = &doc.plan().settings;
    ui.horizontal_wrapped(|ui| {
        let label = field_label(ui, "WMI port:");
        let mut wmi = settings.wmi;
        ui.radio_value(&mut wmi.mode, WmiMode::Fixed, "Fixed")
            .on_hover_text("Run 'winmgmt -standalonehost' on the targets: WMI then uses one port");
        let mut port = wmi.port;
        ui.add_enabled(
            wmi.mode == WmiMode::Fixed,
            egui::DragValue::new(&mut port)
                .range(WmiSetting::FIXED_PORTS.start..=WmiSetting::FIXED_PORTS.end),
        )
        .labelled_by(label.id)
        .on_hover_text("Any port 1025-65535; 24158 is Microsoft's example");
        wmi.port = port;
        ui.radio_value(&mut wmi.mode, WmiMode::Dynamic, "Dynamic (49152-65535)")
            .on_hover_text("Without a fixed port, WMI negotiates a port in the RPC dynamic range");
        if !doc.catalog().ports.iter().any(|p| p.port == PortSpec::Wmi) {
            ui.label(RichText::new("(no port of this profile uses WMI)").weak());
        }
        if wmi != settings.wmi {
            let mut changed = settings.clone();
            changed.wmi = wmi;
            actions.push(Action::Apply {
                edit: Edit::Settings(changed),
                label: "Change the WMI setting".into(),
                merge: Some("wmi".into()),
            });
        }
    });
}

/// The catalog in use and where it comes from; why the plan's own could not be used; the
/// hosts with roles it does not define.
fn about_catalog(ui: &mut egui::Ui, doc: &OpenPlan, lacking_note: Option<&str>) {
    let catalog = doc.catalog();
    if let Some(problem) = doc.catalog_problem() {
        ui.colored_label(style::ERROR, problem);
    }
    ui.horizontal(|ui| {
        ui.label(format!(
            "In use: {}, {} ports, {} roles.",
            catalog.name,
            catalog.ports.len(),
            catalog.roles.len()
        ));
        ui.add(
            egui::Label::new(RichText::new(format!("Source: {}", catalog.source)).weak())
                .truncate(),
        )
        .on_hover_ui(|ui| {
            ui.set_max_width(600.0);
            ui.label(&catalog.source);
        });
    });
    if let Some(note) = lacking_note {
        ui.add(egui::Label::new(RichText::new(note).color(style::WARNING)).wrap());
    }
}

/// Names the hosts with roles the profile does not define, or `None`: a pass over every
/// host, so the view keeps it per revision of the plan.
fn lacking_roles_note(plan: &Plan, catalog: &Catalog) -> Option<String> {
    let defined = catalog.defined_roles();
    let lacking: Vec<&Host> = plan
        .hosts
        .iter()
        .filter(|h| h.roles.iter().any(|r| !defined.contains(r)))
        .collect();
    if lacking.is_empty() {
        return None;
    }
    let missing: RoleSet = lacking
        .iter()
        .flat_map(|h| h.roles.iter())
        .filter(|r| !defined.contains(*r))
        .collect();
    const NAMED: usize = 6;
    let mut names: Vec<&str> = lacking
        .iter()
        .take(NAMED)
        .map(|h| h.name.as_str())
        .collect();
    let more = format!("+{} more", lacking.len().saturating_sub(NAMED));
    if lacking.len() > NAMED {
        names.push(&more);
    }
    let (need, it) = match (lacking.len(), missing.len()) {
        (1, 1) => ("needs", "it"),
        (1, _) => ("needs", "them"),
        (_, 1) => ("need", "it"),
        _ => ("need", "them"),
    };
    Some(format!(
        "This profile does not define {}: {} {need} no ports for {it} (see the \
                     findings).",
        missing.joined(", "),
        names.join(", ")
    ))
}
