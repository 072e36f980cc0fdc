//! Test > Write probe script: the host the script runs on and its shell, as `portplan
//! probe-script --from HOST --shell sh|powershell` takes them, and the script it writes (the
//! same bytes: the same targets and the same writer).

use crate::analysis::Analysis;
use crate::export::File;
use crate::model::{HostId, Os};
use crate::probe::script::{self, Shell};
use crate::probe::targets;

/// The shells the command line offers, by the names it gives them.
const SHELLS: [(Shell, &str); 2] = [(Shell::Sh, "sh"), (Shell::PowerShell, "powershell")];

pub struct ProbeScriptForm {
    pub host: HostId,
    pub shell: Shell,
}

/// What the user did with the dialog this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Save,
    Cancel,
}

/// The shell a host's own system runs.
fn shell_of(os: Os) -> Shell {
    match os {
        Os::Windows => Shell::PowerShell,
        Os::Linux => Shell::Sh,
    }
}

impl ProbeScriptForm {
    /// For `selected` (else the plan's first host), in the shell of its OS; `None` for a
    /// plan without hosts.
    pub fn new(a: &Analysis, selected: Option<HostId>) -> Option<ProbeScriptForm> {
        let row = selected
            .and_then(|id| a.hosts.iter().find(|h| h.id == id))
            .or_else(|| a.hosts.first())?;
        Some(ProbeScriptForm {
            host: row.id,
            shell: shell_of(row.os),
        })
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, a: &Analysis) -> Option<Outcome> {
        ui.heading("Write probe script");
        ui.add(
            egui::Label::new(
                "A script to run on a host of the plan: it tests every port that host's flows \
                 reach and writes a CSV for Test > Import probe results.",
            )
            .wrap(),
        );
        let name = a
            .hosts
            .iter()
            .find(|h| h.id == self.host)
            .map_or("", |h| h.name.as_str());
        let mut os = None;
        ui.horizontal(|ui| {
            let label = ui.label("Run on:");
            egui::ComboBox::from_id_salt("probe script host")
                .selected_text(name)
                .show_ui(ui, |ui| {
                    for h in &a.hosts {
                        if ui.selectable_value(&mut self.host, h.id, &h.name).clicked() {
                            os = Some(h.os);
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        });
        // A newly chosen host brings its own system's shell; the user may still pick the other.
        if let Some(os) = os {
            self.shell = shell_of(os);
        }
        ui.horizontal(|ui| {
            ui.label("Shell:");
            for (shell, name) in SHELLS {
                ui.radio_value(&mut self.shell, shell, name);
            }
        });
        let mut outcome = None;
        ui.horizontal(|ui| {
            if ui.button("Save…").clicked() {
                outcome = Some(Outcome::Save);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                outcome = Some(Outcome::Cancel);
            }
        });
        outcome
    }

    /// The script, named for its host and shell, and how many probes it makes; why not when
    /// the host is gone or a target's address is not valid.
    pub fn script(&self, a: &Analysis) -> Result<(File, usize), String> {
        let row = a
            .hosts
            .iter()
            .position(|h| h.id == self.host)
            .ok_or("the host is no longer in the plan")?;
        let from = &a.hosts[row].name;
        let found = targets::from_source(a, row);
        let text = script::write(self.shell, &a.plan_name, from, &found)?;
        let probes = found.iter().filter(|t| t.is_probeable()).count();
        let file = File {
            name: format!(
                "probe-{}.{}",
                crate::quote::slug(from),
                self.shell.extension()
            ),
            contents: text.into_bytes(),
        };
        Ok((file, probes))
    }
}
