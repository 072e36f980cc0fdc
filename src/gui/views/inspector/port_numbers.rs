//! The numbers of a host's configurable ports, atop its Ports: the catalog's, unless the host listens on
//! another (`Host::ports`). Typing a number is one undo step; an empty field, or the catalog's
//! number, removes the host's own.

use egui::RichText;

use super::shared::update;
use crate::editing::OpenPlan;
use crate::gui::action::Action;
use crate::gui::style;
use crate::model::{Host, PortEntry, PortRange, PortSpec};

/// The fields, when the host has configurable ports (or numbers it no longer uses).
pub fn port_numbers(
    ui: &mut egui::Ui,
    doc: &OpenPlan,
    host: &Host,
    row: usize,
    actions: &mut Vec<Action>,
) {
    let catalog = doc.catalog();
    let mut entries: Vec<(&PortEntry, PortRange)> = Vec::new();
    for cell in doc.analysis().cells(row) {
        for p in cell.keys.iter().filter_map(|k| catalog.port(k)) {
            if let PortSpec::Fixed(default) = p.port
                && p.configurable
                && !entries.iter().any(|(e, _)| e.key == p.key)
            {
                entries.push((p, default));
            }
        }
    }
    let unused: Vec<(&String, u16)> = host
        .ports
        .iter()
        .filter(|(k, _)| !entries.iter().any(|(e, _)| &e.key == *k))
        .map(|(k, n)| (k, *n))
        .collect();
    if entries.is_empty() && unused.is_empty() {
        return;
    }
    ui.label(
        RichText::new("Configurable ports: this host's own number (empty: the catalog's).").weak(),
    );
    egui::Grid::new("port numbers")
        .num_columns(2)
        .show(ui, |ui| {
            for (p, default) in entries {
                let label = ui
                    .label(format!("{} ({default}/{})", p.name, p.protocol))
                    .on_hover_text(&p.purpose);
                number_field(ui, &label, host, p, default, actions);
                ui.end_row();
            }
            for (key, port) in unused {
                ui.label(RichText::new(format!("{key}: {port}")).color(style::WARNING))
                    .on_hover_text(
                        "This host moves the port, but with its roles and this profile it does \
                         not open it: the number is ignored",
                    );
                if ui.button("Forget").clicked() {
                    let mut h = host.clone();
                    h.ports.remove(key);
                    update(
                        actions,
                        h,
                        format!("Forget port {key} of {}", host.name),
                        None,
                    );
                }
                ui.end_row();
            }
        });
}

/// What the field's text asks for: `Some(None)` the catalog's number, `Some(Some(n))` port n,
/// `None` nothing valid.
fn wanted(text: &str) -> Option<Option<u16>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(None);
    }
    text.parse::<u16>().ok().filter(|n| *n > 0).map(Some)
}

/// The number field of one port. While it has the keyboard it shows what is typed (an
/// unfinished or invalid number too); otherwise the host's number, or nothing.
fn number_field(
    ui: &mut egui::Ui,
    label: &egui::Response,
    host: &Host,
    p: &PortEntry,
    default: PortRange,
    actions: &mut Vec<Action>,
) {
    let typed = ui.make_persistent_id(("port number", host.id, &p.key));
    let saved = host
        .ports
        .get(&p.key)
        .map(u16::to_string)
        .unwrap_or_default();
    let mut text: String = ui.data(|d| d.get_temp(typed)).unwrap_or(saved);
    ui.horizontal(|ui| {
        let resp = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .hint_text(default.to_string())
                    .desired_width(64.0),
            )
            .labelled_by(label.id)
            .on_hover_text(format!(
                "The port {} listens on at this host; empty: the catalog's {default}",
                p.name
            ));
        if resp.has_focus() {
            ui.data_mut(|d| d.insert_temp(typed, text.clone()));
        } else {
            ui.data_mut(|d| d.remove::<String>(typed));
        }
        match wanted(&text) {
            Some(n) if resp.changed() => {
                let mut h = host.clone();
                match n {
                    Some(n) if PortRange::single(n) != default => h.ports.insert(p.key.clone(), n),
                    _ => h.ports.remove(&p.key),
                };
                if h.ports != host.ports {
                    let merge = Some(format!("port{}{}", host.id, p.key));
                    let label = format!("Set the {} port of {}", p.name, host.name);
                    update(actions, h, label, merge);
                }
            }
            Some(_) => {}
            None => {
                ui.colored_label(style::ERROR, "1-65535");
            }
        }
        if resp.lost_focus() {
            actions.push(Action::Seal);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::wanted;

    #[test]
    fn a_field_wants_a_port_or_the_default() {
        assert_eq!(wanted(""), Some(None));
        assert_eq!(wanted(" 7100 "), Some(Some(7100)));
        assert_eq!(wanted("0"), None);
        assert_eq!(wanted("70000"), None);
        assert_eq!(wanted("71a"), None);
    }
}
