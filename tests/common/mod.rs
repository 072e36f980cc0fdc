//! Helpers shared by the integration tests.

#[cfg(feature = "gui")]
pub mod app;
pub mod pdf;
pub mod tokenize;

use portplan::analysis::{Analysis, Cell};
use portplan::model::Catalog;
use portplan::model::{Os, Plan};
use portplan::model::{Role, RoleSet};

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

/// A port that answers nothing: a listener with a backlog of 0 whose accept queue is filled,
/// so the kernel drops new SYNs as a firewall's drop would. Lives as long as the value.
pub struct Silent {
    _listener: std::os::fd::OwnedFd,
    _fillers: Vec<std::net::TcpStream>,
}

pub fn silent(addr: &str) -> Silent {
    use std::os::fd::FromRawFd;
    let sa: std::net::SocketAddrV4 = addr.parse().expect("an IPv4 address and port");
    // std's listeners always ask for a backlog of 128; this one needs 0.
    // SAFETY: plain socket calls on a descriptor we own; the sockaddr is a local value.
    let listener = unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM, 0);
        assert!(fd >= 0);
        let raw = libc::sockaddr_in {
            sin_family: libc::AF_INET as libc::sa_family_t,
            sin_port: sa.port().to_be(),
            sin_addr: libc::in_addr {
                s_addr: u32::from(*sa.ip()).to_be(),
            },
            sin_zero: [0; 8],
        };
        let len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
        assert_eq!(
            libc::bind(fd, &raw as *const _ as *const libc::sockaddr, len),
            0,
            "bind {addr}"
        );
        assert_eq!(libc::listen(fd, 0), 0);
        std::os::fd::OwnedFd::from_raw_fd(fd)
    };
    let timeout = std::time::Duration::from_millis(200);
    let fillers = (0..2)
        .filter_map(|_| {
            std::net::TcpStream::connect_timeout(&std::net::SocketAddr::V4(sa), timeout).ok()
        })
        .collect();
    Silent {
        _listener: listener,
        _fillers: fillers,
    }
}
