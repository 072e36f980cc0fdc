//! The `portplan` command as users and scripts call it: outputs, exit codes, and errors.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_portplan");
const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/examples/scaleio-example.json"
);

fn portplan(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("portplan runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Exit code 2 with one `portplan: ...` line on stderr, and no panic.
fn assert_usage_error(o: &Output) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("portplan: ") || err.starts_with("error: "),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn version_and_help() {
    let o = portplan(&["--version"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        format!("portplan {}\n", env!("CARGO_PKG_VERSION"))
    );
    let o = portplan(&["--help"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("opens the desktop app"));
    for cmd in ["import", "check", "matrix", "flows", "catalog"] {
        assert!(stdout(&o).contains(cmd), "help lists {cmd}");
    }
}

/// The seed's table for every role, through the command line: import, then matrix as JSON.
#[test]
fn import_then_matrix_reproduces_the_seed_table() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "inv.csv",
        "name,address,roles\n\
         installer,10.0.0.5,Installer\n\
         mdm,10.0.0.11,MDM\n\
         callhome,10.0.0.12,MDM;Callhome\n\
         tb,10.0.0.13,TB\n\
         sds,10.0.0.21,SDS\n\
         sdc,10.0.0.31,SDC\n\
         all,10.0.0.41,SDS;SDC\n",
    );
    let plan = dir.path().join("plan.json");
    let o = portplan(&["import", s(&csv), "-o", s(&plan)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("7 hosts"), "{}", stdout(&o));

    let o = portplan(&["matrix", s(&plan), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["plan"], "inv");
    assert_eq!(
        doc["wmi"],
        serde_json::json!({"mode": "fixed", "port": 24158, "port_end": null})
    );
    let ports = |host: &str| -> Vec<(u64, String, bool)> {
        let h = doc["hosts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["name"] == host)
            .unwrap();
        h["ports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                assert_eq!(p["protocol"], "tcp");
                assert_eq!(p["port_end"], Value::Null);
                (
                    p["port"].as_u64().unwrap(),
                    p["phase"].as_str().unwrap().to_string(),
                    p["during_install"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let io = |p: u64| (p, "install-only".to_string(), true);
    let perm = |p: u64, during: bool| (p, "permanent".to_string(), during);
    assert_eq!(ports("installer"), []);
    assert_eq!(
        ports("mdm"),
        [
            io(135),
            io(445),
            perm(6611, false),
            perm(9011, true),
            io(24158)
        ]
    );
    assert_eq!(ports("callhome"), ports("mdm"));
    assert_eq!(ports("tb"), [io(135), io(445), perm(9011, true), io(24158)]);
    assert_eq!(
        ports("sds"),
        [io(135), io(445), perm(7072, true), io(24158)]
    );
    assert_eq!(ports("sdc"), [io(135), io(445), io(24158)]);
    assert_eq!(
        ports("all"),
        [io(135), io(445), perm(7072, true), io(24158)]
    );

    let mdm = &doc["hosts"][1];
    assert_eq!(mdm["address"], "10.0.0.11");
    assert_eq!(mdm["os"], "windows");
    assert_eq!(mdm["roles"], serde_json::json!(["MDM"]));
    assert_eq!(mdm["ports"][0]["sources"], serde_json::json!(["10.0.0.5"]));
    // An import plans least-privilege: 6611 admits the MDMs, SDSs and SDCs, not the TB.
    assert_eq!(
        mdm["ports"][2]["sources"],
        serde_json::json!(["10.0.0.12", "10.0.0.21", "10.0.0.31", "10.0.0.41"])
    );
    assert_eq!(mdm["ports"][2]["evidence"], "seed");
    assert_eq!(mdm["ports"][2]["roles"], serde_json::json!(["MDM"]));
}

#[test]
fn matrix_filters_by_phase_and_prints_text_and_csv() {
    let o = portplan(&[
        "matrix",
        EXAMPLE,
        "--phase",
        "install-only",
        "--format",
        "csv",
    ]);
    assert!(o.status.success());
    let text = stdout(&o);
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "host,address,os,host_roles,port,port_end,protocol,phase,during_install,roles,sources,evidence"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 9 * 3, "9 targets x 135, 445, WMI");
    assert!(rows.iter().all(|r| r.contains(",install-only,true,")));
    assert!(rows.iter().all(|r| r.ends_with(",192.0.2.5,seed")));

    let o = portplan(&["matrix", EXAMPLE, "--phase", "permanent"]);
    let text = stdout(&o);
    assert!(
        text.contains("6611/tcp         permanent (not needed to install)"),
        "{text}"
    );
    assert!(!text.contains("install-only"), "{text}");
    assert!(
        text.contains("install01  192.0.2.5  windows  Installer"),
        "{text}"
    );
}

#[test]
fn flows_in_every_format_agree() {
    let csv = stdout(&portplan(&["flows", EXAMPLE, "--format", "csv"]));
    let json: Value =
        serde_json::from_slice(&portplan(&["flows", EXAMPLE, "--format", "json"]).stdout).unwrap();
    let text = stdout(&portplan(&["flows", EXAMPLE]));
    let flows = json["flows"].as_array().unwrap();
    assert_eq!(csv.lines().count() - 1, flows.len());
    assert_eq!(text.lines().count() - 1, flows.len());
    assert_eq!(
        csv.lines().next().unwrap(),
        "source,source_address,destination,destination_address,port,port_end,protocol,kind,during_install,roles,reason"
    );
    let first = &flows[0];
    assert_eq!(first["source"], "install01");
    assert_eq!(first["destination"], "mdm1");
    assert_eq!(first["port"], 135);
    assert_eq!(first["kind"], "install");
    assert_eq!(first["reason"], "RPC endpoint mapper, for MDM, Callhome");
    assert!(
        flows
            .iter()
            .all(|f| f["kind"] == "operation" || f["source"] == "install01")
    );
}

#[test]
fn check_exits_0_on_a_good_plan_and_1_on_errors() {
    let o = portplan(&["check", EXAMPLE]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "ok: 0 errors, 0 warnings\n");

    let dir = tempfile::tempdir().unwrap();
    let bad = fs::read_to_string(EXAMPLE)
        .unwrap()
        .replace("\"192.0.2.12\"", "\"192.0.2.11\"");
    let plan = write(dir.path(), "dup.json", &bad);
    let o = portplan(&["check", s(&plan)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "error: host mdm2: address 192.0.2.11 is also the address of mdm1\nnot ready: 1 error, 0 warnings\n"
    );
    let o = portplan(&["check", s(&plan), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["errors"], 1);
    assert_eq!(doc["findings"][0]["code"], "duplicate-address");
    assert_eq!(doc["findings"][0]["host"], "mdm2");

    // Reports still print, with a hint on stderr.
    let o = portplan(&["matrix", s(&plan)]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("has 1 error;"), "{}", stderr(&o));
}

#[test]
fn counts_say_one_warning_not_one_warnings() {
    let dir = tempfile::tempdir().unwrap();
    // One host with no roles: exactly one warning.
    let inv = write(
        dir.path(),
        "inv.csv",
        "name,address,roles
lonely,10.0.0.1,
",
    );
    let plan = dir.path().join("plan.json");
    let o = portplan(&["import", s(&inv), "-o", s(&plan)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(": 1 host, 0 errors, 1 warning (portplan check"),
        "{}",
        stdout(&o)
    );
    let o = portplan(&["check", s(&plan)]);
    assert!(
        stdout(&o).ends_with("ok: 0 errors, 1 warning\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn catalog_lists_every_port_with_its_source() {
    let text = stdout(&portplan(&["catalog"]));
    for quote in [
        "source: \"135: RPC endpoint port",
        "source: \"445: Allows for the script",
        "source: \"6611: Required for MDM communication",
        "source: \"7072: Required for SDS",
        "source: \"9011: Required for MDM and TB",
        "source: \"WMI: Random TCP port",
    ] {
        assert!(text.contains(quote), "{quote}");
    }
    let doc: Value =
        serde_json::from_slice(&portplan(&["catalog", "--format", "json"]).stdout).unwrap();
    let ports: Vec<String> = doc["ports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["port"].to_string())
        .collect();
    assert_eq!(ports, ["135", "445", "6611", "7072", "9011", "\"WMI\""]);
    assert!(
        doc["ports"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["source"].as_str().is_some())
    );
}

#[test]
fn another_catalog_can_be_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let builtin = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/catalogs/scaleio-seed.toml"
    ))
    .unwrap();
    let custom = write(
        dir.path(),
        "c.toml",
        &builtin.replace("port = 7072", "port = 7073"),
    );
    let o = portplan(&[
        "--catalog",
        s(&custom),
        "matrix",
        EXAMPLE,
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(",7073,"));
    assert!(!stdout(&o).contains(",7072,"));

    let broken = write(
        dir.path(),
        "b.toml",
        &builtin.replace("in_operation = false", "in_operation = 3"),
    );
    let err = assert_usage_error(&portplan(&["catalog", "--catalog", s(&broken)]));
    assert!(err.contains("b.toml: line 29, column 16"), "{err}");
    let err = assert_usage_error(&portplan(&["catalog", "--catalog", "/no/such.toml"]));
    assert!(
        err.contains("/no/such.toml: cannot read the catalog"),
        "{err}"
    );
}

#[test]
fn bad_input_is_exit_2_with_a_reason_and_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let inv = write(
        dir.path(),
        "inv.csv",
        "name,address,roles\na,10.0.0.1,SDS\nb,nope!,SDS\nc,10.0.0.3,XYZ\n",
    );
    let err = assert_usage_error(&portplan(&["import", s(&inv), "-o", s(&out)]));
    assert_eq!(err.lines().count(), 2, "one line per bad row: {err}");
    assert!(
        err.contains("inv.csv: line 3: 'nope!' is not an IPv4"),
        "{err}"
    );
    assert!(err.contains("inv.csv: line 4: unknown role 'XYZ'"), "{err}");
    assert!(!out.exists(), "nothing written on a failed import");

    let missing_column = write(dir.path(), "m.csv", "name,roles\na,SDS\n");
    let err = assert_usage_error(&portplan(&["import", s(&missing_column), "-o", s(&out)]));
    assert!(err.contains("missing column address"), "{err}");
    assert!(!out.exists());

    let truncated = write(
        dir.path(),
        "t.json",
        &fs::read_to_string(EXAMPLE).unwrap()[..300],
    );
    let err = assert_usage_error(&portplan(&["matrix", s(&truncated)]));
    assert!(err.contains("t.json: line "), "{err}");
    assert_eq!(err.lines().count(), 1);

    for args in [
        vec!["matrix", "/no/such/plan.json"],
        vec!["matrix", EXAMPLE, "--format", "xml"],
        vec!["matrix", EXAMPLE, "--phase", "later"],
        vec!["frobnicate"],
        vec!["import", s(&inv)],
    ] {
        assert_usage_error(&portplan(&args));
    }
    let empty = write(dir.path(), "e.json", "");
    assert!(assert_usage_error(&portplan(&["check", s(&empty)])).contains("the file is empty"));
    let binary = dir.path().join("b.json");
    fs::write(&binary, [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0]).unwrap();
    assert!(assert_usage_error(&portplan(&["flows", s(&binary)])).contains("not a text file"));
}

#[test]
fn import_keeps_the_previous_plan_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let out = write(dir.path(), "plan.json", "previous");
    let inv = write(
        dir.path(),
        "inv.csv",
        "name,address,roles\na,10.0.0.1,SDS\n",
    );
    assert!(
        portplan(&["import", s(&inv), "-o", s(&out)])
            .status
            .success()
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("plan.json.bak")).unwrap(),
        "previous"
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // Large enough (megabytes of flows) that the writer must meet the closed pipe.
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("name,address,roles\ni,10.0.0.1,Installer\n");
    for n in 0..300 {
        csv.push_str(&format!("h{n},10.0.{}.{},SDS\n", 1 + n / 200, n % 200 + 2));
    }
    let inv = write(dir.path(), "big.csv", &csv);
    let plan = dir.path().join("big.json");
    assert!(
        portplan(&["import", s(&inv), "-o", s(&plan)])
            .status
            .success()
    );

    let mut child = Command::new(BIN)
        .args(["flows", s(&plan)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take()); // the reader goes away, like `| head`
    let o = child.wait_with_output().unwrap();
    assert_eq!(stderr(&o), "");
    assert!(o.status.success());
}

#[test]
fn export_writes_one_script_a_folder_or_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let o = portplan(&["export", EXAMPLE, "--format", "netsh", "--host", "tb1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("localport=135,445,9011,24158 remoteip=192.0.2.5 "));

    let folder = dir.path().join("scripts");
    let o = portplan(&[
        "export",
        EXAMPLE,
        "--format",
        "powershell",
        "--cleanup",
        "-o",
        s(&folder),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("wrote 10 files to {}\n", folder.display())
    );
    let cleanup = fs::read_to_string(folder.join("mdm1-cleanup.ps1")).unwrap();
    assert!(cleanup.contains("Remove-NetFirewallRule -Group 'portplan ScaleIO example install'"));

    let book = dir.path().join("plan.xlsx");
    assert!(
        portplan(&["export", EXAMPLE, "--format", "xlsx", "-o", s(&book)])
            .status
            .success()
    );
    assert!(fs::read(&book).unwrap().starts_with(b"PK"));

    let o = portplan(&["export", EXAMPLE, "--format", "csv", "--kind", "install"]);
    assert!(stdout(&o).lines().skip(1).all(|l| l.contains(",install,")));

    for (args, why) in [
        (
            vec!["--format", "nftables", "--host", "mdm1"],
            "nftables scripts are for linux hosts",
        ),
        (
            vec!["--format", "netsh"],
            "give --host NAME for one script, or -o FOLDER",
        ),
        (vec!["--format", "xlsx"], "an xlsx workbook is binary"),
        (
            vec![
                "--format",
                "netsh",
                "--host",
                "mdm1",
                "--cleanup",
                "--kind",
                "operation",
            ],
            "--cleanup removes",
        ),
        (
            vec!["--format", "csv", "--host", "mdm1"],
            "csv covers the whole plan",
        ),
        (
            vec!["--format", "iptables", "--host", "x", "--chain", "a b"],
            "chain: 'a b' must be a letter",
        ),
        (
            vec!["--format", "netsh", "--host", "nobody"],
            "no host named 'nobody'",
        ),
    ] {
        let mut all = vec!["export", EXAMPLE];
        all.extend(args);
        let err = assert_usage_error(&portplan(&all));
        assert!(err.contains(why), "{err}");
    }
}

#[test]
fn export_writes_the_change_request_and_the_diagram() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("cr.pdf");
    let o = portplan(&["export", EXAMPLE, "--format", "pdf", "-o", s(&pdf)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("wrote {}\n", pdf.display()));
    // The example's request is complete: no notes.
    assert_eq!(stderr(&o), "");
    let bytes = fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 20_000);

    // Letter paper, and the results of a probe script in the verification plan.
    let results = write(
        dir.path(),
        "results.csv",
        "from,host,address,port,protocol,phase,status,ms,detail\n\
         install01,tb1,192.0.2.13,9011,tcp,permanent,closed,2,refused\n",
    );
    let letter = dir.path().join("letter.pdf");
    let o = portplan(&[
        "export",
        EXAMPLE,
        "--format",
        "pdf",
        "--paper",
        "letter",
        "--probe-results",
        s(&results),
        "-o",
        s(&letter),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let parsed = common::pdf::parse(&fs::read(&letter).unwrap());
    assert!(
        parsed
            .pages
            .iter()
            .all(|p| (p.width - 612.0).abs() < 0.01 && (p.height - 792.0).abs() < 0.01)
    );
    let text = parsed.text().replace('\n', " ");
    assert!(text.contains("from install01: 0 open, 1 closed"), "{text}");
    assert!(text.contains("closed: refused"));

    let svg = dir.path().join("topology.svg");
    let o = portplan(&["export", EXAMPLE, "--format", "svg", "-o", s(&svg)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = fs::read_to_string(&svg).unwrap();
    assert!(svg.starts_with("<?xml") && svg.contains(">mdm1</text>"));

    // A plan without the request's details still gets its document, with notes.
    let bare = write(
        dir.path(),
        "bare.json",
        &fs::read_to_string(EXAMPLE)
            .unwrap()
            .replace("\"CHG-2026-0142\"", "\"\""),
    );
    let o = portplan(&["export", s(&bare), "--format", "pdf", "-o", s(&pdf)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "note: the change request has no id yet\n");

    // Dates a change board cannot read or order are written as typed, and named.
    let undated = write(
        dir.path(),
        "undated.json",
        &fs::read_to_string(EXAMPLE)
            .unwrap()
            .replace("\"2026-12-05\"", "\"2026-11-30\"")
            .replace("\"2026-12-01 22:00\"", "\"first of December\""),
    );
    let o = portplan(&["export", s(&undated), "--format", "pdf", "-o", s(&pdf)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "note: Window start: \"first of December\" is not a date written YYYY-MM-DD (a time HH:MM may follow).\n"
    );
    let text = common::pdf::parse(&fs::read(&pdf).unwrap())
        .text()
        .replace('\n', " ");
    assert!(text.contains("Dates to check: Window start:"), "{text}");

    for (args, why) in [
        (vec!["--format", "pdf"], "give -o FILE"),
        (
            vec!["--format", "svg", "--host", "mdm1", "-o", "x.svg"],
            "leave out --host",
        ),
        (
            vec![
                "--format",
                "pdf",
                "--probe-results",
                "/nonexistent/r.csv",
                "-o",
                "x.pdf",
            ],
            "cannot read",
        ),
    ] {
        let mut all = vec!["export", EXAMPLE];
        all.extend(args);
        let err = assert_usage_error(&portplan(&all));
        assert!(err.contains(why), "{err}");
    }
    assert!(!Path::new("x.pdf").exists() && !Path::new("x.svg").exists());
}

#[test]
fn catalog_lists_the_built_in_profiles_and_shows_each_with_its_evidence() {
    let o = portplan(&["catalog", "--list", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let profiles = doc["profiles"].as_array().unwrap();
    let ids: Vec<&str> = profiles.iter().map(|p| p["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "scaleio-seed",
            "scaleio-2x-3x",
            "powerflex-3.6",
            "powerflex-4.x"
        ]
    );
    for p in profiles {
        let mut keys: Vec<&String> = p.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["id", "name", "source", "targets", "versions"]);
    }
    assert!(stdout(&portplan(&["catalog", "--list"])).contains("powerflex-4.x"));

    let o = portplan(&["catalog", "--profile", "powerflex-4.x", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["id"], "powerflex-4.x");
    let nvme = doc["ports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["port"] == 4420 && p["protocol"] == "tcp")
        .unwrap();
    assert_eq!(nvme["evidence"], "code");
    assert_eq!(nvme["from"], serde_json::json!(["NVMe host"]));
    assert_eq!(nvme["configurable"], true);
    // Every port of every profile says all three.
    for id in ["scaleio-seed", "scaleio-2x-3x", "powerflex-3.6"] {
        let doc: Value = serde_json::from_slice(
            &portplan(&["catalog", "--profile", id, "--format", "json"]).stdout,
        )
        .unwrap();
        for p in doc["ports"].as_array().unwrap() {
            assert!(
                p["evidence"].is_string() && p["from"].is_array(),
                "{id}: {p}"
            );
            assert!(p["configurable"].is_boolean(), "{id}: {p}");
        }
    }
    let text = stdout(&portplan(&["catalog", "--profile", "scaleio-2x-3x"]));
    assert!(text.contains("EVIDENCE"), "{text}");
    assert!(text.contains("from: "), "{text}");

    let err = assert_usage_error(&portplan(&["catalog", "--profile", "powerflex-9"]));
    assert!(
        err.contains("powerflex-4.x"),
        "the choices are listed: {err}"
    );
    assert_usage_error(&portplan(&[
        "catalog",
        "--list",
        "--profile",
        "scaleio-seed",
    ]));
}

#[test]
fn import_takes_a_profile_and_a_source_policy() {
    let dir = tempfile::tempdir().unwrap();
    let inv = write(
        dir.path(),
        "inv.csv",
        "name,address,roles,os,kind\n\
         installer,10.0.0.5,installer,linux,\n\
         sdt1,10.0.0.41,sdt;sds,linux,host\n\
         nvme,10.9.0.0/24;10.9.1.0/24,nvme host,,network\n",
    );
    let plan = dir.path().join("plan.json");
    let o = portplan(&[
        "import",
        s(&inv),
        "-o",
        s(&plan),
        "--profile",
        "powerflex-4.x",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let saved: Value = serde_json::from_str(&fs::read_to_string(&plan).unwrap()).unwrap();
    assert_eq!(saved["settings"]["catalog"], "powerflex-4.x");
    assert_eq!(saved["settings"]["sources"], "least-privilege");
    assert_eq!(saved["hosts"][2]["kind"], "network");
    assert!(
        saved["hosts"][1].get("kind").is_none(),
        "hosts stay as they were"
    );

    let doc: Value =
        serde_json::from_slice(&portplan(&["matrix", s(&plan), "--format", "json"]).stdout)
            .unwrap();
    let hosts = doc["hosts"].as_array().unwrap();
    assert_eq!(hosts.len(), 2, "a network is no row of the matrix");
    let nvme = hosts[1]["ports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["port"] == 4420)
        .unwrap();
    assert_eq!(
        nvme["sources"],
        serde_json::json!(["10.9.0.0/24", "10.9.1.0/24"])
    );
    assert_eq!(nvme["evidence"], "code");

    let o = portplan(&[
        "import",
        s(&inv),
        "-o",
        s(&plan),
        "--profile",
        "powerflex-4.x",
        "--sources",
        "deployment",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let saved: Value = serde_json::from_str(&fs::read_to_string(&plan).unwrap()).unwrap();
    assert_eq!(saved["settings"]["sources"], "deployment");

    let err = assert_usage_error(&portplan(&[
        "import",
        s(&inv),
        "-o",
        s(&plan),
        "--sources",
        "everyone",
    ]));
    assert!(err.contains("least-privilege"), "{err}");
}

#[test]
fn the_change_request_prints_the_script_format_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let text = |args: &[&str]| {
        let pdf = dir.path().join("cr.pdf");
        let mut all = vec!["export", EXAMPLE, "--format", "pdf", "-o", s(&pdf)];
        all.extend_from_slice(args);
        let o = portplan(&all);
        assert!(o.status.success(), "{}", stderr(&o));
        common::pdf::parse(&fs::read(&pdf).unwrap())
            .text()
            .replace('\n', "")
    };
    // The default is the Export dialog's: PowerShell.
    let default = text(&[]);
    assert!(default.contains("New-NetFirewallRule -Name"));
    assert!(
        default.contains("Remove-NetFirewallRule -Name 'portplan-scaleio-example-mdm1-operation'")
    );
    assert!(!default.contains("netsh advfirewall"));
    let netsh = text(&["--windows-format", "netsh"]);
    assert!(netsh.contains(
        "netsh advfirewall firewall delete rule name=\"portplan-scaleio-example-mdm1-operation\""
    ));
    assert!(!netsh.contains("New-NetFirewallRule"));
    // A format of the other OS is refused by clap, with the values it takes.
    let o = portplan(&[
        "export",
        EXAMPLE,
        "--format",
        "pdf",
        "--windows-format",
        "nftables",
        "-o",
        s(&dir.path().join("x.pdf")),
    ]);
    let err = assert_usage_error(&o);
    assert!(err.contains("netsh") && err.contains("powershell"), "{err}");
}

#[test]
fn the_usage_names_the_command_people_type_whatever_the_file_is_called() {
    // As on Windows, where the file is portplan.exe (and its console twin runs it).
    // A hard link, not a copy: a copy is a file just open for writing, and a child that
    // another test thread forks in that moment inherits the descriptor, so running the
    // copy fails with "Text file busy" (ETXTBSY), as it once did in CI. A link beside the
    // binary (same file system) is never open for writing.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let renamed = dir.path().join("portplan.exe");
    fs::hard_link(BIN, &renamed).unwrap();
    let o = std::process::Command::new(&renamed)
        .arg("--help")
        .output()
        .unwrap();
    assert!(o.status.success());
    let help = String::from_utf8(o.stdout).unwrap();
    assert!(
        help.contains("Usage: portplan [OPTIONS] [PLAN] [COMMAND]"),
        "{help}"
    );
}

#[test]
fn names_quoted_in_errors_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "x\u{1b}]0;pwned\u{7}\r";
    let o = portplan(&[
        "probe-script",
        EXAMPLE,
        "--from",
        hostile,
        "--shell",
        "sh",
        "-o",
        s(&dir.path().join("p.sh")),
    ]);
    let err = assert_usage_error(&o);
    assert!(err.contains("x\\x1b]0;pwned\\x07\\x0d"), "{err}");
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
    // And a path: the plan file's name.
    let missing = dir.path().join("plan\u{1b}[2J.json");
    let o = portplan(&["check", s(&missing)]);
    let err = assert_usage_error(&o);
    assert!(err.contains("plan\\x1b[2J.json"), "{err}");
}
