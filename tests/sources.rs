//! Who may reach each port under the `deployment` policy (plan version 1's rule): install
//! rules admit the installer alone, operation rules every other host of the deployment.
//! (`least_privilege.rs` holds the other policy.)

use crate::common;

use common::{analyze, cell, plan, row, sources};
use portplan::analysis::{FlowKind, Phase};
use portplan::model::Role::*;
use portplan::model::{Plan, SourcePolicy};

/// The common deployment, with every other deployment host as the source of operation rules.
fn wide() -> Plan {
    let mut p = common::deployment();
    p.settings.sources = SourcePolicy::Deployment;
    p
}

#[test]
fn install_only_ports_admit_the_installer_alone() {
    let a = analyze(&wide());
    for (r, host) in a.hosts.iter().enumerate() {
        for c in a.cells(r).iter().filter(|c| c.phase == Phase::InstallOnly) {
            assert_eq!(
                sources(&a, &host.name, c.port.start),
                ["10.0.0.5"],
                "{}",
                host.name
            );
        }
    }
}

#[test]
fn permanent_ports_admit_the_other_deployment_hosts() {
    let a = analyze(&wide());
    // 6611 is not needed during install: the installer does not reach it.
    assert_eq!(
        sources(&a, "mdm1", 6611),
        [
            "10.0.0.12",
            "10.0.0.13",
            "10.0.0.21",
            "10.0.0.22",
            "10.0.0.23",
            "10.0.0.31"
        ]
    );
    // 9011 and 7072 are needed during install too: the installer, then every other host.
    assert_eq!(
        sources(&a, "tb", 9011),
        [
            "10.0.0.5",
            "10.0.0.11",
            "10.0.0.12",
            "10.0.0.21",
            "10.0.0.22",
            "10.0.0.23",
            "10.0.0.31"
        ]
    );
    assert_eq!(sources(&a, "sds1", 7072).len(), 7);
    assert!(
        !sources(&a, "sds1", 7072).contains(&"10.0.0.21".to_string()),
        "never itself"
    );
}

#[test]
fn the_installer_reaches_9011_through_an_install_flow_only() {
    let a = analyze(&wide());
    let mdm = row(&a, "mdm1");
    let from_installer: Vec<(u16, FlowKind)> = a
        .flows_to(mdm)
        .filter(|f| f.source.name == "installer")
        .map(|f| (f.cell.port.start, f.kind))
        .collect();
    assert_eq!(
        from_installer,
        [
            (135, FlowKind::Install),
            (445, FlowKind::Install),
            (9011, FlowKind::Install),
            (24158, FlowKind::Install)
        ]
    );
}

#[test]
fn an_installer_that_is_also_a_cluster_member_keeps_its_operation_flows() {
    let mut p = wide();
    p.hosts[0].roles.insert(Sdc);
    let a = analyze(&p);
    let kinds: Vec<FlowKind> = a
        .flows_to(row(&a, "mdm1"))
        .filter(|f| f.source.name == "installer" && f.cell.port.start == 9011)
        .map(|f| f.kind)
        .collect();
    assert_eq!(kinds, [FlowKind::Install, FlowKind::Operation]);
    // ... and its own ports admit the other hosts but not itself.
    assert_eq!(sources(&a, "installer", 135), Vec::<String>::new());
}

#[test]
fn flows_are_one_row_per_source_destination_and_port() {
    let a = analyze(&wide());
    let flows: Vec<_> = a.flows().collect();
    assert_eq!(flows.len(), a.flow_count());
    let install = flows.iter().filter(|f| f.kind == FlowKind::Install).count();
    assert_eq!(a.flow_counts(), (install, flows.len() - install));
    let mut keys: Vec<_> = flows
        .iter()
        .map(|f| (&f.source.name, &f.destination.name, f.cell.port, f.kind))
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n, "no duplicate rows");
    for f in &flows {
        assert_ne!(f.source.name, f.destination.name);
        match f.kind {
            FlowKind::Install => {
                assert_eq!(f.source.name, "installer");
                assert!(f.cell.during_install);
            }
            FlowKind::Operation => {
                assert!(f.source.roles.is_deployment());
                assert!(f.cell.in_operation);
            }
        }
    }
    // The sources of the matrix are exactly the flows' sources.
    for (r, h) in a.hosts.iter().enumerate() {
        for c in a.cells(r) {
            let mut from_flows: Vec<&str> = flows
                .iter()
                .filter(|f| f.destination.name == h.name && f.cell.port == c.port)
                .map(|f| f.source.address.as_str())
                .collect();
            from_flows.sort_by(|x, y| portplan::model::address::compare(x, y));
            from_flows.dedup();
            let listed: Vec<&str> = a.source_addresses(r, c).collect();
            assert_eq!(listed, from_flows, "{} {}", h.name, c.port);
        }
    }
}

#[test]
fn every_installer_is_a_source_of_install_rules() {
    let mut p = wide();
    p.add_host(
        "installer2",
        "10.0.0.6",
        Default::default(),
        common::roles(&[Installer]),
    );
    let a = analyze(&p);
    assert_eq!(sources(&a, "app", 445), ["10.0.0.5", "10.0.0.6"]);
    assert_eq!(cell(&a, "app", 445).phase, Phase::InstallOnly);
}

#[test]
fn sources_are_listed_in_address_order() {
    let mut p = plan(&[
        ("i", "10.0.0.100", &[Installer]),
        ("b", "sds-b.example", &[Sds]),
        ("a", "10.0.0.9", &[Sds]),
        ("e", "2001:db8::2", &[Sdc]),
        ("c", "10.0.0.10", &[Sds]),
        ("d", "2001:db8::1", &[Mdm]),
    ]);
    p.settings.sources = SourcePolicy::Deployment;
    let a = analyze(&p);
    assert_eq!(
        sources(&a, "d", 9011),
        [
            "10.0.0.9",
            "10.0.0.10",
            "10.0.0.100",
            "2001:db8::2",
            "sds-b.example"
        ]
    );
}
