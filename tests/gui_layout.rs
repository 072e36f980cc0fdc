//! The app at the smallest window it supports, 1024x700 (issue 13): one toolbar row whose
//! overflow goes to a menu, a canvas that keeps its room, a matrix whose host column stays
//! while the ports scroll sideways, and the status bar's count while the matrix is filtered.

use std::path::Path;

use egui::Rect;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use portplan::gui::{App, Start};

use crate::common::app::harness_sized;

const SMALL: egui::Vec2 = egui::vec2(1024.0, 700.0);

fn harness(size: egui::Vec2, data_dir: &Path) -> Harness<'static, App> {
    harness_sized(Start::Last, data_dir, size)
}

fn rect(h: &Harness<'_, App>, label: &str) -> Rect {
    h.get_by_label(label).rect()
}

/// Whether `r` lies wholly in the window.
fn on_screen(r: Rect) -> bool {
    Rect::from_min_size(egui::Pos2::ZERO, SMALL).contains_rect(r)
}

/// The port headers of the matrix wholly left of the inspector.
fn port_headers_shown(h: &Harness<'_, App>) -> Vec<String> {
    let inspector = rect(h, "Plan").left();
    [
        "135/tcp",
        "445/tcp",
        "6611/tcp",
        "7072/tcp",
        "9011/tcp",
        "24158/tcp",
    ]
    .into_iter()
    .filter(|p| {
        h.query_by_label(p)
            .is_some_and(|n| on_screen(n.rect()) && n.rect().right() <= inspector)
    })
    .map(str::to_string)
    .collect()
}

fn wheel(h: &mut Harness<'_, App>, at: egui::Pos2, delta: egui::Vec2) {
    h.hover_at(at);
    h.run();
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    // A wheel's scroll is animated over a few frames.
    h.run_steps(40);
}

#[test]
fn at_1024x700_the_toolbar_is_one_row_and_what_does_not_fit_is_in_more() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(SMALL, dir.path());
    // One row: the first button, the test's and the palette side by side (the palette once
    // wrapped to more rows, one letter of "Installer" per line, and ate the canvas).
    let row = rect(&h, "Add host");
    for label in ["Test connectivity", "Roles:"] {
        let r = rect(&h, label);
        assert!(
            (r.center().y - row.center().y).abs() < 4.0,
            "{label} at {r:?}"
        );
        assert!(on_screen(r), "{label} at {r:?}");
    }
    let palette = h
        .get_all_by_label("MDM")
        .map(|n| n.rect())
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .unwrap();
    assert!(
        (palette.center().y - row.center().y).abs() < 4.0,
        "{palette:?}"
    );
    // The buttons that do not fit are items of the "More" menu.
    let toolbar = [
        "Add network",
        "Delete",
        "Undo",
        "Redo",
        "Zoom to fit",
        "Auto layout",
    ];
    let missing: Vec<&str> = toolbar
        .into_iter()
        .filter(|l| h.query_by_label(l).is_none())
        .collect();
    assert!(
        !missing.is_empty(),
        "all fit at 1024: the test shows nothing"
    );
    h.get_by_label("More").click();
    h.run();
    for label in &missing {
        let item = h.get_by_label_contains(label).rect();
        assert!(on_screen(item), "{label} is not in More");
    }
    h.get_by_label_contains("Auto layout").click();
    h.run();
    assert_eq!(
        h.state().document().history().undo_label(),
        Some("Auto layout")
    );
}

#[test]
fn at_1024x700_the_canvas_keeps_its_room_however_the_panels_are_dragged() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(SMALL, dir.path());
    let toolbar_bottom = rect(&h, "Add host").bottom();
    let tabs = rect(&h, "Port matrix").top();
    assert!(
        tabs - toolbar_bottom >= 250.0,
        "canvas {toolbar_bottom}..{tabs}"
    );
    // Four of the six port columns show beside the frozen host column at the default size.
    assert!(
        port_headers_shown(&h).len() >= 4,
        "{:?}",
        port_headers_shown(&h)
    );

    // Drag the bottom panel's edge to the toolbar and the inspector's to the left edge: the
    // canvas keeps 180 x 360 points.
    let drag = |h: &mut Harness<'_, App>, from: egui::Pos2, to: egui::Pos2| {
        h.hover_at(from);
        h.run();
        h.drag_at(from);
        h.run();
        for step in 1..=5 {
            h.hover_at(from + (to - from) * step as f32 / 5.0);
            h.run();
        }
        h.drop_at(to);
        h.run();
    };
    // At the canvas's left, where no card lies.
    let edge = egui::pos2(20.0, tabs - 9.0);
    drag(&mut h, edge, egui::pos2(20.0, 60.0));
    let tabs = rect(&h, "Port matrix").top();
    assert!(
        tabs - toolbar_bottom >= 175.0,
        "canvas {toolbar_bottom}..{tabs}"
    );
    let left = rect(&h, "Plan").left();
    drag(
        &mut h,
        egui::pos2(left - 9.0, 300.0),
        egui::pos2(20.0, 300.0),
    );
    let left = rect(&h, "Plan").left();
    assert!(left >= 350.0, "the inspector starts at {left}");
}

#[test]
fn the_matrix_host_column_stays_while_its_ports_scroll_sideways() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(SMALL, dir.path());
    let host = rect(&h, "install01");
    let address = rect(&h, "Address");
    let shown = port_headers_shown(&h);
    assert!(!shown.contains(&"24158/tcp".to_string()), "{shown:?}");
    // Scroll the ports right, with the pointer over a cell.
    let over = egui::pos2(rect(&h, "135/tcp").center().x, host.center().y);
    wheel(&mut h, over, egui::vec2(-600.0, 0.0));
    let shown = port_headers_shown(&h);
    assert!(shown.contains(&"24158/tcp".to_string()), "{shown:?}");
    assert!(
        rect(&h, "Address").left() < address.left(),
        "nothing scrolled"
    );
    assert_eq!(rect(&h, "install01"), host, "the host column moved");

    // Scrolled down, the host names stay level with their cells.
    wheel(&mut h, over, egui::vec2(0.0, -200.0));
    let name = rect(&h, "app03");
    let cell = h.get_by_label_contains("app03 24158/tcp").rect();
    assert!(
        (name.center().y - cell.center().y).abs() < 3.0,
        "{name:?} {cell:?}"
    );
}

#[test]
fn the_status_bar_says_how_many_hosts_the_filtered_matrix_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(SMALL, dir.path());
    h.get_by_label_contains("10 hosts · 0 selected");
    let search = h.get_by_role_and_label(egui::Role::TextInput, "Search:");
    search.focus();
    search.type_text("sds");
    h.run();
    h.get_by_label_contains("Showing 3 of 10 hosts · 0 selected");
}
