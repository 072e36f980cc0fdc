//! The desktop app driven through egui_kittest by its labels, as a user would.

use crate::common;

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use portplan::gui::{App, Start};

use crate::common::app::harness;
use portplan::model::{Role, RoleSet};

fn click(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn check_role(h: &mut Harness<'_, App>, role: &str) {
    h.get_by_role_and_label(egui::Role::CheckBox, role).click();
    h.run();
}

fn press(h: &mut Harness<'_, App>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

#[test]
fn add_a_host_give_it_mdm_and_sds_see_its_ports_then_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Empty, dir.path());
    click(&mut h, "Add host");
    assert_eq!(h.state().document().plan().hosts.len(), 1);
    check_role(&mut h, "MDM");
    check_role(&mut h, "SDS");

    for (port, phase) in [
        ("135/tcp", "install-only"),
        ("445/tcp", "install-only"),
        ("6611/tcp", "permanent (not needed to install)"),
        ("7072/tcp", "permanent"),
        ("9011/tcp", "permanent"),
        ("24158/tcp", "install-only"),
    ] {
        h.get_by_label(&format!("host-1 {port} {phase}"));
    }
    // The new host has no address and there is no installer: the findings say so.
    h.get_by_label_contains("host host-1: the address is empty");
    h.get_by_label_contains("no host has the Installer role");
    assert!(h.state().title().starts_with("*Untitled plan"));

    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.query_by_label("host-1 7072/tcp permanent").is_none());
    h.get_by_label("host-1 9011/tcp permanent");
    assert_eq!(
        h.state().document().plan().hosts[0].roles,
        RoleSet::EMPTY.with(Role::Mdm)
    );

    press(&mut h, Modifiers::COMMAND, Key::Y);
    h.get_by_label("host-1 7072/tcp permanent");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    h.get_by_label("host-1 7072/tcp permanent");

    // Undo everything: back to the empty plan, and nothing unsaved.
    for _ in 0..3 {
        press(&mut h, Modifiers::COMMAND, Key::Z);
    }
    assert!(h.state().document().plan().hosts.is_empty());
    assert!(!h.state().document().is_dirty());
}

#[test]
fn typing_a_name_and_an_address_validates_as_you_type_and_undoes_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Empty, dir.path());
    click(&mut h, "Add host");
    let address = h.get_by_role_and_label(egui::Role::TextInput, "Address");
    address.focus();
    address.type_text("10.0.0.300");
    h.run();
    // Under the field, and in the findings.
    assert_eq!(
        h.get_all_by_label_contains("'10.0.0.300' is not an IPv4 address")
            .count(),
        2
    );
    for _ in 0.."300".len() {
        h.key_press(Key::Backspace);
    }
    h.get_by_role_and_label(egui::Role::TextInput, "Address")
        .type_text("30");
    h.run();
    assert_eq!(h.state().document().plan().hosts[0].address, "10.0.0.30");
    assert!(
        h.query_by_label_contains("is not an IPv4 address")
            .is_none()
    );

    // All that typing is one undo step.
    h.state_mut()
        .run(&egui::Context::default(), portplan::gui::Command::Undo);
    h.run();
    assert_eq!(h.state().document().plan().hosts[0].address, "");
}

#[test]
fn opening_a_corrupt_file_shows_the_error_and_keeps_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    assert_eq!(
        h.state().document().plan().name,
        "ScaleIO example",
        "first start: the example"
    );
    let path = dir.path().join("plan.json");
    assert!(h.state_mut().save_to(&path));
    std::fs::write(
        &path,
        "{\"format\": \"portplan-plan\", \"version\": 1, \"name\": ",
    )
    .unwrap();

    // File > Open Recent > the plan, which is now corrupt.
    click(&mut h, "File");
    h.get_by_label("Open Recent").hover();
    h.run();
    let recent = std::fs::canonicalize(&path).unwrap().display().to_string();
    click(&mut h, &recent);
    h.get_by_label("Cannot open the plan");
    let shown = h.state().message().unwrap().to_string();
    assert!(shown.contains("plan.json: line 1, column "), "{shown}");
    assert!(shown.contains("EOF while parsing"), "{shown}");
    h.get_by_label(&shown);
    assert_eq!(
        h.state().document().plan().hosts.len(),
        10,
        "the plan stays as it was"
    );
    click(&mut h, "OK");
    assert!(h.state().message().is_none());
    h.get_by_label("mdm1 6611/tcp permanent (not needed to install)");
}

#[test]
fn new_asks_about_unsaved_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    click(&mut h, "Add host");
    press(&mut h, Modifiers::COMMAND, Key::N);
    h.get_by_label("Unsaved changes");
    click(&mut h, "Cancel");
    assert_eq!(h.state().document().plan().hosts.len(), 11);

    press(&mut h, Modifiers::COMMAND, Key::N);
    click(&mut h, "Don't save");
    assert!(h.state().document().plan().hosts.is_empty());
    assert!(!h.state().document().is_dirty());
}

#[test]
fn select_all_then_delete_removes_every_host_in_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    press(&mut h, Modifiers::COMMAND, Key::A);
    assert_eq!(h.state().selection().len(), 10);
    h.get_by_label("10 hosts selected");
    press(&mut h, Modifiers::NONE, Key::Delete);
    assert!(h.state().document().plan().hosts.is_empty());
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().document().plan().hosts.len(), 10);
}

#[test]
fn role_changes_apply_to_every_selected_host() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    // Select two hosts through the matrix, the second with Ctrl.
    click(&mut h, "mdm2");
    h.get_by_label("tb1").click_modifiers(Modifiers::COMMAND);
    h.run();
    h.get_by_label("2 hosts selected");
    check_role(&mut h, "SDS");
    let plan = h.state().document().plan();
    for name in ["mdm2", "tb1"] {
        let host = plan.hosts.iter().find(|x| x.name == name).unwrap();
        assert!(host.roles.contains(Role::Sds), "{name}");
    }
    h.get_by_label("tb1 7072/tcp permanent");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.query_by_label("tb1 7072/tcp permanent").is_none());
    assert!(h.query_by_label("mdm2 7072/tcp permanent").is_none());
}

#[test]
fn clicking_a_finding_selects_its_host() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Empty, dir.path());
    click(&mut h, "Add host");
    press(&mut h, Modifiers::NONE, Key::Escape);
    h.state_mut()
        .run(&egui::Context::default(), portplan::gui::Command::AddHost);
    h.run();
    assert_eq!(h.state().selection().len(), 1);
    click(&mut h, "host host-1: the address is empty");
    let id = h.state().document().plan().hosts[0].id;
    assert_eq!(h.state().selection().iter().collect::<Vec<_>>(), [&id]);
}

#[test]
fn unsaved_work_is_offered_back_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut h = harness(Start::Last, dir.path());
        click(&mut h, "Add host");
        h.state_mut().write_recovery(); // what the 30 s autosave does
        // The process dies here: no quit, no save.
    }
    let mut h = harness(Start::Last, dir.path());
    assert!(h.state().has_recovery_offer());
    h.get_by_label("Recover unsaved work?");
    click(&mut h, "Recover");
    assert_eq!(h.state().document().plan().hosts.len(), 11);
    assert!(h.state().document().is_dirty());

    // Saving clears the recovery file: the next start offers nothing.
    let path = dir.path().join("saved.json");
    assert!(h.state_mut().save_to(&path));
    drop(h);
    let h = harness(Start::Last, dir.path());
    assert!(!h.state().has_recovery_offer());
    assert_eq!(
        h.state().document().path(),
        Some(std::fs::canonicalize(&path).unwrap().as_path())
    );
}

#[test]
fn later_starts_reopen_the_last_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.json");
    {
        let mut h = harness(Start::Empty, dir.path());
        click(&mut h, "Add host");
        assert!(h.state_mut().save_to(&path));
    }
    let h = harness(Start::Last, dir.path());
    assert_eq!(h.state().document().plan().hosts.len(), 1);
    assert!(
        h.state().title().contains("(mine.json)"),
        "{}",
        h.state().title()
    );
}

#[test]
fn the_catalog_view_shows_each_port_source_and_changes_the_wmi_setting() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    click(&mut h, "Catalog & settings");
    h.get_by_label_contains("6611: Required for MDM communication");
    h.get_by_label("Dynamic (49152-65535)").click();
    h.run();
    click(&mut h, "Port matrix");
    h.get_by_label("mdm1 49152-65535/tcp install-only");
    assert!(h.query_by_label("mdm1 24158/tcp install-only").is_none());
    h.get_by_label_contains("WMI is dynamic");
}

#[test]
fn dragging_cards_moves_every_selected_host_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    let ids: Vec<_> = h
        .state()
        .document()
        .plan()
        .hosts
        .iter()
        .map(|x| x.id)
        .collect();
    let (sds1, sds2) = (ids[4], ids[5]);
    let before: Vec<_> = h
        .state()
        .document()
        .plan()
        .hosts
        .iter()
        .map(|x| x.position)
        .collect();

    // Click sds1, Shift-click sds2, then drag sds2 by (60, 40) screen points in small steps.
    let card = |h: &Harness<'_, App>, id| h.state().card_on_screen(id).unwrap();
    let a = card(&h, sds1).center();
    h.hover_at(a);
    h.run();
    h.drag_at(a);
    h.run();
    h.drop_at(a);
    h.run();
    assert_eq!(h.state().selection().len(), 1);
    let b = card(&h, sds2).center();
    h.event(egui::Event::PointerMoved(b));
    h.event_modifiers(
        egui::Event::PointerButton {
            pos: b,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    h.event_modifiers(
        egui::Event::PointerButton {
            pos: b,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    h.run();
    assert_eq!(h.state().selection().len(), 2, "shift-click adds");

    let zoom = card(&h, sds2).width() / 180.0;
    h.hover_at(b);
    h.run();
    h.drag_at(b);
    h.run();
    for step in 1..=10 {
        h.hover_at(b + egui::vec2(6.0, 4.0) * step as f32);
        h.run();
    }
    h.drop_at(b + egui::vec2(60.0, 40.0));
    h.run();

    let after: Vec<_> = h
        .state()
        .document()
        .plan()
        .hosts
        .iter()
        .map(|x| x.position)
        .collect();
    for (i, (p0, p1)) in before.iter().zip(&after).enumerate() {
        if i == 4 || i == 5 {
            assert!(
                (p1.x - p0.x - 60.0 / zoom).abs() < 1.0,
                "{i}: {p0:?} -> {p1:?}"
            );
            assert!(
                (p1.y - p0.y - 40.0 / zoom).abs() < 1.0,
                "{i}: {p0:?} -> {p1:?}"
            );
        } else {
            assert_eq!(p0, p1, "{i} did not move");
        }
    }
    press(&mut h, Modifiers::COMMAND, Key::Z);
    let undone: Vec<_> = h
        .state()
        .document()
        .plan()
        .hosts
        .iter()
        .map(|x| x.position)
        .collect();
    assert_eq!(undone, before, "the whole drag is one step");
}

#[test]
fn a_rubber_band_selects_the_cards_it_touches() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    let hosts = h.state().document().plan().hosts.clone();
    let card = |h: &Harness<'_, App>, i: usize| h.state().card_on_screen(hosts[i].id).unwrap();
    // From above-left of mdm1 to the middle of tb1: the cluster tier.
    let start = card(&h, 1).left_top() - egui::vec2(10.0, 10.0);
    let end = card(&h, 3).center();
    h.hover_at(start);
    h.run();
    h.drag_at(start);
    h.run();
    for step in 1..=8 {
        h.hover_at(start + (end - start) * step as f32 / 8.0);
        h.run();
    }
    h.drop_at(end);
    h.run();
    let mut names: Vec<&str> = hosts
        .iter()
        .filter(|x| h.state().selection().contains(&x.id))
        .map(|x| x.name.as_str())
        .collect();
    names.sort();
    assert_eq!(names, ["mdm1", "mdm2", "tb1"]);
}

#[test]
fn double_clicking_empty_canvas_adds_a_host_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    let first = h.state().document().plan().hosts[0].id;
    // To the right of the installer, on the empty part of its tier.
    let empty = h.state().card_on_screen(first).unwrap().right_center() + egui::vec2(200.0, 0.0);
    h.hover_at(empty);
    h.run();
    for pressed in [true, false, true, false] {
        h.event(egui::Event::PointerButton {
            pos: empty,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    assert_eq!(h.state().document().plan().hosts.len(), 11);
    let added = h.state().document().plan().hosts.last().unwrap();
    assert_eq!(added.name, "host-1");
    assert!(h.state().selection().contains(&added.id));
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    click(&mut h, "Add host");
    press(&mut h, Modifiers::COMMAND, Key::Q);
    assert!(h.state().has_unsaved_prompt());
    click(&mut h, "Cancel");
    assert!(!h.state().has_unsaved_prompt());
    assert_eq!(h.state().document().plan().hosts.len(), 11, "nothing lost");
}

#[test]
fn a_bad_inventory_shows_every_bad_row_and_keeps_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("inv.csv");
    std::fs::write(
        &csv,
        "name,address,roles\na,10.0.0.1,SDS\nb,10.0.0.300,SDS\nc,10.0.0.3,NOPE\n",
    )
    .unwrap();
    let mut h = harness(Start::Last, dir.path());
    h.state_mut().import_path(&csv);
    h.run();
    h.get_by_label("Cannot import the inventory");
    let text = h.state().message().unwrap().to_string();
    assert!(
        text.contains("line 3: '10.0.0.300' is not an IPv4 address"),
        "{text}"
    );
    assert!(text.contains("line 4: unknown role 'NOPE'"), "{text}");
    assert_eq!(h.state().document().plan().name, "ScaleIO example");

    std::fs::write(
        &csv,
        "name,address,roles\ni,10.0.0.1,installer\na,10.0.0.2,mdm;sds\n",
    )
    .unwrap();
    click(&mut h, "OK");
    h.state_mut().import_path(&csv);
    h.run();
    assert_eq!(h.state().document().plan().hosts.len(), 2);
    assert!(
        h.state().document().is_dirty(),
        "an imported plan is not saved yet"
    );
    h.get_by_label("a 6611/tcp permanent (not needed to install)");
}

/// Random clicks, drags, keys and commands, many of them: the app must never panic, and the
/// plan must stay consistent (unique ids, undo back to the start).
#[test]
fn no_sequence_of_user_actions_panics() {
    use portplan::gui::Command;
    let dir = tempfile::tempdir().unwrap();
    // The example on loopback addresses: a random click may start a connectivity test, and
    // probes must never leave this machine.
    let mut example = portplan::files::plan_file::example();
    for (i, host) in example.hosts.iter_mut().enumerate() {
        host.address = format!("127.80.0.{}", i + 1);
    }
    let mut h = harness(Start::Plan(Box::new(example)), dir.path());
    let start = h.state().document().plan().clone();
    let mut seed: u64 = 0x5eed_cafe;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let keys = [
        Key::Delete,
        Key::Z,
        Key::Y,
        Key::A,
        Key::F,
        Key::Escape,
        Key::Enter,
        Key::Tab,
    ];
    // Commands that leave the app or open native dialogs are left to the other tests.
    let commands = [
        Command::Undo,
        Command::Redo,
        Command::SelectAll,
        Command::Delete,
        Command::AddHost,
        Command::AddNetwork,
        Command::AutoLayout,
        Command::ZoomToFit,
        Command::ToggleFlows,
    ];
    for _ in 0..400 {
        let pos = egui::pos2(next(1280) as f32, 50.0 + next(750) as f32);
        match next(6) {
            0 | 1 => {
                h.hover_at(pos);
                h.drag_at(pos);
                h.drop_at(pos);
            }
            2 => {
                let to = pos + egui::vec2(next(200) as f32 - 100.0, next(200) as f32 - 100.0);
                h.hover_at(pos);
                h.drag_at(pos);
                let _ = h.try_run();
                h.hover_at(to);
                let _ = h.try_run();
                h.drop_at(to);
            }
            3 => {
                let m = if next(2) == 0 {
                    Modifiers::COMMAND
                } else {
                    Modifiers::NONE
                };
                h.key_press_modifiers(m, keys[next(keys.len() as u64) as usize]);
            }
            4 => {
                let c = commands[next(commands.len() as u64) as usize];
                h.state_mut().run(&egui::Context::default(), c);
            }
            _ => h.event(egui::Event::Text("x1.".into())),
        }
        let _ = h.try_run();
        if h.state().message().is_some() || h.state().has_unsaved_prompt() {
            h.key_press(Key::Escape);
            let _ = h.try_run();
        }
        let plan = h.state().document().plan();
        let mut ids: Vec<_> = plan.hosts.iter().map(|x| x.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), plan.hosts.len(), "host ids stay unique");
        assert_eq!(
            h.state().document().analysis().hosts.len(),
            plan.hosts.len()
        );
    }
    // Everything the monkey did undoes back to the example.
    while h.state().document().history().undo_label().is_some() {
        h.state_mut().run(&egui::Context::default(), Command::Undo);
    }
    let plan = h.state().document().plan();
    assert_eq!(
        plan.hosts.iter().map(|x| &x.name).collect::<Vec<_>>(),
        start.hosts.iter().map(|x| &x.name).collect::<Vec<_>>()
    );
}

#[test]
fn dropping_a_role_from_the_palette_gives_it_to_the_host_or_makes_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    // mdm2: a card of the top tier, which no panel covers at 1280x800.
    let mdm2 = h.state().document().plan().hosts[2].clone();
    assert_eq!(mdm2.name, "mdm2");
    let drag = |h: &mut Harness<'_, App>, from: egui::Pos2, to: egui::Pos2| {
        h.hover_at(from);
        h.run();
        h.drag_at(from);
        h.run();
        for step in 1..=6 {
            h.hover_at(from + (to - from) * step as f32 / 6.0);
            let _ = h.try_run();
        }
        h.drop_at(to);
        let _ = h.try_run();
    };
    // The palette's SDS badge (a label among the toolbar's), onto mdm2's card.
    let badge = h
        .get_all_by_label("SDS")
        .map(|n| n.rect())
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .unwrap()
        .center();
    let card = h.state().card_on_screen(mdm2.id).unwrap().center();
    drag(&mut h, badge, card);
    let roles = h.state().document().plan().host(mdm2.id).unwrap().roles;
    assert_eq!(roles, RoleSet::EMPTY.with(Role::Mdm).with(Role::Sds));

    // Onto empty canvas, right of the installer: a new host with that role.
    let empty = h
        .state()
        .card_on_screen(h.state().document().plan().hosts[0].id)
        .unwrap()
        .right_center()
        + egui::vec2(250.0, 0.0);
    drag(&mut h, badge, empty);
    let plan = h.state().document().plan();
    assert_eq!(plan.hosts.len(), 11);
    assert_eq!(plan.hosts[10].roles, RoleSet::EMPTY.with(Role::Sds));
}

/// Loopback hosts of our own: 127.78.0.N.
fn loopback_plan(hosts: &[(&str, u8, &[Role])]) -> portplan::model::Plan {
    let mut plan = portplan::model::Plan::new("loopback");
    for (name, n, roles) in hosts {
        plan.add_host(
            *name,
            format!("127.78.0.{n}"),
            portplan::model::Os::Windows,
            roles.iter().copied().collect(),
        );
    }
    portplan::model::auto_layout::tiers(&mut plan);
    plan
}

#[test]
fn testing_connectivity_shows_progress_then_the_results_on_the_matrix() {
    use std::net::TcpListener;
    let _l: Vec<TcpListener> = [135, 9011]
        .iter()
        .map(|p| TcpListener::bind(format!("127.78.0.1:{p}")).unwrap())
        .collect();
    // 445 answers nothing (a listener with a full queue), so the test lasts a timeout.
    let silent = common::silent("127.78.0.1:445");
    let plan = loopback_plan(&[
        ("installer", 250, &[Role::Installer]),
        ("h1", 1, &[Role::Mdm]),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Plan(Box::new(plan)), dir.path());

    // Step, not run: the engine's progress asks for repaints as long as the test lasts.
    h.get_by_label("Test connectivity").click();
    h.step();
    assert!(h.state().testing());
    h.step();
    h.get_by_label("Cancel");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while h.state().testing() {
        assert!(
            std::time::Instant::now() < deadline,
            "the test did not finish"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    let _ = h.try_run(); // the last repaint requests may still be on their way
    h.get_by_label("h1 135/tcp install-only, probe: open");
    h.get_by_label("h1 9011/tcp permanent, probe: open");
    h.get_by_label("h1 445/tcp install-only, probe: filtered");
    h.get_by_label("h1 6611/tcp permanent (not needed to install), probe: closed");
    h.get_by_label("h1 24158/tcp install-only, probe: closed");
    assert!(
        h.state().status().contains("2 open, 2 closed, 1 filtered"),
        "{}",
        h.state().status()
    );
    click(&mut h, "Connectivity");
    h.get_by_label_contains("Last test:");
    drop(silent);
}

#[test]
fn imported_probe_results_are_marked_with_the_host_they_came_from() {
    let plan = loopback_plan(&[
        ("installer", 250, &[Role::Installer]),
        ("h1", 1, &[Role::Sdc]),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("r.csv");
    std::fs::write(
        &csv,
        "from,host,address,port,protocol,phase,status,ms,detail\n\
         installer,h1,127.78.0.1,135,tcp,install-only,open,3,\n\
         installer,h1,127.78.0.1,445,tcp,install-only,unreachable,1004,\n",
    )
    .unwrap();
    let mut h = harness(Start::Plan(Box::new(plan)), dir.path());
    h.state_mut().import_probe_results(&csv);
    h.run();
    h.get_by_label_contains("Last test:").hover();
    assert!(
        h.state().status().contains("from installer"),
        "{}",
        h.state().status()
    );
    click(&mut h, "Port matrix");
    h.get_by_label("h1 135/tcp install-only, probe: open");
    h.get_by_label("h1 445/tcp install-only, probe: unreachable");
}

#[test]
fn the_export_dialog_previews_the_script_of_the_chosen_format_and_host() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    press(&mut h, Modifiers::COMMAND, Key::E);
    // The menu and the dialog's title.
    assert_eq!(h.get_all_by_label("Export").count(), 2);
    // PowerShell for every Windows host by default: the first file is shown.
    h.get_by_label_contains("10 files, one per host and an index. The first, mdm1.ps1:");
    // netsh, for mdm1 only.
    h.get_by_role_and_label(egui::Role::ComboBox, "Format:")
        .click();
    h.run();
    click(&mut h, "netsh");
    h.get_by_role_and_label(egui::Role::ComboBox, "Hosts:")
        .click();
    h.run();
    h.get_all_by_label("mdm1").last().unwrap().click();
    h.run();
    // The preview is one label holding the script.
    h.get_by_label_contains(
        "netsh advfirewall firewall add rule name=\"portplan-scaleio-example-mdm1-install\"",
    );
    h.get_by_label_contains("localport=135,445,9011,24158 remoteip=192.0.2.5 ");
    h.get_by_label_contains("winmgmt -standalonehost || goto failed");
    // A Linux format for a Windows plan says why not.
    h.get_by_role_and_label(egui::Role::ComboBox, "Format:")
        .click();
    h.run();
    click(&mut h, "nftables");
    h.get_by_label("the plan has no linux hosts for nftables scripts");
}

/// Waits for the file job (PDF, SVG, export) the app runs off the UI thread.
fn wait_for_file(h: &mut Harness<'_, App>) {
    let start = std::time::Instant::now();
    while h.state().writing_document() {
        assert!(start.elapsed().as_secs() < 60, "the file never came");
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.run();
}

#[test]
fn export_files_are_written_off_the_ui_thread_then_saved_where_the_user_says() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    h.state_mut().script_dialogs();
    press(&mut h, Modifiers::COMMAND, Key::E);
    // The CSV preview is its header and first rows; the file is the whole plan's.
    h.get_by_role_and_label(egui::Role::ComboBox, "Format:")
        .click();
    h.run();
    click(&mut h, "csv");
    h.get_by_label_contains("source,source_address,destination,destination_address,port");
    click(&mut h, "Save…");
    wait_for_file(&mut h);
    h.get_by_label_contains("scaleio-example.csv is ready to save");
    let csv = dir.path().join("flows.csv");
    assert!(h.state_mut().answer_dialog(Some(csv.clone())));
    h.run();
    h.get_by_label_contains("Exported 1 file(s)");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 1 + 97, "the header and every flow");
    // PowerShell for every Windows host: a folder of scripts and the index.
    h.get_by_role_and_label(egui::Role::ComboBox, "Format:")
        .click();
    h.run();
    click(&mut h, "powershell");
    click(&mut h, "Save to folder…");
    wait_for_file(&mut h);
    h.get_by_label_contains("10 files are ready to save");
    let folder = dir.path().join("scripts");
    std::fs::create_dir(&folder).unwrap();
    assert!(h.state_mut().answer_dialog(Some(folder.clone())));
    h.run();
    h.get_by_label_contains("Exported 10 file(s)");
    assert!(folder.join("index.txt").exists() && folder.join("mdm1.ps1").exists());
}

#[test]
fn the_dialog_exports_the_documents_like_the_menu_on_the_chosen_paper() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    h.state_mut().script_dialogs();
    // Letter paper, chosen on the Change request tab.
    click(&mut h, "Change request");
    click(&mut h, "Letter");
    press(&mut h, Modifiers::COMMAND, Key::E);
    h.get_by_role_and_label(egui::Role::ComboBox, "Format:")
        .click();
    h.run();
    click(&mut h, "pdf");
    // A document has no per-host or per-kind choice; its preview says what it holds.
    assert!(h.query_by_label("Hosts:").is_none());
    assert!(h.query_by_label("Rules:").is_none());
    h.get_by_label_contains(
        "chg-2026-0142-change-request.pdf: the change request for the security team",
    );
    click(&mut h, "Save…");
    wait_for_file(&mut h);
    h.get_by_label_contains("chg-2026-0142-change-request.pdf is ready to save");
    let path = dir.path().join("cr.pdf");
    assert!(h.state_mut().answer_dialog(Some(path.clone())));
    h.run();
    h.get_by_label_contains("Exported 1 file(s)");
    let pdf = common::pdf::parse(&std::fs::read(&path).unwrap());
    assert!(
        pdf.pages
            .iter()
            .all(|p| (p.width - 612.0).abs() < 0.01 && (p.height - 792.0).abs() < 0.01),
        "letter pages"
    );
    // The diagram, the same way.
    h.get_by_role_and_label(egui::Role::ComboBox, "Format:")
        .click();
    h.run();
    click(&mut h, "svg");
    h.get_by_label_contains(
        "the canvas's topology as an SVG drawing, for slides and wikis (10 hosts)",
    );
    click(&mut h, "Save…");
    wait_for_file(&mut h);
    h.get_by_label_contains("chg-2026-0142-topology.svg is ready to save");
    let svg = dir.path().join("topology.svg");
    assert!(h.state_mut().answer_dialog(Some(svg.clone())));
    h.run();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<?xml") && text.contains(">mdm1</text>"));
}

#[test]
fn the_change_request_panel_edits_the_plan_and_exports_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    h.state_mut().script_dialogs();
    click(&mut h, "Change request");
    let id = h.get_by_role_and_label(egui::Role::TextInput, "Id");
    id.focus();
    id.type_text("-B");
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Title")
        .focus();
    h.run();
    assert_eq!(
        h.state().document().plan().change_request.id,
        "CHG-2026-0142-B"
    );
    // The typing was one step.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().document().plan().change_request.id,
        "CHG-2026-0142"
    );
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(
        h.state().document().plan().change_request.id,
        "CHG-2026-0142-B"
    );
    // An approver more, then the document: Ctrl+Shift+E writes it on a thread.
    click(&mut h, "Add approver");
    let role = h.get_by_role_and_label(egui::Role::TextInput, "Role 5");
    role.focus();
    role.type_text("Data protection officer");
    h.run();
    assert_eq!(
        h.state().document().plan().change_request.approvers[4].role,
        "Data protection officer"
    );
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    wait_for_file(&mut h);
    h.get_by_label_contains("chg-2026-0142-b-change-request.pdf is ready to save");
    let path = dir.path().join("cr.pdf");
    assert!(h.state_mut().answer_dialog(Some(path.clone())));
    h.run();
    h.get_by_label_contains("Exported 1 file(s)");
    let pdf = common::pdf::parse(&std::fs::read(&path).unwrap());
    let text = pdf.text().replace('\n', " ");
    assert!(text.contains("Firewall change request CHG-2026-0142-B"));
    assert!(text.contains("Data protection officer"));
}

#[test]
fn a_date_the_change_board_cannot_read_is_named_while_typing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    click(&mut h, "Change request");
    let end = h.get_by_role_and_label(egui::Role::TextInput, "Window end");
    end.focus();
    end.type_text("h");
    h.run();
    h.get_by_label(
        "Window end: \"2026-12-02 02:00h\" is not a date written YYYY-MM-DD (a time HH:MM may follow).",
    );
    // Undone, the warning goes; an expiry before the window starts gets one.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    let expire = h.get_by_role_and_label(egui::Role::TextInput, "Install rules expire");
    expire.focus();
    h.run();
    for _ in 0.."12-05".len() {
        press(&mut h, Modifiers::NONE, Key::Backspace);
    }
    let expire = h.get_by_role_and_label(egui::Role::TextInput, "Install rules expire");
    expire.type_text("11-30");
    h.run();
    assert!(h.query_by_label_contains("is not a date").is_none());
    h.get_by_label("The install rules expire before the window starts.");
}

#[test]
fn help_about_shows_the_version_from_cargo_toml() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    assert!(
        h.query_by_label_contains("Version ").is_none(),
        "not shown before it is asked for"
    );
    click(&mut h, "Help");
    click(&mut h, "About portplan");
    h.get_by_label(&format!("Version {}", env!("CARGO_PKG_VERSION")));
    h.get_by_label(env!("CARGO_PKG_DESCRIPTION"));
    h.get_by_label("License: MIT OR Apache-2.0");
    // A modal: the plan behind it takes no commands until it is closed.
    press(&mut h, Modifiers::COMMAND, Key::A);
    assert!(h.state().selection().is_empty());
    click(&mut h, "OK");
    assert!(h.query_by_label_contains("Version ").is_none());
    press(&mut h, Modifiers::COMMAND, Key::A);
    assert_eq!(h.state().selection().len(), 10);
}

#[test]
fn switching_the_profile_reloads_the_catalog_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    click(&mut h, "Catalog & settings");
    // The seed's palette has no PFMP; its ports are seed facts, none inferred.
    assert!(h.query_by_label("PFMP").is_none());
    assert!(h.query_by_label("inferred").is_none());
    h.get_by_role_and_label(egui::Role::ComboBox, "Profile:")
        .click();
    h.run();
    click_contains(&mut h, "PowerFlex 4.x with PowerFlex Manager");
    let doc = h.state().document();
    assert_eq!(doc.plan().settings.catalog, "powerflex-4.x");
    assert_eq!(doc.catalog().id, "powerflex-4.x");
    assert!(doc.catalog_problem().is_none());
    // The palette (and the role list) show the profile's roles; the inferred ports are tagged.
    assert!(h.get_all_by_label("PFMP").count() >= 2);
    assert!(h.get_all_by_label("inferred").count() >= 5);
    // mdm1 is also Callhome, which PowerFlex 4.x does not define: named in the findings.
    h.get_by_label_contains(
        "mdm1 has the role Callhome, which catalog 'powerflex-4.x' does not define",
    );
    h.get_by_label_contains("This profile does not define Callhome: mdm1 needs no ports");

    // An optional port, turned on for this plan, is one more step.
    let over = h.get_by_label("Settings").rect().center();
    scroll_until_shown(&mut h, over, "on in this plan");
    h.get_all_by_label("on in this plan")
        .next()
        .unwrap()
        .click();
    h.run();
    let doc = h.state().document();
    let on = &doc.plan().settings.optional_ports;
    assert_eq!(on.len(), 1);
    assert!(doc.catalog().port(&on[0]).unwrap().optional);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(
        h.state()
            .document()
            .plan()
            .settings
            .optional_ports
            .is_empty()
    );

    // One undo step brings the seed back, and its palette.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    let doc = h.state().document();
    assert_eq!(doc.plan().settings.catalog, "scaleio-seed");
    assert_eq!(doc.catalog().id, "scaleio-seed");
    assert!(doc.history().undo_label().is_none());
    assert!(!doc.is_dirty());
    assert!(h.query_by_label("PFMP").is_none());
    let profile = h.get_by_role_and_label(egui::Role::ComboBox, "Profile:");
    assert_eq!(
        profile.value().as_deref(),
        Some("ScaleIO, Python installer on Windows — 1.x")
    );
    h.get_by_label_contains("6611: Required for MDM communication");
}

#[test]
fn the_source_policy_is_chosen_in_catalog_and_settings() {
    use portplan::model::SourcePolicy;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    assert_eq!(
        h.state().document().plan().settings.sources,
        SourcePolicy::Deployment
    );
    let flows = h.state().document().analysis().flow_count();
    click(&mut h, "Catalog & settings");
    h.get_by_role_and_label(egui::Role::RadioButton, "least-privilege")
        .click();
    h.run();
    let doc = h.state().document();
    assert_eq!(doc.plan().settings.sources, SourcePolicy::LeastPrivilege);
    assert!(
        doc.analysis().flow_count() < flows,
        "least privilege admits fewer sources"
    );
    assert_eq!(
        doc.history().undo_label(),
        Some("Set the source policy to least-privilege")
    );
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().document().plan().settings.sources,
        SourcePolicy::Deployment
    );
    assert_eq!(h.state().document().analysis().flow_count(), flows);
}

#[test]
fn add_network_makes_a_network_card_with_blocks_and_no_matrix_row() {
    use portplan::model::HostKind;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    click(&mut h, "Add network");
    let plan = h.state().document().plan();
    assert_eq!(plan.hosts.len(), 11);
    let net = plan.hosts[10].clone();
    assert_eq!(
        (net.kind, net.name.as_str(), net.address.as_str()),
        (HostKind::Network, "network-1", "")
    );
    assert!(net.roles.is_empty());
    assert_eq!(h.state().selection().iter().collect::<Vec<_>>(), [&net.id]);
    assert!(h.state().card_on_screen(net.id).is_some());

    // The inspector: blocks instead of an address, no OS.
    h.get_by_label("Network");
    let blocks = h.get_by_role_and_label(egui::Role::TextInput, "Blocks (CIDR; separated by ;)");
    blocks.focus();
    blocks.type_text("10.20.0.0/16; 10.30.0.0/16");
    h.run();
    assert!(
        h.query_by_role_and_label(egui::Role::TextInput, "Address")
            .is_none()
    );
    assert!(h.query_by_label("windows").is_none());
    check_role(&mut h, "SDC");
    let net = h.state().document().plan().host(net.id).unwrap().clone();
    assert_eq!(net.address, "10.20.0.0/16; 10.30.0.0/16");
    assert_eq!(net.roles, RoleSet::EMPTY.with(Role::Sdc));
    // It is a source, not a row of the matrix.
    assert!(h.query_by_label("network-1").is_none());
    h.get_by_label("sds1 7072/tcp permanent");

    // Shift+Ctrl+B adds another; each card is one undo step.
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::B);
    assert_eq!(h.state().document().plan().hosts[11].name, "network-2");
    for _ in 0..4 {
        press(&mut h, Modifiers::COMMAND, Key::Z);
    }
    assert_eq!(h.state().document().plan().hosts.len(), 10);
}

#[test]
fn a_host_of_its_own_port_number_shows_it_in_the_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = portplan::files::plan_file::example();
    plan.settings.catalog = "powerflex-3.6".into();
    let mut h = harness(Start::Plan(Box::new(plan)), dir.path());
    h.get_by_label("sds1 7072/tcp permanent");
    click(&mut h, "sds1");
    let field = h.get_by_role_and_label(egui::Role::TextInput, "SDS (7072/tcp)");
    field.focus();
    field.type_text("7100");
    h.run();
    let sds1 = |h: &Harness<'_, App>| {
        let plan = h.state().document().plan();
        plan.hosts
            .iter()
            .find(|x| x.name == "sds1")
            .unwrap()
            .clone()
    };
    assert_eq!(sds1(&h).ports, [("sds".to_string(), 7100)].into());
    h.get_by_label("sds1 7100/tcp permanent");
    assert!(h.query_by_label("sds1 7072/tcp permanent").is_none());
    h.get_by_label("sds2 7072/tcp permanent");

    // The typing was one step.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(sds1(&h).ports.is_empty());
    h.get_by_label("sds1 7072/tcp permanent");
}

#[test]
fn a_matrix_cell_shows_its_evidence_and_source_on_hover() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    h.get_by_label("mdm1 6611/tcp permanent (not needed to install)")
        .hover();
    for _ in 0..60 {
        h.step();
    }
    h.get_by_label_contains("Technically not needed for installation");
    h.get_by_label("seed");
    // Said once: the phase label, no "needed during install: no" beside it.
    h.get_by_label("permanent (not needed to install)");
    assert!(h.query_by_label_contains("needed during install").is_none());
    // 6611 is reached in operation only: no install line.
    assert!(
        h.query_by_label_contains("Install, removed after it")
            .is_none()
    );
    h.get_by_label_contains("Operation, permanent: 192.0.2.12, 192.0.2.13");
}

#[test]
fn a_matrix_cells_sources_are_told_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    h.get_by_label("mdm1 9011/tcp permanent").hover();
    for _ in 0..60 {
        h.step();
    }
    // The installer reaches 9011 during the install only; the peers for good.
    h.get_by_label("Install, removed after it: 192.0.2.5");
    h.get_by_label_contains("Operation, permanent: 192.0.2.12, 192.0.2.13, 192.0.2.21");
    assert!(
        h.query_by_label_contains("Operation, permanent: 192.0.2.5")
            .is_none()
    );
}

#[test]
fn a_plan_whose_catalog_is_a_file_shows_its_path_and_why_it_is_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = portplan::files::plan_file::example();
    plan.settings.catalog = "catalogs/site.toml".into();
    let mut h = harness(Start::Plan(Box::new(plan)), dir.path());
    click(&mut h, "Catalog & settings");
    let profile = h.get_by_role_and_label(egui::Role::ComboBox, "Profile:");
    assert_eq!(profile.value().as_deref(), Some("File: catalogs/site.toml"));
    h.get_by_label_contains("catalogs/site.toml: cannot read the catalog");
    // Choosing a built-in profile is one step, and the problem goes.
    h.get_by_role_and_label(egui::Role::ComboBox, "Profile:")
        .click();
    h.run();
    click(&mut h, "ScaleIO, Python installer on Windows — 1.x");
    assert_eq!(h.state().document().plan().settings.catalog, "scaleio-seed");
    assert!(h.state().document().catalog_problem().is_none());
}

/// Turns the mouse wheel over `at` until the first widget called `label` is in the window.
fn scroll_until_shown(h: &mut Harness<'_, App>, at: egui::Pos2, label: &str) {
    for _ in 0..20 {
        if h.get_all_by_label(label).next().unwrap().rect().bottom() < 790.0 {
            return;
        }
        h.hover_at(at);
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -60.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        // The scroll animates over a few frames.
        h.run_steps(20);
    }
    panic!("{label} never came into view");
}

fn click_contains(h: &mut Harness<'_, App>, text: &str) {
    h.get_by_label_contains(text).click();
    h.run();
}

/// Types `path` into the in-app path field shown when no native file dialog is available.
fn type_path(h: &mut Harness<'_, App>, path: &Path) {
    let field = h.get_by_role_and_label(egui::Role::TextInput, "File path");
    field.focus();
    h.run();
    press(h, Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, "File path")
        .type_text(&path.display().to_string());
    h.run();
}

#[test]
fn with_no_file_dialog_a_path_field_saves_and_opens() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Empty, dir.path());
    h.state_mut().no_native_dialogs();
    click(&mut h, "Add host");

    // Ctrl+S on an untitled plan: the path field, with the default folder and the file name.
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(h.state().has_path_field());
    h.get_by_label_contains("No file dialog is available");
    let shown = h
        .get_by_role_and_label(egui::Role::TextInput, "File path")
        .value()
        .unwrap_or_default();
    assert!(shown.ends_with("Untitled plan.json"), "{shown}");
    let saved = dir.path().join("mine.json");
    type_path(&mut h, &saved);
    click(&mut h, "OK");
    assert!(!h.state().has_path_field());
    assert!(saved.exists(), "the plan was written");
    assert!(!h.state().document().is_dirty());
    assert_eq!(h.state().document().path(), Some(saved.as_path()));

    // Open goes through the field too: a new plan, then the saved one opened back.
    press(&mut h, Modifiers::COMMAND, Key::N);
    assert!(h.state().document().plan().hosts.is_empty());
    press(&mut h, Modifiers::COMMAND, Key::O);
    assert!(h.state().has_path_field());
    type_path(&mut h, &saved);
    click(&mut h, "OK");
    assert_eq!(h.state().document().plan().hosts.len(), 1);

    // Cancel leaves everything as it was.
    press(&mut h, Modifiers::COMMAND, Key::O);
    click(&mut h, "Cancel");
    assert!(!h.state().has_path_field());
    assert_eq!(h.state().document().path(), Some(saved.as_path()));
}

#[test]
fn with_no_file_dialog_the_unsaved_prompts_save_asks_for_a_path_then_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Empty, dir.path());
    h.state_mut().no_native_dialogs();
    click(&mut h, "Add host");
    press(&mut h, Modifiers::COMMAND, Key::N);
    h.get_by_label("Unsaved changes");
    click(&mut h, "Save");
    assert!(h.state().has_path_field(), "the intent to save is kept");
    let saved = dir.path().join("kept.json");
    type_path(&mut h, &saved);
    click(&mut h, "OK");
    assert!(saved.exists(), "saved first");
    assert!(
        h.state().document().plan().hosts.is_empty(),
        "then the new plan"
    );
    assert!(!h.state().document().is_dirty());
}

#[test]
fn the_matrix_searches_filters_and_sorts_like_a_spreadsheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    // Sorting by a port's column: the hosts that need 7072 first.
    assert!(
        h.get_by_label("mdm1 135/tcp install-only").rect().top()
            < h.get_by_label("sds1 7072/tcp permanent").rect().top()
    );
    h.get_by_role_and_label(egui::Role::Button, "7072/tcp")
        .click();
    h.run();
    assert!(
        h.get_by_label("sds1 7072/tcp permanent").rect().top()
            < h.get_by_label("mdm1 135/tcp install-only").rect().top()
    );

    // A subnet in the search box: the three application hosts, and the count says so.
    h.get_by_role_and_label(egui::Role::TextInput, "Search:")
        .click();
    h.run();
    h.get_by_role_and_label(egui::Role::TextInput, "Search:")
        .type_text("198.51.100.0/24");
    h.run();
    h.get_by_label("Showing 3 of 10 hosts");
    assert!(h.query_by_label("mdm1 135/tcp install-only").is_none());
    h.get_by_label("app01 135/tcp install-only");
    // The application hosts need no 9011: its column goes.
    assert!(
        h.query_by_role_and_label(egui::Role::Button, "9011/tcp")
            .is_none()
    );
}

#[test]
fn a_phase_filter_hides_the_rows_and_columns_it_empties() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    h.get_by_label("install01");
    h.get_by_role_and_label(egui::Role::ComboBox, "Phase:")
        .click();
    h.run();
    click(&mut h, "Permanent");
    // The installer and the application hosts (135, 445 and WMI only) have no permanent
    // port, nor does 135 have a permanent cell.
    h.get_by_label("Showing 6 of 10 hosts");
    assert!(h.query_by_label("install01").is_none());
    assert!(h.query_by_label("app01").is_none());
    assert!(
        h.query_by_role_and_label(egui::Role::Button, "135/tcp")
            .is_none()
    );
    h.get_by_role_and_label(egui::Role::Button, "6611/tcp");
}

#[test]
fn results_of_a_host_changed_since_the_test_are_marked_stale() {
    let plan = loopback_plan(&[
        ("installer", 250, &[Role::Installer]),
        ("h1", 1, &[Role::Sdc]),
        ("h2", 2, &[Role::Sdc]),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("r.csv");
    std::fs::write(
        &csv,
        "from,host,address,port,protocol,phase,status,ms,detail\n\
         installer,h1,127.78.0.1,135,tcp,install-only,closed,3,\n\
         installer,h1,127.78.0.1,445,tcp,install-only,closed,1,\n\
         installer,h2,127.78.0.2,135,tcp,install-only,open,3,\n\
         installer,h2,127.78.0.2,445,tcp,install-only,open,1,\n",
    )
    .unwrap();
    let mut h = harness(Start::Plan(Box::new(plan)), dir.path());
    h.state_mut().import_probe_results(&csv);
    h.run();
    assert_eq!(h.state().probe_badge("h1").as_deref(), Some("0/2 open"));
    assert!(h.query_by_label_contains("stale").is_none());

    // h1 moves to another address: its results say nothing about it any more.
    click(&mut h, "Port matrix");
    h.get_by_label("h1 135/tcp install-only, probe: closed");
    h.get_by_label("h1").click();
    h.run();
    let address = h.get_by_role_and_label(egui::Role::TextInput, "Address");
    address.focus();
    address.type_text("0");
    h.run();
    assert_eq!(h.state().document().plan().hosts[1].address, "127.78.0.10");
    assert_eq!(
        h.state().probe_badge("h1").as_deref(),
        Some("stale: 0/2 open")
    );
    assert_eq!(h.state().probe_badge("h2").as_deref(), Some("2/2 open"));
    h.get_by_label("h1 135/tcp install-only, probe: closed (stale)");
    h.get_by_label("h2 135/tcp install-only, probe: open");
    click(&mut h, "Connectivity");
    h.get_by_label_contains("Stale results of h1:");
    assert_eq!(h.get_all_by_label_contains("stale: ").count(), 2);

    // Undo: the host is as tested again.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().probe_badge("h1").as_deref(), Some("0/2 open"));
    assert!(h.query_by_label_contains("Stale results").is_none());
}

#[test]
fn the_status_bar_counts_one_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = portplan::model::Plan::new("one");
    plan.add_host(
        "lonely",
        "10.0.0.1",
        portplan::model::Os::Linux,
        Default::default(),
    );
    let h = harness(Start::Plan(Box::new(plan)), dir.path());
    // No roles: one warning.
    h.get_by_label("1 host · 0 selected · 0 errors · 1 warning");
    h.get_by_label("Findings: 0 errors, 1 warning");
}
