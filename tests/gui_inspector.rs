//! The inspector as a user types into it (issue 13): text typed right after Tab lands in the
//! next field, validation messages do not push the controls under them, and the panel keeps
//! the width the user dragged whatever it shows.

use egui::{Key, Modifiers, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use portplan::gui::{App, Start};

use crate::common::app::harness;

fn field(h: &Harness<'_, App>, label: &str) -> Rect {
    h.get_by_role_and_label(egui::Role::TextInput, label).rect()
}

/// The left of the inspector's "Host" heading (the matrix's column is also "Host").
fn host_heading(h: &Harness<'_, App>) -> f32 {
    h.get_all_by_label("Host")
        .map(|n| n.rect().left())
        .fold(f32::MIN, f32::max)
}

fn key(key: Key, pressed: bool) -> egui::Event {
    egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    }
}

#[test]
fn text_typed_in_the_frame_of_a_tab_lands_in_the_field_tab_moves_to() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Empty, dir.path());
    h.get_by_label("Add host").click();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Name")
        .focus();
    h.run();
    // A fast typist: the end of the name, Tab and the address arrive between two frames.
    // (Harness::event would give each event a frame of its own.)
    h.input_mut().events.extend([
        egui::Event::Text("x".into()),
        key(Key::Tab, true),
        key(Key::Tab, false),
        egui::Event::Text("10.0.0.9".into()),
    ]);
    h.run();
    let host = &h.state().document().plan().hosts[0];
    assert_eq!(host.name, "host-1x");
    assert_eq!(host.address, "10.0.0.9");
    // And back with Shift+Tab, in one frame again.
    h.input_mut().events.extend([
        egui::Event::Text("0".into()),
        egui::Event::Key {
            key: Key::Tab,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::SHIFT,
        },
        egui::Event::Text("y".into()),
    ]);
    h.run();
    let host = &h.state().document().plan().hosts[0];
    assert_eq!(host.address, "10.0.0.90");
    assert_eq!(host.name, "host-1xy");
}

#[test]
fn a_validation_message_does_not_move_the_controls_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Empty, dir.path());
    h.get_by_label("Add host").click();
    h.run();
    let os = h.get_by_label("linux").rect();
    let address = h.get_by_role_and_label(egui::Role::TextInput, "Address");
    address.focus();
    address.type_text("10.0.0.300");
    h.run();
    // The message shows (under the field and in the findings) ...
    assert_eq!(
        h.get_all_by_label_contains("'10.0.0.300' is not an IPv4 address")
            .count(),
        2
    );
    // ... and the OS choice under it stays where the pointer was going.
    assert_eq!(h.get_by_label("linux").rect(), os);

    // A network's blocks: the roles under them stay too.
    h.get_by_label("Add network").click();
    h.run();
    let roles = h.get_by_role_and_label(egui::Role::CheckBox, "SDC").rect();
    let blocks = h.get_by_role_and_label(egui::Role::TextInput, "Blocks (CIDR; separated by ;)");
    blocks.focus();
    blocks.type_text("10.1.0.1/16; 300.0.0.0/8");
    h.run();
    assert!(h.get_all_by_label_contains("host bits").count() >= 1);
    assert_eq!(
        h.get_by_role_and_label(egui::Role::CheckBox, "SDC").rect(),
        roles
    );
}

#[test]
fn the_inspector_keeps_the_width_the_user_dragged() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    let left = h.get_by_label("Plan").rect().left();
    // Drag the panel's edge 60 points right: a narrower inspector.
    let edge = egui::pos2(left - 9.0, 300.0);
    let to = edge + egui::vec2(60.0, 0.0);
    h.hover_at(edge);
    h.run();
    h.drag_at(edge);
    h.run();
    for step in 1..=4 {
        h.hover_at(edge + (to - edge) * step as f32 / 4.0);
        let _ = h.try_run();
    }
    h.drop_at(to);
    h.run_steps(10);
    let inspector_left = h.get_by_label("Plan").rect().left();
    assert!(inspector_left > left + 40.0, "the drag did nothing");

    // A host with its port table, a long validation message: the width stays.
    h.get_by_label("mdm1").click();
    h.run_steps(30);
    assert_eq!(host_heading(&h), inspector_left);
    let address = h.get_by_role_and_label(egui::Role::TextInput, "Address");
    address.focus();
    address.type_text("-and-a-long-name-that-is-no-address-at-all.example.com:9000");
    h.run_steps(10);
    assert_eq!(host_heading(&h), inspector_left);
    // Another host: the same width.
    h.get_by_label("sds1").click();
    h.run_steps(30);
    assert_eq!(host_heading(&h), inspector_left);
}
