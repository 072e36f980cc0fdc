//! The app's modals on screen: each question with its answer buttons, and what each answer
//! does.

use std::path::Path;

use super::App;
use super::add_hosts::Outcome as AddOutcome;
use super::probe_script::Outcome as ScriptOutcome;
use super::questions::{Answer, Modal, buttons};
use crate::editing::OpenPlan;
use crate::gui::file_dialogs::Purpose;

impl App {
    /// Shows an error over the app; nothing else changes.
    pub fn show_error(&mut self, title: &str, text: impl Into<String>) {
        self.modal = Some(Modal::Message {
            title: title.into(),
            text: text.into(),
        });
    }

    pub(super) fn modal_ui(&mut self, ctx: &egui::Context) {
        if matches!(self.modal, Some(Modal::About)) && self.icon.is_none() {
            self.icon = Some(icon_texture(ctx));
        }
        if matches!(self.modal, Some(Modal::AddHosts(_) | Modal::ProbeScript(_))) {
            self.form_ui(ctx);
            return;
        }
        let Some(modal) = &self.modal else { return };
        let mut answer = None;
        let name = self.doc.plan().name.clone();
        egui::Modal::new(egui::Id::unique("portplan modal")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
            match modal {
                Modal::Unsaved(_) => {
                    ui.heading("Unsaved changes");
                    ui.label(format!("Save the changes to '{name}' first?"));
                    answer = buttons(ui, &[Answer::Save, Answer::DontSave, Answer::Cancel]);
                }
                Modal::Message { title, text } => {
                    ui.heading(title);
                    ui.add(egui::Label::new(text.as_str()).wrap());
                    answer = buttons(ui, &[Answer::Ok]).or(escape.then_some(Answer::Ok));
                }
                Modal::About => {
                    about_ui(ui, self.icon.as_ref());
                    answer = buttons(ui, &[Answer::Ok]).or(escape.then_some(Answer::Ok));
                }
                Modal::Recover(r) => {
                    ui.heading("Recover unsaved work?");
                    let when = r
                        .saved_at
                        .and_then(|t| t.elapsed().ok())
                        .map(|d| format!(" from {} minutes ago", d.as_secs() / 60))
                        .unwrap_or_default();
                    let origin = r
                        .origin
                        .as_ref()
                        .map(|p| format!(" ({})", p.display()))
                        .unwrap_or_default();
                    ui.label(format!(
                        "portplan did not close normally. Unsaved changes to '{}'{origin} were \
                         kept{when}.",
                        r.plan.name
                    ));
                    answer = buttons(ui, &[Answer::Recover, Answer::Discard]);
                }
                Modal::AddHosts(_) | Modal::ProbeScript(_) => {}
            }
        });
        let Some(answer) = answer else { return };
        match (self.modal.take(), answer) {
            (Some(Modal::Unsaved(pending)), Answer::Save) => {
                match self.doc.path().map(Path::to_path_buf) {
                    Some(path) => {
                        if self.save_to(&path) {
                            self.proceed(ctx, pending);
                        }
                    }
                    None => {
                        self.after_save = Some(pending);
                        self.show_dialog(ctx, Purpose::SaveAs);
                    }
                }
            }
            (Some(Modal::Unsaved(pending)), Answer::DontSave) => {
                self.clear_recovery();
                self.proceed(ctx, pending);
            }
            (Some(Modal::Recover(r)), Answer::Recover) => {
                let r = *r;
                self.doc = OpenPlan::new(r.plan, r.origin);
                self.doc.mark_unsaved();
                self.selection.clear();
                self.views.canvas.zoom_to_fit();
                self.status = "Recovered the unsaved plan: save it to keep it".into();
            }
            (Some(Modal::Recover(_)), Answer::Discard) => self.clear_recovery(),
            // Cancel, OK: the modal closes and nothing else happens.
            _ => {}
        }
    }
}

impl App {
    /// The forms: their fields change as the user types; Add or Save closes the form and
    /// acts (what fails is told in a message).
    fn form_ui(&mut self, ctx: &egui::Context) {
        let doc = &self.doc;
        let mut add = None;
        let mut save = None;
        egui::Modal::new(egui::Id::unique("portplan form")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            match &mut self.modal {
                Some(Modal::AddHosts(form)) => {
                    add = form.ui(ui, doc.plan(), doc.catalog().defined_roles());
                }
                Some(Modal::ProbeScript(form)) => save = form.ui(ui, doc.analysis()),
                _ => {}
            }
        });
        match (add, save) {
            (Some(AddOutcome::Add(series)), _) => {
                self.modal = None;
                self.add_series(&series);
            }
            (Some(AddOutcome::Cancel), _) | (_, Some(ScriptOutcome::Cancel)) => self.modal = None,
            (_, Some(ScriptOutcome::Save)) => {
                if let Some(Modal::ProbeScript(form)) = self.modal.take() {
                    self.write_probe_script(ctx, &form);
                }
            }
            (None, None) => {}
        }
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
    let icon = eframe::icon_data::from_png_bytes(crate::gui::style::ICON_PNG)
        .expect("the bundled icon is a PNG");
    let image = egui::ColorImage::from_rgba_unmultiplied(
        [icon.width as usize, icon.height as usize],
        &icon.rgba,
    );
    ctx.load_texture("portplan icon", image, egui::TextureOptions::LINEAR)
}
