//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test crate uses a different part

use portplan::analysis::{Analysis, Cell};
use portplan::catalog::Catalog;
use portplan::plan::{Os, Plan};
use portplan::role::{Role, RoleSet};

pub fn roles(list: &[Role]) -> RoleSet {
    list.iter().copied().collect()
}

/// A plan of `(name, address, roles)` hosts, all Windows.
pub fn plan(hosts: &[(&str, &str, &[Role])]) -> Plan {
    let mut plan = Plan::new("test");
    for (name, address, r) in hosts {
        plan.add_host(*name, *address, Os::Windows, roles(r));
    }
    plan
}

pub fn analyze(plan: &Plan) -> Analysis {
    Analysis::new(plan, &Catalog::builtin())
}

pub fn row(a: &Analysis, name: &str) -> usize {
    a.hosts
        .iter()
        .position(|h| h.name == name)
        .expect("host in plan")
}

pub fn cell<'a>(a: &'a Analysis, host: &str, port: u16) -> &'a Cell {
    a.cells(row(a, host))
        .iter()
        .find(|c| c.port.start == port)
        .unwrap_or_else(|| panic!("{host} has no port {port}"))
}

/// The start port of every cell of `host`, in order.
pub fn ports(a: &Analysis, host: &str) -> Vec<u16> {
    a.cells(row(a, host)).iter().map(|c| c.port.start).collect()
}

pub fn sources(a: &Analysis, host: &str, port: u16) -> Vec<String> {
    let r = row(a, host);
    a.source_addresses(r, cell(a, host, port))
        .map(str::to_string)
        .collect()
}

/// A complete, valid deployment: the installer, 2 MDM (one with Callhome) + 1 TB, 3 SDS (one
/// also SDC) and one SDC-only host.
pub fn deployment() -> Plan {
    use Role::*;
    plan(&[
        ("installer", "10.0.0.5", &[Installer]),
        ("mdm1", "10.0.0.11", &[Mdm, Callhome]),
        ("mdm2", "10.0.0.12", &[Mdm]),
        ("tb", "10.0.0.13", &[Tb]),
        ("sds1", "10.0.0.21", &[Sds]),
        ("sds2", "10.0.0.22", &[Sds]),
        ("sds3", "10.0.0.23", &[Sds, Sdc]),
        ("app", "10.0.0.31", &[Sdc]),
    ])
}
