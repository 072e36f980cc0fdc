//! The topology diagram of the documents: the canvas's cards and arrows (see
//! [`crate::look::diagram`]), scaled into a frame and drawn through a [`Pen`], so the PDF and the
//! SVG are one drawing.

use super::fonts::{self, Style};
use crate::analysis::{Analysis, FlowKind};
use crate::look::diagram::{self, CARD_HEIGHT, CARD_WIDTH};
use crate::look::palette::{self, Rgb};
use crate::look::routing::Point;
use crate::model::Plan;
use crate::model::Role;

/// What a backend draws. Coordinates grow right and down from the frame's page or image
/// origin; text is placed by its baseline's left end.
pub trait Pen {
    fn rect(&mut self, r: Frame, fill: Option<Rgb>, stroke: Option<(Rgb, f32)>);
    fn line(&mut self, from: (f32, f32), to: (f32, f32), color: Rgb, width: f32);
    fn triangle(&mut self, points: [(f32, f32); 3], fill: Rgb);
    fn text(&mut self, at: (f32, f32), text: &str, style: Style, size: f32, color: Rgb);
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

struct Card {
    x: f32,
    y: f32,
    name: String,
    address: String,
    /// The OS, or "network" for a network's card.
    os: &'static str,
    network: bool,
    roles: Vec<Role>,
}

/// The plan's picture in canvas units, ready to be scaled into any frame.
pub struct Scene {
    cards: Vec<Card>,
    edges: Vec<diagram::Edge>,
    /// Each edge's polyline in canvas units, around the cards.
    routes: Vec<Vec<Point>>,
    origin: (f32, f32),
    size: (f32, f32),
}

const GREY: Rgb = Rgb(0x88, 0x88, 0x88);
const DARK: Rgb = Rgb(0x22, 0x22, 0x22);
const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);
/// A network's card: outside the deployment, so paler and with a darker edge.
const NETWORK_FILL: Rgb = Rgb(0xEE, 0xEF, 0xF4);
/// Below this card height (in the output's unit) a card is a colored box without text, as
/// on a zoomed-out canvas.
const DETAIL_MIN: f32 = 18.0;

impl Scene {
    pub fn new(plan: &Plan, a: &Analysis) -> Scene {
        let edges = diagram::edges(plan, a);
        let areas: Vec<_> = plan
            .hosts
            .iter()
            .map(|h| diagram::card_area(h.position.x, h.position.y))
            .collect();
        let routes = diagram::arrows(&areas, &edges);
        // The arrows that go around the outermost cards run outside them: in the frame too.
        let (x0, y0, x1, y1) = routes.iter().flatten().fold(
            diagram::bounds(plan).unwrap_or((0.0, 0.0, 1.0, 1.0)),
            |(x0, y0, x1, y1), p| (x0.min(p.0), y0.min(p.1), x1.max(p.0), y1.max(p.1)),
        );
        Scene {
            cards: plan
                .hosts
                .iter()
                .map(|h| Card {
                    x: h.position.x,
                    y: h.position.y,
                    name: h.name.clone(),
                    address: h.address.clone(),
                    os: if h.is_network() {
                        "network"
                    } else {
                        h.os.name()
                    },
                    network: h.is_network(),
                    roles: h.roles.iter().collect(),
                })
                .collect(),
            edges,
            routes,
            origin: (x0, y0),
            size: (x1 - x0, y1 - y0),
        }
    }

    /// Width over height, to size a frame.
    pub fn aspect(&self) -> f32 {
        self.size.0 / self.size.1
    }

    /// The cards' extent in canvas units (the size of a drawing at scale 1).
    pub fn size(&self) -> (f32, f32) {
        self.size
    }

    /// Draws the scene as large as fits in `frame`, centered, with a legend along the
    /// bottom.
    pub fn draw(&self, frame: Frame, pen: &mut dyn Pen) {
        let legend_h = 14.0;
        let area = Frame {
            h: (frame.h - legend_h - 6.0).max(1.0),
            ..frame
        };
        let scale = (area.w / self.size.0).min(area.h / self.size.1);
        let (dx, dy) = (
            area.x + (area.w - self.size.0 * scale) / 2.0,
            area.y + (area.h - self.size.1 * scale) / 2.0,
        );
        let at = |x: f32, y: f32| {
            (
                dx + (x - self.origin.0) * scale,
                dy + (y - self.origin.1) * scale,
            )
        };
        let card_frame = |c: &Card| {
            let (x, y) = at(c.x, c.y);
            Frame {
                x,
                y,
                w: CARD_WIDTH * scale,
                h: CARD_HEIGHT * scale,
            }
        };
        let width = (1.2 * scale).clamp(0.3, 1.5);
        let head = (6.0 * scale).clamp(1.5, 6.0);
        for (e, route) in self.edges.iter().zip(&self.routes) {
            let color = palette::flow(e.kind);
            let points: Vec<(f32, f32)> = route.iter().map(|p| at(p.0, p.1)).collect();
            let w = if e.directed { width } else { width * 1.5 };
            for s in points.windows(2) {
                pen.line(s[0], s[1], color, w);
            }
            if e.directed
                && let [.., p, q] = points.as_slice()
            {
                arrow_head(pen, *p, *q, head, color);
            }
        }
        for c in &self.cards {
            draw_card(pen, card_frame(c), c);
        }
        self.legend(
            pen,
            Frame {
                y: frame.y + frame.h - legend_h,
                h: legend_h,
                ..frame
            },
        );
    }

    fn legend(&self, pen: &mut dyn Pen, f: Frame) {
        let size = (f.w / 70.0).clamp(7.0, 9.0);
        let m = fonts::metrics(Style::Regular);
        let base = f.y + f.h - 4.0;
        let mut x = f.x;
        for (kind, label) in [
            (
                FlowKind::Install,
                "install flow (installer to target, removed after the install)",
            ),
            (FlowKind::Operation, "MDM / TB cluster traffic (permanent)"),
        ] {
            pen.line(
                (x, base - 2.5),
                (x + 16.0, base - 2.5),
                palette::flow(kind),
                1.5,
            );
            x += 20.0;
            pen.text((x, base), label, Style::Regular, size, DARK);
            x += m.width(label, size) + 12.0;
        }
        for r in Role::ALL {
            let w = fonts::metrics(Style::Bold).width(r.name(), size - 1.0) + 6.0;
            if x + w > f.x + f.w {
                break;
            }
            pen.rect(
                Frame {
                    x,
                    y: base - size * 1.05,
                    w,
                    h: size * 1.4,
                },
                Some(palette::role(r)),
                None,
            );
            pen.text((x + 3.0, base), r.name(), Style::Bold, size - 1.0, WHITE);
            x += w + 4.0;
        }
    }
}

fn arrow_head(pen: &mut dyn Pen, from: (f32, f32), to: (f32, f32), size: f32, color: Rgb) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 1e-3 {
        return;
    }
    let (ux, uy) = (dx / len, dy / len);
    let back = (to.0 - ux * size, to.1 - uy * size);
    let side = (-uy * size * 0.45, ux * size * 0.45);
    pen.triangle(
        [
            to,
            (back.0 + side.0, back.1 + side.1),
            (back.0 - side.0, back.1 - side.1),
        ],
        color,
    );
}

fn draw_card(pen: &mut dyn Pen, f: Frame, c: &Card) {
    let first = c.roles.first().copied();
    if f.h < DETAIL_MIN {
        let fill = first.map_or(GREY, palette::role);
        pen.rect(f, Some(fill), None);
        return;
    }
    if c.network {
        pen.rect(f, Some(NETWORK_FILL), Some((DARK, 0.9)));
    } else {
        pen.rect(f, Some(WHITE), Some((GREY, 0.6)));
    }
    if let Some(r) = first {
        pen.rect(
            Frame {
                w: f.w * 0.035,
                ..f
            },
            Some(palette::role(r)),
            None,
        );
    }
    // Sizes follow the card, as on the canvas (name 15, address 12, badges 11 of 66).
    let k = f.h / CARD_HEIGHT;
    let left = f.x + f.w * 0.08;
    let room = f.x + f.w - 3.0 * k - left;
    let os_size = 9.0 * k;
    let os_w = fonts::metrics(Style::Regular).width(c.os, os_size);
    pen.text(
        (f.x + f.w - 5.0 * k - os_w, f.y + 14.0 * k),
        c.os,
        Style::Regular,
        os_size,
        GREY,
    );
    let name = fonts::printable(
        if c.name.is_empty() {
            "(no name)"
        } else {
            &c.name
        },
        Style::Bold,
    )
    .into_owned();
    let (name, size) = fit(&name, Style::Bold, 14.0 * k, room - os_w - 4.0 * k);
    pen.text((left, f.y + 19.0 * k), &name, Style::Bold, size, DARK);
    let address = fonts::printable(&c.address, Style::Regular).into_owned();
    let (address, size) = fit(&address, Style::Regular, 11.0 * k, room);
    pen.text((left, f.y + 36.0 * k), &address, Style::Regular, size, GREY);
    let badge_size = 9.0 * k;
    let mut x = left;
    for r in &c.roles {
        let w = fonts::metrics(Style::Bold).width(r.name(), badge_size) + 6.0 * k;
        if x + w > f.x + f.w - 3.0 * k {
            break;
        }
        let badge = Frame {
            x,
            y: f.y + f.h - 19.0 * k,
            w,
            h: 14.0 * k,
        };
        pen.rect(badge, Some(palette::role(*r)), None);
        pen.text(
            (x + 3.0 * k, badge.y + 10.5 * k),
            r.name(),
            Style::Bold,
            badge_size,
            WHITE,
        );
        x += w + 3.0 * k;
    }
}

/// Long names first shrink (down to 60 % of `size`), then lose their end to "…".
fn fit(text: &str, style: Style, size: f32, width: f32) -> (String, f32) {
    let m = fonts::metrics(style);
    let w = m.width(text, size);
    if w <= width {
        return (text.to_string(), size);
    }
    let shrunk = (size * width / w).max(size * 0.6);
    (fonts::ellipsize(text, style, shrunk, width), shrunk)
}
