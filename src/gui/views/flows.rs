//! The flows, as a firewall team opens them: one row per destination, port and kind, with the
//! sources it admits. (Per-source rows number n² for n hosts; `Copy as CSV` gives them all.)

use egui_extras::{Column, TableBuilder};

use super::{View, ViewContext};
use crate::analysis::{Analysis, FlowKind};
use crate::gui::action::Action;
use crate::gui::style;
use crate::gui::widgets::{KINDS, filter_combo};
use crate::report;

#[derive(Default)]
pub struct FlowsView {
    kind: Option<FlowKind>,
    /// (destination row, cell index, kind) of each shown rule, computed once per change.
    rules: Vec<(usize, usize, FlowKind)>,
    rules_for: Option<(u64, Option<FlowKind>)>,
}

fn rules(a: &Analysis, kind: Option<FlowKind>) -> Vec<(usize, usize, FlowKind)> {
    let mut out = Vec::new();
    for row in 0..a.hosts.len() {
        for (i, cell) in a.cells(row).iter().enumerate() {
            for k in [FlowKind::Install, FlowKind::Operation] {
                if kind.is_none_or(|want| want == k)
                    && a.flow_sources(row, cell, k).next().is_some()
                {
                    out.push((row, i, k));
                }
            }
        }
    }
    out
}

impl View for FlowsView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        let (doc, actions) = (cx.doc, &mut *cx.actions);
        let a = doc.analysis();
        ui.horizontal(|ui| {
            filter_combo(ui, "Kind", &mut self.kind, &KINDS);
            if ui
                .button("Copy as CSV")
                .on_hover_text("Copy every flow, one row per source, destination and port, as CSV")
                .clicked()
            {
                let mut csv = Vec::new();
                if report::flows::write_csv(&mut csv, a, None).is_ok() {
                    ui.ctx()
                        .copy_text(String::from_utf8_lossy(&csv).into_owned());
                }
            }
            ui.label(format!("{} flows in all", a.flow_count()));
        });
        let key = (doc.revision(), self.kind);
        if self.rules_for != Some(key) {
            self.rules = rules(a, self.kind);
            self.rules_for = Some(key);
        }
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        TableBuilder::new(ui)
            .id_salt("flows")
            .striped(true)
            .resizable(true)
            .auto_shrink([false, false])
            .column(Column::initial(150.0).clip(true))
            .column(Column::initial(110.0).clip(true))
            .column(Column::initial(100.0))
            .column(Column::initial(90.0))
            .column(Column::initial(260.0).clip(true))
            .column(Column::remainder().clip(true))
            .header(row_height, |mut header| {
                for title in [
                    "Destination",
                    "Address",
                    "Port",
                    "Kind",
                    "Sources",
                    "Reason",
                ] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, self.rules.len(), |mut row| {
                    let (r, i, kind) = self.rules[row.index()];
                    let host = &a.hosts[r];
                    let cell = &a.cells(r)[i];
                    row.col(|ui| {
                        if ui.link(&host.name).clicked() {
                            actions.push(Action::Focus(host.id));
                        }
                    });
                    row.col(|ui| {
                        ui.label(&host.address);
                    });
                    row.col(|ui| {
                        ui.label(format!("{}/{}", cell.port, cell.protocol));
                    });
                    row.col(|ui| {
                        ui.colored_label(style::flow(kind), kind.name());
                    });
                    row.col(|ui| {
                        let sources: Vec<&str> = a
                            .flow_sources(r, cell, kind)
                            .take(4)
                            .map(|s| a.hosts[s].name.as_str())
                            .collect();
                        let total = if sources.len() < 4 {
                            sources.len()
                        } else {
                            a.flow_sources(r, cell, kind).count()
                        };
                        let mut text = sources[..sources.len().min(3)].join(", ");
                        if total > 3 {
                            text.push_str(&format!(" (+{} more)", total - 3));
                        }
                        ui.label(text).on_hover_ui(|ui| {
                            let all: Vec<String> = a
                                .flow_sources(r, cell, kind)
                                .take(30)
                                .map(|s| format!("{} {}", a.hosts[s].name, a.hosts[s].address))
                                .collect();
                            ui.label(all.join("\n"));
                            if total > 30 {
                                ui.label(format!("… and {} more", total - 30));
                            }
                        });
                    });
                    row.col(|ui| {
                        ui.label(format!("{}, for {}", cell.name, cell.roles.joined(", ")));
                    });
                });
            });
    }
}
