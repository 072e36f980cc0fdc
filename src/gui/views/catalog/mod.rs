//! Settings and the catalog in use: the WMI setting, which catalog, and every port of it with
//! the source it comes from.

use super::{View, ViewContext};
use crate::analysis::Phase;
use crate::editing::Edit;
use crate::gui::action::Action;
use crate::model::catalog::BUILTIN_ID;
use crate::model::{WmiMode, WmiSetting};

/// The Catalog & settings tab.
#[derive(Default)]
pub struct CatalogView;

impl View for CatalogView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        let (doc, actions) = (cx.doc, &mut *cx.actions);
        let plan = doc.plan();
        let catalog = doc.catalog();
        egui::ScrollArea::vertical()
            .id_salt("catalog")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.heading("Settings");
                ui.horizontal(|ui| {
                    let label = ui.label("WMI port:");
                    let mut wmi = plan.settings.wmi;
                    ui.radio_value(&mut wmi.mode, WmiMode::Fixed, "Fixed")
                        .on_hover_text(
                            "Run 'winmgmt -standalonehost' on the targets: WMI then uses one port",
                        );
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
                        .on_hover_text(
                            "Without a fixed port, WMI negotiates a port in the RPC dynamic range",
                        );
                    if wmi != plan.settings.wmi {
                        let mut settings = plan.settings.clone();
                        settings.wmi = wmi;
                        actions.push(Action::Apply {
                            edit: Edit::Settings(settings),
                            label: "Change the WMI setting".into(),
                            merge: Some("wmi".into()),
                        });
                    }
                });
                ui.horizontal(|ui| {
                    ui.label(format!(
                        "Catalog in use: {} ({})",
                        catalog.name, plan.settings.catalog
                    ));
                    if ui
                        .button("Choose catalog file…")
                        .on_hover_text(
                            "Use a catalog TOML file (see the built-in one for the format)",
                        )
                        .clicked()
                    {
                        actions.push(Action::ChooseCatalog);
                    }
                    if plan.settings.catalog != BUILTIN_ID
                        && ui.button("Use the built-in catalog").clicked()
                    {
                        let mut settings = plan.settings.clone();
                        settings.catalog = BUILTIN_ID.into();
                        actions.push(Action::apply(
                            Edit::Settings(settings),
                            "Use the built-in catalog",
                        ));
                    }
                });
                if let Some(problem) = doc.catalog_problem() {
                    ui.colored_label(crate::gui::style::ERROR, problem);
                }
                ui.label(format!("Source: {}", catalog.source));
                ui.separator();

                ui.heading("Ports");
                egui::Grid::new("catalog ports")
                    .striped(true)
                    .num_columns(6)
                    .show(ui, |ui| {
                        for title in [
                            "Port",
                            "Name",
                            "During install",
                            "In operation",
                            "Phase",
                            "Source",
                        ] {
                            ui.strong(title);
                        }
                        ui.end_row();
                        for p in &catalog.ports {
                            ui.label(format!("{}/{}", p.port, p.protocol));
                            ui.label(&p.name).on_hover_text(&p.purpose);
                            ui.label(if p.during_install { "yes" } else { "no" });
                            ui.label(if p.in_operation { "yes" } else { "no" });
                            ui.label(
                                Phase::of(p.during_install, p.in_operation)
                                    .map_or("-", Phase::name),
                            );
                            ui.add(egui::Label::new(format!("\"{}\"", p.source)).wrap());
                            ui.end_row();
                        }
                    });
                ui.separator();
                ui.heading("Roles");
                egui::Grid::new("catalog roles")
                    .striped(true)
                    .num_columns(3)
                    .show(ui, |ui| {
                        for title in ["Role", "Ports", "Source"] {
                            ui.strong(title);
                        }
                        ui.end_row();
                        for r in &catalog.roles {
                            ui.label(r.role.name()).on_hover_text(r.role.description());
                            let ports: Vec<String> = r
                                .ports
                                .iter()
                                .filter_map(|k| catalog.port(k))
                                .map(|p| p.port.to_string())
                                .collect();
                            ui.label(if ports.is_empty() {
                                "none".to_string()
                            } else {
                                ports.join(", ")
                            });
                            ui.add(egui::Label::new(format!("\"{}\"", r.source)).wrap());
                            ui.end_row();
                        }
                    });
            });
    }
}
