//! The Add hosts dialog: a numbered series (name prefix or pattern, count, first address of a
//! range, OS, roles), previewed as it is typed; what it adds is [`Series`]'s to decide.

use crate::editing::new_hosts::{MAX_SERIES, Series};
use crate::model::{Host, Os, Plan, RoleSet};

pub struct AddHostsForm {
    pattern: String,
    count: String,
    first_address: String,
    os: Os,
    roles: RoleSet,
    /// The name field takes the keyboard when the dialog first shows.
    focused: bool,
}

/// What the user did with the dialog this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Add(Series),
    Cancel,
}

impl AddHostsForm {
    /// A series like `like` (the selected host: its name without its number, its OS and
    /// roles), or plain hosts.
    pub fn new(like: Option<&Host>) -> AddHostsForm {
        let pattern = like.map_or("host", |h| {
            h.name.trim_end_matches(|c: char| c.is_ascii_digit())
        });
        AddHostsForm {
            pattern: if pattern.is_empty() { "host" } else { pattern }.to_string(),
            count: "1".into(),
            first_address: String::new(),
            os: like.map_or(Os::Windows, |h| h.os),
            roles: like.map_or(RoleSet::EMPTY, |h| h.roles),
            focused: false,
        }
    }

    fn series(&self) -> Result<Series, String> {
        let count = self
            .count
            .trim()
            .parse()
            .map_err(|_| format!("the count must be a number from 1 to {MAX_SERIES}"))?;
        Ok(Series {
            pattern: self.pattern.clone(),
            count,
            first_address: self.first_address.clone(),
            os: self.os,
            roles: self.roles,
        })
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, plan: &Plan, roles: RoleSet) -> Option<Outcome> {
        ui.heading("Add hosts");
        let name = field(ui, "Name prefix", &mut self.pattern);
        if !self.focused {
            self.focused = true;
            name.request_focus();
        }
        ui.small("sdc gives sdc4, sdc5, … after the highest sdcN; {n} marks where the number goes: sdc-{n}.lab");
        field(ui, "Count", &mut self.count);
        field(ui, "First address", &mut self.first_address);
        ui.small("The next hosts get the addresses after it; empty: no addresses yet");
        ui.horizontal(|ui| {
            ui.label("OS:");
            for os in [Os::Windows, Os::Linux] {
                ui.radio_value(&mut self.os, os, os.name());
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Roles:");
            for role in roles.iter() {
                let mut on = self.roles.contains(role);
                if ui
                    .checkbox(&mut on, role.name())
                    .on_hover_text(role.description())
                    .changed()
                {
                    if on {
                        self.roles.insert(role);
                    } else {
                        self.roles.remove(role);
                    }
                }
            }
        });
        let checked = self
            .series()
            .and_then(|s| s.hosts(plan).map(|hosts| (s, hosts)));
        match &checked {
            Ok((_, hosts)) => {
                ui.label(preview(hosts));
            }
            Err(why) => {
                ui.colored_label(crate::gui::style::ERROR, why);
            }
        }
        let mut outcome = None;
        ui.horizontal(|ui| {
            let add = ui.add_enabled(checked.is_ok(), egui::Button::new("Add"));
            // Enter in a field adds, as the OK of a dialog does.
            let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
            if add.clicked() || enter {
                outcome = checked.ok().map(|(s, _)| Outcome::Add(s));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                outcome = Some(Outcome::Cancel);
            }
        });
        outcome
    }
}

/// A labelled one-line field (the label names it for screen readers and tests).
fn field(ui: &mut egui::Ui, label: &str, text: &mut String) -> egui::Response {
    ui.horizontal(|ui| {
        let label = ui.label(format!("{label}:"));
        ui.add(egui::TextEdit::singleline(text).desired_width(220.0))
            .labelled_by(label.id)
    })
    .inner
}

/// "Adds sdc4 (10.0.1.1) … sdc13 (10.0.1.10)": the first and the last of the series.
fn preview(hosts: &[(String, String)]) -> String {
    let one = |(name, address): &(String, String)| {
        if address.is_empty() {
            name.clone()
        } else {
            format!("{name} ({address})")
        }
    };
    match hosts {
        [] => String::new(),
        [only] => format!("Adds {}", one(only)),
        [first, .., last] => format!("Adds {} hosts: {} … {}", hosts.len(), one(first), one(last)),
    }
}
