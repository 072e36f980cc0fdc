//! The Export dialog: format, hosts, kind, cleanup, a preview of the script, and saving.
//! The preview is made when a choice or the plan changes, not per frame.

use super::matrix_view::filter_combo;
use crate::analysis::FlowKind;
use crate::document::Document;
use crate::export::{self, ExportError, File, Format, Options};

/// What a preview was made from: the plan's revision and every choice.
type PreviewKey = (u64, Format, Option<String>, Option<FlowKind>, bool);

pub struct ExportView {
    pub open: bool,
    format: Format,
    /// One host, or every host of the format's OS (`None`).
    host: Option<String>,
    kind: Option<FlowKind>,
    cleanup: bool,
    preview: Result<String, String>,
    preview_for: Option<PreviewKey>,
}

impl Default for ExportView {
    fn default() -> Self {
        ExportView {
            open: false,
            format: Format::PowerShell,
            host: None,
            kind: None,
            cleanup: false,
            preview: Ok(String::new()),
            preview_for: None,
        }
    }
}

/// What the user asked to save.
pub enum Save {
    /// One file, to a path the user picks.
    File(File),
    /// One file per host and an index, into a folder the user picks.
    Folder(Vec<File>),
}

impl ExportView {
    fn options(&self) -> Options {
        Options {
            kind: if self.cleanup { None } else { self.kind },
            cleanup: self.cleanup,
            ..Options::default()
        }
    }

    /// The files of the current choice.
    fn files(&self, doc: &Document) -> Result<Save, ExportError> {
        let (plan, a) = (doc.plan(), doc.analysis());
        let options = self.options();
        match (&self.host, self.format.os()) {
            (Some(host), Some(_)) => {
                let text = export::host_script(self.format, plan, a, host, &options)?;
                let name = format!("{}.{}", export::quote::slug(host), self.format.extension());
                Ok(Save::File(File {
                    name,
                    contents: text.into_bytes(),
                }))
            }
            (_, None) => {
                let mut files = export::export(self.format, plan, a, &options)?;
                Ok(Save::File(files.remove(0)))
            }
            (None, Some(_)) => Ok(Save::Folder(export::export(
                self.format,
                plan,
                a,
                &options,
            )?)),
        }
    }

    fn refresh(&mut self, doc: &Document) {
        let key = (
            doc.revision(),
            self.format,
            self.host.clone(),
            self.kind,
            self.cleanup,
        );
        if self.preview_for.as_ref() == Some(&key) {
            return;
        }
        self.preview = match self.files(doc) {
            Err(e) => Err(e.to_string()),
            Ok(_) if self.format == Format::Xlsx => {
                Ok("A workbook: a Flows sheet (one row per flow) and a Matrix sheet, colored by phase.".into())
            }
            Ok(Save::File(f)) => Ok(preview_text(&f.contents)),
            Ok(Save::Folder(files)) => {
                let first = files.first().map(|f| preview_text(&f.contents)).unwrap_or_default();
                Ok(format!(
                    "{} files, one per host and an index. The first, {}:\n\n{first}",
                    files.len(),
                    files.first().map_or("", |f| f.name.as_str())
                ))
            }
        };
        self.preview_for = Some(key);
    }

    /// The dialog; returns what to save when the user clicks Save.
    pub fn ui(&mut self, ctx: &egui::Context, doc: &Document) -> Option<Save> {
        if !self.open {
            return None;
        }
        let mut open = self.open;
        let mut save = None;
        egui::Window::new("Export")
            .open(&mut open)
            .default_size([760.0, 520.0])
            .show(ctx, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let formats: Vec<(Format, &str)> =
                        Format::ALL.iter().map(|f| (*f, f.name())).collect();
                    filter_combo(ui, "Format", &mut self.format, &formats);
                    if let Some(os) = self.format.os() {
                        let mut hosts: Vec<(Option<String>, String)> =
                            vec![(None, format!("every {os} host"))];
                        hosts.extend(
                            doc.plan()
                                .hosts
                                .iter()
                                .filter(|h| h.os == os)
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
                    ui.add_enabled_ui(!self.cleanup, |ui| {
                        filter_combo(
                            ui,
                            "Rules",
                            &mut self.kind,
                            &[
                                (None, "install and operation"),
                                (Some(FlowKind::Install), "install only"),
                                (Some(FlowKind::Operation), "operation only"),
                            ],
                        );
                    });
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
                                ui.add(
                                    egui::Label::new(egui::RichText::new(text).monospace())
                                        .extend(),
                                );
                            });
                    }
                    Err(e) => {
                        ui.colored_label(super::style::ERROR, e);
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
                        save = self.files(doc).ok();
                    }
                });
            });
        self.open = open;
        save
    }
}

/// The start of a file, as text, for the preview.
fn preview_text(bytes: &[u8]) -> String {
    const LINES: usize = 400;
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    let total = text.lines().count();
    let mut shown: String = text.lines().take(LINES).collect::<Vec<_>>().join("\n");
    if total > LINES {
        shown.push_str(&format!("\n… ({} more lines)", total - LINES));
    }
    shown
}
