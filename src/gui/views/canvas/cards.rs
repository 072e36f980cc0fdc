//! How the canvas paints: host cards, network cards (a dashed pill of their own), the probe
//! badge and the flow arrows. Painting only: the canvas decides what is where.

use std::collections::BTreeMap;

use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, Vec2};

use crate::gui::style;
use crate::look::diagram;
use crate::model::Address;
use crate::model::Host;
use crate::model::address::Block;

/// A card: a host's (a rounded box with a stripe of its first role's color) or a network's.
pub fn paint_card(
    ui: &egui::Ui,
    rect: Rect,
    h: &Host,
    selected: bool,
    flagged: bool,
    detailed: bool,
) {
    if h.is_network() {
        paint_network(ui, rect, h, selected, flagged, detailed);
        return;
    }
    let painter = ui.painter();
    let visuals = ui.visuals();
    let first_role = h.roles.iter().next();
    let stroke = if selected {
        Stroke::new(3.0, visuals.selection.stroke.color)
    } else if flagged {
        Stroke::new(2.0, style::ERROR)
    } else {
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color)
    };
    if !detailed {
        let fill = first_role.map_or(visuals.weak_text_color(), style::role);
        painter.rect(rect, 4.0, fill, stroke, egui::StrokeKind::Inside);
        return;
    }
    painter.rect(
        rect,
        6.0,
        visuals.window_fill,
        stroke,
        egui::StrokeKind::Inside,
    );
    // A stripe in the color of the host's first role.
    if let Some(r) = first_role {
        let stripe = Rect::from_min_size(rect.min, Vec2::new(6.0, rect.height()));
        painter.rect_filled(
            stripe,
            egui::CornerRadius {
                nw: 6,
                sw: 6,
                ne: 0,
                se: 0,
            },
            style::role(r),
        );
    }
    let left = rect.min.x + 14.0;
    paint_name(painter, visuals, rect, left, &h.name, h.os.name());
    let (address, color) = match Address::parse(&h.address) {
        Ok(_) => (clip(&h.address, 26), visuals.weak_text_color()),
        Err(_) if h.address.is_empty() => ("no address".to_string(), style::ERROR),
        Err(_) => (clip(&h.address, 26), style::ERROR),
    };
    paint_second_line(painter, Pos2::new(left, rect.min.y + 25.0), address, color);
    let weak = visuals.weak_text_color();
    paint_roles(painter, h, left, rect.max.y - 21.0, rect.max.x - 8.0, weak);
}

/// The tint of network cards: a slate blue, so they read as outside the deployment.
const NETWORK_TINT: Color32 = Color32::from_rgb(0x5E, 0x7C, 0x9E);

/// A network: a pill with a dashed outline and a tinted fill, its name, its blocks and its
/// roles.
fn paint_network(
    ui: &egui::Ui,
    rect: Rect,
    h: &Host,
    selected: bool,
    flagged: bool,
    detailed: bool,
) {
    let painter = ui.painter();
    let visuals = ui.visuals();
    let radius = rect.height() / 2.0;
    if !detailed {
        painter.rect_filled(rect, radius, NETWORK_TINT.gamma_multiply(0.7));
        return;
    }
    painter.rect_filled(rect, radius, visuals.window_fill);
    painter.rect_filled(rect, radius, NETWORK_TINT.gamma_multiply(0.22));
    if selected {
        let stroke = Stroke::new(3.0, visuals.selection.stroke.color);
        painter.rect_stroke(rect, radius, stroke, egui::StrokeKind::Inside);
    } else {
        let stroke = if flagged {
            Stroke::new(2.0, style::ERROR)
        } else {
            Stroke::new(1.5, NETWORK_TINT)
        };
        let outline = pill_outline(rect.shrink(stroke.width / 2.0));
        painter.extend(egui::Shape::dashed_line(&outline, stroke, 6.0, 4.0));
    }
    // Inside the rounded ends.
    let left = rect.min.x + 22.0;
    paint_name(
        painter,
        visuals,
        rect.shrink2(Vec2::new(12.0, 0.0)),
        left,
        &h.name,
        "network",
    );
    let parts: Vec<&str> = Host::network_parts(&h.address).collect();
    let (blocks, color) = if parts.is_empty() {
        ("no blocks".to_string(), style::ERROR)
    } else if parts.iter().any(|p| Block::parse(p).is_err()) {
        (clip(&parts.join("; "), 26), style::ERROR)
    } else {
        (clip(&parts.join("; "), 26), visuals.weak_text_color())
    };
    paint_second_line(painter, Pos2::new(left, rect.min.y + 25.0), blocks, color);
    let weak = visuals.weak_text_color();
    paint_roles(painter, h, left, rect.max.y - 21.0, rect.max.x - 20.0, weak);
}

/// A card's second line: a host's address, a network's blocks.
fn paint_second_line(painter: &egui::Painter, at: Pos2, text: String, color: Color32) {
    painter.text(
        at,
        Align2::LEFT_TOP,
        text,
        FontId::proportional(12.0),
        color,
    );
}

/// The outline of a pill inscribed in `rect`, as a closed path.
fn pill_outline(rect: Rect) -> Vec<Pos2> {
    let r = rect.height() / 2.0;
    let (left, right) = (rect.min.x + r, rect.max.x - r);
    let y = rect.center().y;
    let arc = |cx: f32, from: f32| {
        (0..=12).map(move |i| {
            let a = from + std::f32::consts::PI * i as f32 / 12.0;
            Pos2::new(cx + r * a.cos(), y + r * a.sin())
        })
    };
    // The right end from top to bottom, the left end from bottom to top.
    let mut points: Vec<Pos2> = arc(right, -std::f32::consts::FRAC_PI_2).collect();
    points.extend(arc(left, std::f32::consts::FRAC_PI_2));
    points.push(points[0]);
    points
}

/// The card's name (top left) and a word at its top right (the OS, or "network").
fn paint_name(
    painter: &egui::Painter,
    visuals: &egui::Visuals,
    rect: Rect,
    left: f32,
    name: &str,
    corner: &str,
) {
    let name = if name.is_empty() { "(no name)" } else { name };
    painter.text(
        Pos2::new(left, rect.min.y + 6.0),
        Align2::LEFT_TOP,
        clip(name, 20),
        FontId::proportional(15.0),
        visuals.text_color(),
    );
    painter.text(
        Pos2::new(rect.max.x - 8.0, rect.min.y + 8.0),
        Align2::RIGHT_TOP,
        corner,
        FontId::proportional(11.0),
        visuals.weak_text_color(),
    );
}

/// A badge per role from `left`, as many as fit before `right`, then "+N".
fn paint_roles(painter: &egui::Painter, h: &Host, left: f32, top: f32, right: f32, weak: Color32) {
    let font = FontId::proportional(11.0);
    let roles: Vec<_> = h.roles.iter().collect();
    let mut x = left;
    for (i, r) in roles.iter().enumerate() {
        let galley = painter.layout_no_wrap(r.name().to_string(), font.clone(), Color32::WHITE);
        let size = galley.size() + Vec2::new(8.0, 2.0);
        // Room for this badge, and for a "+N" after it unless it is the last.
        let reserve = if i + 1 < roles.len() { 26.0 } else { 0.0 };
        if x + size.x + reserve > right {
            painter.text(
                Pos2::new(x, top + 1.0),
                Align2::LEFT_TOP,
                format!("+{}", roles.len() - i),
                font,
                weak,
            );
            return;
        }
        let badge = Rect::from_min_size(Pos2::new(x, top), size);
        painter.rect_filled(badge, 3.0, style::role(*r));
        painter.galley(badge.min + Vec2::new(4.0, 1.0), galley, Color32::WHITE);
        x = badge.max.x + 4.0;
    }
}

/// What a card's probe badge says: "5/6 open", and "stale: 5/6 open" once the host changed
/// (address, roles, ports) since the test.
pub fn probe_badge_text((open, probed): (usize, usize), stale: bool) -> String {
    if stale {
        format!("stale: {open}/{probed} open")
    } else {
        format!("{open}/{probed} open")
    }
}

/// The host's last probe: "5/6 open", green when every probed port answered, red otherwise,
/// grey when stale.
pub fn paint_probe_badge(
    painter: &egui::Painter,
    card: Rect,
    (open, probed): (usize, usize),
    stale: bool,
    detailed: bool,
) {
    let fill = if stale {
        style::probe_mark(crate::probe::Status::Skipped).0
    } else if open == probed {
        style::probe_mark(crate::probe::Status::Open).0
    } else {
        style::ERROR
    };
    if !detailed {
        painter.circle_filled(card.right_top(), card.height() * 0.25, fill);
        return;
    }
    let galley = painter.layout_no_wrap(
        probe_badge_text((open, probed), stale),
        FontId::proportional(11.0),
        Color32::WHITE,
    );
    let badge = Rect::from_min_size(
        Pos2::new(card.max.x - galley.size().x - 14.0, card.max.y - 21.0),
        galley.size() + Vec2::new(8.0, 2.0),
    );
    painter.rect_filled(badge, 3.0, fill);
    painter.galley(badge.min + Vec2::new(4.0, 1.0), galley, Color32::WHITE);
}

/// "a very long name…" within `max` characters.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// The flow arrows ready to paint, in canvas units: the routes' segments with the pieces that
/// routes share (the installer's arrows run down the same gaps) painted once, and the
/// arrowheads. On a large plan the shared gaps would otherwise be painted thousands of times
/// over.
#[derive(Default)]
pub struct Flows {
    lines: Vec<(Stroke, Pos2, Pos2)>,
    heads: Vec<(Stroke, Pos2, Vec2)>,
}

impl Flows {
    /// `routes[i]` is where `edges[i]` runs (see [`diagram::arrows`]).
    pub fn new(edges: &[diagram::Edge], routes: &[Vec<Pos2>]) -> Flows {
        // Axis-parallel pieces by (stroke, vertical, the line they are on): their spans.
        type Line = ([u8; 4], u32, bool, u32);
        let mut on_lines: BTreeMap<Line, (Stroke, Vec<(f32, f32)>)> = BTreeMap::new();
        let mut flows = Flows::default();
        for (e, route) in edges.iter().zip(routes) {
            let stroke = Stroke::new(if e.directed { 1.5 } else { 2.0 }, style::flow(e.kind));
            for s in route.windows(2) {
                let (a, b) = (s[0], s[1]);
                let key = |vertical: bool, at: f32| {
                    let c = stroke.color.to_array();
                    (c, stroke.width.to_bits(), vertical, at.to_bits())
                };
                let (key, span) = if a.x == b.x {
                    (key(true, a.x), (a.y.min(b.y), a.y.max(b.y)))
                } else if a.y == b.y {
                    (key(false, a.y), (a.x.min(b.x), a.x.max(b.x)))
                } else {
                    flows.lines.push((stroke, a, b));
                    continue;
                };
                on_lines
                    .entry(key)
                    .or_insert((stroke, Vec::new()))
                    .1
                    .push(span);
            }
            if let [.., start, end] = route.as_slice()
                && e.directed
            {
                flows
                    .heads
                    .push((stroke, *end, (*end - *start).normalized()));
            }
        }
        for ((_, _, vertical, at), (stroke, mut spans)) in on_lines {
            let at = f32::from_bits(at);
            let point = |v: f32| {
                if vertical {
                    Pos2::new(at, v)
                } else {
                    Pos2::new(v, at)
                }
            };
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut merged: Vec<(f32, f32)> = Vec::new();
            for (lo, hi) in spans {
                match merged.last_mut() {
                    Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
                    _ => merged.push((lo, hi)),
                }
            }
            for (lo, hi) in merged {
                flows.lines.push((stroke, point(lo), point(hi)));
            }
        }
        flows
    }
}

/// The diagram's edges (see [`diagram::edges`]) along their routes: install arrows in amber,
/// cluster lines in green; only what is in view.
pub fn paint_flows(painter: &egui::Painter, flows: &Flows, visible: Rect) {
    for &(stroke, a, b) in &flows.lines {
        if visible.intersects(Rect::from_two_pos(a, b)) {
            painter.line_segment([a, b], stroke);
        }
    }
    for &(stroke, end, dir) in &flows.heads {
        if visible.contains(end) {
            let side = Vec2::new(-dir.y, dir.x) * 5.0;
            painter.line_segment([end, end - dir * 10.0 + side], stroke);
            painter.line_segment([end, end - dir * 10.0 - side], stroke);
        }
    }
}
