//! The change request's evidence and pins (issue 13, items 7 and 8): the machine a test ran
//! on, each result judged pass or fail against the verification plan, the SHA-256 of the
//! plan file and of every script, the revision and its history; and the Change request tab
//! that edits them. The PDF is read back with lopdf; the digests are computed here, from the
//! files `portplan export` wrote.

use crate::common;

use std::process::Command;

use portplan::analysis::Analysis;
use portplan::export::options::PlanFile;
use portplan::export::{Format, Inputs, Options};
use portplan::model::change_request::HistoryLine;
use portplan::model::{Catalog, Os, Plan, Role};
use portplan::probe::evidence::{Evidence, Origin};
use portplan::probe::results::{ProbeResult, Report, Status};
use sha2::{Digest, Sha256};

const BIN: &str = env!("CARGO_BIN_EXE_portplan");

/// 2026-11-25 09:00 UTC
const WHEN: i64 = 1_795_597_200;

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn run(args: &[&str]) {
    let o = Command::new(BIN).args(args).output().unwrap();
    assert!(
        o.status.success(),
        "portplan {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The PDF's text with its line breaks taken out.
fn text_of(bytes: &[u8]) -> String {
    common::pdf::parse(bytes).text().replace('\n', "")
}

/// The change request of `plan` with `evidence`, written at [`WHEN`], netsh for Windows.
fn document(plan: &Plan, evidence: Option<&Evidence>) -> String {
    let catalog = Catalog::profile(&plan.settings.catalog).unwrap();
    let a = Analysis::new(plan, &catalog);
    let options = Options {
        windows_format: Format::Netsh,
        ..Options::default()
    };
    let i = Inputs {
        generated: WHEN,
        evidence,
        ..Inputs::new(plan, &catalog, &a, &options)
    };
    text_of(&portplan::export::documents::pdf::change_request(&i).unwrap())
}

#[test]
fn the_summary_pins_the_plan_file_and_every_exported_script_by_sha256() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("lab.json");
    std::fs::write(&plan, portplan::files::plan_file::EXAMPLE_JSON).unwrap();
    let p = plan.to_str().unwrap();
    let (rules, removal) = (dir.path().join("rules"), dir.path().join("removal"));
    run(&[
        "export",
        p,
        "--format",
        "netsh",
        "-o",
        rules.to_str().unwrap(),
    ]);
    let removal_dir = removal.to_str().unwrap();
    run(&[
        "export",
        p,
        "--format",
        "netsh",
        "--cleanup",
        "-o",
        removal_dir,
    ]);
    let pdf = dir.path().join("cr.pdf");
    let pdf_path = pdf.to_str().unwrap();
    run(&[
        "export",
        p,
        "--format",
        "pdf",
        "--windows-format",
        "netsh",
        "-o",
        pdf_path,
    ]);
    let text = text_of(&std::fs::read(&pdf).unwrap());

    let plan_line = format!("{}  lab.json", sha256(&std::fs::read(&plan).unwrap()));
    assert!(text.contains(&plan_line), "no {plan_line} in {text}");
    let mut scripts = 0;
    for folder in [&rules, &removal] {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name == "index.txt" {
                continue;
            }
            let line = format!("{}  {name}", sha256(&std::fs::read(&path).unwrap()));
            assert!(text.contains(&line), "no {line}");
            scripts += 1;
        }
    }
    // Nine targets: their rules and their removal.
    assert_eq!(scripts, 18);
    assert!(text.contains("sha256sum -c"));
}

#[test]
fn a_plan_file_that_is_not_this_plan_is_not_pinned_and_the_document_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let mut plan = portplan::files::plan_file::example();
    portplan::files::plan_file::save(&plan, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        PlanFile::read(&path, &plan),
        PlanFile::Saved {
            name: "p.json".into(),
            sha256: sha256(&bytes)
        }
    );
    plan.change_request.title = "changed since".into();
    assert!(matches!(
        PlanFile::read(&path, &plan),
        PlanFile::NotPinned(why) if why.contains("changed on disk")
    ));
    match PlanFile::of_document(Some(&path), true, &plan) {
        PlanFile::NotPinned(why) => assert!(why.contains("unsaved changes"), "{why}"),
        other => panic!("{other:?}"),
    }
    // A document written from a plan with no file says so, and hashes nothing else.
    let text = document(&plan, None);
    assert!(
        text.contains("The plan file is not pinned: the plan was not read from a file"),
        "{text}"
    );
    assert!(!text.contains(&sha256(&bytes)));
}

#[test]
fn the_summary_has_the_revision_and_its_history() {
    let mut plan = portplan::files::plan_file::example();
    plan.change_request.revision = 3;
    plan.change_request.history = vec![
        HistoryLine {
            date: "2026-11-20".into(),
            change: "First issue".into(),
        },
        HistoryLine {
            date: "2026-11-24".into(),
            change: "Window moved to December".into(),
        },
    ];
    let text = document(&plan, None);
    assert!(text.contains("Revision3"), "{text}");
    assert!(text.contains("Revision 3 and its history"), "{text}");
    assert!(text.contains("2026-11-24"));
    assert!(text.contains("Window moved to December"));
}

/// The host name as the C library tells it (the code under test reads it elsewhere).
fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most buf.len() bytes into buf.
    assert_eq!(
        unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) },
        0
    );
    let end = buf.iter().position(|b| *b == 0).unwrap();
    String::from_utf8_lossy(&buf[..end]).into_owned()
}

/// An installer on the loopback (this machine) and an MDM beside it.
fn loopback_plan() -> Plan {
    let mut plan = Plan::new("loop");
    plan.add_host(
        "inst",
        "127.0.0.1",
        Os::Windows,
        [Role::Installer].into_iter().collect(),
    );
    plan.add_host(
        "mdm1",
        "127.0.0.2",
        Os::Windows,
        [Role::Mdm].into_iter().collect(),
    );
    plan
}

#[test]
fn a_test_from_this_machine_names_it_its_address_and_the_plan_host_it_is() {
    let plan = loopback_plan();
    let a = Analysis::new(&plan, &Catalog::builtin());
    // Every planned port probed, the cluster port found closed.
    let results = portplan::probe::targets::from_matrix(&a, None, &[])
        .unwrap()
        .into_iter()
        .map(|target| ProbeResult {
            status: if target.port.start == 9011 {
                Status::Closed
            } else {
                Status::Open
            },
            target,
            ms: 1,
            detail: String::new(),
            from: None,
        })
        .collect();
    let mut evidence = Evidence::from_here(Report {
        results,
        cancelled: false,
    });
    evidence.at = WHEN;
    let Origin::Here(machine) = &evidence.origin else {
        panic!("{:?}", evidence.origin)
    };
    assert_eq!(machine.name, host_name());
    let text = document(&plan, Some(&evidence));
    let name = host_name();
    // Compared without spaces: a line may break at any of them.
    let squeezed = |t: &str| t.split_whitespace().collect::<String>();
    assert!(
        squeezed(&text).contains(&squeezed(&format!(
            "host name {name}, addresses 127.0.0.1; the plan's host inst"
        ))),
        "{text}"
    );
    assert!(text.contains(&format!("from this machine ({name}, 127.0.0.1)")));
    // Five planned ports, the cluster port closed.
    assert!(text.contains("4 pass, 1 fail"), "{text}");
}

#[test]
fn imported_results_name_the_plan_host_the_script_ran_on() {
    let plan = portplan::files::plan_file::example();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.csv");
    std::fs::write(
        &path,
        "from,host,address,port,protocol,phase,status,ms,detail\n\
         install01,mdm1,192.0.2.11,135,tcp,install-only,open,3,\n",
    )
    .unwrap();
    let evidence = Evidence::read(&path).unwrap();
    assert_eq!(evidence.origin, Origin::PlanHosts(vec!["install01".into()]));
    let text = document(&plan, Some(&evidence));
    assert!(
        text.contains("the plan host the probe script ran on: install01 (192.0.2.5)"),
        "{text}"
    );
}

/// The verdict cells of the results table, in order: the words after each row's expectation.
fn verdicts(text: &str) -> Vec<&'static str> {
    let table = &text[text.find("ExpectedVerdict").expect("a results table")..];
    let mut out = Vec::new();
    let mut rest = table;
    while let Some(at) = ["openpass", "openfail", "not openpass", "not openfail"]
        .iter()
        .filter_map(|w| rest.find(w).map(|i| (i, *w)))
        .min()
    {
        out.push(at.1);
        rest = &rest[at.0 + at.1.len()..];
    }
    out
}

#[test]
fn each_result_is_judged_pass_or_fail_against_the_verification_plan() {
    let mut plan = portplan::files::plan_file::example();
    let csv = "from,host,address,port,protocol,phase,status,ms,detail\n\
               install01,mdm1,192.0.2.11,135,tcp,install-only,open,3,\n\
               install01,mdm1,192.0.2.11,445,tcp,install-only,filtered,1000,\n\
               install01,mdm1,192.0.2.11,9011,tcp,permanent,open,2,\n";
    let evidence = Evidence {
        report: Report::read_csv(csv.as_bytes()).unwrap(),
        at: WHEN,
        origin: Origin::PlanHosts(vec!["install01".into()]),
    };
    // Tested before the install rules expire (2026-12-05): every port must be open.
    let text = document(&plan, Some(&evidence));
    let results =
        &text[text.find("Last test results").unwrap()..text.find("10. Rollback").unwrap()];
    assert!(text.contains("2 pass, 1 fail"), "{results}");
    assert_eq!(verdicts(&text), ["openpass", "openfail", "openpass"]);
    // Tested after they expired: the installer (no deployment host) must reach none of
    // mdm1's install ports any more, the cluster port included (the table "Probes from the
    // installer that must fail after the removal" lists it).
    plan.change_request.install_rules_expire = "2026-11-20".into();
    let text = document(&plan, Some(&evidence));
    let results =
        &text[text.find("Last test results").unwrap()..text.find("10. Rollback").unwrap()];
    assert!(results.contains("after the removal"), "{results}");
    assert!(results.contains("1 pass, 2 fail"), "{results}");
    assert_eq!(
        verdicts(&text),
        ["not openfail", "not openpass", "not openfail"]
    );
}

#[cfg(feature = "gui")]
mod app {
    use egui_kittest::Harness;
    use egui_kittest::kittest::{NodeT, Queryable};
    use portplan::gui::{App, Start};
    use portplan::model::Plan;

    fn harness(start: Start, data_dir: &std::path::Path) -> Harness<'static, App> {
        let mut h = crate::common::app::harness(start, data_dir);
        h.get_by_label("Change request").click();
        h.run();
        h
    }

    /// Scrolls the Change request tab until `label` is on the screen, where a click reaches it.
    fn scroll_until_shown(h: &mut Harness<'_, App>, label: &str) {
        for _ in 0..20 {
            if h.get_by_label(label).rect().bottom() < 770.0 {
                return;
            }
            h.hover_at(egui::pos2(300.0, 640.0));
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -60.0),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
                modifiers: egui::Modifiers::NONE,
            });
            h.run_steps(20);
        }
        panic!("{label} never came into view");
    }

    #[test]
    fn new_revision_numbers_it_and_adds_a_dated_history_line_to_fill_in() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness(Start::Last, dir.path());
        assert_eq!(h.state().document().plan().change_request.revision, 1);
        h.get_by_label("New revision").click();
        h.run();
        let cr = &h.state().document().plan().change_request;
        assert_eq!(cr.revision, 2);
        assert_eq!(cr.history.len(), 2);
        let today = portplan::model::timestamp::utc(portplan::model::timestamp::unix_seconds(
            std::time::SystemTime::now(),
        ));
        assert_eq!(cr.history[1].date, today[..10]);
        let change = h.get_by_role_and_label(egui::Role::TextInput, "Change 2");
        change.focus();
        change.type_text("Window moved");
        h.run();
        assert_eq!(
            h.state().document().plan().change_request.history[1].change,
            "Window moved"
        );
        scroll_until_shown(&mut h, "Remove line 1");
        h.get_by_label("Remove line 1").click();
        h.run();
        let cr = &h.state().document().plan().change_request;
        assert_eq!(cr.history.len(), 1);
        assert_eq!(cr.history[0].change, "Window moved");
    }

    #[test]
    fn approver_fields_fit_their_text_and_empty_fields_show_examples_as_hints() {
        let dir = tempfile::tempdir().unwrap();
        let h = harness(Start::Last, dir.path());
        let role = "Network and firewall operations";
        let field = h.get_by_role_and_label(egui::Role::TextInput, "Role 3");
        assert_eq!(field.accesskit_node().value().as_deref(), Some(role));
        let size = egui::TextStyle::Body.resolve(&h.ctx.global_style()).size;
        let width = h.ctx.fonts_mut(|f| {
            f.layout_no_wrap(
                role.into(),
                egui::FontId::proportional(size),
                egui::Color32::WHITE,
            )
            .size()
            .x
        });
        let field = h.get_by_role_and_label(egui::Role::TextInput, "Role 3");
        assert!(
            field.rect().width() > width,
            "the field is {} wide, its text {width}",
            field.rect().width()
        );
        // An empty name shows an example, greyed, and holds nothing.
        let name = h.get_by_role_and_label(egui::Role::TextInput, "Name 2");
        assert_eq!(name.accesskit_node().value().as_deref(), Some(""));
        assert!(
            name.accesskit_node()
                .placeholder()
                .is_some_and(|p| p.starts_with("Who signs")),
            "{:?}",
            name.accesskit_node().placeholder()
        );
        drop(h);
        // An empty request: each example is a hint that says it is one.
        let mut h = harness(Start::Plan(Box::new(Plan::new("empty"))), dir.path());
        for label in ["Id", "Window start", "Install rules expire"] {
            let f = h.get_by_role_and_label(egui::Role::TextInput, label);
            assert_eq!(f.accesskit_node().value().as_deref(), Some(""));
            assert!(
                f.accesskit_node()
                    .placeholder()
                    .is_some_and(|p| p.starts_with("e.g. ")),
                "{label}: {:?}",
                f.accesskit_node().placeholder()
            );
        }
        h.get_by_label("Add approver").click();
        h.run();
        let role = h.get_by_role_and_label(egui::Role::TextInput, "Role 1");
        assert_eq!(
            role.accesskit_node().placeholder(),
            Some("e.g. Information security")
        );
    }
}

#[test]
fn the_probe_command_says_where_the_probes_ran() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("lab.json");
    std::fs::write(&plan, portplan::files::plan_file::EXAMPLE_JSON).unwrap();
    let results = dir.path().join("results.csv");
    std::fs::write(
        &results,
        "from,host,address,port,protocol,phase,status,ms,detail\n\
         install01,mdm1,192.0.2.11,135,tcp,install-only,open,3,\n",
    )
    .unwrap();
    let o = Command::new(BIN)
        .args(["probe", "--import"])
        .arg(&results)
        .arg(&plan)
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.ends_with("Probed from install01.\n"), "{text}");
}

#[test]
fn past_24_scripts_their_digests_move_from_the_summary_to_appendix_c() {
    let mut plan = Plan::new("wide");
    plan.add_host(
        "inst",
        "10.4.0.1",
        Os::Windows,
        [Role::Installer].into_iter().collect(),
    );
    for n in 0..13 {
        plan.add_host(
            format!("sds{n}"),
            format!("10.4.0.{}", n + 10),
            Os::Windows,
            [Role::Sds].into_iter().collect(),
        );
    }
    let catalog = Catalog::builtin();
    let a = Analysis::new(&plan, &catalog);
    let options = Options {
        windows_format: Format::Netsh,
        ..Options::default()
    };
    let i = Inputs {
        generated: WHEN,
        ..Inputs::new(&plan, &catalog, &a, &options)
    };
    let text = text_of(&portplan::export::documents::pdf::change_request(&i).unwrap());
    let summary = &text[..text.find("2. Business justification").unwrap()];
    // 13 targets: 13 rules and 13 removal scripts.
    assert!(
        summary.contains("Appendix C lists the 26 scripts"),
        "{summary}"
    );
    let rules = portplan::export::files(Format::Netsh, &i).unwrap();
    let sds7 = rules.iter().find(|f| f.name.starts_with("sds7")).unwrap();
    let line = format!("{}  {}", sha256(&sds7.contents), sds7.name);
    assert!(!summary.contains(&line));
    let appendix = &text[text.find("Appendix C. SHA-256 of every script").unwrap()..];
    assert!(appendix.contains(&line), "{appendix}");
}

#[cfg(feature = "gui")]
mod app_export {
    use egui::{Key, Modifiers};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use portplan::gui::{App, Start};

    use super::{sha256, text_of};

    /// Writes the change request with Ctrl+Shift+E and saves it at `path`; its text.
    fn export(h: &mut Harness<'_, App>, path: &std::path::Path) -> String {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
        h.run();
        let start = std::time::Instant::now();
        while h.state().writing_document() {
            assert!(start.elapsed().as_secs() < 60, "the file never came");
            std::thread::sleep(std::time::Duration::from_millis(20));
            h.step();
        }
        h.run();
        assert!(h.state_mut().answer_dialog(Some(path.to_path_buf())));
        h.run();
        text_of(&std::fs::read(path).unwrap())
    }

    #[test]
    fn the_app_pins_the_saved_plan_file_and_not_one_with_unsaved_changes() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("lab.json");
        std::fs::write(&plan, portplan::files::plan_file::EXAMPLE_JSON).unwrap();
        let mut h = crate::common::app::harness(Start::File(plan.clone()), dir.path());
        h.state_mut().script_dialogs();
        let text = export(&mut h, &dir.path().join("cr.pdf"));
        let line = format!("{}  lab.json", sha256(&std::fs::read(&plan).unwrap()));
        assert!(text.contains(&line), "no {line}");
        // A change not saved yet: the file is not this plan any more.
        h.get_by_label("Change request").click();
        h.run();
        h.get_by_label("New revision").click();
        h.run();
        let text = export(&mut h, &dir.path().join("cr2.pdf"));
        assert!(!text.contains(&line));
        assert!(
            text.contains("The plan file is not pinned: the plan has unsaved changes"),
            "{text}"
        );
    }

    #[test]
    fn the_menu_prints_the_script_format_last_chosen_in_the_export_dialog() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = crate::common::app::harness(Start::Last, dir.path());
        h.state_mut().script_dialogs();
        // PowerShell by default, as the Export dialog.
        let text = export(&mut h, &dir.path().join("default.pdf"));
        assert!(text.contains("New-NetFirewallRule"));
        assert!(!text.contains("netsh advfirewall firewall add rule"));
        // The user exports netsh scripts: the change request's commands follow.
        h.key_press_modifiers(Modifiers::COMMAND, Key::E);
        h.run();
        h.get_by_role_and_label(egui::Role::ComboBox, "Format:")
            .click();
        h.run();
        h.get_by_label("netsh").click();
        h.run();
        let text = export(&mut h, &dir.path().join("netsh.pdf"));
        assert!(text.contains("netsh advfirewall firewall add rule"));
        assert!(!text.contains("New-NetFirewallRule"));
    }
}
