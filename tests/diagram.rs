//! The topology's arrows (issue 13, item 3): in the drawing the PDF and the SVG share, and in
//! the SVG file itself, no arrow passes over a card, and each one starts and ends at a card's
//! edge, so a reviewer never reads a flow from the card it happens to pass under. And (item
//! 16) zoom to fit on a 10-host plan never shows card text under 9 pixels.

use crate::common;

use portplan::analysis::Analysis;
use portplan::export::documents::fonts::Style;
use portplan::export::documents::svg;
use portplan::export::documents::topology::{Frame, Pen, Scene};
use portplan::look::palette::Rgb;
use portplan::model::auto_layout;
use portplan::model::{Catalog, Plan, Position, Role};

type P = (f32, f32);

/// What the diagram draws, in the output's units: the cards (the only rectangles with an
/// outline), the line segments and the arrowheads' tips.
#[derive(Default)]
struct Recorder {
    cards: Vec<Frame>,
    lines: Vec<(P, P)>,
    tips: Vec<P>,
}

impl Pen for Recorder {
    fn rect(&mut self, r: Frame, _: Option<Rgb>, stroke: Option<(Rgb, f32)>) {
        if stroke.is_some() {
            self.cards.push(r);
        }
    }
    fn line(&mut self, from: P, to: P, _: Rgb, _: f32) {
        self.lines.push((from, to));
    }
    fn triangle(&mut self, points: [P; 3], _: Rgb) {
        self.tips.push(points[0]);
    }
    fn text(&mut self, _: P, _: &str, _: Style, _: f32, _: Rgb) {}
}

/// Whether the segment p-q passes through the inside of `f` shrunk by `inset` on each side
/// (Liang-Barsky: what is left of the segment after clipping it to the box).
fn enters(p: P, q: P, f: &Frame, inset: f32) -> bool {
    let (x0, y0, x1, y1) = (
        f.x + inset,
        f.y + inset,
        f.x + f.w - inset,
        f.y + f.h - inset,
    );
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (den, num) in [
        (-dx, p.0 - x0),
        (dx, x1 - p.0),
        (-dy, p.1 - y0),
        (dy, y1 - p.1),
    ] {
        if den == 0.0 {
            if num < 0.0 {
                return false;
            }
        } else {
            let t = num / den;
            if den < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t1 - t0 > 1e-4
}

fn on_border(p: P, f: &Frame, tol: f32) -> bool {
    let inside = |lo: f32, v: f32, hi: f32| v >= lo - tol && v <= hi + tol;
    let near = |a: f32, b: f32| (a - b).abs() <= tol;
    (inside(f.x, p.0, f.x + f.w) && (near(p.1, f.y) || near(p.1, f.y + f.h)))
        || (inside(f.y, p.1, f.y + f.h) && (near(p.0, f.x) || near(p.0, f.x + f.w)))
}

/// Every segment stays off every card; every end of a drawn line is on a card's border or
/// joins another segment (the bends of a routed arrow); every arrowhead's tip is on a card's
/// border. The legend's lines (below the last card) are not arrows.
fn check_drawing(what: &str, cards: &[Frame], lines: &[(P, P)], tips: &[P], tol: f32) {
    assert!(!cards.is_empty(), "{what}: no cards drawn");
    let bottom = cards.iter().map(|f| f.y + f.h).fold(f32::MIN, f32::max);
    let arrows: Vec<&(P, P)> = lines
        .iter()
        .filter(|(p, q)| p.1 <= bottom + 1.0 || q.1 <= bottom + 1.0)
        .collect();
    assert!(!arrows.is_empty(), "{what}: no arrows drawn");
    for (p, q) in &arrows {
        for (i, f) in cards.iter().enumerate() {
            assert!(
                !enters(*p, *q, f, tol),
                "{what}: the segment {p:?} -> {q:?} passes over card {i} at {f:?}"
            );
        }
    }
    let same = |a: P, b: P| (a.0 - b.0).abs() <= tol && (a.1 - b.1).abs() <= tol;
    for (n, (p, q)) in arrows.iter().enumerate() {
        for end in [*p, *q] {
            let joined = arrows
                .iter()
                .enumerate()
                .any(|(m, (a, b))| m != n && (same(end, *a) || same(end, *b)));
            let bordered = cards.iter().any(|f| on_border(end, f, tol));
            assert!(
                joined || bordered,
                "{what}: a line ends at {end:?}, on no card's edge"
            );
        }
    }
    for tip in tips {
        assert!(
            cards.iter().any(|f| on_border(*tip, f, tol)),
            "{what}: an arrowhead points at {tip:?}, on no card's edge"
        );
    }
}

fn analysis(plan: &Plan) -> Analysis {
    let catalog = Catalog::profile(&plan.settings.catalog).unwrap_or_else(Catalog::builtin);
    Analysis::new(plan, &catalog)
}

/// The drawing as the PDF makes it: the scene drawn into a frame of a page.
fn check_scene(what: &str, plan: &Plan) {
    let a = analysis(plan);
    let scene = Scene::new(plan, &a);
    for frame in [
        Frame {
            x: 40.0,
            y: 60.0,
            w: 515.0,
            h: 400.0,
        },
        Frame {
            x: 10.0,
            y: 10.0,
            w: 2000.0,
            h: 1400.0,
        },
    ] {
        let mut pen = Recorder::default();
        scene.draw(frame, &mut pen);
        check_drawing(what, &pen.cards, &pen.lines, &pen.tips, 0.05);
    }
}

/// Installer, MDM, MDM, TB and SDS+SDC or SDC hosts, laid out in tiers as an import does.
fn generated(n: usize) -> Plan {
    let mut plan = Plan::new(format!("{n} hosts"));
    for i in 0..n {
        let roles: &[Role] = match i {
            0 => &[Role::Installer],
            1..=2 => &[Role::Mdm, Role::Sds],
            3 => &[Role::Tb],
            _ if i % 3 == 0 => &[Role::Sds, Role::Sdc],
            _ => &[Role::Sdc],
        };
        plan.add_host(
            format!("host{i:02}"),
            format!("10.0.0.{}", i + 1),
            portplan::model::Os::Linux,
            common::roles(roles),
        );
    }
    auto_layout::tiers(&mut plan);
    plan
}

/// Hosts at the given canvas positions.
fn placed(hosts: &[(&str, &[Role], f32, f32)]) -> Plan {
    let mut plan = Plan::new("placed");
    for (i, (name, roles, x, y)) in hosts.iter().enumerate() {
        plan.add_host(
            *name,
            format!("10.0.0.{}", i + 1),
            portplan::model::Os::Linux,
            common::roles(roles),
        );
        plan.hosts[i].position = Position { x: *x, y: *y };
    }
    plan
}

#[test]
fn the_examples_arrows_go_around_the_cards() {
    check_scene("example", &portplan::files::plan_file::example());
}

#[test]
fn a_generated_10_host_plans_arrows_go_around_the_cards() {
    check_scene("10 hosts", &generated(10));
}

#[test]
fn an_arrow_past_a_card_in_a_row_goes_around_it() {
    use Role::*;
    // a -> c with b between them, on one line, then in a column.
    let row = placed(&[
        ("install", &[Installer], 0.0, 0.0),
        ("sds1", &[Sds], 220.0, 0.0),
        ("sds2", &[Sds], 440.0, 0.0),
    ]);
    check_scene("row", &row);
    let column = placed(&[
        ("install", &[Installer], 0.0, 0.0),
        ("sds1", &[Sds], 0.0, 120.0),
        ("sds2", &[Sds], 0.0, 240.0),
    ]);
    check_scene("column", &column);
    // The cluster's lines: mdm1 - tb past mdm2.
    let cluster = placed(&[
        ("install", &[Installer], 220.0, -150.0),
        ("mdm1", &[Mdm], 0.0, 0.0),
        ("mdm2", &[Mdm], 220.0, 0.0),
        ("tb", &[Tb], 440.0, 0.0),
    ]);
    check_scene("cluster", &cluster);
}

/// The SVG file: `<rect>`s with an outline are the cards, `<line>`s the arrows.
#[test]
fn the_svg_files_arrows_go_around_the_cards() {
    let plan = portplan::files::plan_file::example();
    let text = svg::diagram(&plan, &analysis(&plan));
    let attr = |tag: &str, name: &str| -> Option<f32> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[at..].split('"').next()?.parse().ok()
    };
    let (mut cards, mut lines, mut tips) = (Vec::new(), Vec::new(), Vec::new());
    for tag in text.split('<') {
        let v = |n| attr(tag, n).unwrap();
        if tag.starts_with("rect ") && tag.contains(" stroke=") {
            cards.push(Frame {
                x: v("x"),
                y: v("y"),
                w: v("width"),
                h: v("height"),
            });
        } else if tag.starts_with("line ") {
            lines.push(((v("x1"), v("y1")), (v("x2"), v("y2"))));
        } else if tag.starts_with("polygon ") {
            let points = tag.split('"').nth(1).unwrap();
            let first = points.split(' ').next().unwrap();
            let (x, y) = first.split_once(',').unwrap();
            tips.push((x.parse().unwrap(), y.parse().unwrap()));
        }
    }
    // The file rounds to hundredths.
    check_drawing("svg", &cards, &lines, &tips, 0.02);
}

#[cfg(feature = "gui")]
mod zoom_to_fit {
    use super::generated;
    use portplan::gui::Start;
    use portplan::model::Plan;

    /// The smallest text on a card (the OS and the role badges), in points at zoom 1.
    const SMALLEST_TEXT: f32 = 11.0;

    /// The app at 1280x800 showing `plan`, zoomed to fit as it opens; the on-screen size in
    /// pixels of the smallest card text.
    fn smallest_text_px(plan: Plan) -> f32 {
        let dir = tempfile::tempdir().unwrap();
        let id = plan.hosts[0].id;
        let h = crate::common::app::harness(Start::Plan(Box::new(plan)), dir.path());
        let zoom =
            h.state().card_on_screen(id).unwrap().height() / portplan::look::diagram::CARD_HEIGHT;
        SMALLEST_TEXT * zoom * h.ctx.pixels_per_point()
    }

    #[test]
    fn on_a_10_host_plan_no_card_text_is_under_9_pixels() {
        for (what, plan) in [
            ("example", portplan::files::plan_file::example()),
            ("generated", generated(10)),
        ] {
            let px = smallest_text_px(plan);
            assert!(px >= 9.0, "{what}: card text of {px:.1} px at zoom to fit");
        }
    }
}
