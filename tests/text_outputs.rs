//! Text and table outputs under hostile and huge names (issue 14, items 1, 7, 8, 16, 17): no
//! panic at any length, no raw control character on a terminal, no cell a spreadsheet takes
//! for a formula, and a CSV export whose memory does not grow with the plan.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use proptest::prelude::*;

use portplan::analysis::{Analysis, Phase};
use portplan::model::{Catalog, Os, Plan, PortRange, Protocol, Role};
use portplan::probe::targets::Target;
use portplan::probe::{ProbeResult, Report, Status};
use portplan::report;

use super::common;

const BIN: &str = env!("CARGO_BIN_EXE_portplan");

/// A small deployment whose hosts are named `names` (cycled over its eight hosts).
fn named(names: &[String]) -> Plan {
    let mut plan = common::deployment();
    for (i, h) in plan.hosts.iter_mut().enumerate() {
        if !names.is_empty() {
            h.name = names[i % names.len()].clone();
        }
    }
    plan
}

fn probe_report(host: &str, detail: &str) -> Report {
    let result = |status| ProbeResult {
        target: Target {
            host: host.to_string(),
            address: "10.0.0.11".into(),
            port: PortRange::single(135),
            protocol: Protocol::Tcp,
            phase: Phase::InstallOnly,
        },
        status,
        ms: 3,
        detail: detail.to_string(),
        from: Some(host.to_string()),
    };
    Report {
        results: vec![result(Status::Open), result(Status::Error)],
        cancelled: false,
    }
}

/// Every text output of `plan` (check, matrix, flows) and of a probe report naming its hosts.
fn texts(plan: &Plan, detail: &str) -> Vec<(&'static str, String)> {
    let a = Analysis::new(plan, &Catalog::builtin());
    let mut out = Vec::new();
    let mut text = |what, f: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut buf = Vec::new();
        f(&mut buf).unwrap();
        out.push((what, String::from_utf8(buf).unwrap()));
    };
    text("check", &|b| report::findings::write_text(b, &a));
    text("matrix", &|b| report::matrix::write_text(b, &a, None));
    text("flows", &|b| report::flows::write_text(b, &a));
    text("probe", &|b| {
        probe_report(&plan.hosts[1].name, detail).write_text(b)
    });
    out
}

/// Every CSV output of `plan`: matrix, flows, the export, and a probe report.
fn csvs(plan: &Plan, detail: &str) -> Vec<(&'static str, Vec<u8>)> {
    let a = Analysis::new(plan, &Catalog::builtin());
    let mut out = Vec::new();
    let mut buf = Vec::new();
    report::matrix::write_csv(&mut buf, &a, 0..a.hosts.len(), None).unwrap();
    out.push(("matrix", std::mem::take(&mut buf)));
    report::flows::write_csv(&mut buf, &a, None).unwrap();
    out.push(("flows", std::mem::take(&mut buf)));
    portplan::export::tables::csv::write(&mut buf, &a, None, None).unwrap();
    out.push(("export", std::mem::take(&mut buf)));
    probe_report(&plan.hosts[1].name, detail)
        .write_csv(&mut buf)
        .unwrap();
    out.push(("probe", buf));
    out
}

/// The first raw control character of a text output (its line ends aside).
fn raw_control(text: &str) -> Option<char> {
    text.chars().find(|c| c.is_control() && *c != '\n')
}

/// The first cell a spreadsheet would read as a formula.
fn formula_cell(csv_bytes: &[u8]) -> Option<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_bytes);
    reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .find(|cell| cell.starts_with(['=', '+', '-', '@', '\t', '\r']))
}

#[test]
fn names_longer_than_a_format_width_print() {
    // 65,536 characters and more: a format width (`{:<width$}`) of it panics.
    let long = "n".repeat(70_000);
    let plan = named(&[long.clone(), "mdm1".into()]);
    for (what, text) in texts(&plan, &long) {
        assert!(text.contains(&long), "{what} lost the name");
    }
    let a = Analysis::new(&plan, &Catalog::builtin());
    let mut flows = Vec::new();
    report::flows::write_text(&mut flows, &a).unwrap();
    let flows = String::from_utf8(flows).unwrap();
    // Short names still line up in columns of a bounded width.
    let short = flows.lines().find(|l| l.starts_with("mdm1 ")).unwrap();
    assert!(short.len() < 300, "{short}");
}

#[test]
fn control_characters_are_escaped_in_every_text_output() {
    let hostile = "db\u{1b}]0;pwned\u{7}\r\u{0}\u{7f}\u{9b}1".to_string();
    let plan = named(&[hostile.clone(), "ok".into()]);
    for (what, text) in texts(&plan, &hostile) {
        assert_eq!(raw_control(&text), None, "{what}: {text:?}");
        assert!(
            text.contains(r"db\x1b]0;pwned\x07\x0d\x00\x7f\u{9b}1"),
            "{what}: {text}"
        );
    }
}

#[test]
fn matrix_through_cat_shows_no_escape_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    let mut plan = named(&["mdm\u{1b}]2;retitled\u{7}".into()]);
    plan.name = "plan\u{1b}[2J".into();
    portplan::files::plan_file::save(&plan, &path).unwrap();
    for command in ["check", "matrix", "flows"] {
        let out = Command::new(BIN)
            .args([command, path.to_str().unwrap()])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.is_empty(), "{command}");
        assert_eq!(raw_control(&text), None, "{command}: {text:?}");
    }
}

#[test]
fn probe_import_text_escapes_the_detail_and_takes_long_names() {
    let dir = tempfile::tempdir().unwrap();
    let plan = common::deployment();
    let plan_path = dir.path().join("plan.json");
    portplan::files::plan_file::save(&plan, &plan_path).unwrap();
    let long = "h".repeat(70_000);
    let results = dir.path().join("results.csv");
    std::fs::write(
        &results,
        format!(
            "from,host,address,port,protocol,phase,status,ms,detail\n\
             {long},mdm1,10.0.0.11,135,tcp,install-only,error,1,\"bad\u{1b}[31mred\u{7}\"\n"
        ),
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["probe", "--import"])
        .args([&results, &plan_path])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(text.contains(r"bad\x1b[31mred\x07"), "{text}{err}");
    assert_eq!(raw_control(&text), None);
}

#[test]
fn cells_that_would_be_formulas_are_text_in_every_csv_and_the_workbook() {
    let names: Vec<String> = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+1",
        "-1",
        "@SUM(A1)",
        "\tx",
    ]
    .map(String::from)
    .into();
    let plan = named(&names);
    for (what, bytes) in csvs(&plan, "=cmd|' /C calc'!A0") {
        assert_eq!(formula_cell(&bytes), None, "{what}");
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("'="), "{what}: {text}");
    }
    let a = Analysis::new(&plan, &Catalog::builtin());
    let book = portplan::export::tables::xlsx::workbook(&a, None).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut xml = String::new();
        f.read_to_string(&mut xml).unwrap();
        assert!(!xml.contains("<f>"), "{name}: a formula");
        for text in xml
            .split("<t>")
            .skip(1)
            .chain(xml.split("<t xml:space=\"preserve\">").skip(1))
        {
            assert!(
                !text.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{name}: {}",
                text.chars().take(40).collect::<String>()
            );
        }
    }
}

#[test]
fn a_probe_csv_reads_back_the_names_it_wrote() {
    let report = probe_report("=db1", "-failed");
    let mut csv = Vec::new();
    report.write_csv(&mut csv).unwrap();
    assert!(String::from_utf8_lossy(&csv).contains("'=db1"));
    assert_eq!(Report::read_csv(&csv).unwrap(), report);
}

/// The peak resident memory of `portplan export PLAN --format csv`, in KiB: the child's
/// VmHWM, read while it writes to a pipe (the most it has held so far, and the CSV is written
/// at the end, after anything it builds). Not getrusage: a child's ru_maxrss includes the
/// memory of this test process it was forked from.
/// The peak memory of `export --format csv`, to standard output or (`-o`) to `file`.
fn export_csv_peak_kib(plan: &Path, file: Option<&Path>) -> u64 {
    let mut args = vec!["export", plan.to_str().unwrap(), "--format", "csv"];
    if let Some(file) = file {
        args.extend(["-o", file.to_str().unwrap()]);
    }
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let hwm = || {
        let text = std::fs::read_to_string(&status).unwrap_or_default();
        text.lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    if let Some(file) = file {
        // Its high-water mark only grows: the last reading before it exits is its peak.
        let mut peak = 0;
        while child.try_wait().unwrap().is_none() {
            peak = peak.max(hwm());
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert!(child.wait().unwrap().success());
        let total = std::fs::metadata(file).unwrap().len();
        assert!(total > 1 << 20, "{total} bytes of CSV");
        return peak;
    }
    let mut stdout = child.stdout.take().unwrap();
    let (mut buf, mut peak, mut total) = (vec![0; 1 << 16], 0, 0);
    loop {
        let n = stdout.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        total += n;
        peak = peak.max(hwm());
    }
    assert!(child.wait().unwrap().success());
    assert!(total > 1 << 20, "{total} bytes of CSV");
    peak
}

/// `n` hosts: a 5-node cluster with 100 SDS, and SDC hosts (5,000 hosts: 60 MB of CSV).
fn sdc_plan(n: usize) -> Plan {
    let mut plan = Plan::new("memory");
    for i in 0..n {
        let roles = match i {
            0 => vec![Role::Installer],
            1..=3 => vec![Role::Mdm, Role::Sds],
            4..=5 => vec![Role::Tb],
            6..=102 => vec![Role::Sds],
            _ => vec![Role::Sdc],
        };
        let address = format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256);
        plan.add_host(
            format!("host{i}"),
            address,
            Os::Windows,
            common::roles(&roles),
        );
    }
    plan
}

#[test]
fn csv_export_memory_does_not_grow_with_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let mut peaks = Vec::new();
    for n in [1_000, 5_000] {
        let path = dir.path().join(format!("{n}.json"));
        portplan::files::plan_file::save(&sdc_plan(n), &path).unwrap();
        peaks.push(export_csv_peak_kib(&path, None));
        peaks.push(export_csv_peak_kib(
            &path,
            Some(&dir.path().join(format!("{n}.csv"))),
        ));
    }
    // [1,000 to stdout, 1,000 to a file, 5,000 to stdout, 5,000 to a file]
    let peaks = [peaks[0], peaks[2], peaks[1], peaks[3]];
    // The 5,000-host CSV is about 48 MB more than the 1,000-host one; the plan and its
    // analysis grow by a few MB.
    for (to, [small, large]) in [
        ("stdout", [peaks[0], peaks[1]]),
        ("-o FILE", [peaks[2], peaks[3]]),
    ] {
        assert!(
            large - small < 12 * 1024,
            "{to}: peak RSS {small} KiB for 1,000 hosts, {large} KiB for 5,000"
        );
    }
}

/// Names a user (or an inventory) could hand portplan: control characters, formula starts,
/// any Unicode, and now and then one past a format width.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[=+@\t\r-]?[a-z\u{0}-\u{1f}\u{7f}-\u{9f}'\";,=]{0,20}",
        (0usize..3).prop_map(|k| "x".repeat(65_530 + k * 10)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_name_panics_or_reaches_the_terminal_raw(
        names in proptest::collection::vec(name(), 1..4),
        detail in name(),
    ) {
        let plan = named(&names);
        for (what, text) in texts(&plan, &detail) {
            prop_assert_eq!(raw_control(&text), None, "{}", what);
        }
        for (what, bytes) in csvs(&plan, &detail) {
            prop_assert_eq!(formula_cell(&bytes), None, "{}", what);
        }
    }
}

#[test]
fn a_long_export_says_how_far_it_is_on_a_terminal_and_nothing_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    portplan::files::plan_file::save(&sdc_plan(1_000), &plan).unwrap();
    let book = dir.path().join("flows.xlsx");
    let args = |book: &Path| {
        [
            "export".to_string(),
            plan.display().to_string(),
            "--format".into(),
            "xlsx".into(),
            "-o".into(),
            book.display().to_string(),
        ]
    };
    // `script` runs it with a terminal for its standard streams, and copies what it shows.
    let line = std::iter::once(BIN.to_string())
        .chain(args(&book))
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let o = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .output()
        .expect("script (bsdutils) runs");
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{shown}");
    assert!(
        shown.contains("\rwriting an xlsx workbook: done"),
        "{shown:?}"
    );
    assert!(
        shown.contains("writing an xlsx workbook: ") && shown.contains('%'),
        "{shown:?}"
    );
    assert!(book.metadata().unwrap().len() > 1 << 20);
    // A pipe gets the result only.
    let o = Command::new(BIN).args(args(&book)).output().unwrap();
    assert!(o.status.success());
    assert_eq!(String::from_utf8_lossy(&o.stderr), "");
}
