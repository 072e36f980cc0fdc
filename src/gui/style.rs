//! The app's look: its icon, and the colors and marks shared by the views, chosen to read in
//! both the dark and the light theme.

use egui::Color32;

use crate::analysis::{Cell, FlowKind};
use crate::look::palette::{self, Rgb};
use crate::model::{Evidence, PortEntry, Role};
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

fn role_badge_text(r: Role) -> egui::RichText {
    egui::RichText::new(r.name())
        .color(Color32::WHITE)
        .small()
        .strong()
}

/// The least room the toolbar leaves its role palette: two or three roles, the rest by
/// scrolling.
pub const PALETTE_MIN_WIDTH: f32 = 160.0;

/// A small colored badge with the role's name, as on the cards and in the palette.
pub fn role_badge(ui: &mut egui::Ui, r: Role) -> egui::Response {
    let text = role_badge_text(r);
    egui::Frame::new()
        .fill(role(r))
        .corner_radius(4)
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| {
            ui.add(egui::Label::new(text).selectable(false).extend())
        })
        .response
}

/// Inferred facts: a warm outline and ink on a pale amber, in italics, so they stand apart
/// from the solid tags of the facts a source states.
pub const INFERRED_INK: Color32 = Color32::from_rgb(0x8A, 0x2E, 0x00);
pub const INFERRED_LINE: Color32 = Color32::from_rgb(0xD8, 0x4A, 0x0A);
pub const INFERRED_FILL: Color32 = Color32::from_rgb(0xFF, 0xE3, 0xB3);

/// The fill of a stated fact's tag (white text on it); `None` for inferred, which is outlined.
fn evidence_fill(e: Evidence) -> Option<Color32> {
    match e {
        Evidence::Seed => Some(Color32::from_rgb(0x54, 0x6E, 0x7A)),
        Evidence::Documented => Some(Color32::from_rgb(0x2E, 0x7D, 0x32)),
        Evidence::Code => Some(Color32::from_rgb(0x00, 0x6F, 0x62)),
        Evidence::Inferred => None,
    }
}

/// What an evidence tag means, in a sentence.
pub fn evidence_meaning(e: Evidence) -> &'static str {
    match e {
        Evidence::Seed => "The source document of the default catalog says it",
        Evidence::Documented => "Vendor documentation says it",
        Evidence::Code => "Dell's own code (automation, drivers) shows it",
        Evidence::Inferred => {
            "Inferred: reasoning or community code, not a vendor statement; have the security \
             team or the vendor confirm it"
        }
    }
}

/// A small tag with the evidence's name: solid for what a source states, outlined and in
/// italics for what is inferred.
pub fn evidence_tag(ui: &mut egui::Ui, e: Evidence) -> egui::Response {
    let text = egui::RichText::new(e.name()).small();
    let (text, frame) = match evidence_fill(e) {
        Some(fill) => (
            text.color(Color32::WHITE).strong(),
            egui::Frame::new().fill(fill),
        ),
        None => (
            text.color(INFERRED_INK).italics().strong(),
            egui::Frame::new()
                .fill(INFERRED_FILL)
                .stroke(egui::Stroke::new(1.5, INFERRED_LINE)),
        ),
    };
    frame
        .corner_radius(4)
        .inner_margin(egui::Margin::symmetric(5, 0))
        .show(ui, |ui| {
            ui.add(egui::Label::new(text).selectable(false).extend())
        })
        .response
}

/// A catalog entry's evidence and the source it comes from, for a tooltip.
pub fn source_tooltip(ui: &mut egui::Ui, p: &PortEntry) {
    ui.set_max_width(520.0);
    ui.horizontal(|ui| {
        evidence_tag(ui, p.evidence);
        ui.strong(format!("{} ({}/{})", p.name, p.port, p.protocol));
    });
    ui.label(egui::RichText::new(evidence_meaning(p.evidence)).weak());
    ui.add(egui::Label::new(format!("Source: {}", p.source)).wrap());
}

/// The mark of an inferred cell in the matrix: a dashed outline and a "?" at its left.
pub fn paint_inferred_mark(painter: &egui::Painter, rect: egui::Rect) {
    let r = rect.shrink(1.0);
    let corners = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    let stroke = egui::Stroke::new(1.5, INFERRED_INK);
    painter.extend(egui::Shape::dashed_line(&corners, stroke, 4.0, 3.0));
    painter.text(
        egui::pos2(r.left() + 6.0, r.center().y),
        egui::Align2::CENTER_CENTER,
        "?",
        egui::FontId::proportional(12.0),
        INFERRED_INK,
    );
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
            .show(ui, |ui| {
                ui.add(egui::Label::new(text).selectable(false).extend())
            })
            .response
            .on_hover_text(long);
        ui.label(egui::RichText::new(meaning).small())
            .on_hover_text(long);
    }
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(34.0, 14.0), egui::Sense::hover());
    paint_inferred_mark(ui.painter(), rect);
    let long = evidence_meaning(Evidence::Inferred);
    resp.on_hover_text(long);
    ui.label(egui::RichText::new("inferred").small().italics())
        .on_hover_text(long);
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

/// The ring around a probe mark: dark, so the mark stands out on every cell fill (a white
/// ring vanished on the pale green of 6611, and the open mark's green on the permanent green).
pub const PROBE_RING: Color32 = ON_FILL;

pub fn paint_probe_mark(painter: &egui::Painter, center: egui::Pos2, radius: f32, status: Status) {
    let (fill, letter) = probe_mark(status);
    painter.circle(center, radius, fill, egui::Stroke::new(1.5, PROBE_RING));
    painter.text(
        center,
        egui::Align2::CENTER_CENTER,
        letter,
        egui::FontId::proportional(radius * 1.4),
        Color32::WHITE,
    );
}

/// Greys out a probe mark whose host changed since the test.
pub fn fade_probe_mark(painter: &egui::Painter, center: egui::Pos2, radius: f32) {
    painter.circle_filled(center, radius, Color32::from_white_alpha(150));
}

/// Why a result is marked stale.
pub const STALE_NOTE: &str =
    "stale: the host's address, roles or ports changed since the test; test again";

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

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2's contrast ratio of two colors.
    fn contrast(a: Color32, b: Color32) -> f32 {
        let luminance = |c: Color32| {
            let channel = |v: u8| {
                let v = f32::from(v) / 255.0;
                if v <= 0.039_28 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
        };
        let (x, y) = (luminance(a) + 0.05, luminance(b) + 0.05);
        x.max(y) / x.min(y)
    }

    #[test]
    fn probe_marks_are_readable_on_every_cell_fill() {
        let statuses = [
            Status::Open,
            Status::Closed,
            Status::Filtered,
            Status::Unreachable,
            Status::Unresolved,
            Status::Error,
            Status::Skipped,
        ];
        for fill in [INSTALL, PERMANENT, PERMANENT_LATE] {
            // WCAG's 3:1 for the parts of a graphic that carry its meaning.
            assert!(contrast(PROBE_RING, fill) >= 3.0, "ring on {fill:?}");
        }
        for s in statuses {
            let (mark, _) = probe_mark(s);
            // The letter is small text: 4.5:1 would be the rule for body text, 3:1 for large.
            assert!(contrast(Color32::WHITE, mark) >= 3.0, "letter on {s:?}");
        }
    }
}
