//! Colors and marks shared by the views, chosen to read in both the dark and the light theme.

use egui::Color32;

use crate::analysis::{Cell, FlowKind};
use crate::model::Role;

use crate::look::palette::{self, Rgb};

const fn c(Rgb(r, g, b): Rgb) -> Color32 {
    Color32::from_rgb(r, g, b)
}

pub const INSTALL: Color32 = c(palette::INSTALL);
pub const PERMANENT: Color32 = c(palette::PERMANENT);
pub const PERMANENT_LATE: Color32 = c(palette::PERMANENT_LATE);
pub const ON_FILL: Color32 = c(palette::ON_FILL);
pub const ERROR: Color32 = c(palette::ERROR);
pub const WARNING: Color32 = c(palette::WARNING);

pub fn role(role: Role) -> Color32 {
    c(palette::role(role))
}

/// The fill and the short mark of a matrix cell.
pub fn cell(cell: &Cell) -> (Color32, &'static str) {
    let (fill, mark) = palette::cell(cell);
    (c(fill), mark)
}

pub fn flow(kind: FlowKind) -> Color32 {
    c(palette::flow(kind))
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
