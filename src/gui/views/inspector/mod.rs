//! The side panel: the selection's details ([`host`] for hosts, [`network`] for networks),
//! the plan's summary when nothing is selected, and the findings.

mod host;
mod network;
mod port_numbers;
mod roles;
mod shared;

use egui::RichText;

use super::{View, ViewContext};
use crate::analysis::Severity;
use crate::editing::Edit;
use crate::editing::OpenPlan;
use crate::gui::action::Action;
use crate::gui::style;
use crate::model::Host;

/// The side panel.
#[derive(Default)]
pub struct InspectorView;

impl View for InspectorView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        let (doc, selection, actions) = (cx.doc, cx.selection, &mut *cx.actions);
        let selected: Vec<&Host> = doc
            .plan()
            .hosts
            .iter()
            .filter(|h| selection.contains(&h.id))
            .collect();
        // Both ways: content wider than the panel (a host's port table) scrolls instead of
        // widening the panel past the width the user dragged it to. Text still wraps first.
        egui::ScrollArea::both()
            .id_salt("inspector")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                match selected.as_slice() {
                    [] => plan_summary(ui, doc, actions),
                    [one] if one.is_network() => network::one_network(ui, doc, one, actions),
                    [host] => host::one_host(ui, doc, host, actions),
                    many => host::several_hosts(ui, doc, many, actions),
                }
                ui.separator();
                findings(ui, doc, actions);
            });
    }
}

fn plan_summary(ui: &mut egui::Ui, doc: &OpenPlan, actions: &mut Vec<Action>) {
    ui.heading("Plan");
    let plan = doc.plan();
    let a = doc.analysis();
    ui.horizontal(|ui| {
        let label = ui.label("Plan name");
        let mut name = plan.name.clone();
        let resp = ui.text_edit_singleline(&mut name).labelled_by(label.id);
        if resp.changed() {
            actions.push(Action::Apply {
                edit: Edit::Name(name),
                label: "Rename the plan".into(),
                merge: Some("plan-name".into()),
            });
        }
        if resp.lost_focus() {
            actions.push(Action::Seal);
        }
    });
    let (hosts, networks) = a.host_and_network_counts();
    let networks = match networks {
        0 => String::new(),
        1 => " and 1 network".to_string(),
        n => format!(" and {n} networks"),
    };
    ui.label(format!(
        "{hosts} hosts{networks}, {} installer(s), {} in the deployment; {} flows.",
        a.installers().len(),
        a.deployment().len(),
        a.flow_count()
    ));
    ui.label(format!(
        "Profile: {}; sources: {}.",
        doc.catalog().name,
        plan.settings.sources
    ));
    ui.label(
        RichText::new(
            "Select a host on the canvas or in the matrix to edit it. Double-click empty \
             canvas to add one; drag a role from the palette onto a host.",
        )
        .weak(),
    );
}

fn findings(ui: &mut egui::Ui, doc: &OpenPlan, actions: &mut Vec<Action>) {
    let a = doc.analysis();
    ui.strong(format!("Findings: {}", crate::report::findings_count(a)));
    if a.findings.is_empty() {
        ui.label("None: the plan is ready.");
    }
    // A plan of thousands of hosts can have thousands of findings; the first ones matter.
    const SHOWN: usize = 200;
    for f in a.findings.iter().take(SHOWN) {
        let (color, mark) = match f.severity {
            Severity::Error => (style::ERROR, "error"),
            Severity::Warning => (style::WARNING, "warning"),
        };
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(color, mark);
            match f.host {
                Some(id) => {
                    if ui
                        .link(&f.message)
                        .on_hover_text("Select this host")
                        .clicked()
                    {
                        actions.push(Action::Focus(id));
                    }
                }
                None => {
                    ui.label(&f.message);
                }
            }
        });
    }
    if a.findings.len() > SHOWN {
        ui.label(format!(
            "… and {} more (portplan check lists all)",
            a.findings.len() - SHOWN
        ));
    }
}
