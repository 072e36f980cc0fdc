//! The Export dialog: format, hosts, kind, cleanup, a preview of what would be written, and
//! saving. The preview is made when a choice or the plan changes, not per frame.

use super::{View, ViewContext};
use crate::analysis::{Analysis, FlowKind};
use crate::editing::OpenPlan;
use crate::export::{self, ExportError, Format, Options, Wing, rules};
use crate::gui::action::Action;
use crate::gui::file_job::Request;
use crate::gui::style;
use crate::gui::widgets::{KINDS, filter_combo};
use crate::model::{Os, Plan};

/// What a preview was made from: the plan's revision and every choice.
type PreviewKey = (
    u64,
    Format,
    Option<String>,
    Option<FlowKind>,
    bool,
    Format,
    Format,
);

pub struct ExportDialog {
    pub open: bool,
    format: Format,
    /// One host, or every host of the format's OS (`None`).
    host: Option<String>,
    kind: Option<FlowKind>,
    cleanup: bool,
    /// The formats of the change request's commands: the last script format chosen for each
    /// OS, or the defaults (PowerShell, nftables), which `portplan export` shares.
    windows_format: Format,
    linux_format: Format,
    preview: Result<String, String>,
    preview_for: Option<PreviewKey>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        let defaults = Options::default();
        ExportDialog {
            open: false,
            // The script format the change request's commands default to.
            format: defaults.windows_format,
            host: None,
            kind: None,
            cleanup: false,
            windows_format: defaults.windows_format,
            linux_format: defaults.linux_format,
            preview: Ok(String::new()),
            preview_for: None,
        }
    }
}

impl Request {
    /// What the dialog shows: what saving would refuse, or the start of what it would write.
    /// Cheap whatever the plan's size: one host's script, the first rows of the CSV, and no
    /// workbook at all.
    pub fn preview(&self, plan: &Plan, a: &Analysis) -> Result<String, ExportError> {
        if self.format.info().wing == Wing::Document {
            return document_preview(self, plan, a);
        }
        export::check(plan, a, self.format, &self.options)?;
        match (self.host.as_deref(), self.format.os()) {
            (Some(host), Some(_)) => Ok(preview_text(
                export::host_script(self.format, plan, a, host, &self.options)?.as_bytes(),
            )),
            (None, Some(os)) => {
                let kind = self.options.rules_kind();
                let mut with_rules = (0..a.hosts.len())
                    .filter(|&row| a.hosts[row].os == os && rules::any_for_host(a, row, kind));
                let Some(first) = with_rules.next() else {
                    return Err(ExportError::NoHosts(os, self.format));
                };
                let h = &a.hosts[first];
                // Checked above: the script of a known row, without a second check.
                let script = export::script_for(self.format, plan, a, first, &self.options)?;
                Ok(format!(
                    "{} files, one per host and an index. The first, {}:\n\n{}",
                    with_rules.count() + 2,
                    export::file_name(self.format, h, self.options.cleanup),
                    preview_text(script.as_bytes())
                ))
            }
            (_, None) if self.format == Format::Xlsx => Ok(
                "A workbook: the flows, one row each (\"Flows\", then \"Flows 2\", ... past \
                 Excel's 1,048,575 rows), and a Matrix sheet, colored by phase."
                    .into(),
            ),
            (_, None) => {
                let total = a.flow_count_of(self.options.kind);
                let mut text = export::tables::csv::head(a, self.options.kind, PREVIEW_LINES);
                if total > PREVIEW_LINES {
                    text.push_str(&format!("… ({} more rows)", total - PREVIEW_LINES));
                }
                Ok(text)
            }
        }
    }
}

/// The documents are written whole: the preview says what they hold, or why the change
/// request would be refused (as the document itself refuses a plan with errors).
fn document_preview(request: &Request, plan: &Plan, a: &Analysis) -> Result<String, ExportError> {
    let name = export::whole_plan_name(request.format, plan);
    if request.format == Format::Pdf {
        export::check(plan, a, request.format, &request.options)?;
        Ok(format!(
            "{name}: the change request for the security team, on the paper chosen on the \
             Change request tab: the summary, the hosts and the topology, every rule by host, \
             the install-only rules and their removal, the commands, the verification (with the \
             last connectivity test), the rollback and the sign-off. Its commands are the {} \
             scripts' on Windows hosts and the {} scripts' on Linux hosts.",
            request.options.windows_format, request.options.linux_format
        ))
    } else {
        Ok(format!(
            "{name}: the canvas's topology as an SVG drawing, for slides and wikis ({} hosts).",
            plan.hosts.len()
        ))
    }
}

impl ExportDialog {
    /// The whole plan in `format` with the script formats last chosen here: a change request
    /// made from the menu prints the commands of the scripts the user exports.
    pub fn whole(&self, format: Format) -> Request {
        let mut request = Request::whole(format);
        request.options.windows_format = self.windows_format;
        request.options.linux_format = self.linux_format;
        request
    }

    fn request(&self) -> Request {
        Request {
            format: self.format,
            // The host choice shows for script formats only, and is kept when the format
            // changes: a whole-plan format is asked for the whole plan.
            host: self.host.clone().filter(|_| self.format.os().is_some()),
            options: Options {
                kind: if self.cleanup { None } else { self.kind },
                cleanup: self.cleanup,
                windows_format: self.windows_format,
                linux_format: self.linux_format,
                ..Options::default()
            },
        }
    }

    fn refresh(&mut self, doc: &OpenPlan) {
        let key = (
            doc.revision(),
            self.format,
            self.host.clone(),
            self.kind,
            self.cleanup,
            self.windows_format,
            self.linux_format,
        );
        if self.preview_for.as_ref() == Some(&key) {
            return;
        }
        self.preview = self
            .request()
            .preview(doc.plan(), doc.analysis())
            .map_err(|e| e.to_string());
        self.preview_for = Some(key);
    }
}

impl View for ExportDialog {
    /// The dialog, when open; Save asks the app to write the choice.
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        if !self.open {
            return;
        }
        let (ctx, doc) = (ui.ctx().clone(), cx.doc);
        let mut open = self.open;
        let mut save = None;
        egui::Window::new("Export")
            .open(&mut open)
            .default_size([760.0, 520.0])
            .show(&ctx, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let formats: Vec<(Format, &str)> =
                        Format::ALL.iter().map(|f| (*f, f.name())).collect();
                    filter_combo(ui, "Format", &mut self.format, &formats);
                    // The change request prints the commands of the scripts exported last.
                    match self.format.os() {
                        Some(Os::Windows) => self.windows_format = self.format,
                        Some(Os::Linux) => self.linux_format = self.format,
                        None => {}
                    }
                    if self.format == Format::Pdf {
                        let names = |all: &[Format]| -> Vec<(Format, &'static str)> {
                            all.iter().map(|f| (*f, f.name())).collect()
                        };
                        filter_combo(
                            ui,
                            "Windows commands",
                            &mut self.windows_format,
                            &names(&Format::WINDOWS_SCRIPTS),
                        );
                        filter_combo(
                            ui,
                            "Linux commands",
                            &mut self.linux_format,
                            &names(&Format::LINUX_SCRIPTS),
                        );
                    }
                    if let Some(os) = self.format.os() {
                        let mut hosts: Vec<(Option<String>, String)> =
                            vec![(None, format!("every {os} host"))];
                        hosts.extend(
                            doc.plan()
                                .hosts
                                .iter()
                                .filter(|h| h.os == os && !h.is_network())
                                .map(|h| (Some(h.name.clone()), h.name.clone())),
                        );
                        if self
                            .host
                            .as_ref()
                            .is_some_and(|h| !hosts.iter().any(|(v, _)| v.as_ref() == Some(h)))
                        {
                            self.host = None;
                        }
                        let label = ui.label("Hosts:");
                        let current = hosts
                            .iter()
                            .find(|(v, _)| *v == self.host)
                            .map_or(String::new(), |(_, l)| l.clone());
                        egui::ComboBox::from_id_salt(label.id)
                            .selected_text(current)
                            .show_ui(ui, |ui| {
                                for (v, l) in &hosts {
                                    ui.selectable_value(&mut self.host, v.clone(), l);
                                }
                            })
                            .response
                            .labelled_by(label.id);
                    }
                    // The documents hold every rule.
                    if self.format.info().wing != Wing::Document {
                        ui.add_enabled_ui(!self.cleanup, |ui| {
                            filter_combo(ui, "Rules", &mut self.kind, &KINDS);
                        });
                    }
                    if self.format.os().is_some() {
                        ui.checkbox(&mut self.cleanup, "Cleanup script")
                            .on_hover_text(
                                "The script that removes the install rules after the install",
                            );
                    }
                });
                self.refresh(doc);
                ui.separator();
                match &self.preview {
                    Ok(text) => {
                        egui::ScrollArea::both()
                            .id_salt("export preview")
                            .max_height(380.0)
                            .show(ui, |ui| {
                                // Files show as they are; a document's summary wraps.
                                let label = if self.format.info().wing == Wing::Document {
                                    egui::Label::new(text.as_str()).wrap()
                                } else {
                                    egui::Label::new(egui::RichText::new(text).monospace()).extend()
                                };
                                ui.add(label);
                            });
                    }
                    Err(e) => {
                        ui.colored_label(style::ERROR, e);
                    }
                }
                ui.separator();
                ui.horizontal(|ui| {
                    let ok = self.preview.is_ok();
                    let label = if self.format.os().is_some() && self.host.is_none() {
                        "Save to folder…"
                    } else {
                        "Save…"
                    };
                    if ui.add_enabled(ok, egui::Button::new(label)).clicked() {
                        save = Some(self.request());
                    }
                });
            });
        self.open = open;
        if let Some(request) = save {
            cx.actions.push(Action::Export(request));
        }
    }
}

/// How many lines of a file the preview shows.
const PREVIEW_LINES: usize = 400;

/// The start of a file, as text, for the preview.
fn preview_text(bytes: &[u8]) -> String {
    const LINES: usize = PREVIEW_LINES;
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    let total = text.lines().count();
    let mut shown: String = text.lines().take(LINES).collect::<Vec<_>>().join("\n");
    if total > LINES {
        shown.push_str(&format!("\n… ({} more lines)", total - LINES));
    }
    shown
}
