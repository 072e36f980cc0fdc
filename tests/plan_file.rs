//! Plan files: exact round trips, precise errors, and never a lost or half-written file.

use std::fs;
use std::path::Path;

use portplan::files::plan_file::{self, LoadError, PlanError};
use portplan::model::change_request::HistoryLine;
use portplan::model::{
    Approver, ChangeCategory, ChangeRequest, ChangeType, Host, HostId, HostKind, Os, Plan,
    Position, Settings, SourcePolicy, WmiMode, WmiSetting,
};
use portplan::model::{Role, RoleSet};
use proptest::prelude::*;

fn arb_text() -> impl Strategy<Value = String> {
    // Any Unicode, quotes, backslashes and control characters included.
    prop_oneof![any::<String>(), "[a-z0-9 \"\\\\\n\t%&|<>^'$`-]{0,20}"]
}

fn arb_host() -> impl Strategy<Value = Host> {
    (
        any::<u32>(),
        arb_text(),
        arb_text(),
        prop_oneof![Just(Os::Windows), Just(Os::Linux)],
        proptest::collection::vec(proptest::sample::select(Role::ALL.to_vec()), 0..6),
        (
            -1e7f32..1e7f32,
            any::<f32>().prop_filter("finite", |f| f.is_finite()),
        ),
        (
            proptest::sample::select(HostKind::ALL.to_vec()),
            proptest::collection::btree_map(arb_text(), any::<u16>(), 0..3),
        ),
    )
        .prop_map(
            |(id, name, address, os, roles, (x, y), (kind, ports))| Host {
                id: HostId(id),
                kind,
                name,
                address,
                os,
                roles: roles.into_iter().collect::<RoleSet>(),
                ports,
                position: Position { x, y },
            },
        )
}

fn arb_plan() -> impl Strategy<Value = Plan> {
    (
        arb_text(),
        arb_text(),
        prop_oneof![Just(WmiMode::Fixed), Just(WmiMode::Dynamic)],
        any::<u16>(),
        proptest::collection::vec(arb_text(), 12),
        0..3usize,
        proptest::collection::vec(arb_host(), 0..12),
        (
            proptest::sample::select(SourcePolicy::ALL.to_vec()),
            proptest::collection::vec(arb_text(), 0..3),
        ),
    )
        .prop_map(
            |(name, catalog, mode, port, cr, kind, mut hosts, (sources, optional_ports))| {
                // Host ids are unique in a plan; keep the first of each.
                let mut seen = std::collections::HashSet::new();
                hosts.retain(|h| seen.insert(h.id));
                Plan {
                    name,
                    id: "plan-id".into(),
                    settings: Settings {
                        catalog,
                        wmi: WmiSetting { mode, port },
                        sources,
                        optional_ports,
                    },
                    change_request: ChangeRequest {
                        id: cr[0].clone(),
                        title: cr[1].clone(),
                        requester: cr[2].clone(),
                        contact: cr[3].clone(),
                        owner: cr[4].clone(),
                        justification: cr[5].clone(),
                        window_start: cr[6].clone(),
                        window_end: cr[7].clone(),
                        install_rules_expire: cr[8].clone(),
                        change_type: ChangeType::ALL[kind],
                        category: ChangeCategory::ALL[2 - kind],
                        risk: cr[9].clone(),
                        approvers: vec![Approver {
                            role: cr[10].clone(),
                            name: cr[11].clone(),
                        }],
                        revision: kind as u32 + 1,
                        history: vec![HistoryLine {
                            date: cr[6].clone(),
                            change: cr[11].clone(),
                        }],
                    },
                    hosts,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn plan_to_json_to_plan_is_identical(plan in arb_plan()) {
        let text = plan_file::to_json(&plan);
        let back = plan_file::from_json(&text).unwrap();
        prop_assert_eq!(&back, &plan);
        // ... and writing it again gives the same bytes: plans diff well.
        prop_assert_eq!(plan_file::to_json(&back), text);
    }

    #[test]
    fn any_bytes_give_a_plan_or_an_error_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = plan_file::from_bytes(&bytes);
    }
}

#[test]
fn the_bundled_example_is_written_as_portplan_writes_it() {
    assert_eq!(
        plan_file::to_json(&plan_file::example()),
        plan_file::EXAMPLE_JSON
    );
}

#[test]
fn the_file_starts_with_its_format_tag_and_version() {
    let text = plan_file::to_json(&Plan::new("x"));
    assert!(
        text.starts_with(
            "{\n  \"format\": \"portplan-plan\",\n  \"version\": 2,\n  \"name\": \"x\""
        )
    );
    // New plans admit least privilege.
    assert!(text.contains("\"sources\": \"least-privilege\""), "{text}");
}

#[test]
fn a_plan_of_version_1_reads_as_it_meant_deployment_sources() {
    // The bundled example as portplan wrote it before version 2: no policy.
    let v1 = plan_file::EXAMPLE_JSON
        .replace("\"version\": 2", "\"version\": 1")
        .replace(",\n    \"sources\": \"deployment\"", "");
    assert!(!v1.contains("sources"));
    let plan = plan_file::from_json(&v1).unwrap();
    assert_eq!(plan.settings.sources, SourcePolicy::Deployment);
    assert_eq!(plan, plan_file::example());
    // Saved again, it is a version-2 file that says what it means.
    assert_eq!(plan_file::to_json(&plan), plan_file::EXAMPLE_JSON);
}

fn example_with(from: &str, to: &str) -> String {
    assert!(plan_file::EXAMPLE_JSON.contains(from), "{from}");
    plan_file::EXAMPLE_JSON.replacen(from, to, 1)
}

fn error_of(text: &str) -> String {
    plan_file::from_json(text).unwrap_err().to_string()
}

#[test]
fn truncated_json_names_the_line_and_column() {
    let text = &plan_file::EXAMPLE_JSON[..600];
    let err = plan_file::from_json(text).unwrap_err();
    let PlanError::At { line, message, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*line, text.lines().count());
    assert!(message.contains("EOF"), "{message}");
}

#[test]
fn wrong_types_name_the_field_line_and_column() {
    let err = error_of(&example_with("\"port\": 24158", "\"port\": \"24158\""));
    assert_eq!(
        err,
        "line 9, column 21: settings.wmi.port: invalid type: string \"24158\", expected u16"
    );
    let err = error_of(&example_with("\"id\": 3,", "\"id\": -3,"));
    assert!(err.contains("hosts[2].id"), "{err}");
}

#[test]
fn an_unknown_role_is_named_with_its_place() {
    let err = error_of(&example_with("\"TB\"", "\"NFS\""));
    assert!(err.starts_with("line "), "{err}");
    assert!(
        err.contains("hosts[3].roles[0]: unknown variant `NFS`"),
        "{err}"
    );
    assert!(
        err.contains("`MDM`, `TB`, `SDS`, `SDC`, `Callhome`, `Installer`"),
        "{err}"
    );
}

#[test]
fn an_unknown_field_is_refused() {
    let err = error_of(&example_with(
        "\"os\": \"windows\"",
        "\"os\": \"windows\", \"rack\": 4",
    ));
    assert!(err.contains("unknown field `rack`"), "{err}");
}

#[test]
fn a_newer_version_is_refused_with_a_clear_message() {
    let err = error_of(&example_with(
        "\"version\": 2",
        "\"version\": 3, \"future\": {}",
    ));
    assert_eq!(
        err,
        "this plan was written by a newer portplan (plan version 3); this portplan reads plan version 2: update portplan to open it"
    );
}

#[test]
fn other_json_is_not_a_plan() {
    assert!(error_of("{\"hosts\": []}").contains("not a portplan plan"));
    assert!(error_of("[1, 2]").contains("not a JSON object"));
    assert!(error_of("\"x\"").contains("not a JSON object"));
    assert!(
        error_of(&example_with("portplan-plan", "portplan-catalog"))
            .contains("not a portplan plan")
    );
    assert!(
        error_of(&example_with("\"version\": 2", "\"version\": \"one\""))
            .contains("must be a number")
    );
}

#[test]
fn duplicate_host_ids_are_refused() {
    let err = error_of(&example_with("\"id\": 3,", "\"id\": 2,"));
    assert_eq!(err, "two hosts have the id 2: host ids must be unique");
}

#[test]
fn trailing_garbage_is_an_error() {
    let err = error_of(&format!("{}x", plan_file::EXAMPLE_JSON));
    assert!(err.contains("trailing characters"), "{err}");
}

#[test]
fn empty_and_binary_files_are_named_as_such() {
    assert_eq!(plan_file::from_bytes(b""), Err(PlanError::Empty));
    assert_eq!(plan_file::from_bytes(b" \n\t"), Err(PlanError::Empty));
    assert_eq!(
        plan_file::from_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        Err(PlanError::Binary { offset: 8 })
    );
    assert_eq!(
        plan_file::from_bytes(b"{\"a\": \"\xff\"}"),
        Err(PlanError::Binary { offset: 7 })
    );
}

/// Every bad file: the error names the path, and the folder is exactly as it was.
#[test]
fn loading_a_bad_file_reports_the_path_and_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "truncated.json",
            plan_file::EXAMPLE_JSON.as_bytes()[..700].to_vec(),
        ),
        (
            "types.json",
            example_with("\"port\": 24158", "\"port\": true").into_bytes(),
        ),
        (
            "version.json",
            example_with("\"version\": 2", "\"version\": 9").into_bytes(),
        ),
        ("role.json", example_with("\"SDC\"", "\"sdc\"").into_bytes()),
        ("empty.json", Vec::new()),
        ("binary.json", (0u8..=255).collect()),
    ];
    for (name, bytes) in &cases {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    let before = snapshot(dir.path());
    for (name, _) in &cases {
        let path = dir.path().join(name);
        let err = plan_file::load(&path).unwrap_err();
        assert!(matches!(err, LoadError::Plan { .. }), "{name}: {err:?}");
        assert!(
            err.to_string()
                .starts_with(&format!("{}: ", path.display())),
            "{err}"
        );
    }
    assert_eq!(snapshot(dir.path()), before);

    let missing = dir.path().join("missing.json");
    let err = plan_file::load(&missing).unwrap_err().to_string();
    assert!(err.contains("missing.json: cannot read"), "{err}");
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            if meta.is_dir() {
                return (
                    e.file_name().to_string_lossy().into_owned(),
                    Vec::new(),
                    meta.modified().unwrap(),
                );
            }
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
                meta.modified().unwrap(),
            )
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn saving_keeps_the_previous_file_as_bak_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    let mut plan = plan_file::example();
    plan_file::save(&plan, &path).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), plan_file::EXAMPLE_JSON);
    assert!(
        !dir.path().join("plan.json.bak").exists(),
        "nothing to back up the first time"
    );

    plan.name = "second".into();
    plan_file::save(&plan, &path).unwrap();
    assert_eq!(plan_file::load(&path).unwrap(), plan);
    assert_eq!(
        fs::read_to_string(dir.path().join("plan.json.bak")).unwrap(),
        plan_file::EXAMPLE_JSON
    );

    let names: Vec<String> = snapshot(dir.path()).into_iter().map(|e| e.0).collect();
    assert_eq!(names, ["plan.json", "plan.json.bak"]);
}

#[test]
fn a_failed_save_leaves_the_old_file_and_no_debris() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    plan_file::save(&Plan::new("old"), &path).unwrap();
    let old = fs::read(&path).unwrap();
    // A folder where the backup goes: the save fails after the temporary file was written.
    fs::create_dir(dir.path().join("plan.json.bak")).unwrap();
    let err = plan_file::save(&Plan::new("new"), &path).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{}: cannot save", path.display())),
        "{err}"
    );
    assert_eq!(fs::read(&path).unwrap(), old);
    let names: Vec<String> = snapshot(dir.path()).into_iter().map(|e| e.0).collect();
    assert_eq!(names, ["plan.json", "plan.json.bak"]);

    // A folder as the target, and a folder that does not exist.
    let err = plan_file::save(&Plan::new("x"), dir.path()).unwrap_err();
    assert!(err.to_string().contains("cannot save"), "{err}");
    let err = plan_file::save(&Plan::new("x"), &dir.path().join("no/such/p.json")).unwrap_err();
    assert!(err.to_string().contains("cannot save"), "{err}");
}

#[test]
fn a_minimal_hand_written_plan_loads_with_defaults() {
    let plan = plan_file::from_json(
        r#"{"format": "portplan-plan", "version": 1, "name": "hand",
            "hosts": [{"id": 1, "name": "a", "address": "10.0.0.1", "roles": ["SDS"]}]}"#,
    )
    .unwrap();
    assert_eq!(plan.settings, Settings::default());
    assert_eq!(plan.hosts[0].os, Os::Windows);
    assert_eq!(plan.hosts[0].position, Position::default());
}

#[test]
fn a_plan_without_a_revision_reads_as_revision_1_with_no_history() {
    let plan = plan_file::from_json(
        r#"{"format": "portplan-plan", "version": 2, "name": "old",
            "change_request": {"id": "CHG-1", "approvers": []}, "hosts": []}"#,
    )
    .unwrap();
    assert_eq!(plan.change_request.id, "CHG-1");
    assert_eq!(plan.change_request.revision, 1);
    assert!(plan.change_request.history.is_empty());
    // And they are kept: the revision and its history are written back.
    let mut plan = plan;
    plan.change_request.new_revision("2026-11-29".into());
    plan.change_request.history[0].change = "Window moved".into();
    let back = plan_file::from_json(&plan_file::to_json(&plan)).unwrap();
    assert_eq!(back.change_request.revision, 2);
    assert_eq!(back.change_request.history[0].date, "2026-11-29");
    assert_eq!(back.change_request.history[0].change, "Window moved");
}
