//! The window's chrome: the menu bar, the toolbar (with the running test's progress) and the
//! status bar. Every item is a [`Command`], drawn by the command itself.

use super::App;
use crate::gui::action::Action;
use crate::gui::command::Command;
use crate::gui::style;
use crate::gui::widgets::{PHASES, filter_combo};
use crate::report;

impl App {
    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, Command::New, actions);
                self.menu_item(ui, Command::Open, actions);
                ui.add_enabled_ui(!self.remembered.recent.is_empty(), |ui| {
                    ui.menu_button("Open Recent", |ui| {
                        for path in &self.remembered.recent {
                            if ui.button(path.display().to_string()).clicked() {
                                actions.push(Action::OpenRecent(path.clone()));
                            }
                        }
                    })
                });
                ui.separator();
                self.menu_item(ui, Command::Save, actions);
                self.menu_item(ui, Command::SaveAs, actions);
                ui.separator();
                self.menu_item(ui, Command::ImportInventory, actions);
                ui.separator();
                self.menu_item(ui, Command::Quit, actions);
            });
            ui.menu_button("Edit", |ui| {
                self.menu_item(ui, Command::Undo, actions);
                self.menu_item(ui, Command::Redo, actions);
                ui.separator();
                self.menu_item(ui, Command::AddHost, actions);
                self.menu_item(ui, Command::AddHosts, actions);
                self.menu_item(ui, Command::AddNetwork, actions);
                ui.separator();
                self.menu_item(ui, Command::Duplicate, actions);
                self.menu_item(ui, Command::Copy, actions);
                self.menu_item(ui, Command::Paste, actions);
                ui.separator();
                self.menu_item(ui, Command::SelectAll, actions);
                self.menu_item(ui, Command::Delete, actions);
            });
            ui.menu_button("View", |ui| {
                self.menu_item(ui, Command::ZoomToFit, actions);
                self.menu_item(ui, Command::AutoLayout, actions);
                self.menu_item(ui, Command::ToggleFlows, actions);
            });
            ui.menu_button("Export", |ui| {
                self.menu_item(ui, Command::Export, actions);
                self.menu_item(ui, Command::ExportChangeRequest, actions);
                self.menu_item(ui, Command::ExportDiagram, actions);
            });
            ui.menu_button("Test", |ui| {
                self.menu_item(ui, Command::TestConnectivity, actions);
                ui.label("Ports to test:");
                for (phase, label) in PHASES {
                    ui.radio_value(&mut self.test.phase, phase, label);
                }
                self.menu_item(ui, Command::CancelTest, actions);
                ui.separator();
                self.menu_item(ui, Command::ImportProbeResults, actions);
                self.menu_item(ui, Command::WriteProbeScript, actions);
            });
            ui.menu_button("Help", |ui| {
                self.menu_item(ui, Command::About, actions);
            });
        });
    }

    /// Whether a command can run now (menus and buttons grey it out otherwise).
    pub(super) fn enabled(&self, c: Command) -> bool {
        match c {
            Command::TestConnectivity => {
                !self.test.is_running() && !self.doc.plan().hosts.is_empty()
            }
            Command::CancelTest => self.test.is_running(),
            Command::Undo => self.doc.history().undo_label().is_some(),
            Command::Redo => self.doc.history().redo_label().is_some(),
            Command::Delete | Command::Duplicate | Command::Copy => !self.selection.is_empty(),
            Command::WriteProbeScript => !self.doc.plan().hosts.is_empty(),
            Command::SelectAll | Command::AutoLayout | Command::ZoomToFit => {
                !self.doc.plan().hosts.is_empty()
            }
            _ => true,
        }
    }

    /// A command's label as of now: "Undo Add host-1", "Hide flows".
    fn command_label(&self, c: Command) -> String {
        match c {
            Command::Undo => self.doc.history().undo_label().map(|l| format!("Undo {l}")),
            Command::Redo => self.doc.history().redo_label().map(|l| format!("Redo {l}")),
            Command::ToggleFlows if self.views.canvas.show_flows => Some("Hide flows".into()),
            _ => None,
        }
        .unwrap_or_else(|| c.label().to_string())
    }

    fn menu_item(&self, ui: &mut egui::Ui, c: Command, actions: &mut Vec<Action>) {
        if c.menu_item(ui, &self.command_label(c), self.enabled(c)) {
            actions.push(Action::Run(c));
        }
    }

    /// One row at any window width: the buttons that do not fit go to the "More" menu at
    /// the row's end, and the role palette scrolls sideways in the room that is left, so the
    /// toolbar never wraps into the canvas's height (at 1024x700 it once took four rows).
    pub(super) fn toolbar(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        const BUTTONS: [Command; 8] = [
            Command::AddHost,
            Command::AddNetwork,
            Command::Delete,
            Command::Undo,
            Command::Redo,
            Command::ZoomToFit,
            Command::AutoLayout,
            Command::ToggleFlows,
        ];
        ui.horizontal(|ui| {
            // What the buttons leave: the test's controls, the "More" button, and a palette
            // wide enough for a few roles.
            let test_width = if self.test.is_running() { 420.0 } else { 250.0 };
            let room = ui.available_width() - test_width - style::PALETTE_MIN_WIDTH;
            let labels = BUTTONS.map(|c| self.command_label(c));
            let mut fits = fitting(ui, &labels, room);
            if fits < BUTTONS.len() {
                fits = fitting(ui, &labels, room - MORE_WIDTH);
            }
            for &c in &BUTTONS[..fits] {
                if c == Command::ToggleFlows {
                    let mut flows = self.views.canvas.show_flows;
                    if ui
                        .toggle_value(&mut flows, "Flows")
                        .on_hover_text(Command::ToggleFlows.tooltip())
                        .clicked()
                    {
                        actions.push(Action::Run(c));
                    }
                } else if c.button(ui, self.enabled(c)) {
                    actions.push(Action::Run(c));
                }
            }
            if fits < BUTTONS.len() {
                ui.menu_button("More", |ui| {
                    for &c in &BUTTONS[fits..] {
                        self.menu_item(ui, c, actions);
                    }
                })
                .response
                .on_hover_text("The toolbar's buttons that do not fit the window");
            }
            ui.separator();
            self.test_controls(ui, actions);
            ui.separator();
            ui.label("Roles:")
                .on_hover_text("Drag a role onto a host, or onto empty canvas for a new host");
            // Scrolled by its bar or the wheel, not by dragging: a drag takes a role. A solid
            // bar under the roles, shown when some are out of sight: egui's floating one
            // would lie over the roles and take their drags.
            ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
            egui::ScrollArea::horizontal()
                .id_salt("role palette")
                .scroll_source(egui::scroll_area::ScrollSource {
                    drag: egui::scroll_area::DragScroll::Never,
                    ..egui::scroll_area::ScrollSource::ALL
                })
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        // The profile's own roles: a role it does not define needs no ports.
                        for role in self.doc.catalog().defined_roles().iter() {
                            let id = egui::Id::unique(("portplan palette", role));
                            ui.dnd_drag_source(id, role, |ui| style::role_badge(ui, role))
                                .response
                                .on_hover_text(format!(
                                    "{}: drag onto a host to add the role",
                                    role.description()
                                ));
                        }
                    });
                });
        });
    }

    /// Test connectivity and its phase, or the running test's progress and Cancel.
    fn test_controls(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        match self.test.progress() {
            Some(p) => {
                let s = p.summary;
                ui.add(
                    egui::ProgressBar::new(p.fraction())
                        .desired_width(260.0)
                        .text(format!(
                            "{}/{} probed: {} open, {} closed, {} filtered, {} unreachable",
                            p.done, p.total, s.open, s.closed, s.filtered, s.unreachable
                        )),
                );
                ui.label(format!("{:.0} s", p.started.elapsed().as_secs_f32()));
                if ui
                    .button("Cancel")
                    .on_hover_text("Stop the test; results so far are kept")
                    .clicked()
                {
                    actions.push(Action::Run(Command::CancelTest));
                }
            }
            None => {
                let c = Command::TestConnectivity;
                if c.button(ui, self.enabled(c)) {
                    actions.push(Action::Run(c));
                }
                filter_combo(ui, "of", &mut self.test.phase, &PHASES);
            }
        }
    }

    pub(super) fn status_bar(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let a = self.doc.analysis();
            let (hosts, networks) = a.host_and_network_counts();
            let networks = match networks {
                0 => String::new(),
                n => format!(" · {}", report::counted(n, "network")),
            };
            let hosts = match self.views.matrix.shown(self.doc.revision()) {
                Some(shown) => format!("Showing {shown} of {}", report::counted(hosts, "host")),
                None => report::counted(hosts, "host"),
            };
            let summary = format!(
                "{hosts}{networks} · {} selected · {} · {}",
                self.selection.len(),
                report::counted(a.errors(), "error"),
                report::counted(a.warnings(), "warning")
            );
            if a.errors() > 0 {
                ui.colored_label(style::ERROR, summary);
            } else {
                ui.label(summary);
            }
            ui.separator();
            if let Some(job) = &self.file_job {
                ui.label(job.status());
            }
            ui.label(&self.status);
        });
    }
}

/// The "More" button and its spacing.
const MORE_WIDTH: f32 = 70.0;

/// How many of the buttons labelled `labels`, in order, fit in `room` points.
fn fitting(ui: &egui::Ui, labels: &[String], room: f32) -> usize {
    let padding = 2.0 * ui.spacing().button_padding.x + ui.spacing().item_spacing.x;
    let mut used = 0.0;
    labels
        .iter()
        .take_while(|label| {
            let galley = egui::WidgetText::from(label.as_str()).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Button,
            );
            used += galley.size().x + padding;
            used <= room
        })
        .count()
}
