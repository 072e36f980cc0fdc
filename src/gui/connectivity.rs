//! Connectivity tests in the app: probes run on a tokio runtime off the UI thread; results
//! arrive over a channel with a repaint request, and are shown on the matrix, on the cards and
//! in a table.

use std::collections::HashMap;
use std::sync::mpsc;
use std::time::{Instant, SystemTime};

use egui_extras::{Column, TableBuilder};

use super::matrix_view::filter_combo;
use crate::analysis::{Analysis, Phase};
use crate::probe::{self, Cancel, ProbeResult, Report, Status, Summary};

enum Message {
    Result(ProbeResult),
    Finished(Report),
}

struct Running {
    rx: mpsc::Receiver<Message>,
    cancel: Cancel,
    total: usize,
    done: usize,
    summary: Summary,
    started: Instant,
}

/// A finished test or an imported result file.
pub struct Finished {
    pub report: Report,
    pub at: SystemTime,
    /// Where the probes ran: this machine, or the host named in an imported file.
    pub origin: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SortKey {
    Order,
    Host,
    Port,
    Status,
    Time,
}

pub struct Connectivity {
    runtime: Option<tokio::runtime::Runtime>,
    running: Option<Running>,
    /// Which phase the next test covers (all with `None`).
    pub phase: Option<Phase>,
    pub options: probe::Options,
    last: Option<Finished>,
    /// (host name, port) -> status and where it was seen from.
    by_cell: HashMap<(String, u16), (Status, Option<String>)>,
    /// host name -> (open, probed).
    by_host: HashMap<String, (usize, usize)>,
    sort: SortKey,
    /// Result indices in display order.
    order: Vec<usize>,
}

impl Default for Connectivity {
    fn default() -> Self {
        Connectivity {
            runtime: None,
            running: None,
            phase: None,
            options: probe::Options::default(),
            last: None,
            by_cell: HashMap::new(),
            by_host: HashMap::new(),
            sort: SortKey::Order,
            order: Vec::new(),
        }
    }
}

/// Where a status is drawn: a letter on a colored dot, distinct for each class.
pub fn mark(status: Status) -> (egui::Color32, &'static str) {
    use egui::Color32;
    match status {
        Status::Open => (Color32::from_rgb(0x1E, 0x7B, 0x34), "O"),
        Status::Closed => (Color32::from_rgb(0xC6, 0x28, 0x28), "C"),
        Status::Filtered => (Color32::from_rgb(0x61, 0x61, 0x61), "F"),
        Status::Unreachable => (Color32::from_rgb(0x8E, 0x24, 0xAA), "U"),
        Status::Unresolved => (Color32::from_rgb(0x5D, 0x40, 0x37), "?"),
        Status::Error => (Color32::from_rgb(0xBF, 0x36, 0x0C), "!"),
        Status::Skipped => (Color32::from_rgb(0x90, 0x90, 0x90), "-"),
    }
}

pub fn paint_mark(painter: &egui::Painter, center: egui::Pos2, radius: f32, status: Status) {
    let (fill, letter) = mark(status);
    painter.circle(
        center,
        radius,
        fill,
        egui::Stroke::new(1.0, egui::Color32::WHITE),
    );
    painter.text(
        center,
        egui::Align2::CENTER_CENTER,
        letter,
        egui::FontId::proportional(radius * 1.4),
        egui::Color32::WHITE,
    );
}

impl Connectivity {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    pub fn last(&self) -> Option<&Finished> {
        self.last.as_ref()
    }

    /// The status of a cell, from the last test or import.
    pub fn status(&self, host: &str, port: u16) -> Option<(Status, Option<&str>)> {
        self.by_cell
            .get(&(host.to_string(), port))
            .map(|(s, from)| (*s, from.as_deref()))
    }

    /// (open, probed) of a host.
    pub fn host_counts(&self, host: &str) -> Option<(usize, usize)> {
        self.by_host.get(host).copied()
    }

    /// Starts a test of the matrix cells of `phase`; returns why not, if it cannot start.
    pub fn start(&mut self, ctx: &egui::Context, a: &Analysis) -> Result<(), String> {
        if self.running.is_some() {
            return Err("a test is already running".into());
        }
        let targets = probe::targets::from_matrix(a, self.phase, &[])?;
        if targets.is_empty() {
            return Err("nothing to test: no host needs a port in this phase".into());
        }
        if self.runtime.is_none() {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("portplan-probe")
                .enable_all()
                .build()
                .map_err(|e| format!("cannot start the probe engine: {e}"))?;
            self.runtime = Some(rt);
        }
        let (tx, rx) = mpsc::channel();
        let cancel = Cancel::default();
        let total = targets.len();
        let (engine_cancel, options, ctx) = (cancel.clone(), self.options, ctx.clone());
        self.runtime.as_ref().expect("just made").spawn(async move {
            let progress = tx.clone();
            let repaint = ctx.clone();
            let report = probe::engine::run(targets, options, engine_cancel, move |_, r| {
                let _ = progress.send(Message::Result(r.clone()));
                repaint.request_repaint();
            })
            .await;
            let _ = tx.send(Message::Finished(report));
            ctx.request_repaint();
        });
        self.running = Some(Running {
            rx,
            cancel,
            total,
            done: 0,
            summary: Summary::default(),
            started: Instant::now(),
        });
        Ok(())
    }

    pub fn cancel(&mut self) {
        if let Some(r) = &self.running {
            r.cancel.cancel();
        }
    }

    /// Takes what the engine sent since the last frame; true when a test just finished.
    pub fn poll(&mut self) -> bool {
        let Some(running) = &mut self.running else {
            return false;
        };
        let mut finished = None;
        while let Ok(m) = running.rx.try_recv() {
            match m {
                Message::Result(r) => {
                    running.done += 1;
                    running.summary.add(r.status);
                }
                Message::Finished(report) => finished = Some(report),
            }
        }
        match finished {
            Some(report) => {
                self.running = None;
                self.show(report, "this machine".into());
                true
            }
            None => false,
        }
    }

    /// Shows a report: a finished test or an imported file.
    pub fn show(&mut self, report: Report, origin: String) {
        self.by_cell.clear();
        self.by_host.clear();
        for r in &report.results {
            self.by_cell.insert(
                (r.target.host.clone(), r.target.port.start),
                (r.status, r.from.clone()),
            );
            if r.status != Status::Skipped {
                let counts = self.by_host.entry(r.target.host.clone()).or_default();
                counts.1 += 1;
                counts.0 += usize::from(r.status == Status::Open);
            }
        }
        self.order = (0..report.results.len()).collect();
        self.sort = SortKey::Order;
        self.last = Some(Finished {
            report,
            at: SystemTime::now(),
            origin,
        });
    }

    /// The progress line and Cancel button while a test runs; false when none runs.
    pub fn progress_ui(&mut self, ui: &mut egui::Ui) -> bool {
        let Some(r) = &self.running else { return false };
        let fraction = if r.total == 0 {
            1.0
        } else {
            r.done as f32 / r.total as f32
        };
        let s = r.summary;
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(260.0)
                .text(format!(
                    "{}/{} probed: {} open, {} closed, {} filtered, {} unreachable",
                    r.done, r.total, s.open, s.closed, s.filtered, s.unreachable
                )),
        );
        ui.label(format!("{:.0} s", r.started.elapsed().as_secs_f32()));
        if ui
            .button("Cancel")
            .on_hover_text("Stop the test; results so far are kept")
            .clicked()
        {
            self.cancel();
        }
        true
    }

    /// The legend of the probe marks.
    pub fn legend(ui: &mut egui::Ui) {
        for s in [
            Status::Open,
            Status::Closed,
            Status::Filtered,
            Status::Unreachable,
            Status::Unresolved,
        ] {
            let (rect, resp) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            paint_mark(ui.painter(), rect.center(), 7.0, s);
            resp.on_hover_text(s.meaning());
            ui.label(egui::RichText::new(s.name()).small())
                .on_hover_text(s.meaning());
        }
    }

    /// The results table: sortable, copyable.
    pub fn table_ui(&mut self, ui: &mut egui::Ui) {
        let Some(last) = &self.last else {
            ui.label(
                "No test yet: Test connectivity probes every port of the plan from this machine; \
                      Import probe results shows what a probe script found on another host.",
            );
            return;
        };
        let report = &last.report;
        ui.horizontal_wrapped(|ui| {
            let secs = crate::model::timestamp::unix_seconds(last.at);
            let cancelled = if report.cancelled { " (cancelled)" } else { "" };
            ui.label(format!(
                "Last test: {:02}:{:02}:{:02} UTC, from {}{cancelled}. {}",
                secs / 3600 % 24,
                secs / 60 % 60,
                secs % 60,
                last.origin,
                report.summary()
            ));
            let mut sort = self.sort;
            filter_combo(
                ui,
                "Sort by",
                &mut sort,
                &[
                    (SortKey::Order, "Plan order"),
                    (SortKey::Host, "Host"),
                    (SortKey::Port, "Port"),
                    (SortKey::Status, "Status"),
                    (SortKey::Time, "Time"),
                ],
            );
            if sort != self.sort {
                self.sort = sort;
                let rs = &report.results;
                self.order = (0..rs.len()).collect();
                match sort {
                    SortKey::Order => {}
                    SortKey::Host => self
                        .order
                        .sort_by(|&a, &b| rs[a].target.host.cmp(&rs[b].target.host)),
                    SortKey::Port => self.order.sort_by_key(|&i| rs[i].target.port),
                    SortKey::Status => self.order.sort_by_key(|&i| rs[i].status),
                    SortKey::Time => self.order.sort_by_key(|&i| std::cmp::Reverse(rs[i].ms)),
                }
            }
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
                        let (color, _) = mark(r.status);
                        let text = if r.detail.is_empty() {
                            r.status.meaning().to_string()
                        } else {
                            format!("{}: {}", r.status, r.detail)
                        };
                        ui.colored_label(color, text);
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
