//! Scripts that a firewall's shell must run as meant whatever the plan holds: addresses as
//! users paste them, huge port lists and names, plans that change address family; and the
//! plan's own checks of addresses (issue 14, items 9, 10, 13 and 14).

use crate::common;

use portplan::analysis::{Analysis, FlowKind};
use portplan::export::{self, Format, Options};
use portplan::model::catalog::PortEntry;
use portplan::model::{Catalog, Os, Plan, PortRange, PortSpec, Role, RoleSet};
use proptest::prelude::*;

fn script(format: Format, plan: &Plan, a: &Analysis, host: &str, cleanup: bool) -> String {
    let options = Options {
        cleanup,
        ..Options::default()
    };
    export::host_script(format, plan, a, host, &options).expect("a valid plan")
}

fn script_formats(os: Os) -> impl Iterator<Item = Format> {
    Format::ALL.into_iter().filter(move |f| f.os() == Some(os))
}

fn with_os(mut plan: Plan, os: Os) -> Plan {
    for h in &mut plan.hosts {
        h.os = os;
    }
    plan
}

/// Item 9: `[2001:db8::5]` is how IPv6 is written in URLs; a firewall wants it bare.
#[test]
fn a_bracketed_ipv6_address_reaches_no_script_with_its_brackets() {
    use Role::*;
    for os in [Os::Windows, Os::Linux] {
        let plan = with_os(
            common::plan(&[
                ("installer", "[2001:db8::5]", &[Installer]),
                ("mdm1", "[2001:DB8::11]", &[Mdm]),
                ("sds1", "2001:db8::21", &[Sds]),
            ]),
            os,
        );
        let a = common::analyze(&plan);
        assert_eq!(a.hosts[0].address, "2001:db8::5");
        assert_eq!(a.hosts[1].address, "2001:db8::11");
        for format in script_formats(os) {
            for cleanup in [false, true] {
                let text = script(format, &plan, &a, "mdm1", cleanup);
                assert!(
                    !text.contains("[2001"),
                    "{format:?} cleanup={cleanup}:\n{text}"
                );
                if !cleanup && format != Format::Nftables {
                    assert!(text.contains("2001:db8::5"), "{format:?}:\n{text}");
                }
            }
        }
    }
}

/// Item 13: a plan that moved from IPv6 to IPv4 leaves no ip6tables rules behind.
#[test]
fn iptables_scripts_clear_the_chains_of_both_families() {
    let plan = with_os(common::deployment(), Os::Linux);
    let a = common::analyze(&plan);
    let apply = script(Format::Iptables, &plan, &a, "mdm1", false);
    let cleanup = script(Format::Iptables, &plan, &a, "mdm1", true);
    for ipt in ["iptables", "ip6tables"] {
        assert!(
            cleanup.contains(&format!("{ipt} -F PORTPLAN-INSTALL")),
            "{ipt}:\n{cleanup}"
        );
        assert!(
            cleanup.contains(&format!("{ipt} -X PORTPLAN-INSTALL")),
            "{ipt}:\n{cleanup}"
        );
        for chain in ["PORTPLAN-INSTALL", "PORTPLAN-OPERATION"] {
            assert!(
                apply.contains(&format!("{ipt} -F {chain}")),
                "{ipt} {chain}:\n{apply}"
            );
        }
    }
    // The IPv4 plan adds no IPv6 rule: the ip6tables chains are taken away, not refilled.
    assert!(!apply.contains("ip6tables -A"), "{apply}");
    assert!(!apply.contains("ip6tables -I INPUT"), "{apply}");
}

fn codes(plan: &Plan) -> Vec<(&'static str, String)> {
    common::analyze(plan)
        .findings
        .iter()
        .map(|f| (f.code, f.message.clone()))
        .collect()
}

/// Item 14: addresses no host has.
#[test]
fn special_addresses_are_warned_about() {
    use Role::*;
    for special in ["0.0.0.0", "::", "255.255.255.255", "224.0.0.1", "ff02::1"] {
        let plan = common::plan(&[
            ("installer", "10.0.0.5", &[Installer]),
            ("mdm1", special, &[Mdm]),
        ]);
        let found = codes(&plan);
        assert!(
            found
                .iter()
                .any(|(c, m)| *c == "special-address" && m.contains("mdm1")),
            "{special}: {found:?}"
        );
    }
    let found = codes(&common::deployment());
    assert!(!found.iter().any(|(c, _)| *c == "special-address"));
}

/// Item 14: a DNS name with its root dot is the same name.
#[test]
fn a_name_with_a_trailing_dot_duplicates_the_name_without() {
    use Role::*;
    let plan = common::plan(&[
        ("installer", "10.0.0.5", &[Installer]),
        ("mdm1", "host.example.com.", &[Mdm]),
        ("mdm2", "HOST.example.com", &[Mdm]),
    ]);
    let found = codes(&plan);
    assert!(
        found
            .iter()
            .any(|(c, m)| *c == "duplicate-address" && m.contains("mdm2")),
        "{found:?}"
    );
}

/// The longest line each format's interpreter takes: cmd.exe 8,191 characters; PowerShell,
/// sh and nft have no such limit, but a line of megabytes is no script to review: 32,768.
fn line_limit(format: Format) -> usize {
    match format {
        Format::Netsh => 8191,
        _ => 32_768,
    }
}

/// No two rules of a netsh script share a name (a split rule's parts and a host's further rules
/// of a kind are numbered apart).
fn assert_rule_names_unique(format: Format, text: &str) -> Result<(), TestCaseError> {
    if format != Format::Netsh {
        return Ok(());
    }
    let mut seen = std::collections::HashSet::new();
    for line in text.lines().filter(|l| l.contains(" add rule name=\"")) {
        let name = line.split('"').nth(1).unwrap_or_default();
        prop_assert!(seen.insert(name.to_string()), "two rules named {name}");
    }
    Ok(())
}

fn assert_lines_within_limits(format: Format, text: &str) -> Result<(), TestCaseError> {
    assert_rule_names_unique(format, text)?;
    for line in text.lines() {
        let chars = line.encode_utf16().count();
        prop_assert!(
            chars <= line_limit(format),
            "{format:?}: a line of {chars} characters: {}...",
            line.chars().take(200).collect::<String>()
        );
    }
    Ok(())
}

/// The built-in catalog with `extra` more MDM ports (single and ranges, TCP, some for the
/// install only), each with a name of `name_len` characters: port lists and descriptions of
/// any length.
fn catalog_with_ports(extra: usize, name_len: usize) -> Catalog {
    let mut c = Catalog::builtin();
    let template = c.port("mdm").expect("the seed's 6611").clone();
    for i in 0..extra {
        let start = 30_000 + (i as u16) * 3;
        let end = if i % 5 == 0 { start + 1 } else { start };
        let key = format!("extra{i}");
        c.ports.push(PortEntry {
            key: key.clone(),
            port: PortSpec::Fixed(PortRange { start, end }),
            name: format!("p{i}{}", "n".repeat(name_len)),
            during_install: i % 3 == 0,
            in_operation: i % 3 != 0 || i % 2 == 0,
            ..template.clone()
        });
        let mdm = c.roles.iter_mut().find(|r| r.role == Role::Mdm).unwrap();
        mdm.ports.push(key);
    }
    c
}

fn big_plan(plan_name: &str, host_name: &str, os: Os, sources: usize) -> Plan {
    let mut p = Plan::new(plan_name);
    p.add_host(
        "installer",
        "10.0.0.5",
        os,
        RoleSet::EMPTY.with(Role::Installer),
    );
    p.add_host(host_name, "10.0.0.11", os, RoleSet::EMPTY.with(Role::Mdm));
    // A second MDM: the host gets a second operation rule (9011, from the MDMs alone).
    p.add_host("mdm2", "10.0.0.12", os, RoleSet::EMPTY.with(Role::Mdm));
    // Scattered addresses: no CIDR block shortens the source list.
    for i in 0..sources {
        p.add_host(
            format!("sdc{i}"),
            format!("10.{}.{}.{}", 1 + i / 200, i % 200, 1 + 2 * (i % 100)),
            os,
            RoleSet::EMPTY.with(Role::Sdc),
        );
    }
    p
}

fn every_script(plan: &Plan, catalog: &Catalog, os: Os) -> Vec<(Format, String)> {
    let a = Analysis::new(plan, catalog);
    let mut out = Vec::new();
    for format in script_formats(os) {
        for (kind, cleanup) in [
            (None, false),
            (Some(FlowKind::Install), false),
            (None, true),
        ] {
            let options = Options {
                cleanup,
                kind,
                ..Options::default()
            };
            out.push((
                format,
                export::host_script(format, plan, &a, &plan.hosts[1].name, &options)
                    .expect("a valid plan"),
            ));
        }
    }
    out
}

/// Item 10, the cases measured: a description of 10,000 characters, 2,000 ports on one host.
#[test]
fn netsh_lines_stay_within_cmd_limit_for_huge_plans() {
    let plan = big_plan(&"P".repeat(10_000), &"h".repeat(10_000), Os::Windows, 300);
    for (format, text) in every_script(&plan, &catalog_with_ports(2000, 20), Os::Windows) {
        assert_lines_within_limits(format, &text).unwrap();
        // The description is cut, and says so.
        if format == Format::Netsh && text.contains(" add rule ") {
            assert!(text.contains("...\" || goto failed"), "{text}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Item 10: random names, numbers of ports and sources: every line of every script within
    /// its language's limit.
    #[test]
    fn every_line_of_every_script_is_within_its_limit(
        plan_name in "\\PC{0,3000}",
        host_name in "[a-zA-Z0-9 ]{1,3000}",
        extra in 0usize..1500,
        name_len in 0usize..200,
        sources in 0usize..1200,
        linux in any::<bool>(),
    ) {
        let os = if linux { Os::Linux } else { Os::Windows };
        let plan = big_plan(&plan_name, &format!("x{host_name}"), os, sources);
        let catalog = catalog_with_ports(extra, name_len);
        for (format, text) in every_script(&plan, &catalog, os) {
            assert_lines_within_limits(format, &text)?;
        }
    }
}

/// Item 12: the rows of a probe script's results are checked against the plan's probes.
#[test]
fn imported_probe_results_are_checked_against_the_plan() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let plan = common::deployment();
    let path = dir.path().join("plan.json");
    portplan::files::plan_file::save(&plan, &path).unwrap();
    let a = common::analyze(&plan);
    let from = common::row(&a, "installer");
    let planned: Vec<_> = portplan::probe::targets::from_source(&a, from)
        .into_iter()
        .filter(|t| t.is_probeable())
        .collect();
    assert!(planned.len() > 2);
    let row = |host: &str, address: &str, port: u16| {
        format!("installer,{host},{address},{port},tcp,install-only,open,1,\n")
    };
    let header = "from,host,address,port,protocol,phase,status,ms,detail\n";
    let all: String = planned
        .iter()
        .map(|t| row(&t.host, &t.address, t.port.start))
        .collect();
    let import = |csv: &str| {
        let results = dir.path().join("results.csv");
        std::fs::write(&results, format!("{header}{csv}")).unwrap();
        Command::new(env!("CARGO_BIN_EXE_portplan"))
            .args(["probe", "--import"])
            .arg(&results)
            .arg(&path)
            .output()
            .unwrap()
    };
    // Every planned probe, open: nothing to say.
    let o = import(&all);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // One planned probe, open, and rows the plan does not have.
    let first = &planned[0];
    let csv = format!(
        "{}{}{}{}",
        row(&first.host, &first.address, first.port.start),
        row("ghost", "10.0.0.99", 7072),
        row(&first.host, "10.9.9.9", first.port.start),
        row(&first.host, &first.address, 7777),
    );
    let o = import(&csv);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("ghost"), "{err}");
    assert!(err.contains("10.9.9.9"), "{err}");
    assert!(err.contains("7777"), "{err}");
    let second = &planned[1];
    assert!(
        err.contains(&format!(
            "{} {}:{}",
            second.host, second.address, second.port.start
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "results for 1 of {} planned probes",
            planned.len()
        )),
        "{err}"
    );
}

/// The names of the Windows rules a script adds (netsh's `name=`).
fn netsh_rule_names(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.contains(" add rule name=\""))
        .map(|l| l.split('"').nth(1).unwrap_or_default().to_string())
        .collect()
}

/// Item 11: a plan's Windows rules are found by an id the plan keeps, not by its name: renaming
/// the plan (once it was saved or opened) changes no rule name and no PowerShell group.
#[test]
fn renaming_a_plan_keeps_its_rule_names_and_groups() {
    use portplan::files::plan_file;
    let before = plan_file::from_json(&plan_file::to_json(&common::deployment())).unwrap();
    let mut after = before.clone();
    after.name = "Renamed entirely".into();
    // Saved and opened again, the renamed plan still has its id.
    let after = plan_file::from_json(&plan_file::to_json(&after)).unwrap();
    for format in [Format::Netsh, Format::PowerShell] {
        for cleanup in [false, true] {
            let old = script(format, &before, &common::analyze(&before), "mdm1", cleanup);
            let new = script(format, &after, &common::analyze(&after), "mdm1", cleanup);
            let body = |t: &str| -> Vec<String> {
                t.lines()
                    .filter(|l| !l.starts_with("rem ") && !l.starts_with("# "))
                    .filter(|l| !l.contains("description=") && !l.contains("-Description"))
                    .filter(|l| !l.contains("-Group 'portplan test "))
                    .filter(|l| !l.contains("-Group 'portplan Renamed"))
                    .map(str::to_string)
                    .collect()
            };
            assert_eq!(body(&old), body(&new), "{format:?} cleanup={cleanup}");
        }
    }
    // Old plan files (no id) keep the names they always had: the slug of the plan's name.
    assert_eq!(
        netsh_rule_names(&script(
            Format::Netsh,
            &before,
            &common::analyze(&before),
            "mdm1",
            false
        ))[0],
        "portplan-test-mdm1-install"
    );
}

/// Item 11: two plans whose names share their first 40 characters do not share rule names.
#[test]
fn plans_with_long_names_alike_have_rules_of_their_own() {
    let names = |plan_name: &str| {
        // As a plan file from before plans had ids: its name gives its id.
        let mut plan = common::deployment();
        plan.name = plan_name.into();
        plan.id = String::new();
        netsh_rule_names(&script(
            Format::Netsh,
            &plan,
            &common::analyze(&plan),
            "mdm1",
            false,
        ))
    };
    let long = "ScaleIO production cluster of the data centre";
    let a = names(&format!("{long} north"));
    let b = names(&format!("{long} south"));
    assert!(a.iter().all(|n| !b.contains(n)), "{a:?} {b:?}");
}

/// Item 11: the PowerShell cleanup finds the install rules of this plan whatever host name
/// they were made under (netsh's too, which have no group), by the plan's id in their names.
#[test]
fn the_powershell_cleanup_finds_install_rules_of_any_host_name() {
    let plan = common::deployment();
    let a = common::analyze(&plan);
    let cleanup = script(Format::PowerShell, &plan, &a, "mdm1", true);
    assert!(
        cleanup.contains("Get-NetFirewallRule -DisplayName 'portplan-test-*'"),
        "{cleanup}"
    );
    assert!(cleanup.contains("-match '-install"), "{cleanup}");
    // netsh's cleanup too, through PowerShell where Windows has it.
    let netsh = script(Format::Netsh, &plan, &a, "mdm1", true);
    assert!(
        netsh.contains("powershell -NoProfile -NonInteractive -Command \"Get-NetFirewallRule -DisplayName 'portplan-test-*'"),
        "{netsh}"
    );
}
