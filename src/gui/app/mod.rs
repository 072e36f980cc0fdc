//! The desktop app's window: the frame loop and the panels. What the window does is in rooms
//! of their own: [`chrome`] (menu, toolbar, status bar), [`modals`] (questions and messages,
//! with typed answers), [`commands`] (actions become edits, selection changes and file jobs)
//! and [`session`] (the file: open, save, import, recovery and autosave).

mod add_hosts;
mod chrome;
mod commands;
mod modals;
mod probe_script;
mod questions;
mod session;
#[cfg(feature = "testing")]
mod testing;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::Panel;

use super::action::Action;
use super::command::Command;
use super::connectivity_test::ConnectivityTest;
use super::file_dialogs::Dialogs;
use super::file_job::FileJob;
use super::recovery;
use super::remembered::Remembered;
use super::views::canvas::CanvasView;
use super::views::catalog::CatalogView;
use super::views::change_request::ChangeRequestView;
use super::views::connectivity::ConnectivityView;
use super::views::export_dialog::ExportDialog;
use super::views::flows::FlowsView;
use super::views::inspector::InspectorView;
use super::views::matrix::MatrixView;
use super::views::{View, ViewContext};
use crate::editing::OpenPlan;
use crate::export::Output;
use crate::files::plan_file;
use crate::model::{HostId, Plan};
use questions::Modal;

/// How often unsaved changes are written to the recovery file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

/// The least the side and bottom panels leave the canvas, in points.
const CANVAS_MIN: egui::Vec2 = egui::vec2(360.0, 180.0);

/// What the app opens at start.
pub enum Start {
    /// This plan file (`portplan PLAN.json`).
    File(PathBuf),
    /// The last plan, or the bundled example on first start.
    Last,
    /// An empty plan.
    Empty,
    /// This plan, not yet saved anywhere (tests and benchmarks).
    Plan(Box<Plan>),
}

pub struct Options {
    pub start: Start,
    /// Where the remembered state and the recovery file live; `None` keeps nothing.
    pub data_dir: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Matrix,
    Flows,
    Connectivity,
    ChangeRequest,
    Catalog,
}

/// Every view's own state.
#[derive(Default)]
struct Views {
    canvas: CanvasView,
    matrix: MatrixView,
    flows: FlowsView,
    connectivity: ConnectivityView,
    change_request: ChangeRequestView,
    catalog: CatalogView,
    inspector: InspectorView,
    export: ExportDialog,
}

pub struct App {
    doc: OpenPlan,
    selection: HashSet<HostId>,
    views: Views,
    test: ConnectivityTest,
    /// What an export wrote, waiting for the save dialog's answer.
    pending_export: Option<Output>,
    /// Files being written on a thread (a large plan's PDF takes a second).
    file_job: Option<FileJob>,
    tab: Tab,
    dialogs: Dialogs,
    remembered: Remembered,
    data_dir: Option<PathBuf>,
    modal: Option<Modal>,
    /// What to do once the Save As dialog (asked for by the unsaved-changes prompt) is done.
    after_save: Option<questions::Pending>,
    autosaved: (Instant, u64),
    title: String,
    status: String,
    may_close: bool,
    /// The application icon, loaded when the About box first shows it.
    icon: Option<egui::TextureHandle>,
    /// Input that came after a Tab in one frame, held for the next (see `hold_after_tab`).
    after_tab: Vec<egui::Event>,
}

impl App {
    pub fn new(options: Options) -> App {
        let remembered = options
            .data_dir
            .as_deref()
            .map(Remembered::load)
            .unwrap_or_default();
        let mut status = String::new();
        let mut modal = None;
        let doc = match &options.start {
            Start::File(path) => OpenPlan::open(path).unwrap_or_else(|e| {
                modal = Some(Modal::Message {
                    title: "Cannot open the plan".into(),
                    text: e.to_string(),
                });
                OpenPlan::new(plan_file::example(), None)
            }),
            Start::Last => match &remembered.last {
                Some(path) => OpenPlan::open(path).unwrap_or_else(|e| {
                    status = format!("Could not reopen the last plan: {e}");
                    OpenPlan::new(plan_file::example(), None)
                }),
                None => OpenPlan::new(plan_file::example(), None),
            },
            Start::Empty => OpenPlan::new(Plan::new("Untitled plan"), None),
            Start::Plan(plan) => OpenPlan::new(*plan.clone(), None),
        };
        if let Some(found) = options.data_dir.as_deref().and_then(recovery::read) {
            modal = Some(Modal::Recover(Box::new(found)));
        }
        let mut app = App {
            doc,
            selection: HashSet::new(),
            views: Views::default(),
            test: ConnectivityTest::default(),
            pending_export: None,
            file_job: None,
            tab: Tab::Matrix,
            dialogs: Dialogs::default(),
            remembered,
            data_dir: options.data_dir,
            modal,
            after_save: None,
            autosaved: (Instant::now(), 0),
            title: String::new(),
            status,
            may_close: false,
            icon: None,
            after_tab: Vec::new(),
        };
        if let Some(path) = app.doc.path().map(Path::to_path_buf) {
            app.remember(&path);
        }
        app
    }

    /// The open plan.
    pub fn document(&self) -> &OpenPlan {
        &self.doc
    }

    pub fn selection(&self) -> &HashSet<HostId> {
        &self.selection
    }

    /// What the status bar says.
    pub fn status(&self) -> &str {
        &self.status
    }

    /// The window's title: the plan's name, with `*` while there are unsaved changes.
    pub fn title(&self) -> String {
        let file = self
            .doc
            .path()
            .and_then(|p| p.file_name())
            .map(|f| format!(" ({})", f.to_string_lossy()))
            .unwrap_or_default();
        let dirty = if self.doc.is_dirty() { "*" } else { "" };
        format!("{dirty}{}{file} — portplan", self.doc.plan().name)
    }

    /// A focused text field takes every key of the frame, and egui moves the focus on Tab
    /// only after it: with quick typing, the keys after a Tab, arriving in the same frame,
    /// went to the field being left. What follows a Tab waits for the next frame, when the
    /// field Tab moved to has the keyboard.
    fn hold_after_tab(&mut self, ctx: &egui::Context) {
        let held = std::mem::take(&mut self.after_tab);
        let direction = ctx.input_mut(|i| {
            i.events.splice(0..0, held);
            let tab = i.events.iter().position(|e| focus_move(e).is_some())?;
            self.after_tab = i.events.split_off(tab + 1);
            focus_move(&i.events[tab])
        });
        // egui reads the direction from the frame's raw input, which lacks a Tab held over
        // from the frame before.
        if let Some(direction) = direction {
            ctx.memory_mut(|m| m.move_focus(direction));
        }
        if !self.after_tab.is_empty() {
            ctx.request_repaint();
        }
    }

    /// The whole window's contents, one frame: what arrived from other threads, the panels,
    /// then the actions the frame asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.hold_after_tab(&ctx);
        let mut actions: Vec<Action> = Command::pressed(&ctx)
            .into_iter()
            .map(Action::Run)
            .collect();
        self.clipboard(&ctx);

        if ctx.input(|i| i.viewport().close_requested()) && !self.may_close {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(questions::Pending::Quit));
            } else {
                self.closing();
            }
        }
        while let Some((purpose, path)) = self.dialogs.poll() {
            self.dialog_answered(&ctx, purpose, path);
        }
        if self.test.poll()
            && let Some(last) = self.test.last()
        {
            self.status = format!("Connectivity test done: {}", last.report.summary());
        }
        self.poll_file_job(&ctx);
        self.test
            .check_stale(self.doc.revision(), self.doc.analysis());

        Panel::top("menu").show(ui, |ui| self.menu_bar(ui, &mut actions));
        Panel::top("toolbar").show(ui, |ui| self.toolbar(ui, &mut actions));
        Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        let mut cx = ViewContext {
            doc: &self.doc,
            selection: &self.selection,
            test: &self.test,
            actions: &mut actions,
        };
        let views = &mut self.views;
        // However the panels are dragged, the canvas keeps room to work in (at 1024x700 it
        // once shrank to 100 points).
        let room = ui.available_size();
        Panel::right("inspector")
            .resizable(true)
            .default_size(320.0)
            .size_range(260.0..=(room.x - CANVAS_MIN.x).clamp(260.0, 460.0))
            .show(ui, |ui| views.inspector.ui(ui, &mut cx));
        let tab = &mut self.tab;
        Panel::bottom("views")
            .resizable(true)
            .default_size(290.0)
            .size_range(120.0..=(room.y - CANVAS_MIN.y).max(120.0))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(tab, Tab::Matrix, "Port matrix");
                    ui.selectable_value(tab, Tab::Flows, "Flows");
                    ui.selectable_value(tab, Tab::Connectivity, "Connectivity");
                    ui.selectable_value(tab, Tab::ChangeRequest, "Change request");
                    ui.selectable_value(tab, Tab::Catalog, "Catalog & settings");
                });
                ui.separator();
                let view: &mut dyn View = match tab {
                    Tab::Matrix => &mut views.matrix,
                    Tab::Flows => &mut views.flows,
                    Tab::Connectivity => &mut views.connectivity,
                    Tab::ChangeRequest => &mut views.change_request,
                    Tab::Catalog => &mut views.catalog,
                };
                view.ui(ui, &mut cx);
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0))
            .show(ui, |ui| views.canvas.ui(ui, &mut cx));
        views.export.ui(ui, &mut cx);

        self.modal_ui(&ctx);
        self.dialogs.fallback_ui(&ctx);
        for action in actions {
            self.act(&ctx, action);
        }
        self.autosave(&ctx);
        let title = self.title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }
}

/// Where a key event moves the focus, as egui reads it: Tab forward, Shift+Tab back.
fn focus_move(e: &egui::Event) -> Option<egui::FocusDirection> {
    match e {
        egui::Event::Key {
            key: egui::Key::Tab,
            pressed: true,
            modifiers,
            ..
        } => {
            if modifiers.is_none() {
                Some(egui::FocusDirection::Next)
            } else if modifiers.shift_only() {
                Some(egui::FocusDirection::Previous)
            } else {
                None
            }
        }
        _ => None,
    }
}
