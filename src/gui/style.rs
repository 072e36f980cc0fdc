//! Colors and marks shared by the views, chosen to read in both the dark and the light theme.

use egui::Color32;

use crate::analysis::{Cell, FlowKind, Phase};
use crate::role::Role;

/// Install-only: amber.
pub const INSTALL: Color32 = Color32::from_rgb(0xE8, 0xA3, 0x17);
/// Permanent: green.
pub const PERMANENT: Color32 = Color32::from_rgb(0x3B, 0xA5, 0x5C);
/// Permanent but not needed during install (6611): a paler green, and its own mark.
pub const PERMANENT_LATE: Color32 = Color32::from_rgb(0x9C, 0xD6, 0xA9);
/// Text on the colored cells, dark on every fill above.
pub const ON_FILL: Color32 = Color32::from_rgb(0x1B, 0x1B, 0x1B);
pub const ERROR: Color32 = Color32::from_rgb(0xD9, 0x3B, 0x3B);
pub const WARNING: Color32 = Color32::from_rgb(0xE0, 0x8A, 0x00);

pub fn role(role: Role) -> Color32 {
    match role {
        Role::Mdm => Color32::from_rgb(0x2F, 0x6F, 0xDB),
        Role::Tb => Color32::from_rgb(0x8E, 0x4F, 0xD0),
        Role::Sds => Color32::from_rgb(0x13, 0x93, 0x8C),
        Role::Sdc => Color32::from_rgb(0x5C, 0x7A, 0x99),
        Role::Callhome => Color32::from_rgb(0xD0, 0x6A, 0x2A),
        Role::Installer => Color32::from_rgb(0x55, 0x55, 0x55),
    }
}

/// The fill and the short mark of a matrix cell.
pub fn cell(cell: &Cell) -> (Color32, &'static str) {
    match (cell.phase, cell.during_install) {
        (Phase::InstallOnly, _) => (INSTALL, "install"),
        (Phase::Permanent, true) => (PERMANENT, "perm"),
        (Phase::Permanent, false) => (PERMANENT_LATE, "perm*"),
    }
}

pub fn flow(kind: FlowKind) -> Color32 {
    match kind {
        FlowKind::Install => INSTALL,
        FlowKind::Operation => PERMANENT,
    }
}

/// A small colored badge with the role's name, as on the cards and in the palette.
pub fn role_badge(ui: &mut egui::Ui, r: Role) -> egui::Response {
    let text = egui::RichText::new(r.name())
        .color(Color32::WHITE)
        .small()
        .strong();
    egui::Frame::new()
        .fill(role(r))
        .corner_radius(4)
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| ui.add(egui::Label::new(text).selectable(false)))
        .response
}

/// The legend of the matrix colors.
pub fn legend(ui: &mut egui::Ui) {
    for (fill, mark, meaning, long) in [
        (
            INSTALL,
            "install",
            "install-only",
            "Open for the install, close after it",
        ),
        (
            PERMANENT,
            "perm",
            "permanent",
            "Needed during install and in operation",
        ),
        (
            PERMANENT_LATE,
            "perm*",
            "permanent, not for install",
            "Needed in operation, not during install (6611)",
        ),
    ] {
        let text = egui::RichText::new(mark).color(ON_FILL).small();
        egui::Frame::new()
            .fill(fill)
            .corner_radius(3)
            .inner_margin(egui::Margin::symmetric(4, 0))
            .show(ui, |ui| ui.add(egui::Label::new(text).selectable(false)))
            .response
            .on_hover_text(long);
        ui.label(egui::RichText::new(meaning).small())
            .on_hover_text(long);
    }
}
