//! Where the frame's actions take effect: commands run, edits apply as undo steps, the
//! selection changes, and exports start on the file-job thread.

use std::collections::HashSet;
use std::path::Path;

use super::add_hosts::AddHostsForm;
use super::probe_script::ProbeScriptForm;
use super::questions::{Modal, Pending};
use super::{App, Tab};
use crate::editing::Edit;
use crate::editing::new_hosts::{self, NewHosts, Series};
use crate::export::{Format, Output};
use crate::files::inventory;
use crate::files::outputs;
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
            Command::Duplicate => {
                let new = new_hosts::duplicate(self.doc.plan(), &self.selection);
                self.add_new_hosts(new, "Duplicated");
            }
            Command::Copy => self.copy_hosts(ctx),
            // The desktop answers with the clipboard's text as a paste event (App::clipboard).
            Command::Paste => ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste),
            Command::AddHosts => {
                let like = self.one_selected();
                let like = like.and_then(|id| self.doc.plan().host(id));
                self.modal = Some(Modal::AddHosts(AddHostsForm::new(like)));
            }
            Command::WriteProbeScript => {
                let form = ProbeScriptForm::new(self.doc.analysis(), self.one_selected());
                self.modal = form.map(Modal::ProbeScript);
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
            Command::ExportChangeRequest => {
                let request = self.views.export.whole(Format::Pdf);
                self.start_job(ctx, request);
            }
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
        // The status bar says how far the job is while it runs (chrome::status_bar).
        self.status.clear();
        self.file_job = Some(FileJob::start(
            ctx,
            self.doc.plan().clone(),
            self.doc.catalog().clone(),
            request,
            self.test.last().cloned(),
            crate::gui::file_job::Saved::of(&self.doc),
        ));
    }

    pub(super) fn poll_file_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.file_job else {
            return;
        };
        let Some(answer) = job.poll() else {
            // Still at work: the status bar's progress is looked at again a few times a
            // second.
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
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
    pub(super) fn ask_where_to_save(&mut self, ctx: &egui::Context, output: Output) {
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
        // Never over the plan's own file or its catalog file, nor a folder holding them.
        let plan_file = self.doc.path();
        let catalog_file = plan_file.and_then(|p| {
            let base = p.parent().unwrap_or(Path::new("."));
            outputs::catalog_file(&self.doc.plan().settings.catalog, base)
        });
        let inputs: Vec<(&str, &Path)> = [
            ("the plan", plan_file),
            ("the catalog", catalog_file.as_deref()),
        ]
        .into_iter()
        .filter_map(|(what, p)| Some((what, p?)))
        .collect();
        let target = match &output {
            Output::File(_) => outputs::Output::File(path),
            Output::Folder(_) => outputs::Output::Folder(path),
        };
        let written = outputs::check(target, &inputs).and_then(|()| output.write(path));
        match written {
            Ok(n) => {
                // A probe script for sh is run as ./probe-HOST.sh: executable, as the command
                // line writes it.
                #[cfg(unix)]
                if let Output::File(f) = &output
                    && f.name.starts_with("probe-")
                    && f.name.ends_with(".sh")
                {
                    use std::os::unix::fs::PermissionsExt;
                    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755));
                }
                self.status = format!("Exported {n} file(s) to {}", path.display());
            }
            Err(e) => self.show_error("Cannot export", e),
        }
    }

    /// A new host (host-N) or network (network-N), with a name no other card has, selected,
    /// in the free space nearest `position`.
    fn add_card(&mut self, position: Position, kind: HostKind, role: Option<Role>) {
        let plan = self.doc.plan();
        let position = new_hosts::free_spot(plan, position);
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

    /// The host selected, when exactly one is.
    fn one_selected(&self) -> Option<HostId> {
        match self.selection.len() {
            1 => self.selection.iter().next().copied(),
            _ => None,
        }
    }

    /// Applies a batch of new hosts as one undo step and selects them.
    fn add_new_hosts(&mut self, new: Option<NewHosts>, done: &str) {
        let Some(new) = new else { return };
        let n = new.ids.len();
        let renamed: Vec<String> = new
            .renamed
            .iter()
            .map(|(was, is)| format!("{was} -> {is}"))
            .collect();
        self.doc.apply(new.edit, &new.label, None);
        self.selection = new.ids.into_iter().collect();
        self.status = format!("{done} {}", crate::report::counted(n, "host"));
        if !renamed.is_empty() {
            self.status += &format!(" (names taken, numbered on: {})", renamed.join(", "));
        }
    }

    /// The clipboard as desktops deliver it: Ctrl+C and Ctrl+V (and the menu's Paste) come as
    /// copy and paste events, not as keys. A text field or a label's selected text keeps
    /// them for itself; so do the modals.
    pub(super) fn clipboard(&mut self, ctx: &egui::Context) {
        let (copy, pasted) = ctx.input(|i| {
            let copy = i.events.iter().any(|e| matches!(e, egui::Event::Copy));
            let pasted: Vec<String> = i
                .events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Paste(text) => Some(text.clone()),
                    _ => None,
                })
                .collect();
            (copy, pasted)
        });
        if !copy && pasted.is_empty() || self.modal.is_some() || ctx.text_edit_focused() {
            return;
        }
        let label_text = ctx
            .plugin_opt::<egui::text_selection::LabelSelectionState>()
            .is_some_and(|p| p.lock().has_selection());
        if copy && !label_text {
            self.copy_hosts(ctx);
        }
        for text in pasted {
            self.paste_hosts(&text);
        }
    }

    /// The selected hosts, in plan order, as inventory CSV rows with the header.
    fn copy_hosts(&mut self, ctx: &egui::Context) {
        let plan = self.doc.plan();
        let hosts: Vec<&Host> = plan
            .hosts
            .iter()
            .filter(|h| self.selection.contains(&h.id))
            .collect();
        if hosts.is_empty() {
            return;
        }
        let n = hosts.len();
        ctx.copy_text(inventory::write_rows(hosts));
        self.status = format!("Copied {} as CSV", crate::report::counted(n, "host"));
    }

    /// Adds the hosts of pasted CSV rows near the middle of the canvas; rows that are not
    /// hosts are told, each with its line, and nothing is added.
    pub fn paste_hosts(&mut self, text: &str) {
        match inventory::read_rows(text) {
            Ok(rows) => {
                let near = self.views.canvas.view_center();
                let near = Position {
                    x: near.x,
                    y: near.y,
                };
                let new = new_hosts::paste(self.doc.plan(), rows, near);
                self.add_new_hosts(new, "Pasted");
            }
            Err(e) => {
                const SHOWN: usize = 15;
                let mut lines: Vec<String> =
                    e.0.iter().take(SHOWN).map(|r| r.to_string()).collect();
                if e.0.len() > SHOWN {
                    lines.push(format!("… and {} more", e.0.len() - SHOWN));
                }
                self.show_error(
                    "Cannot paste the hosts",
                    format!(
                        "The clipboard's rows are not hosts:\n{}\n\nRows are name, address, \
                         roles (separated by ;), os, kind: as Copy or an inventory CSV has them.",
                        lines.join("\n")
                    ),
                );
            }
        }
    }

    /// The Add hosts dialog's series, near the middle of the canvas.
    pub(super) fn add_series(&mut self, series: &Series) {
        let near = self.views.canvas.view_center();
        let near = Position {
            x: near.x,
            y: near.y,
        };
        match series.add(self.doc.plan(), near) {
            Ok(new) => self.add_new_hosts(Some(new), "Added"),
            Err(why) => self.show_error("Cannot add the hosts", why),
        }
    }

    /// Writes the probe script the dialog chose, through the save dialog as exports are.
    pub(super) fn write_probe_script(&mut self, ctx: &egui::Context, form: &ProbeScriptForm) {
        match form.script(self.doc.analysis()) {
            Ok((file, probes)) => {
                self.status = format!(
                    "{}: {} ready to save",
                    file.name,
                    crate::report::counted(probes, "probe")
                );
                self.ask_where_to_save(ctx, Output::File(file));
            }
            Err(why) => self.show_error("Cannot write the probe script", why),
        }
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
