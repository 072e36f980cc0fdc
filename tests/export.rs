//! Exports against golden files (tests/golden/): every format and kind, and the cleanup
//! scripts, for the bundled example. A mismatch writes the actual output beside the golden
//! file as NAME.actual; UPDATE_GOLDEN=1 writes missing golden files.

use std::fs;
use std::io::Read;
use std::path::Path;

use portplan::analysis::{Analysis, FlowKind};
use portplan::export::{self, ExportError, File, Format, Inputs, Options};
use portplan::files::plan_file;
use portplan::model::Catalog;
use portplan::model::{Os, Plan};

/// Every file of an export, as `portplan export -o FOLDER` writes them.
fn files(
    format: Format,
    plan: &Plan,
    a: &Analysis,
    options: &Options,
) -> Result<Vec<File>, ExportError> {
    export::files(format, &Inputs::new(plan, &Catalog::builtin(), a, options))
}

fn golden(name: &str, actual: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let path = dir.join(name);
    let beside = dir.join(format!("{name}.actual"));
    match fs::read(&path) {
        Ok(expected) if expected == actual => {
            let _ = fs::remove_file(&beside);
        }
        Ok(_) => {
            fs::write(&beside, actual).unwrap();
            panic!(
                "{name} differs from its golden file: see {} (if it is right, move it over the golden file)",
                beside.display()
            );
        }
        Err(_) if std::env::var_os("UPDATE_GOLDEN").is_some() => {
            fs::create_dir_all(&dir).unwrap();
            fs::write(&path, actual).unwrap();
        }
        Err(_) => {
            fs::create_dir_all(&dir).unwrap();
            fs::write(&beside, actual).unwrap();
            panic!(
                "no golden file {name}: the output is in {}",
                beside.display()
            );
        }
    }
}

fn linux(mut plan: Plan) -> Plan {
    for h in &mut plan.hosts {
        h.os = Os::Linux;
    }
    plan
}

fn analysis(plan: &Plan) -> Analysis {
    Analysis::new(plan, &Catalog::builtin())
}

const VARIANTS: [(&str, Option<FlowKind>, bool); 4] = [
    ("all", None, false),
    ("install", Some(FlowKind::Install), false),
    ("operation", Some(FlowKind::Operation), false),
    ("cleanup", None, true),
];

#[test]
fn every_script_format_and_kind_matches_its_golden_file() {
    let windows = plan_file::example();
    let linux = linux(plan_file::example());
    for format in Format::ALL {
        let Some(os) = format.os() else { continue };
        let plan = if os == Os::Windows { &windows } else { &linux };
        let a = analysis(plan);
        for (variant, kind, cleanup) in VARIANTS {
            let options = Options {
                kind,
                cleanup,
                ..Options::default()
            };
            let script = export::host_script(format, plan, &a, "mdm1", &options).unwrap();
            golden(
                &format!("{format}-mdm1-{variant}.{}", format.extension()),
                script.as_bytes(),
            );
        }
    }
}

#[test]
fn csv_of_every_kind_matches_its_golden_file() {
    let plan = plan_file::example();
    let a = analysis(&plan);
    for (variant, kind, _) in &VARIANTS[..3] {
        let options = Options {
            kind: *kind,
            ..Options::default()
        };
        let files = files(Format::Csv, &plan, &a, &options).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].name, "scaleio-example.csv");
        golden(&format!("flows-{variant}.csv"), &files[0].contents);
    }
}

#[test]
fn a_whole_plan_export_is_one_script_per_host_and_an_index() {
    let plan = plan_file::example();
    let a = analysis(&plan);
    let files = files(Format::PowerShell, &plan, &a, &Options::default()).unwrap();
    // Every host but the installer, which needs no rules, and the index.
    assert_eq!(files.len(), plan.hosts.len());
    let index = files.last().unwrap();
    assert_eq!(index.name, "index.txt");
    golden("powershell-index.txt", &index.contents);
    assert!(
        String::from_utf8_lossy(&index.contents).contains("-\tinstall01\t192.0.2.5\tno rules\n")
    );
    assert!(
        files[..files.len() - 1]
            .iter()
            .all(|f| String::from_utf8_lossy(&f.contents).contains("New-NetFirewallRule"))
    );
}

#[test]
fn the_install_rules_admit_the_installer_and_the_operation_rules_the_deployment() {
    let plan = plan_file::example();
    let a = analysis(&plan);
    let script =
        export::host_script(Format::Netsh, &plan, &a, "sds1", &Options::default()).unwrap();
    let rule = |kind: &str| {
        script
            .lines()
            .find(|l| l.contains("add rule") && l.contains(&format!("-{kind}\"")))
            .unwrap()
            .to_string()
    };
    assert!(rule("install").contains("localport=135,445,7072,24158 remoteip=192.0.2.5 "));
    assert!(rule("operation").contains(
        "localport=7072 remoteip=192.0.2.11,192.0.2.12,192.0.2.13,192.0.2.22,192.0.2.23,198.51.100.31,198.51.100.32,198.51.100.33 "
    ));
    // The seed's WMI block: fix the port, restart the service.
    assert!(script.contains("winmgmt -standalonehost || goto failed\r\nnet stop \"Windows Management Instrumentation\" /y"));
    assert!(script.contains("\r\n"), "cmd files use CRLF");
}

#[test]
fn wrong_os_bad_plans_and_names_are_refused_with_reasons() {
    let plan = plan_file::example();
    let a = analysis(&plan);
    let err =
        export::host_script(Format::Nftables, &plan, &a, "mdm1", &Options::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "nftables scripts are for linux hosts, but mdm1 runs windows"
    );
    let err = files(Format::Iptables, &plan, &a, &Options::default()).unwrap_err();
    assert_eq!(err, ExportError::NoHosts(Os::Linux, Format::Iptables));
    let err =
        export::host_script(Format::Netsh, &plan, &a, "nobody", &Options::default()).unwrap_err();
    assert_eq!(err.to_string(), "no host named 'nobody' in the plan");

    let mut bad = plan.clone();
    bad.hosts[2].address = "192.0.2.11".into();
    bad.hosts[3].address = "not an address".into();
    let err = export::host_script(
        Format::Netsh,
        &bad,
        &analysis(&bad),
        "mdm1",
        &Options::default(),
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("the plan has errors"), "{text}");
    assert!(
        text.contains("host mdm2: address 192.0.2.11 is also the address of mdm1"),
        "{text}"
    );
    assert!(
        text.contains("host tb1: 'not an address' is not an IPv4 address"),
        "{text}"
    );

    let mut named = plan.clone();
    named.hosts[2].address = "mdm2.example".into();
    let err = export::host_script(
        Format::PowerShell,
        &named,
        &analysis(&named),
        "mdm1",
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "powershell rules need IP addresses, but mdm2 has the DNS name 'mdm2.example'"
    );

    let options = Options {
        chain: "x; drop".into(),
        ..Options::default()
    };
    let linux = linux(plan);
    let err = export::host_script(
        Format::Iptables,
        &linux,
        &analysis(&linux),
        "mdm1",
        &options,
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("chain: 'x; drop' must be a letter"),
        "{err}"
    );
}

#[test]
fn the_workbook_has_colored_flows_and_matrix_sheets_with_frozen_headers() {
    let plan = plan_file::example();
    let a = analysis(&plan);
    let files = files(Format::Xlsx, &plan, &a, &Options::default()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(files[0].contents.clone())).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let workbook = read("xl/workbook.xml");
    assert!(
        workbook.contains("name=\"Flows\"") && workbook.contains("name=\"Matrix\""),
        "{workbook}"
    );
    let strings = read("xl/sharedStrings.xml");
    for h in &plan.hosts {
        assert!(strings.contains(&format!(">{}<", h.name)), "{}", h.name);
    }
    for text in [
        "install-only",
        "permanent",
        "permanent, not for install",
        "install",
        "operation",
    ] {
        assert!(strings.contains(&format!(">{text}<")), "{text}");
    }
    let styles = read("xl/styles.xml");
    for rgb in ["FFE8A317", "FF3BA55C", "FF9CD6A9"] {
        assert!(styles.contains(rgb), "{rgb}");
    }
    let flows = read("xl/worksheets/sheet1.xml");
    assert!(flows.contains("state=\"frozen\""));
    assert!(flows.contains("<cols>"), "columns are sized");
    assert_eq!(flows.matches("<row ").count(), 1 + a.flow_count());
    let matrix = read("xl/worksheets/sheet2.xml");
    assert!(matrix.contains("state=\"frozen\""));
    assert!(matrix.contains("<cols>"), "columns are sized");
}

/// The firewalld script, run by sh against a stand-in `firewall-cmd` that records its
/// arguments: exactly one rich rule per source and port, the right family, then a reload.
#[test]
fn the_firewalld_script_adds_exactly_the_intended_rich_rules() {
    let mut plan = linux(plan_file::example());
    plan.hosts[9].address = "2001:db8::33".into();
    let a = analysis(&plan);
    let script =
        export::host_script(Format::Firewalld, &plan, &a, "sds1", &Options::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("calls");
    let fake = dir.path().join("firewall-cmd");
    fs::write(
        &fake,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\ncase \"$*\" in *--query-rich-rule*) exit 1;; esac\n",
            log.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap()
    );
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(&script)
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let calls = fs::read_to_string(&log).unwrap();
    let added: Vec<&str> = calls
        .lines()
        .filter_map(|l| l.strip_prefix("--add-rich-rule="))
        .collect();
    let rule = |family: &str, source: &str, port: u16| {
        format!(
            "rule family=\"{family}\" source address=\"{source}\" port port=\"{port}\" protocol=\"tcp\" accept"
        )
    };
    let mut expected: Vec<String> = [135, 445, 7072, 24158]
        .map(|p| rule("ipv4", "192.0.2.5", p))
        .to_vec();
    for source in [
        "192.0.2.11",
        "192.0.2.12",
        "192.0.2.13",
        "192.0.2.22",
        "192.0.2.23",
        "198.51.100.31",
        "198.51.100.32",
    ] {
        expected.push(rule("ipv4", source, 7072));
    }
    expected.push(rule("ipv6", "2001:db8::33", 7072));
    assert_eq!(added, expected);
    assert!(calls.ends_with("--reload\n"), "{calls}");
    assert!(calls.contains("--zone=public"));
}

/// A deployment of `n` hosts on one subnet: an installer, a 3-node cluster, SDS and SDC hosts.
fn deployment(n: usize) -> Plan {
    use portplan::model::{Role, RoleSet};
    let mut p = Plan::new("large");
    for i in 0..n {
        let roles: RoleSet = match i {
            0 => [Role::Installer].into_iter().collect(),
            1..=2 => [Role::Mdm].into_iter().collect(),
            3 => [Role::Tb].into_iter().collect(),
            _ if i % 2 == 0 => [Role::Sds].into_iter().collect(),
            _ => [Role::Sdc].into_iter().collect(),
        };
        p.add_host(
            format!("h{i}"),
            format!("10.0.{}.{}", i / 250, i % 250 + 1),
            Os::Windows,
            roles,
        );
    }
    p
}

/// The Export dialog's preview agrees with what Save writes, without writing it: the count of
/// script files, and the start of the CSV with the number of rows left out.
#[cfg(feature = "gui")]
#[test]
fn the_dialog_preview_agrees_with_the_export_it_stands_for() {
    use portplan::gui::ExportRequest;
    let plan = deployment(60);
    let a = analysis(&plan);
    let request = |format, kind| ExportRequest {
        format,
        host: None,
        options: Options {
            kind,
            ..Options::default()
        },
    };
    let scripts = files(Format::Netsh, &plan, &a, &Options::default()).unwrap();
    let preview = request(Format::Netsh, None).preview(&plan, &a).unwrap();
    assert!(
        preview.starts_with(&format!(
            "{} files, one per host and an index. The first, {}:",
            scripts.len(),
            scripts[0].name
        )),
        "{preview}"
    );
    let mut cut = Vec::new();
    for kind in [None, Some(FlowKind::Install), Some(FlowKind::Operation)] {
        let csv = String::from_utf8(
            files(Format::Csv, &plan, &a, &request(Format::Csv, kind).options).unwrap()[0]
                .contents
                .clone(),
        )
        .unwrap();
        let rows = csv.lines().count() - 1;
        cut.push(rows > 400);
        let preview = request(Format::Csv, kind).preview(&plan, &a).unwrap();
        let shown: Vec<&str> = preview.lines().collect();
        if rows > 400 {
            assert_eq!(shown.len(), 1 + 400 + 1, "{kind:?}");
            assert_eq!(shown[..401], csv.lines().take(401).collect::<Vec<_>>()[..]);
            assert_eq!(shown[401], format!("… ({} more rows)", rows - 400));
        } else {
            assert_eq!(preview, csv, "{kind:?}");
        }
    }
    assert_eq!(
        cut,
        [true, false, true],
        "both a cut and a whole preview were checked"
    );
    // Refusals show in the preview as they would on Save.
    let mut broken = plan.clone();
    broken.hosts[5].address = "10.0.0.300".into();
    let a = analysis(&broken);
    let err = request(Format::Xlsx, None)
        .preview(&broken, &a)
        .unwrap_err();
    assert!(matches!(err, ExportError::PlanErrors(_)), "{err}");
}

/// The registry is the one table of formats: every format exports through `export::output`
/// as the registry says (a folder of scripts for one OS with its index, or one whole-plan
/// file), each file with the registry's extension.
#[test]
fn every_format_of_the_registry_exports_as_it_says() {
    use portplan::export::Output;
    let windows = plan_file::example();
    let mut linux = windows.clone();
    for h in &mut linux.hosts {
        h.os = Os::Linux;
    }
    let catalog = Catalog::builtin();
    let options = Options::default();
    for format in Format::ALL {
        let plan = if format.os() == Some(Os::Linux) {
            &linux
        } else {
            &windows
        };
        let a = Analysis::new(plan, &catalog);
        let inputs = Inputs::new(plan, &catalog, &a, &options);
        match export::output(format, &inputs, None).unwrap() {
            Output::Folder(files) => {
                let os = format.os().expect("only script formats write a folder");
                let (index, scripts) = files.split_last().unwrap();
                assert_eq!(index.name, "index.txt");
                let hosts = a.hosts.iter().filter(|h| h.os == os).count();
                assert_eq!(scripts.len(), hosts - 1, "{format}: all but the installer");
                for f in scripts {
                    assert!(
                        f.name.ends_with(&format!(".{}", format.extension())),
                        "{}",
                        f.name
                    );
                }
            }
            Output::File(f) => {
                assert_eq!(format.os(), None, "{format} is per host");
                assert!(
                    f.name.ends_with(&format!(".{}", format.extension())),
                    "{}",
                    f.name
                );
                assert!(!f.contents.is_empty());
            }
        }
        // One host: a file for a script format, a refusal for a whole-plan one.
        match (export::output(format, &inputs, Some("mdm1")), format.os()) {
            (Ok(Output::File(f)), Some(_)) => {
                assert_eq!(f.name, format!("mdm1.{}", format.extension()))
            }
            (Err(ExportError::WholePlan(f)), None) => assert_eq!(f, format),
            (other, _) => panic!("{format}: {other:?}"),
        }
    }
}

/// A catalog's UDP port becomes a UDP rule in every script format, in that format's words.
#[test]
fn a_udp_port_is_a_udp_rule_in_every_script_format() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/catalogs/scaleio-seed.toml");
    let text = fs::read_to_string(seed).unwrap().replace(
        "port = 7072\nprotocol = \"tcp\"",
        "port = 7072\nprotocol = \"udp\"",
    );
    let catalog = Catalog::from_toml(&text, "udp.toml").unwrap();
    let mut plan = plan_file::example();
    let options = Options::default();
    for (format, words) in [
        (Format::Netsh, "protocol=UDP localport=7072 "),
        (Format::PowerShell, "-Protocol UDP -LocalPort 7072 "),
        (Format::Nftables, "udp dport { 7072 } accept"),
        (
            Format::Iptables,
            "-p udp -s 192.0.2.5 -m multiport --dports 7072 ",
        ),
        (Format::Firewalld, "protocol=\\\"udp\\\" accept"),
    ] {
        let os = format.os().unwrap();
        for h in &mut plan.hosts {
            h.os = os;
        }
        let a = Analysis::new(&plan, &catalog);
        let script = export::host_script(format, &plan, &a, "sds1", &options).unwrap();
        assert!(
            script.contains(words),
            "{format}: no '{words}' in\n{script}"
        );
        // The TCP ports stay TCP.
        assert!(script.to_lowercase().contains("tcp"), "{format}");
    }
}

/// The names (netsh's `name=`, PowerShell's `-Name` and `-DisplayName`) of the rules a
/// Windows script adds, in order.
fn windows_rule_names(script: &str) -> Vec<String> {
    script
        .lines()
        .filter_map(|l| {
            if let Some((_, rest)) = l.split_once("add rule name=\"") {
                return Some(rest.split('"').next().unwrap().to_string());
            }
            let (_, rest) = l.split_once("New-NetFirewallRule -Name '")?;
            let name = rest.split('\'').next().unwrap();
            let (_, shown) = rest.split_once("-DisplayName '").unwrap();
            let shown = shown.split('\'').next().unwrap();
            // netsh finds a rule by its display name: PowerShell's must be netsh's name.
            assert_eq!(shown, name, "{l}");
            Some(name.to_string())
        })
        .collect()
}

#[test]
fn netsh_and_powershell_make_the_same_rules_under_the_same_names() {
    // Scattered addresses: a source list longer than one cmd.exe line, split over rules.
    let mut plan = Plan::new("names");
    plan.add_host(
        "inst",
        "10.5.0.1",
        Os::Windows,
        [portplan::model::Role::Installer].into_iter().collect(),
    );
    for n in 0..700u32 {
        let a = n * 3 + 10;
        plan.add_host(
            format!("h{n}"),
            format!("10.5.{}.{}", a / 256, a % 256),
            Os::Windows,
            [portplan::model::Role::Sds, portplan::model::Role::Sdc]
                .into_iter()
                .collect(),
        );
    }
    let a = analysis(&plan);
    let options = Options::default();
    let script = |format| export::host_script(format, &plan, &a, "h7", &options).unwrap();
    let netsh = windows_rule_names(&script(Format::Netsh));
    let powershell = windows_rule_names(&script(Format::PowerShell));
    assert!(
        netsh.iter().any(|n| n.ends_with("-operation-2")),
        "{netsh:?}"
    );
    assert_eq!(netsh, powershell);
}

#[test]
fn file_and_rule_names_carry_no_internal_index_unless_two_names_clash() {
    use portplan::model::Role::*;
    // "SDS 1" and "sds-1" are different names with one slug; the host added first keeps it.
    let plan = crate::common::plan(&[
        ("installer", "10.0.0.5", &[Installer]),
        ("mdm1", "10.0.0.11", &[Mdm]),
        ("SDS 1", "10.0.0.21", &[Sds]),
        ("sds-1", "10.0.0.22", &[Sds]),
    ]);
    let a = analysis(&plan);
    let all = files(Format::Netsh, &plan, &a, &Options::default()).unwrap();
    let mut names: Vec<&str> = all.iter().map(|f| f.name.as_str()).collect();
    names.sort_unstable();
    let clashing = plan.hosts.iter().find(|h| h.name == "sds-1").unwrap().id.0;
    assert_eq!(
        names,
        [
            "index.txt",
            "mdm1.cmd",
            &format!("sds-1-{clashing}.cmd"),
            "sds-1.cmd",
        ]
    );
    let mut rules: Vec<String> = all
        .iter()
        .flat_map(|f| windows_rule_names(std::str::from_utf8(&f.contents).unwrap()))
        .collect();
    assert!(
        rules.contains(&"portplan-test-mdm1-operation".to_string()),
        "{rules:?}"
    );
    let count = rules.len();
    rules.sort_unstable();
    rules.dedup();
    assert_eq!(rules.len(), count, "a rule name is used twice: {rules:?}");
}

#[test]
fn the_index_keeps_names_as_written_and_escapes_only_control_characters() {
    use portplan::model::Role::*;
    let plan = crate::common::plan(&[
        ("installer", "10.0.0.5", &[Installer]),
        ("mdm-Zürich-東京", "10.0.0.11", &[Mdm]),
        ("sds\tone\nrow", "10.0.0.21", &[Sds]),
    ]);
    let a = analysis(&plan);
    let all = files(Format::Netsh, &plan, &a, &Options::default()).unwrap();
    let index = all.iter().find(|f| f.name == "index.txt").unwrap();
    let text = std::str::from_utf8(&index.contents).unwrap();
    assert!(text.contains("\tmdm-Zürich-東京\t10.0.0.11"), "{text}");
    // A tab or a line break in a name cannot make a column or a row of its own.
    assert!(text.contains("\tsds\\x09one\\x0arow\t10.0.0.21"), "{text}");
    assert!(text.lines().all(|l| l.split('\t').count() <= 4), "{text}");
    assert_eq!(text.lines().count(), 1 + 3, "{text}");
}
