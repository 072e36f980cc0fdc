//! The Connectivity tab: the last test's (or imported file's) results in a sortable table
//! that copies as CSV.

use egui_extras::{Column, TableBuilder};

use super::super::style;
use super::super::widgets::filter_combo;
use super::{View, ViewContext};
use crate::probe::Evidence;

#[derive(Clone, Copy, PartialEq, Eq)]
enum SortKey {
    Order,
    Host,
    Port,
    Status,
    Time,
}

pub struct ConnectivityView {
    sort: SortKey,
    /// Result indices in display order, for the test of revision `order_for`.
    order: Vec<usize>,
    order_for: Option<(u64, SortKey)>,
}

impl Default for ConnectivityView {
    fn default() -> Self {
        ConnectivityView {
            sort: SortKey::Order,
            order: Vec::new(),
            order_for: None,
        }
    }
}

impl ConnectivityView {
    fn refresh(&mut self, revision: u64, last: &Evidence) {
        // A new result shows in plan order.
        if self.order_for.is_some_and(|(r, _)| r != revision) {
            self.sort = SortKey::Order;
        }
        let key = (revision, self.sort);
        if self.order_for == Some(key) {
            return;
        }
        let rs = &last.report.results;
        self.order = (0..rs.len()).collect();
        match self.sort {
            SortKey::Order => {}
            SortKey::Host => self
                .order
                .sort_by(|&a, &b| rs[a].target.host.cmp(&rs[b].target.host)),
            SortKey::Port => self.order.sort_by_key(|&i| rs[i].target.port),
            SortKey::Status => self.order.sort_by_key(|&i| rs[i].status),
            SortKey::Time => self.order.sort_by_key(|&i| std::cmp::Reverse(rs[i].ms)),
        }
        self.order_for = Some(key);
    }
}

impl View for ConnectivityView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        let Some(last) = cx.test.last() else {
            ui.label(
                "No test yet: Test connectivity probes every port of the plan from this machine; \
                      Import probe results shows what a probe script found on another host.",
            );
            return;
        };
        let report = &last.report;
        ui.horizontal_wrapped(|ui| {
            let secs = last.at;
            let cancelled = if report.cancelled { " (cancelled)" } else { "" };
            ui.label(format!(
                "Last test: {:02}:{:02}:{:02} UTC, from {}{cancelled}. {}",
                secs / 3600 % 24,
                secs / 60 % 60,
                secs % 60,
                last.origin,
                report.summary()
            ));
            filter_combo(
                ui,
                "Sort by",
                &mut self.sort,
                &[
                    (SortKey::Order, "Plan order"),
                    (SortKey::Host, "Host"),
                    (SortKey::Port, "Port"),
                    (SortKey::Status, "Status"),
                    (SortKey::Time, "Time"),
                ],
            );
            if ui
                .button("Copy as CSV")
                .on_hover_text("Copy every result as CSV")
                .clicked()
            {
                let mut csv = Vec::new();
                if report.write_csv(&mut csv).is_ok() {
                    ui.ctx()
                        .copy_text(String::from_utf8_lossy(&csv).into_owned());
                }
            }
        });
        let stale = cx.test.stale();
        if !stale.is_empty() {
            const NAMED: usize = 5;
            let mut names: Vec<String> = stale.iter().take(NAMED).cloned().collect();
            if stale.len() > NAMED {
                names.push(format!("{} more", stale.len() - NAMED));
            }
            ui.colored_label(
                style::WARNING,
                format!(
                    "Stale results of {}: changed since the test (address, roles or ports); \
                     test again.",
                    names.join(", ")
                ),
            );
        }
        self.refresh(cx.test.revision(), last);
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        TableBuilder::new(ui)
            .id_salt("probe results")
            .striped(true)
            .resizable(true)
            .auto_shrink([false, false])
            .column(Column::initial(140.0).clip(true))
            .column(Column::initial(120.0).clip(true))
            .column(Column::initial(90.0))
            .column(Column::initial(100.0))
            .column(Column::initial(230.0).clip(true))
            .column(Column::initial(60.0))
            .column(Column::remainder().clip(true))
            .header(row_height, |mut h| {
                for t in ["Host", "Address", "Port", "Phase", "Status", "ms", "From"] {
                    h.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, self.order.len(), |mut row| {
                    let r = &report.results[self.order[row.index()]];
                    let stale = stale.contains(&r.target.host);
                    row.col(|ui| {
                        ui.label(&r.target.host);
                    });
                    row.col(|ui| {
                        ui.label(&r.target.address);
                    });
                    row.col(|ui| {
                        ui.label(format!("{}/{}", r.target.port, r.target.protocol));
                    });
                    row.col(|ui| {
                        ui.label(r.target.phase.name());
                    });
                    row.col(|ui| {
                        let (color, _) = style::probe_mark(r.status);
                        let text = if r.detail.is_empty() {
                            r.status.meaning().to_string()
                        } else {
                            format!("{}: {}", r.status, r.detail)
                        };
                        if stale {
                            ui.weak(format!("stale: {text}"))
                                .on_hover_text(style::STALE_NOTE);
                        } else {
                            ui.colored_label(color, text);
                        }
                    });
                    row.col(|ui| {
                        ui.label(r.ms.to_string());
                    });
                    row.col(|ui| {
                        ui.label(r.from.as_deref().unwrap_or("this machine"));
                    });
                });
            });
    }
}
