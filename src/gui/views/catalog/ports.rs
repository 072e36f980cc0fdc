//! The catalog's ports (evidence tag, phase, who reaches each, flags, the source on hover, and
//! the plan's choice for each optional port) and its roles.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use crate::analysis::Phase;
use crate::editing::{Edit, OpenPlan};
use crate::gui::action::Action;
use crate::gui::style;
use crate::model::{Catalog, PortEntry};

/// Every port of the catalog, one row each.
pub fn port_table(ui: &mut egui::Ui, doc: &OpenPlan, actions: &mut Vec<Action>) {
    let (catalog, settings) = (doc.catalog(), &doc.plan().settings);
    ui.heading("Ports");
    ui.label(
        RichText::new(
            "Hover a port's evidence or source for the quote it comes from; inferred ports \
             are outlined: have them confirmed.",
        )
        .weak(),
    );
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    // Narrow windows scroll the table sideways rather than squeeze the source away.
    egui::ScrollArea::horizontal()
        .id_salt("catalog ports scroll")
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("catalog ports")
                .striped(true)
                .resizable(true)
                .vscroll(false)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::initial(110.0).at_least(60.0).clip(true))
                .column(Column::initial(170.0).at_least(60.0).clip(true))
                .column(Column::initial(86.0).at_least(60.0))
                .column(Column::initial(60.0).at_least(50.0))
                .column(Column::initial(160.0).at_least(60.0).clip(true))
                .column(Column::initial(230.0).at_least(60.0).clip(true))
                .column(Column::remainder().at_least(200.0).clip(true))
                .header(row_height, |mut header| {
                    for title in [
                        "Port",
                        "Name",
                        "Evidence",
                        "Phase",
                        "Reached from",
                        "Flags",
                        "Source",
                    ] {
                        header.col(|ui| {
                            ui.strong(title);
                        });
                    }
                })
                .body(|mut body| {
                    for p in &catalog.ports {
                        body.row(row_height, |mut row| {
                            row.col(|ui| {
                                ui.label(format!("{}/{}", p.port, p.protocol));
                            });
                            row.col(|ui| {
                                ui.add(egui::Label::new(&p.name).truncate())
                                    .on_hover_text(&p.purpose);
                            });
                            row.col(|ui| {
                                style::evidence_tag(ui, p.evidence)
                                    .on_hover_ui(|ui| style::source_tooltip(ui, p));
                            });
                            row.col(|ui| phase_tag(ui, p));
                            row.col(|ui| {
                                let from = match p.from {
                                    None => "every deployment host".to_string(),
                                    Some(f) if f.is_empty() => "-".to_string(),
                                    Some(f) => f.joined(", "),
                                };
                                ui.add(egui::Label::new(from).truncate()).on_hover_text(
                                    "The roles that connect to it in operation (the installer \
                                     connects during install)",
                                );
                            });
                            row.col(|ui| {
                                flags(ui, p, &settings.optional_ports, |on| {
                                    let mut changed = settings.clone();
                                    changed.optional_ports.retain(|k| *k != p.key);
                                    if on {
                                        changed.optional_ports.push(p.key.clone());
                                    }
                                    let verb = if on { "Turn on" } else { "Turn off" };
                                    actions.push(Action::apply(
                                        Edit::Settings(changed),
                                        format!("{verb} port {} ({})", p.port, p.name),
                                    ));
                                })
                            });
                            row.col(|ui| {
                                // The whole quote is the label (elided on screen, whole on
                                // hover and for screen readers).
                                ui.add(egui::Label::new(&p.source).truncate());
                            });
                        });
                    }
                });
        });
}

/// The phase as the matrix marks it.
fn phase_tag(ui: &mut egui::Ui, p: &PortEntry) {
    let (fill, mark, meaning) = match Phase::of(p.during_install, p.in_operation) {
        Some(Phase::InstallOnly) => (style::INSTALL, "install", "install-only"),
        Some(Phase::Permanent) if p.during_install => (style::PERMANENT, "perm", "permanent"),
        Some(Phase::Permanent) => (
            style::PERMANENT_LATE,
            "perm*",
            "permanent, not needed during install",
        ),
        None => return,
    };
    egui::Frame::new()
        .fill(fill)
        .corner_radius(3)
        .inner_margin(egui::Margin::symmetric(4, 0))
        .show(ui, |ui| {
            ui.add(
                egui::Label::new(RichText::new(mark).color(style::ON_FILL).small())
                    .selectable(false)
                    .extend(),
            )
        })
        .response
        .on_hover_text(meaning);
}

/// Configurable, bound to one OS, optional (with the plan's choice, a checkbox).
fn flags(ui: &mut egui::Ui, p: &PortEntry, turned_on: &[String], toggle: impl FnOnce(bool)) {
    let flag = |ui: &mut egui::Ui, text: &str, meaning: &str| {
        egui::Frame::new()
            .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
            .corner_radius(3)
            .inner_margin(egui::Margin::symmetric(4, 0))
            .show(ui, |ui| {
                ui.add(
                    egui::Label::new(RichText::new(text).small())
                        .selectable(false)
                        .extend(),
                )
            })
            .response
            .on_hover_text(meaning);
    };
    if p.configurable {
        flag(
            ui,
            "configurable",
            "A host may use another number of its own (the inspector's Ports)",
        );
    }
    if let Some(os) = p.os {
        flag(
            ui,
            &format!("{os} only"),
            "Opened on hosts of this OS only (with the least-privilege policy)",
        );
    }
    if p.optional {
        flag(
            ui,
            "optional",
            "The sources open it without a stated purpose: off unless the plan turns it on",
        );
        let mut on = turned_on.contains(&p.key);
        if ui
            .checkbox(&mut on, "on in this plan")
            .on_hover_text("Open this optional port on the hosts whose roles need it")
            .changed()
        {
            toggle(on);
        }
    }
}

/// Every role of the catalog: the ports it needs, its source on hover.
pub fn role_table(ui: &mut egui::Ui, catalog: &Catalog) {
    ui.heading("Roles");
    for r in &catalog.roles {
        ui.horizontal_wrapped(|ui| {
            style::role_badge(ui, r.role).on_hover_text(r.role.description());
            let ports: Vec<String> = r
                .ports
                .iter()
                .filter_map(|k| catalog.port(k))
                .map(|p| format!("{}/{}", p.port, p.protocol))
                .collect();
            let text = if ports.is_empty() {
                "needs no ports: a source of rules".to_string()
            } else {
                ports.join(", ")
            };
            ui.label(text).on_hover_ui(|ui| {
                ui.set_max_width(520.0);
                ui.label(format!("Source: {}", r.source));
            });
        });
    }
}
