//! The least-privilege source policy, networks as sources, OS-bound, optional and
//! configurable ports, and the checks that come with them (catalog format 2).

use crate::common;

use common::{analyze, cell, deployment, ports, row, sources};
use portplan::analysis::{Analysis, FlowKind, Phase};
use portplan::export::{self, Format, Options};
use portplan::model::Role::{self, *};
use portplan::model::{Catalog, Evidence, HostKind, Os, Plan, RoleSet, SourcePolicy};

fn codes(a: &Analysis) -> Vec<&'static str> {
    a.findings.iter().map(|f| f.code).collect()
}

fn on_profile(profile: &str, plan: &mut Plan) -> Analysis {
    plan.settings.catalog = profile.into();
    Analysis::new(plan, &Catalog::profile(profile).unwrap())
}

fn add(plan: &mut Plan, name: &str, address: &str, os: Os, roles: &[Role]) {
    plan.add_host(name, address, os, roles.iter().copied().collect());
}

fn add_network(plan: &mut Plan, name: &str, blocks: &str, roles: &[Role]) {
    add(plan, name, blocks, Os::Linux, roles);
    plan.hosts.last_mut().unwrap().kind = HostKind::Network;
}

#[test]
fn a_new_plan_is_least_privilege() {
    assert_eq!(
        Plan::new("x").settings.sources,
        SourcePolicy::LeastPrivilege
    );
}

// Issue 12: "with least-privilege, an SDC-only host is a source of no port on an MDM other
// than those whose from names SDC, and the installer is a source of install rules only."
#[test]
fn an_sdc_only_host_reaches_only_the_ports_whose_from_names_sdc() {
    let a = analyze(&deployment());
    let catalog = Catalog::builtin();
    let app = row(&a, "app");
    for (r, h) in a.hosts.iter().enumerate() {
        for c in a.cells(r) {
            let reached = a.flow_sources(r, c, FlowKind::Operation).any(|s| s == app);
            let names_sdc = c
                .keys
                .iter()
                .any(|k| catalog.port(k).unwrap().from.unwrap().contains(Sdc));
            assert_eq!(
                reached,
                names_sdc && c.in_operation && r != app,
                "{} {}",
                h.name,
                c.port
            );
        }
    }
    // On an MDM: 6611 (from MDM, Callhome, SDS, SDC) yes, the cluster port 9011 no.
    assert!(sources(&a, "mdm1", 6611).contains(&"10.0.0.31".to_string()));
    assert!(!sources(&a, "mdm1", 9011).contains(&"10.0.0.31".to_string()));
    assert_eq!(
        sources(&a, "mdm1", 9011),
        ["10.0.0.5", "10.0.0.12", "10.0.0.13"],
        "the installer (install), the other MDM and the TB"
    );
    // The TB is no source of 6611 nor of 7072.
    assert!(!sources(&a, "mdm1", 6611).contains(&"10.0.0.13".to_string()));
    assert!(!sources(&a, "sds1", 7072).contains(&"10.0.0.13".to_string()));
}

#[test]
fn the_installer_is_a_source_of_install_rules_only() {
    let a = analyze(&deployment());
    let flows: Vec<_> = a
        .flows()
        .filter(|f| f.source.roles.contains(Installer))
        .collect();
    assert!(!flows.is_empty());
    assert!(flows.iter().all(|f| f.kind == FlowKind::Install));
    // 6611 is not needed during install: the installer does not reach it.
    assert!(!sources(&a, "mdm1", 6611).contains(&"10.0.0.5".to_string()));
}

#[test]
fn least_privilege_admits_fewer_flows_than_deployment_and_counts_agree() {
    let mut p = deployment();
    let narrow = analyze(&p);
    p.settings.sources = SourcePolicy::Deployment;
    let wide = analyze(&p);
    assert!(narrow.flow_count() < wide.flow_count());
    for a in [&narrow, &wide] {
        assert_eq!(a.flows().count(), a.flow_count());
        let install = a.flows().filter(|f| f.kind == FlowKind::Install).count();
        assert_eq!(a.flow_counts().0, install);
    }
    // The install rules are the same under both policies.
    assert_eq!(narrow.flow_counts().0, wide.flow_counts().0);
}

#[test]
fn the_seeds_windows_channel_is_for_windows_hosts_only() {
    let mut p = deployment();
    let sds1 = row(&analyze(&p), "sds1");
    p.hosts[sds1].os = Os::Linux;
    let a = analyze(&p);
    assert_eq!(ports(&a, "sds1"), [7072], "no 135, 445 or WMI on Linux");
    assert_eq!(ports(&a, "sds2"), [135, 445, 7072, 24158]);
    assert!(codes(&a).contains(&"os-not-covered"));
    // Plan version 1's rule (deployment) keeps the ports on every OS, as it exported them.
    p.settings.sources = SourcePolicy::Deployment;
    assert_eq!(ports(&analyze(&p), "sds1"), [135, 445, 7072, 24158]);
}

// Issue 12: "A Linux host in scaleio-2x-3x gets SSH 22 from the installer during install,
// never 135/445/WMI."
#[test]
fn a_linux_host_in_scaleio_2x_3x_gets_ssh_from_the_installer_during_install() {
    let mut p = Plan::new("t");
    add(&mut p, "installer", "10.0.0.5", Os::Linux, &[Installer]);
    add(&mut p, "sdc", "10.0.0.31", Os::Linux, &[Sdc]);
    add(&mut p, "mdm", "10.0.0.11", Os::Linux, &[Mdm]);
    let a = on_profile("scaleio-2x-3x", &mut p);
    for host in ["sdc", "mdm"] {
        let ssh = cell(&a, host, 22);
        assert_eq!(ssh.phase, Phase::InstallOnly);
        assert_eq!(sources(&a, host, 22), ["10.0.0.5"]);
        for windows in [135, 445, 24158] {
            assert!(!ports(&a, host).contains(&windows), "{host} {windows}");
        }
    }
}

#[test]
fn a_network_is_a_source_of_the_ports_whose_from_names_its_role() {
    let mut p = Plan::new("t");
    add(&mut p, "installer", "10.0.0.5", Os::Linux, &[Installer]);
    add(&mut p, "sdt1", "10.0.0.41", Os::Linux, &[Sdt, Sds]);
    add(&mut p, "mdm1", "10.0.0.11", Os::Linux, &[Mdm]);
    add_network(
        &mut p,
        "nvme-hosts",
        "10.9.0.0/24; 10.9.1.0/24",
        &[NvmeHost],
    );
    let a = on_profile("powerflex-4.x", &mut p);
    assert_eq!(
        sources(&a, "sdt1", 4420),
        ["10.9.0.0/24", "10.9.1.0/24"],
        "NVMe hosts -> SDT 4420"
    );
    assert_eq!(sources(&a, "sdt1", 8009), ["10.9.0.0/24", "10.9.1.0/24"]);
    // A network is no destination, and reaches nothing else.
    assert!(a.cells(row(&a, "nvme-hosts")).is_empty());
    assert!(
        !sources(&a, "sdt1", 7072)
            .iter()
            .any(|s| s.starts_with("10.9."))
    );
    assert!(
        !sources(&a, "mdm1", 6611)
            .iter()
            .any(|s| s.starts_with("10.9."))
    );
    assert_eq!(a.flows().count(), a.flow_count());

    // Its blocks are in the host's nftables rule, as blocks.
    let script =
        export::host_script(Format::Nftables, &p, &a, "sdt1", &Options::default()).unwrap();
    assert!(
        script.contains("ip saddr { 10.9.0.0/24, 10.9.1.0/24 } tcp dport { 4420, 8009 }"),
        "one rule for the ports the NVMe hosts reach: {script}"
    );
    assert!(!script.contains("/24;"), "{script}");

    // Under the deployment policy a network stays a source of what its role reaches, with
    // every other host of the deployment.
    p.settings.sources = SourcePolicy::Deployment;
    let a = on_profile("powerflex-4.x", &mut p);
    assert_eq!(
        sources(&a, "sdt1", 4420),
        ["10.0.0.11", "10.9.0.0/24", "10.9.1.0/24"]
    );
}

#[test]
fn a_bad_network_block_is_an_error_and_exports_refuse_the_plan() {
    let mut p = Plan::new("t");
    add(&mut p, "installer", "10.0.0.5", Os::Linux, &[Installer]);
    add(&mut p, "sdt1", "10.0.0.41", Os::Linux, &[Sdt]);
    add_network(&mut p, "nvme", "10.9.0.5/24;x\" accept", &[NvmeHost]);
    let a = on_profile("powerflex-4.x", &mut p);
    let bad: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.code == "invalid-network")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert!(bad[0].contains("host bits set"), "{bad:?}");
    assert!(export::host_script(Format::Nftables, &p, &a, "sdt1", &Options::default()).is_err());
    // The bad parts never reach a rule.
    assert!(sources(&a, "sdt1", 4420).is_empty());
}

#[test]
fn a_port_nobody_may_reach_stays_in_the_matrix_and_check_says_what_to_add() {
    let mut p = Plan::new("t");
    add(&mut p, "installer", "10.0.0.5", Os::Linux, &[Installer]);
    add(&mut p, "sdt1", "10.0.0.41", Os::Linux, &[Sdt]);
    add(&mut p, "sdt2", "10.0.0.42", Os::Linux, &[Sdt]);
    let a = on_profile("powerflex-4.x", &mut p);
    assert!(ports(&a, "sdt1").contains(&4420));
    assert!(sources(&a, "sdt1", 4420).is_empty());
    let no_source: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.code == "no-source")
        .map(|f| f.message.as_str())
        .collect();
    // Once per port, not per host: 4420 and 8009 from NVMe hosts, 12200 from SDS or MDM.
    assert_eq!(no_source.len(), 3, "{no_source:?}");
    assert!(
        no_source
            .iter()
            .any(|m| m.contains("4420/tcp") && m.contains("NVMe host")),
        "{no_source:?}"
    );
}

#[test]
fn optional_ports_are_off_until_the_plan_turns_them_on() {
    let mut p = Plan::new("t");
    add(&mut p, "installer", "10.0.0.5", Os::Linux, &[Installer]);
    add(&mut p, "sdt1", "10.0.0.41", Os::Linux, &[Sdt]);
    add_network(&mut p, "nvme", "10.9.0.0/24", &[NvmeHost]);
    let a = on_profile("powerflex-4.x", &mut p);
    let udp = |a: &Analysis| {
        a.cells(row(a, "sdt1"))
            .iter()
            .filter(|c| c.protocol == portplan::model::Protocol::Udp)
            .map(|c| c.port.start)
            .collect::<Vec<_>>()
    };
    assert!(!udp(&a).contains(&4420));
    assert!(!codes(&a).contains(&"inferred-port"));

    p.settings.optional_ports.push("sdt-nvme-udp".into());
    p.settings.optional_ports.push("no-such-port".into());
    let a = on_profile("powerflex-4.x", &mut p);
    assert!(udp(&a).contains(&4420));
    let c = a
        .cells(row(&a, "sdt1"))
        .iter()
        .find(|c| c.keys == ["sdt-nvme-udp"])
        .unwrap();
    assert_eq!(c.evidence, Evidence::Inferred);
    assert!(codes(&a).contains(&"inferred-port"));
    assert!(codes(&a).contains(&"unknown-optional-port"));
}

#[test]
fn an_inferred_port_is_reported_once_not_per_host() {
    let mut p = Plan::new("t");
    add(&mut p, "installer", "10.0.0.5", Os::Linux, &[Installer]);
    for i in 1..=4 {
        add(
            &mut p,
            &format!("sds{i}"),
            &format!("10.0.0.2{i}"),
            Os::Linux,
            &[Sds],
        );
    }
    p.settings.optional_ports.push("sds-udp".into());
    let a = on_profile("powerflex-4.x", &mut p);
    let inferred: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.code == "inferred-port")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(inferred.len(), 1, "{inferred:?}");
    assert!(inferred[0].contains("7072/udp"), "{inferred:?}");
}

#[test]
fn a_configurable_port_takes_the_hosts_own_number() {
    let mut p = Plan::new("t");
    add(&mut p, "installer", "10.0.0.5", Os::Linux, &[Installer]);
    add(&mut p, "sds1", "10.0.0.21", Os::Linux, &[Sds]);
    add(&mut p, "sds2", "10.0.0.22", Os::Linux, &[Sds]);
    p.hosts[1].ports.insert("sds".into(), 7100);
    let a = on_profile("powerflex-4.x", &mut p);
    assert!(ports(&a, "sds1").contains(&7100));
    assert!(!ports(&a, "sds1").contains(&7072));
    assert!(ports(&a, "sds2").contains(&7072));
    // The installer (7072 is needed during install), the other SDS.
    assert_eq!(sources(&a, "sds1", 7100), ["10.0.0.5", "10.0.0.22"]);
    assert!(a.findings.is_empty() || !codes(&a).contains(&"port-not-configurable"));

    // A port the catalog fixes keeps its number, and check says so.
    p.hosts[1].ports.insert("ssh".into(), 2222);
    let a = on_profile("powerflex-4.x", &mut p);
    assert!(ports(&a, "sds1").contains(&22));
    assert!(codes(&a).contains(&"port-not-configurable"));

    // Moved onto another port of the same host: one rule for both, and a warning.
    p.hosts[1].ports.remove("ssh");
    p.hosts[1].ports.insert("sds".into(), 22);
    let a = on_profile("powerflex-4.x", &mut p);
    assert!(
        codes(&a).contains(&"port-moved-onto-port"),
        "{:?}",
        codes(&a)
    );
}

#[test]
fn a_role_the_profile_does_not_define_is_named() {
    let mut p = deployment();
    p.hosts[1].roles.insert(Lia);
    let a = analyze(&p);
    let f = a
        .findings
        .iter()
        .find(|f| f.code == "role-not-in-profile")
        .expect("a finding");
    assert!(f.message.contains("LIA"), "{}", f.message);
    assert!(f.message.contains("scaleio-seed"), "{}", f.message);
    // The seed's ports for the host's other roles are unchanged.
    assert_eq!(ports(&a, "mdm1"), ports(&analyze(&deployment()), "mdm1"));
}

#[test]
fn the_9099_port_is_two_entries_in_powerflex_4x() {
    let c = Catalog::profile("powerflex-4.x").unwrap();
    let tcp_9099: Vec<_> = c
        .ports
        .iter()
        .filter(|p| p.port.to_string() == "9099" && p.protocol == portplan::model::Protocol::Tcp)
        .collect();
    assert_eq!(tcp_9099.len(), 2);
    assert_ne!(tcp_9099[0].purpose, tcp_9099[1].purpose);
    let needed_by = |key: &str| -> RoleSet {
        c.roles
            .iter()
            .filter(|r| r.ports.iter().any(|k| k == key))
            .map(|r| r.role)
            .collect()
    };
    let roles: Vec<RoleSet> = tcp_9099.iter().map(|p| needed_by(&p.key)).collect();
    assert!(roles.contains(&RoleSet::EMPTY.with(Lia)), "{roles:?}");
    assert!(roles.contains(&RoleSet::EMPTY.with(Pfmp)), "{roles:?}");
}

#[test]
fn a_probe_script_from_an_sdc_only_host_expects_what_its_flows_reach() {
    let a = analyze(&deployment());
    let targets = portplan::probe::targets::from_source(&a, row(&a, "app"));
    let mut expected: Vec<(String, u16)> = a
        .flows()
        .filter(|f| f.source.name == "app")
        .map(|f| (f.destination.name.clone(), f.cell.port.start))
        .collect();
    expected.dedup();
    let found: Vec<(String, u16)> = targets
        .iter()
        .map(|t| (t.host.clone(), t.port.start))
        .collect();
    assert_eq!(found, expected);
    assert!(found.iter().all(|(_, port)| *port != 9011), "{found:?}");
    assert!(found.contains(&("mdm1".into(), 6611)));
}
