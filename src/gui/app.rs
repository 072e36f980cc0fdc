//! The desktop app: the frame loop, the panels, and the one place where actions become edits,
//! file operations and selection changes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::Panel;

use super::action::Action;
use super::canvas::CanvasView;
use super::command::Command;
use super::connectivity::Connectivity;
use super::document_job::{DocumentJob, Kind};
use super::export_view::{ExportView, Save};
use super::files::{self, Dialogs, Purpose, Remembered};
use super::flows_view::FlowsView;
use super::matrix_view::MatrixView;
use super::{catalog_view, change_request_view, inspector, style};
use crate::editing::Edit;
use crate::editing::OpenPlan;
use crate::export::change_request::Evidence;
use crate::export::pdf::layout::Paper;
use crate::files::{atomic, inventory, plan_file};
use crate::model::auto_layout;
use crate::model::timestamp::unix_seconds;
use crate::model::{Host, HostId, Os, Plan, Position};
use crate::model::{Role, RoleSet};

/// How often unsaved changes are written to the recovery file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

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

/// Something that replaces the plan, waiting for an answer about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    New,
    Open(Option<PathBuf>),
    Import,
    Quit,
}

enum Modal {
    Unsaved(Pending),
    Message { title: String, text: String },
    Recover(Box<files::Recovery>),
    About,
}

pub struct App {
    doc: OpenPlan,
    selection: HashSet<HostId>,
    canvas: CanvasView,
    matrix: MatrixView,
    flows: FlowsView,
    connectivity: Connectivity,
    export: ExportView,
    /// What the Export dialog asked to save, waiting for the file dialog's answer.
    pending_export: Option<Save>,
    /// A document being written on a thread (a large plan's PDF takes a second).
    document_job: Option<DocumentJob>,
    paper: Paper,
    tab: Tab,
    dialogs: Dialogs,
    remembered: Remembered,
    data_dir: Option<PathBuf>,
    modal: Option<Modal>,
    /// What to do once the Save As dialog (asked for by the unsaved-changes prompt) is done.
    after_save: Option<Pending>,
    autosaved: (Instant, u64),
    title: String,
    status: String,
    may_close: bool,
    /// The application icon, loaded when the About box first shows it.
    icon: Option<egui::TextureHandle>,
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
        if let Some(recovery) = options.data_dir.as_deref().and_then(files::read_recovery) {
            modal = Some(Modal::Recover(Box::new(recovery)));
        }
        let mut app = App {
            doc,
            selection: HashSet::new(),
            canvas: CanvasView::default(),
            matrix: MatrixView::default(),
            flows: FlowsView::default(),
            connectivity: Connectivity::default(),
            export: ExportView::default(),
            pending_export: None,
            document_job: None,
            paper: Paper::A4,
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
        };
        if let Some(path) = app.doc.path().map(Path::to_path_buf) {
            app.remember(&path);
        }
        app
    }

    pub fn document(&self) -> &OpenPlan {
        &self.doc
    }

    pub fn selection(&self) -> &HashSet<HostId> {
        &self.selection
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

    /// The whole window's contents, one frame.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut actions: Vec<Action> = Command::pressed(&ctx)
            .into_iter()
            .map(Action::Run)
            .collect();

        if ctx.input(|i| i.viewport().close_requested()) && !self.may_close {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Pending::Quit));
            } else {
                self.closing();
            }
        }
        while let Some((purpose, path)) = self.dialogs.poll() {
            self.dialog_answered(&ctx, purpose, path);
        }
        if self.connectivity.poll()
            && let Some(last) = self.connectivity.last()
        {
            self.status = format!("Connectivity test done: {}", last.report.summary());
        }
        self.poll_document_job(&ctx);

        Panel::top("menu").show(ui, |ui| self.menu_bar(ui, &mut actions));
        Panel::top("toolbar").show(ui, |ui| self.toolbar(ui, &mut actions));
        Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        Panel::right("inspector")
            .resizable(true)
            .default_size(330.0)
            .size_range(260.0..=460.0)
            .show(ui, |ui| {
                inspector::ui(ui, &self.doc, &self.selection, &mut actions)
            });
        Panel::bottom("views")
            .resizable(true)
            .default_size(290.0)
            .size_range(120.0..=700.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.tab, Tab::Matrix, "Port matrix");
                    ui.selectable_value(&mut self.tab, Tab::Flows, "Flows");
                    ui.selectable_value(&mut self.tab, Tab::Connectivity, "Connectivity");
                    ui.selectable_value(&mut self.tab, Tab::ChangeRequest, "Change request");
                    ui.selectable_value(&mut self.tab, Tab::Catalog, "Catalog & settings");
                });
                ui.separator();
                match self.tab {
                    Tab::Matrix => self.matrix.ui(
                        ui,
                        &self.doc,
                        &self.selection,
                        &self.connectivity,
                        &mut actions,
                    ),
                    Tab::Connectivity => self.connectivity.table_ui(ui),
                    Tab::Flows => self.flows.ui(ui, &self.doc, &mut actions),
                    Tab::ChangeRequest => {
                        change_request_view::ui(ui, &self.doc, &mut self.paper, &mut actions)
                    }
                    Tab::Catalog => catalog_view::ui(ui, &self.doc, &mut actions),
                }
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0))
            .show(ui, |ui| {
                let (doc, selection) = (&self.doc, &self.selection);
                self.canvas
                    .ui(ui, doc, selection, &self.connectivity, &mut actions)
            });

        if let Some(request) = self.export.ui(&ctx, &self.doc) {
            self.start_job(&ctx, Kind::Export(request));
        }
        self.modal_ui(&ctx);
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

    fn menu_bar(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
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
                self.phase_choice(ui);
                self.menu_item(ui, Command::CancelTest, actions);
                ui.separator();
                self.menu_item(ui, Command::ImportProbeResults, actions);
            });
            ui.menu_button("Help", |ui| {
                self.menu_item(ui, Command::About, actions);
            });
        });
    }

    fn phase_choice(&mut self, ui: &mut egui::Ui) {
        for (phase, label) in [
            (None, "All ports"),
            (
                Some(crate::analysis::Phase::InstallOnly),
                "Install-only ports",
            ),
            (Some(crate::analysis::Phase::Permanent), "Permanent ports"),
        ] {
            ui.radio_value(&mut self.connectivity.phase, phase, label);
        }
    }

    fn enabled(&self, c: Command) -> bool {
        match c {
            Command::TestConnectivity => {
                !self.connectivity.is_running() && !self.doc.plan().hosts.is_empty()
            }
            Command::CancelTest => self.connectivity.is_running(),
            Command::Undo => self.doc.history().undo_label().is_some(),
            Command::Redo => self.doc.history().redo_label().is_some(),
            Command::Delete => !self.selection.is_empty(),
            Command::SelectAll | Command::AutoLayout | Command::ZoomToFit => {
                !self.doc.plan().hosts.is_empty()
            }
            _ => true,
        }
    }

    fn command_label(&self, c: Command) -> String {
        match c {
            Command::Undo => self.doc.history().undo_label().map(|l| format!("Undo {l}")),
            Command::Redo => self.doc.history().redo_label().map(|l| format!("Redo {l}")),
            Command::ToggleFlows if self.canvas.show_flows => Some("Hide flows".into()),
            _ => None,
        }
        .unwrap_or_else(|| c.label().to_string())
    }

    fn menu_item(&self, ui: &mut egui::Ui, c: Command, actions: &mut Vec<Action>) {
        let mut button = egui::Button::new(self.command_label(c));
        // Only with a shortcut: an empty one would still end the item's label with a space.
        if let Some(s) = c.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(s));
        }
        if ui
            .add_enabled(self.enabled(c), button)
            .on_hover_text(c.tooltip())
            .clicked()
        {
            actions.push(Action::Run(c));
        }
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        ui.horizontal_wrapped(|ui| {
            for c in [
                Command::AddHost,
                Command::Delete,
                Command::Undo,
                Command::Redo,
                Command::ZoomToFit,
                Command::AutoLayout,
            ] {
                let shortcut = c
                    .shortcuts()
                    .first()
                    .map(|s| ui.ctx().format_shortcut(s))
                    .unwrap_or_default();
                let tip = format!("{} ({shortcut})", c.tooltip());
                if ui
                    .add_enabled(self.enabled(c), egui::Button::new(c.label()))
                    .on_hover_text(tip)
                    .clicked()
                {
                    actions.push(Action::Run(c));
                }
            }
            let mut flows = self.canvas.show_flows;
            if ui
                .toggle_value(&mut flows, "Flows")
                .on_hover_text(Command::ToggleFlows.tooltip())
                .clicked()
            {
                actions.push(Action::Run(Command::ToggleFlows));
            }
            ui.separator();
            if !self.connectivity.progress_ui(ui) {
                let c = Command::TestConnectivity;
                let tip = format!("{} (Ctrl+T)", c.tooltip());
                if ui
                    .add_enabled(self.enabled(c), egui::Button::new(c.label()))
                    .on_hover_text(tip)
                    .clicked()
                {
                    actions.push(Action::Run(c));
                }
                let phases = [
                    (None, "all ports"),
                    (Some(crate::analysis::Phase::InstallOnly), "install-only"),
                    (Some(crate::analysis::Phase::Permanent), "permanent"),
                ];
                super::matrix_view::filter_combo(ui, "of", &mut self.connectivity.phase, &phases);
            }
            ui.separator();
            ui.label("Roles:")
                .on_hover_text("Drag a role onto a host, or onto empty canvas for a new host");
            for role in Role::ALL {
                let id = egui::Id::unique(("portplan palette", role));
                ui.dnd_drag_source(id, role, |ui| style::role_badge(ui, role))
                    .response
                    .on_hover_text(format!(
                        "{}: drag onto a host to add the role",
                        role.description()
                    ));
            }
        });
    }

    fn status_bar(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let a = self.doc.analysis();
            let summary = format!(
                "{} hosts · {} selected · {} errors · {} warnings",
                a.hosts.len(),
                self.selection.len(),
                a.errors(),
                a.warnings()
            );
            if a.errors() > 0 {
                ui.colored_label(style::ERROR, summary);
            } else {
                ui.label(summary);
            }
            ui.separator();
            ui.label(&self.status);
        });
    }

    fn modal_ui(&mut self, ctx: &egui::Context) {
        if matches!(self.modal, Some(Modal::About)) && self.icon.is_none() {
            self.icon = Some(icon_texture(ctx));
        }
        let Some(modal) = &self.modal else { return };
        let mut answer: Option<&'static str> = None;
        let name = self.doc.plan().name.clone();
        egui::Modal::new(egui::Id::unique("portplan modal")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            match modal {
                Modal::Unsaved(_) => {
                    ui.heading("Unsaved changes");
                    ui.label(format!("Save the changes to '{name}' first?"));
                    ui.horizontal(|ui| {
                        for choice in ["Save", "Don't save", "Cancel"] {
                            if ui.button(choice).clicked() {
                                answer = Some(choice);
                            }
                        }
                    });
                }
                Modal::Message { title, text } => {
                    ui.heading(title);
                    ui.add(egui::Label::new(text.as_str()).wrap());
                    if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        answer = Some("OK");
                    }
                }
                Modal::About => {
                    about_ui(ui, self.icon.as_ref());
                    if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                        answer = Some("OK");
                    }
                }
                Modal::Recover(r) => {
                    ui.heading("Recover unsaved work?");
                    let when = r
                        .saved_at
                        .and_then(|t| t.elapsed().ok())
                        .map(|d| format!(" from {} minutes ago", d.as_secs() / 60))
                        .unwrap_or_default();
                    let origin = r.origin.as_ref().map(|p| format!(" ({})", p.display())).unwrap_or_default();
                    ui.label(format!(
                        "portplan did not close normally. Unsaved changes to '{}'{origin} were kept{when}.",
                        r.plan.name
                    ));
                    ui.horizontal(|ui| {
                        for choice in ["Recover", "Discard"] {
                            if ui.button(choice).clicked() {
                                answer = Some(choice);
                            }
                        }
                    });
                }
            }
        });
        let Some(answer) = answer else { return };
        match (self.modal.take(), answer) {
            (Some(Modal::Unsaved(pending)), "Save") => match self.doc.path().map(Path::to_path_buf)
            {
                Some(path) => {
                    if self.save_to(&path) {
                        self.proceed(ctx, pending);
                    }
                }
                None => {
                    self.after_save = Some(pending);
                    self.show_dialog(ctx, Purpose::SaveAs);
                }
            },
            (Some(Modal::Unsaved(pending)), "Don't save") => {
                self.clear_recovery();
                self.proceed(ctx, pending);
            }
            (Some(Modal::Recover(r)), "Recover") => {
                let r = *r;
                self.doc = OpenPlan::new(r.plan, r.origin);
                self.doc.mark_unsaved();
                self.selection.clear();
                self.canvas.zoom_to_fit();
                self.status = "Recovered the unsaved plan: save it to keep it".into();
            }
            (Some(Modal::Recover(_)), "Discard") => self.clear_recovery(),
            _ => {}
        }
    }

    /// Shows an error over the app; nothing else changes.
    pub fn show_error(&mut self, title: &str, text: impl Into<String>) {
        self.modal = Some(Modal::Message {
            title: title.into(),
            text: text.into(),
        });
    }

    fn act(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Run(c) => self.run(ctx, c),
            Action::Apply { edit, label, merge } => self.doc.apply(edit, &label, merge),
            Action::Seal => self.doc.seal(),
            Action::Select(ids) => self.selection = ids.into_iter().collect(),
            Action::AddToSelection(ids) => self.selection.extend(ids),
            Action::ToggleSelection(id) => {
                if !self.selection.remove(&id) {
                    self.selection.insert(id);
                }
            }
            Action::Focus(id) => self.focus_host(id),
            Action::AddHostAt(pos, role) => self.add_host(Position { x: pos.x, y: pos.y }, role),
            Action::OpenRecent(path) => self.guard(ctx, Pending::Open(Some(path))),
            Action::ChooseCatalog => self.show_dialog(ctx, Purpose::ChooseCatalog),
        }
    }

    pub fn run(&mut self, ctx: &egui::Context, c: Command) {
        if !self.enabled(c) || self.modal.is_some() {
            return;
        }
        match c {
            Command::New => self.guard(ctx, Pending::New),
            Command::Open => self.guard(ctx, Pending::Open(None)),
            Command::ImportInventory => self.guard(ctx, Pending::Import),
            Command::Quit => self.guard(ctx, Pending::Quit),
            Command::Save => match self.doc.path().map(Path::to_path_buf) {
                Some(path) => {
                    self.save_to(&path);
                }
                None => self.show_dialog(ctx, Purpose::SaveAs),
            },
            Command::SaveAs => self.show_dialog(ctx, Purpose::SaveAs),
            Command::Undo => {
                if let Some(l) = self.doc.undo() {
                    self.status = format!("Undid: {l}");
                }
                self.prune_selection();
            }
            Command::Redo => {
                if let Some(l) = self.doc.redo() {
                    self.status = format!("Redid: {l}");
                }
                self.prune_selection();
            }
            Command::SelectAll => {
                self.selection = self.doc.plan().hosts.iter().map(|h| h.id).collect()
            }
            Command::Delete => {
                let ids: Vec<HostId> = self
                    .doc
                    .plan()
                    .hosts
                    .iter()
                    .map(|h| h.id)
                    .filter(|id| self.selection.contains(id))
                    .collect();
                let label = match ids.len() {
                    1 => format!(
                        "Delete {}",
                        self.doc.plan().host(ids[0]).map_or("", |h| &h.name)
                    ),
                    n => format!("Delete {n} hosts"),
                };
                self.doc.apply(Edit::Remove(ids), &label, None);
                self.selection.clear();
            }
            Command::AddHost => {
                let pos = self.canvas.view_center();
                self.add_host(Position { x: pos.x, y: pos.y }, None);
            }
            Command::AutoLayout => {
                let mut laid_out = self.doc.plan().clone();
                auto_layout::tiers(&mut laid_out);
                self.doc
                    .apply(Edit::Update(laid_out.hosts), "Auto layout", None);
                self.canvas.zoom_to_fit();
            }
            Command::ZoomToFit => self.canvas.zoom_to_fit(),
            Command::ToggleFlows => self.canvas.show_flows = !self.canvas.show_flows,
            Command::TestConnectivity => match self.connectivity.start(ctx, self.doc.analysis()) {
                Ok(()) => self.status = "Testing connectivity…".into(),
                Err(e) => self.show_error("Cannot test connectivity", e),
            },
            Command::CancelTest => self.connectivity.cancel(),
            Command::ImportProbeResults => self.show_dialog(ctx, Purpose::ImportProbeResults),
            Command::Export => self.export.open = true,
            Command::About => self.modal = Some(Modal::About),
            Command::ExportChangeRequest | Command::ExportDiagram => {
                self.start_document(ctx, c == Command::ExportChangeRequest)
            }
        }
    }

    /// Writes the change request (or the diagram) on a thread from a copy of the plan; the
    /// save dialog opens when it is ready.
    fn start_document(&mut self, ctx: &egui::Context, pdf: bool) {
        let kind = if pdf {
            let evidence = self.connectivity.last().map(|l| Evidence {
                report: l.report.clone(),
                at: unix_seconds(l.at),
                origin: l.origin.clone(),
            });
            Kind::ChangeRequest(self.paper, evidence)
        } else {
            Kind::Diagram
        };
        self.start_job(ctx, kind);
    }

    /// One file job at a time; the status bar says what is being written.
    fn start_job(&mut self, ctx: &egui::Context, kind: Kind) {
        if self.document_job.is_some() {
            self.status = "Still writing the last file: try again when it is ready.".into();
            return;
        }
        self.status = kind.progress().into();
        self.document_job = Some(DocumentJob::start(
            ctx,
            self.doc.plan().clone(),
            self.doc.catalog().clone(),
            kind,
        ));
    }

    /// Opens the save dialog for an export, beside the plan; the export waits for the answer.
    fn ask_where_to_save(&mut self, ctx: &egui::Context, save: Save) {
        let (purpose, name) = match &save {
            Save::File(f) => (Purpose::ExportFile, f.name.clone()),
            Save::Folder(_) => (Purpose::ExportFolder, String::new()),
        };
        self.pending_export = Some(save);
        let dir = self
            .doc
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        self.dialogs.show(ctx, purpose, dir, Some(name));
    }

    fn poll_document_job(&mut self, ctx: &egui::Context) {
        let Some(answer) = self.document_job.as_ref().and_then(DocumentJob::poll) else {
            return;
        };
        self.document_job = None;
        match answer {
            Ok(save) => {
                self.status = match &save {
                    Save::File(f) => format!("{} is ready to save", f.name),
                    Save::Folder(files) => format!("{} files are ready to save", files.len()),
                };
                self.ask_where_to_save(ctx, save);
            }
            Err(e) => {
                self.status.clear();
                self.show_error("Cannot export", e);
            }
        }
    }

    /// A new host with a name no other host has, selected.
    fn add_host(&mut self, position: Position, role: Option<Role>) {
        let plan = self.doc.plan();
        let names: HashSet<String> = plan.hosts.iter().map(|h| h.name.to_lowercase()).collect();
        let name = (1..)
            .map(|n| format!("host-{n}"))
            .find(|n| !names.contains(n))
            .expect("a free name");
        let host = Host {
            id: plan.next_host_id(),
            name: name.clone(),
            address: String::new(),
            os: Os::Windows,
            roles: role.map(|r| RoleSet::EMPTY.with(r)).unwrap_or_default(),
            position,
        };
        let id = host.id;
        let index = plan.hosts.len();
        self.doc.apply(
            Edit::Insert(vec![(index, host)]),
            &format!("Add {name}"),
            None,
        );
        self.selection = [id].into_iter().collect();
    }

    fn prune_selection(&mut self) {
        let plan = self.doc.plan();
        self.selection.retain(|id| plan.host(*id).is_some());
    }

    /// Runs `pending` now, or first asks about unsaved changes.
    fn guard(&mut self, ctx: &egui::Context, pending: Pending) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(pending));
        } else {
            self.proceed(ctx, pending);
        }
    }

    fn proceed(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::New => {
                self.replace(OpenPlan::new(Plan::new("Untitled plan"), None));
                self.status = "New plan".into();
            }
            Pending::Open(None) => self.show_dialog(ctx, Purpose::Open),
            Pending::Open(Some(path)) => self.open_path(&path),
            Pending::Import => self.show_dialog(ctx, Purpose::Import),
            Pending::Quit => {
                self.closing();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn replace(&mut self, doc: OpenPlan) {
        self.doc = doc;
        self.selection.clear();
        self.canvas.zoom_to_fit();
        self.clear_recovery();
        self.remembered.last = self.doc.path().map(Path::to_path_buf);
        self.store_remembered();
    }

    /// Opens a plan file; a file that cannot be read leaves the current plan as it was.
    pub fn open_path(&mut self, path: &Path) {
        match OpenPlan::open(path) {
            Ok(doc) => {
                self.replace(doc);
                self.remember(path);
                self.status = format!("Opened {}", path.display());
            }
            Err(e) => self.show_error("Cannot open the plan", e.to_string()),
        }
    }

    /// Makes a new, unsaved plan from an inventory; a bad inventory changes nothing.
    pub fn import_path(&mut self, path: &Path) {
        let name = path
            .file_stem()
            .map_or("Imported plan".into(), |s| s.to_string_lossy().into_owned());
        let result = std::fs::read(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))
            .and_then(|bytes| {
                inventory::import(&bytes, &name).map_err(|e| {
                    const SHOWN: usize = 15;
                    let mut lines: Vec<String> =
                        e.0.iter().take(SHOWN).map(|r| r.to_string()).collect();
                    if e.0.len() > SHOWN {
                        lines.push(format!("… and {} more", e.0.len() - SHOWN));
                    }
                    format!("{}:\n{}", path.display(), lines.join("\n"))
                })
            });
        match result {
            Ok(plan) => {
                let n = plan.hosts.len();
                self.replace(OpenPlan::new(plan, None));
                self.doc.mark_unsaved();
                self.status = format!(
                    "Imported {n} hosts from {}: save the plan to keep it",
                    path.display()
                );
            }
            Err(text) => self.show_error("Cannot import the inventory", text),
        }
    }

    /// Shows the results a probe script wrote on another host.
    pub fn import_probe_results(&mut self, path: &Path) {
        let read = std::fs::read(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))
            .and_then(|b| {
                crate::probe::Report::read_csv(&b)
                    .map_err(|rows| format!("{}:\n{}", path.display(), rows.join("\n")))
            });
        match read {
            Ok(report) => {
                let mut origins: Vec<&str> = report
                    .results
                    .iter()
                    .filter_map(|r| r.from.as_deref())
                    .collect();
                origins.sort();
                origins.dedup();
                let origin = if origins.is_empty() {
                    "an unnamed host".into()
                } else {
                    origins.join(", ")
                };
                self.status = format!("Imported probe results from {origin}: {}", report.summary());
                self.connectivity.show(report, origin);
                self.tab = Tab::Connectivity;
            }
            Err(e) => self.show_error("Cannot import the probe results", e),
        }
    }

    /// Writes what the Export dialog produced: a file at `path`, or files into the folder.
    pub fn write_export(&mut self, save: Save, path: &Path) {
        let written = match save {
            Save::File(f) => atomic::write_atomically(path, &f.contents).map(|()| 1),
            Save::Folder(files) => files
                .iter()
                .try_for_each(|f| atomic::write_atomically(&path.join(&f.name), &f.contents))
                .map(|()| files.len()),
        };
        match written {
            Ok(n) => self.status = format!("Exported {n} file(s) to {}", path.display()),
            Err(e) => self.show_error("Cannot export", e.to_string()),
        }
    }

    /// Shows no native file dialogs; [`App::answer_dialog`] answers them instead (tests).
    pub fn script_dialogs(&mut self) {
        self.dialogs.script();
    }

    /// Answers the open file dialog as a user would: a path, or `None` for Cancel. False when
    /// no dialog is open. The answer is taken on the next frame.
    pub fn answer_dialog(&mut self, path: Option<PathBuf>) -> bool {
        self.dialogs.answer(path)
    }

    /// Whether a file (PDF, SVG, an export) is being written.
    pub fn writing_document(&self) -> bool {
        self.document_job.is_some()
    }

    /// Whether a connectivity test is running.
    pub fn testing(&self) -> bool {
        self.connectivity.is_running()
    }

    /// Saves; on failure says why and keeps everything as it was.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match self.doc.save_as(path) {
            Ok(()) => {
                self.remember(path);
                self.clear_recovery();
                self.status = format!("Saved {}", path.display());
                true
            }
            Err(e) => {
                self.show_error("Cannot save the plan", e.to_string());
                false
            }
        }
    }

    fn show_dialog(&mut self, ctx: &egui::Context, purpose: Purpose) {
        let dir = self
            .doc
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let name = format!("{}.json", self.doc.plan().name);
        self.dialogs.show(ctx, purpose, dir, Some(name));
    }

    fn dialog_answered(&mut self, ctx: &egui::Context, purpose: Purpose, path: Option<PathBuf>) {
        let Some(path) = path else {
            self.after_save = None;
            if self.pending_export.take().is_some() {
                self.status = "Export cancelled".into();
            }
            return;
        };
        match purpose {
            Purpose::Open => self.open_path(&path),
            Purpose::Import => self.import_path(&path),
            Purpose::SaveAs => {
                if self.save_to(&path)
                    && let Some(pending) = self.after_save.take()
                {
                    self.proceed(ctx, pending);
                }
            }
            Purpose::ImportProbeResults => self.import_probe_results(&path),
            Purpose::ExportFile | Purpose::ExportFolder => {
                if let Some(save) = self.pending_export.take() {
                    self.write_export(save, &path);
                }
            }
            Purpose::ChooseCatalog => {
                let mut settings = self.doc.plan().settings.clone();
                let base = self.doc.path().and_then(Path::parent);
                settings.catalog = base
                    .and_then(|b| path.strip_prefix(b).ok())
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .into_owned();
                self.doc
                    .apply(Edit::Settings(settings), "Choose the catalog", None);
                if let Some(problem) = self.doc.catalog_problem() {
                    self.show_error("Cannot use the catalog", problem.to_string());
                }
            }
        }
    }

    fn remember(&mut self, path: &Path) {
        self.remembered.opened(path);
        self.store_remembered();
    }

    fn store_remembered(&self) {
        if let Some(dir) = &self.data_dir {
            self.remembered.store(dir);
        }
    }

    fn clear_recovery(&mut self) {
        if let Some(dir) = &self.data_dir {
            files::clear_recovery(dir);
        }
        self.autosaved = (Instant::now(), self.doc.generation());
    }

    /// Every 30 s with unsaved changes, the plan goes to the recovery file.
    fn autosave(&mut self, ctx: &egui::Context) {
        if !self.doc.is_dirty() {
            return;
        }
        let due = self.autosaved.0 + AUTOSAVE_EVERY;
        if self.autosaved.1 != self.doc.generation() && Instant::now() >= due {
            self.write_recovery();
        }
        ctx.request_repaint_after(
            due.saturating_duration_since(Instant::now())
                .max(Duration::from_secs(1)),
        );
    }

    /// Writes the recovery file now (autosave does this every 30 s).
    pub fn write_recovery(&mut self) {
        if let Some(dir) = &self.data_dir
            && let Err(e) = files::write_recovery(dir, self.doc.plan(), self.doc.path())
        {
            self.status = format!("Could not write the recovery file: {e}");
        }
        self.autosaved = (Instant::now(), self.doc.generation());
    }

    /// The window is closing for good: nothing unsaved is wanted any more.
    fn closing(&mut self) {
        self.may_close = true;
        self.clear_recovery();
        self.remembered.last = self.doc.path().map(Path::to_path_buf);
        self.store_remembered();
    }

    /// Selects a host and centers the canvas on it.
    pub fn focus_host(&mut self, id: HostId) {
        self.selection = [id].into_iter().collect();
        if let Some(h) = self.doc.plan().host(id) {
            self.canvas.focus(h);
        }
    }

    /// Where a host's card is on the screen, as of the last frame.
    pub fn card_on_screen(&self, id: HostId) -> Option<egui::Rect> {
        self.doc.plan().host(id).map(|h| self.canvas.on_screen(h))
    }

    pub fn message(&self) -> Option<&str> {
        match &self.modal {
            Some(Modal::Message { text, .. }) => Some(text),
            _ => None,
        }
    }

    pub fn status(&self) -> &str {
        &self.status
    }

    pub fn has_unsaved_prompt(&self) -> bool {
        matches!(self.modal, Some(Modal::Unsaved(_)))
    }

    pub fn has_recovery_offer(&self) -> bool {
        matches!(self.modal, Some(Modal::Recover(_)))
    }
}

/// What Help > About shows: the name, the version and the license Cargo.toml gives, and what
/// portplan does.
fn about_ui(ui: &mut egui::Ui, icon: Option<&egui::TextureHandle>) {
    ui.horizontal(|ui| {
        if let Some(icon) = icon {
            ui.image((icon.id(), egui::vec2(64.0, 64.0)));
        }
        ui.vertical(|ui| {
            ui.heading("portplan");
            ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
        });
    });
    ui.add_space(6.0);
    ui.add(egui::Label::new(env!("CARGO_PKG_DESCRIPTION")).wrap());
    ui.add_space(6.0);
    ui.label(format!("License: {}", env!("CARGO_PKG_LICENSE")));
    ui.add_space(6.0);
}

/// The application icon as a texture, for the About box.
fn icon_texture(ctx: &egui::Context) -> egui::TextureHandle {
    let icon =
        eframe::icon_data::from_png_bytes(super::ICON_PNG).expect("the bundled icon is a PNG");
    let image = egui::ColorImage::from_rgba_unmultiplied(
        [icon.width as usize, icon.height as usize],
        &icon.rgba,
    );
    ctx.load_texture("portplan icon", image, egui::TextureOptions::LINEAR)
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }
}
