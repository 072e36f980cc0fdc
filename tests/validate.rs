//! The findings of `check`: errors refuse exports, warnings inform.

use crate::common;

use common::{analyze, plan};
use portplan::analysis::Severity;
use portplan::files::plan_file;
use portplan::model::Role::{self, *};
use portplan::model::{Os, Plan, WmiMode};

/// (code, severity, host name) of every finding.
fn findings(p: &Plan) -> Vec<(&'static str, Severity, Option<String>)> {
    analyze(p)
        .findings
        .iter()
        .map(|f| {
            let host = f.host.and_then(|id| p.host(id)).map(|h| h.name.clone());
            (f.code, f.severity, host)
        })
        .collect()
}

fn codes(p: &Plan) -> Vec<&'static str> {
    findings(p).into_iter().map(|f| f.0).collect()
}

/// A complete, valid deployment.
fn good() -> Plan {
    common::deployment()
}

#[test]
fn a_good_plan_and_the_example_have_no_findings() {
    assert_eq!(findings(&good()), []);
    assert_eq!(findings(&plan_file::example()), []);
}

#[test]
fn no_installer_while_install_only_rules_exist_is_an_error() {
    let mut p = good();
    p.hosts.remove(0);
    assert_eq!(findings(&p), [("no-installer", Severity::Error, None)]);
}

#[test]
fn duplicate_names_and_addresses_are_errors_on_the_second_host() {
    let mut p = good();
    p.add_host("MDM1", "10.0.0.99", Os::Windows, common::roles(&[Sdc]));
    p.add_host("app", "10.0.0.011", Os::Windows, common::roles(&[Sdc]));
    p.add_host("app2", "SDS1.example", Os::Windows, common::roles(&[Sdc]));
    p.add_host("app3", "sds1.EXAMPLE", Os::Windows, common::roles(&[Sdc]));
    let f = findings(&p);
    assert!(
        f.contains(&("duplicate-name", Severity::Error, Some("MDM1".into()))),
        "{f:?}"
    );
    assert!(
        f.contains(&("duplicate-address", Severity::Error, Some("app3".into()))),
        "{f:?}"
    );
    // "10.0.0.011" is not a valid IPv4 address in Rust's strict parser: reported as invalid.
    assert!(
        f.contains(&("invalid-address", Severity::Error, Some("app".into()))),
        "{f:?}"
    );
}

#[test]
fn invalid_and_empty_addresses_are_errors_with_the_reason() {
    let mut p = good();
    p.hosts[1].address = "10.0.0.300".into();
    p.hosts[2].address = String::new();
    let a = analyze(&p);
    let messages: Vec<&str> = a.findings.iter().map(|f| f.message.as_str()).collect();
    assert!(messages.contains(&"host mdm1: '10.0.0.300' is not an IPv4 address, an IPv6 address or a DNS name (looks like an IP address, but is not a valid one)"), "{messages:?}");
    assert!(
        messages.contains(&"host mdm2: the address is empty"),
        "{messages:?}"
    );
    assert_eq!(a.errors(), 2);
}

#[test]
fn a_host_without_roles_is_a_warning() {
    let mut p = good();
    p.add_host("spare", "10.0.0.50", Os::Windows, Default::default());
    assert_eq!(
        findings(&p),
        [("no-roles", Severity::Warning, Some("spare".into()))]
    );
}

fn with_cluster(mdm: usize, tb: usize) -> Plan {
    let mut p = plan(&[
        ("installer", "10.0.0.5", &[Installer]),
        ("sds1", "10.0.0.21", &[Sds]),
        ("sds2", "10.0.0.22", &[Sds]),
        ("sds3", "10.0.0.23", &[Sds]),
    ]);
    for (i, role) in std::iter::repeat_n(Mdm, mdm)
        .chain(std::iter::repeat_n(Tb, tb))
        .enumerate()
    {
        p.add_host(
            format!("c{i}"),
            format!("10.0.1.{i}"),
            Os::Windows,
            common::roles(&[role]),
        );
    }
    p
}

#[test]
fn the_mdm_cluster_is_one_mdm_or_2_plus_1_or_3_plus_2() {
    for (mdm, tb) in [(1, 0), (2, 1), (3, 2)] {
        assert_eq!(
            codes(&with_cluster(mdm, tb)),
            Vec::<&str>::new(),
            "{mdm}+{tb}"
        );
    }
    for (mdm, tb) in [(0, 0), (2, 0), (1, 1), (3, 1), (2, 2), (4, 3), (5, 2)] {
        let f = findings(&with_cluster(mdm, tb));
        assert_eq!(
            f,
            [("cluster-shape", Severity::Warning, None)],
            "{mdm}+{tb}"
        );
    }
}

#[test]
fn fewer_than_three_sds_is_a_warning() {
    let mut p = good();
    p.hosts.retain(|h| h.name != "sds3");
    assert_eq!(findings(&p), [("few-sds", Severity::Warning, None)]);
}

#[test]
fn role_combinations_the_seed_rules_out_are_warnings() {
    let mut p = good();
    p.hosts[2].roles = common::roles(&[Callhome]);
    p.hosts[3].roles.insert(Mdm);
    let c = codes(&p);
    assert!(c.contains(&"callhome-without-mdm"), "{c:?}");
    assert!(c.contains(&"mdm-and-tb"), "{c:?}");
}

#[test]
fn linux_hosts_are_outside_the_seed_catalog() {
    let mut p = good();
    p.hosts[4].os = Os::Linux;
    assert_eq!(
        findings(&p),
        [("os-not-covered", Severity::Warning, Some("sds1".into()))]
    );
}

#[test]
fn errors_come_before_warnings() {
    let mut p = good();
    p.settings.wmi.mode = WmiMode::Dynamic;
    p.hosts.retain(|h| !h.roles.contains(Role::Installer));
    let sev: Vec<Severity> = findings(&p).into_iter().map(|f| f.1).collect();
    assert_eq!(sev, [Severity::Error, Severity::Warning]);
}

#[test]
fn an_empty_plan_is_a_warning_not_an_error() {
    assert_eq!(codes(&Plan::new("empty")), ["empty-plan"]);
}
