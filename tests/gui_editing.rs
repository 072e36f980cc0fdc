//! Editing many hosts at once in the app, driven by its labels and keys (issue 13, items 12
//! and 14): duplicate, copy and paste (CSV rows, to and from a spreadsheet), add a numbered
//! series, every new card in free space; and Test > Write probe script.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use portplan::gui::{App, Start};

use crate::common::app::harness;
use portplan::look::diagram::{CARD_HEIGHT, CARD_WIDTH};
use portplan::model::{HostId, Plan, Role};

fn press(h: &mut Harness<'_, App>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn click(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn plan<'a>(h: &'a Harness<'_, App>) -> &'a Plan {
    h.state().document().plan()
}

fn id_of(h: &Harness<'_, App>, name: &str) -> HostId {
    plan(h).hosts.iter().find(|x| x.name == name).unwrap().id
}

/// Clicks a host's card, as a user selects it.
fn click_card(h: &mut Harness<'_, App>, name: &str) {
    let at = h.state().card_on_screen(id_of(h, name)).unwrap().center();
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.run();
    h.drop_at(at);
    h.run();
    assert_eq!(h.state().selection().len(), 1, "{name} is selected");
}

/// No two cards of the plan overlap.
fn assert_no_overlap(plan: &Plan) {
    for (i, a) in plan.hosts.iter().enumerate() {
        for b in &plan.hosts[i + 1..] {
            let apart = (a.position.x - b.position.x).abs() >= CARD_WIDTH
                || (a.position.y - b.position.y).abs() >= CARD_HEIGHT;
            assert!(
                apart,
                "{} at {:?} overlaps {} at {:?}",
                a.name, a.position, b.name, b.position
            );
        }
    }
}

/// The text the last frame put on the clipboard.
fn copied(h: &Harness<'_, App>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

#[test]
fn ctrl_d_duplicates_the_selected_host_beside_it_and_undo_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    click_card(&mut h, "sds1");
    let original = plan(&h).host(id_of(&h, "sds1")).unwrap().clone();

    press(&mut h, Modifiers::COMMAND, Key::D);
    assert_eq!(plan(&h).hosts.len(), 11);
    let copy = plan(&h).hosts.last().unwrap().clone();
    // sds1-sds3 exist: the copy is the next of the series, at the next free address.
    assert_eq!(copy.name, "sds4");
    assert_eq!(copy.address, "192.0.2.24");
    assert_eq!(copy.roles, original.roles);
    assert!(
        h.state().selection().contains(&copy.id),
        "the copy is selected"
    );
    assert_no_overlap(plan(&h));
    h.get_by_label_contains("Duplicated 1 host");

    // Again, with the copy selected: sds5; the menu names the shortcut.
    click(&mut h, "Edit");
    click(&mut h, "Duplicate Ctrl+D");
    assert_eq!(plan(&h).hosts.last().unwrap().name, "sds5");
    assert_no_overlap(plan(&h));

    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(plan(&h).hosts.len(), 10);
    assert!(plan(&h).hosts.iter().all(|x| x.name != "sds4"));
}

#[test]
fn copy_puts_csv_rows_on_the_clipboard_and_pasting_rows_adds_hosts() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    click_card(&mut h, "mdm1");

    // Desktops deliver Ctrl+C as a copy event.
    h.event(egui::Event::Copy);
    h.step();
    assert_eq!(
        copied(&h).as_deref(),
        Some("name,address,roles,os,kind\nmdm1,192.0.2.11,MDM;Callhome,windows,host\n")
    );
    h.run();
    h.get_by_label_contains("Copied 1 host as CSV");

    // Pasting them back makes a copy, numbered on.
    h.event(egui::Event::Paste(copied_text()));
    h.run();
    assert_eq!(plan(&h).hosts.len(), 11);
    let pasted = plan(&h).hosts.last().unwrap();
    assert_eq!(
        (pasted.name.as_str(), pasted.address.as_str()),
        ("mdm3", "192.0.2.14")
    );
    assert_eq!(
        pasted.roles.iter().collect::<Vec<_>>(),
        [Role::Mdm, Role::Callhome]
    );

    // Cells copied from a spreadsheet: tab-separated, no header, os and kind left out.
    h.event(egui::Event::Paste(
        "sdc10\t10.9.0.10\tSDC\nsdc11\t10.9.0.11\tSDC;LIA\tlinux\n".into(),
    ));
    h.run();
    let names: Vec<&str> = plan(&h).hosts[11..]
        .iter()
        .map(|x| x.name.as_str())
        .collect();
    assert_eq!(names, ["sdc10", "sdc11"]);
    assert_eq!(plan(&h).hosts[12].address, "10.9.0.11");
    assert_no_overlap(plan(&h));
    // One paste is one undo step.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(plan(&h).hosts.len(), 11);

    // Rows that are not hosts: a message naming each bad row, nothing added.
    h.event(egui::Event::Paste(
        "name,address,roles\nok,10.9.0.1,SDC\nbad,10.9.0.300,SDC\nworse,10.9.0.2,Wizard\n".into(),
    ));
    h.run();
    let message = h.state().message().unwrap_or_default().to_string();
    assert!(
        message.contains("line 3: '10.9.0.300' is not an IPv4"),
        "{message}"
    );
    assert!(message.contains("line 4: "), "{message}");
    assert_eq!(plan(&h).hosts.len(), 11);
    click(&mut h, "OK");
    h.event(egui::Event::Paste("just some words".into()));
    h.run();
    let message = h.state().message().unwrap_or_default().to_string();
    assert!(message.contains("is not a host row"), "{message}");
}

fn copied_text() -> String {
    "name,address,roles,os,kind\nmdm1,192.0.2.11,MDM;Callhome,windows,host\n".into()
}

/// Types `text` into the text field called `label`, replacing what it held.
fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_role_and_label(egui::Role::TextInput, label)
        .focus();
    h.run();
    press(h, Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, label)
        .type_text(text);
    h.run();
}

#[test]
fn add_hosts_adds_a_numbered_series_with_consecutive_addresses_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    click(&mut h, "Edit");
    click(&mut h, "Add hosts…");
    type_into(&mut h, "Name prefix:", "app");
    type_into(&mut h, "Count:", "5");
    type_into(&mut h, "First address:", "198.51.100.40");
    h.get_by_role_and_label(egui::Role::CheckBox, "SDC").click();
    h.run();
    h.get_by_label("Adds 5 hosts: app04 (198.51.100.40) … app08 (198.51.100.44)");
    // An address of the range taken: said, and Add does nothing.
    type_into(&mut h, "First address:", "198.51.100.30");
    h.get_by_label("198.51.100.31 is already the address of app01");
    click(&mut h, "Add");
    assert_eq!(plan(&h).hosts.len(), 10);
    type_into(&mut h, "First address:", "198.51.100.40");
    // Enter adds, as Add does.
    press(&mut h, Modifiers::NONE, Key::Enter);

    let added: Vec<(&str, &str)> = plan(&h).hosts[10..]
        .iter()
        .map(|x| (x.name.as_str(), x.address.as_str()))
        .collect();
    assert_eq!(
        added,
        [
            ("app04", "198.51.100.40"),
            ("app05", "198.51.100.41"),
            ("app06", "198.51.100.42"),
            ("app07", "198.51.100.43"),
            ("app08", "198.51.100.44"),
        ]
    );
    assert!(
        plan(&h).hosts[10..]
            .iter()
            .all(|x| x.roles.contains(Role::Sdc))
    );
    assert_eq!(h.state().selection().len(), 5);
    assert_no_overlap(plan(&h));
    // The cards are on screen, apart.
    let cards: Vec<egui::Rect> = plan(&h).hosts[10..]
        .iter()
        .map(|x| h.state().card_on_screen(x.id).unwrap())
        .collect();
    for (i, a) in cards.iter().enumerate() {
        assert!(cards[i + 1..].iter().all(|b| !a.intersects(*b)));
    }

    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(plan(&h).hosts.len(), 10, "one undo removes all five");
}

#[test]
fn new_hosts_land_in_free_space_never_on_a_card() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    // Add host three times at the view's center, which the example's cards fill.
    for _ in 0..3 {
        press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::N);
    }
    assert_eq!(plan(&h).hosts.len(), 13);
    assert_no_overlap(plan(&h));
    // Everything duplicated at once: each copy finds room.
    press(&mut h, Modifiers::COMMAND, Key::A);
    press(&mut h, Modifiers::COMMAND, Key::D);
    assert_eq!(plan(&h).hosts.len(), 26);
    assert_no_overlap(plan(&h));
}

#[test]
fn write_probe_script_saves_the_command_lines_script_for_the_chosen_host_and_shell() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Start::Last, dir.path());
    let plan_path = dir.path().join("plan.json");
    assert!(h.state_mut().save_to(&plan_path));
    // No native file dialog: the in-app path field, as for other exports.
    h.state_mut().no_native_dialogs();
    click_card(&mut h, "mdm2");

    click(&mut h, "Test");
    click(&mut h, "Write probe script…");
    // The selected host, in its own system's shell: PowerShell for a Windows host.
    h.get_by_role_and_label(egui::Role::ComboBox, "Run on:");
    click(&mut h, "Save…");
    let field = h.get_by_role_and_label(egui::Role::TextInput, "File path");
    assert!(
        field
            .value()
            .unwrap_or_default()
            .ends_with("probe-mdm2.ps1"),
        "{:?}",
        field.value()
    );
    click(&mut h, "Cancel");
    assert!(!h.state().has_path_field());

    // sh instead.
    click(&mut h, "Test");
    click(&mut h, "Write probe script…");
    h.get_by_role_and_label(egui::Role::RadioButton, "sh")
        .click();
    h.run();
    click(&mut h, "Save…");
    assert!(h.state().has_path_field());
    let saved = dir.path().join("from-mdm2.sh");
    let field = h.get_by_role_and_label(egui::Role::TextInput, "File path");
    assert!(
        field.value().unwrap_or_default().ends_with("probe-mdm2.sh"),
        "the file name is offered"
    );
    type_into(&mut h, "File path", &saved.display().to_string());
    click(&mut h, "OK");
    let from_app = std::fs::read(&saved).expect("the script was written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&saved).unwrap().permissions().mode();
        assert_eq!(mode & 0o111, 0o111, "executable, as the command line's");
    }

    let from_cli = dir.path().join("cli.sh");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_portplan"))
        .args([
            "probe-script",
            plan_path.to_str().unwrap(),
            "--from",
            "mdm2",
        ])
        .args(["--shell", "sh", "-o", from_cli.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(from_app).unwrap(),
        std::fs::read_to_string(&from_cli).unwrap()
    );

    // Another host, chosen in the dialog, in PowerShell.
    click(&mut h, "Test");
    click(&mut h, "Write probe script…");
    h.get_by_role_and_label(egui::Role::ComboBox, "Run on:")
        .click();
    h.run();
    h.get_all_by_label("install01").last().unwrap().click();
    h.run();
    click(&mut h, "Save…");
    let field = h.get_by_role_and_label(egui::Role::TextInput, "File path");
    assert!(
        field
            .value()
            .unwrap_or_default()
            .ends_with("probe-install01.ps1")
    );
    let saved = dir.path().join("install01.ps1");
    type_into(&mut h, "File path", &saved.display().to_string());
    click(&mut h, "OK");
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("to run on install01"), "{text}");
    assert!(text.contains("System.Net.Sockets.TcpClient"));
}
