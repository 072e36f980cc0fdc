//! Where the frame's actions take effect: commands run, edits apply as undo steps, the
//! selection changes, and exports start on the file-job thread.

use std::collections::HashSet;
use std::path::Path;

use super::questions::Pending;
use super::{App, Tab};
use crate::editing::Edit;
use crate::export::{Format, Output};
use crate::files::atomic::write_atomically;
use crate::gui::action::Action;
use crate::gui::command::Command;
use crate::gui::file_dialogs::Purpose;
use crate::gui::file_job::{FileJob, Request};
use crate::model::auto_layout;
use crate::model::{Host, HostId, HostKind, Os, Position, Role, RoleSet};

impl App {
    pub(super) fn act(&mut self, ctx: &egui::Context, action: Action) {
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
            Action::AddHostAt(pos, role) => {
                // An external role (admins, NVMe hosts, a peer system) is usually a network.
                let kind = match role {
                    Some(r) if r.is_external() => HostKind::Network,
                    _ => HostKind::Host,
                };
                self.add_card(Position { x: pos.x, y: pos.y }, kind, role)
            }
            Action::OpenRecent(path) => self.guard(ctx, Pending::Open(Some(path))),
            Action::ChooseCatalog => self.show_dialog(ctx, Purpose::ChooseCatalog),
            Action::Export(request) => self.start_job(ctx, request),
        }
    }

    /// Runs a command, as its menu item, button or shortcut does; nothing while it is
    /// disabled or a modal question waits.
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
            Command::AddHost | Command::AddNetwork => {
                let pos = self.views.canvas.view_center();
                let kind = if c == Command::AddNetwork {
                    HostKind::Network
                } else {
                    HostKind::Host
                };
                self.add_card(Position { x: pos.x, y: pos.y }, kind, None);
            }
            Command::AutoLayout => {
                let mut laid_out = self.doc.plan().clone();
                auto_layout::tiers(&mut laid_out);
                self.doc
                    .apply(Edit::Update(laid_out.hosts), "Auto layout", None);
                self.views.canvas.zoom_to_fit();
            }
            Command::ZoomToFit => self.views.canvas.zoom_to_fit(),
            Command::ToggleFlows => self.views.canvas.show_flows = !self.views.canvas.show_flows,
            Command::TestConnectivity => match self.test.start(ctx, self.doc.analysis()) {
                Ok(()) => self.status = "Testing connectivity…".into(),
                Err(e) => self.show_error("Cannot test connectivity", e),
            },
            Command::CancelTest => self.test.cancel(),
            Command::ImportProbeResults => self.show_dialog(ctx, Purpose::ImportProbeResults),
            Command::Export => self.views.export.open = true,
            Command::About => self.modal = Some(super::questions::Modal::About),
            Command::ExportChangeRequest => self.start_job(ctx, Request::whole(Format::Pdf)),
            Command::ExportDiagram => self.start_job(ctx, Request::whole(Format::Svg)),
        }
    }

    /// Writes an export on a thread from a copy of the plan, on the paper of the Change
    /// request tab and with the last connectivity test as evidence; one job at a time. The
    /// save dialog opens when the files are ready.
    fn start_job(&mut self, ctx: &egui::Context, mut request: Request) {
        if self.file_job.is_some() {
            self.status = "Still writing the last file: try again when it is ready.".into();
            return;
        }
        request.options.paper = self.views.change_request.paper;
        self.status = request.progress().into();
        self.file_job = Some(FileJob::start(
            ctx,
            self.doc.plan().clone(),
            self.doc.catalog().clone(),
            request,
            self.test.last().cloned(),
        ));
    }

    pub(super) fn poll_file_job(&mut self, ctx: &egui::Context) {
        let Some(answer) = self.file_job.as_ref().and_then(FileJob::poll) else {
            return;
        };
        self.file_job = None;
        match answer {
            Ok(output) => {
                self.status = match &output {
                    Output::File(f) => format!("{} is ready to save", f.name),
                    Output::Folder(files) => format!("{} files are ready to save", files.len()),
                };
                self.ask_where_to_save(ctx, output);
            }
            Err(e) => {
                self.status.clear();
                self.show_error("Cannot export", e);
            }
        }
    }

    /// Opens the save dialog for an export, beside the plan; the export waits for the answer.
    fn ask_where_to_save(&mut self, ctx: &egui::Context, output: Output) {
        let (purpose, name) = match &output {
            Output::File(f) => (Purpose::ExportFile, f.name.clone()),
            Output::Folder(_) => (Purpose::ExportFolder, String::new()),
        };
        self.pending_export = Some(output);
        let dir = self
            .doc
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        self.dialogs.show(ctx, purpose, dir, Some(name));
    }

    /// Writes what an export produced: a file at `path`, or files into the folder.
    pub(super) fn write_export(&mut self, output: Output, path: &Path) {
        let written = match output {
            Output::File(f) => write_atomically(path, &f.contents).map(|()| 1),
            Output::Folder(files) => files
                .iter()
                .try_for_each(|f| write_atomically(&path.join(&f.name), &f.contents))
                .map(|()| files.len()),
        };
        match written {
            Ok(n) => self.status = format!("Exported {n} file(s) to {}", path.display()),
            Err(e) => self.show_error("Cannot export", e.to_string()),
        }
    }

    /// A new host (host-N) or network (network-N), with a name no other card has, selected.
    fn add_card(&mut self, position: Position, kind: HostKind, role: Option<Role>) {
        let plan = self.doc.plan();
        let names: HashSet<String> = plan.hosts.iter().map(|h| h.name.to_lowercase()).collect();
        let name = (1..)
            .map(|n| format!("{}-{n}", kind.name()))
            .find(|n| !names.contains(n))
            .expect("a free name");
        let host = Host {
            id: plan.next_host_id(),
            kind,
            name: name.clone(),
            address: String::new(),
            os: Os::Windows,
            roles: role.map(|r| RoleSet::EMPTY.with(r)).unwrap_or_default(),
            ports: Default::default(),
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

    /// Selects a host and centers the canvas on it.
    pub fn focus_host(&mut self, id: HostId) {
        self.selection = [id].into_iter().collect();
        if let Some(h) = self.doc.plan().host(id) {
            self.views.canvas.focus(h);
        }
    }

    /// Shows the results a probe script wrote on another host, on the Connectivity tab.
    pub fn import_probe_results(&mut self, path: &Path) {
        match crate::probe::Evidence::read(path) {
            Ok(evidence) => {
                self.status = format!(
                    "Imported probe results from {}: {}",
                    evidence.origin,
                    evidence.report.summary()
                );
                self.test.show(evidence);
                self.tab = Tab::Connectivity;
            }
            Err(rows) => self.show_error("Cannot import the probe results", rows.join("\n")),
        }
    }
}
