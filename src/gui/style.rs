//! The app's look: its icon, and the colors and marks shared by the views, chosen to read in
//! both the dark and the light theme.

use egui::Color32;

use crate::analysis::{Cell, FlowKind};
use crate::look::palette::{self, Rgb};
use crate::model::Role;
use crate::probe::Status;

/// The application icon (assets/icons/portplan.svg rasterized by scripts/icons.sh): the window's,
/// the taskbar's and the packages'.
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/portplan-256.png");

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

/// How a probe status is drawn: a letter on a colored dot, distinct for each class.
pub fn probe_mark(status: Status) -> (Color32, &'static str) {
    match status {
        Status::Open => (Color32::from_rgb(0x1E, 0x7B, 0x34), "O"),
        Status::Closed => (Color32::from_rgb(0xC6, 0x28, 0x28), "C"),
        Status::Filtered => (Color32::from_rgb(0x61, 0x61, 0x61), "F"),
        Status::Unreachable => (Color32::from_rgb(0x8E, 0x24, 0xAA), "U"),
        Status::Unresolved => (Color32::from_rgb(0x5D, 0x40, 0x37), "?"),
        Status::Error => (Color32::from_rgb(0xBF, 0x36, 0x0C), "!"),
        Status::Skipped => (Color32::from_rgb(0x90, 0x90, 0x90), "-"),
    }
}

pub fn paint_probe_mark(painter: &egui::Painter, center: egui::Pos2, radius: f32, status: Status) {
    let (fill, letter) = probe_mark(status);
    painter.circle(center, radius, fill, egui::Stroke::new(1.0, Color32::WHITE));
    painter.text(
        center,
        egui::Align2::CENTER_CENTER,
        letter,
        egui::FontId::proportional(radius * 1.4),
        Color32::WHITE,
    );
}

/// The legend of the probe marks.
pub fn probe_legend(ui: &mut egui::Ui) {
    for s in [
        Status::Open,
        Status::Closed,
        Status::Filtered,
        Status::Unreachable,
        Status::Unresolved,
    ] {
        let (rect, resp) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
        paint_probe_mark(ui.painter(), rect.center(), 7.0, s);
        resp.on_hover_text(s.meaning());
        ui.label(egui::RichText::new(s.name()).small())
            .on_hover_text(s.meaning());
    }
}
