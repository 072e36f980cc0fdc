//! Evidence: the results of a connectivity test with when and where it ran. The app's
//! connectivity view, the CLI's `probe --import` and the change request's verification
//! section all read this one type.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::path::Path;
use std::time::SystemTime;

use super::results::Report;
use crate::model::timestamp::unix_seconds;

/// The last connectivity test, when there is one.
#[derive(Clone, Debug)]
pub struct Evidence {
    pub report: Report,
    /// Seconds since 1970 (UTC).
    pub at: i64,
    /// Where the probes ran.
    pub origin: Origin,
}

/// Where the probes of a test ran: a security team asks which machine saw the ports open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The machine portplan runs on.
    Here(Machine),
    /// Hosts of the plan that ran a probe script (the `from` column of its results).
    PlanHosts(Vec<String>),
    /// Said in words: results that do not name where they ran.
    Described(String),
}

/// A machine as the probes saw it: its name and the local addresses the probes left from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Machine {
    /// The host name ("" when the system does not tell).
    pub name: String,
    /// The local addresses the routes to the probed hosts leave from, in order.
    pub addresses: Vec<IpAddr>,
}

impl From<&str> for Origin {
    fn from(s: &str) -> Origin {
        Origin::Described(s.to_string())
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Here(m) => write!(f, "this machine ({m})"),
            Origin::PlanHosts(hosts) => f.write_str(&hosts.join(", ")),
            Origin::Described(s) => f.write_str(s),
        }
    }
}

impl fmt::Display for Machine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = if self.name.is_empty() {
            "name unknown"
        } else {
            &self.name
        };
        if self.addresses.is_empty() {
            return write!(f, "{name}, no address known");
        }
        let addresses: Vec<String> = self.addresses.iter().map(IpAddr::to_string).collect();
        write!(f, "{name}, {}", addresses.join(", "))
    }
}

/// At most this many routes are asked for the local address: one per /24 (IPv4) or /64
/// (IPv6) of the probed addresses, which is as fine as routes to a deployment's hosts go.
const ROUTES_ASKED_MAX: usize = 256;

impl Machine {
    /// This machine: its host name and, for the addresses `report` probed, the local
    /// address the system's routes choose toward them. A connected UDP socket gives that
    /// address without sending anything.
    pub fn here(report: &Report) -> Machine {
        // The first probed address of each network stands for the rest of it.
        let mut networks = BTreeMap::new();
        for r in &report.results {
            if let Ok(ip) = r.target.address.parse::<IpAddr>() {
                networks.entry(network_of(ip)).or_insert(ip);
            }
        }
        let mut addresses = Vec::new();
        for ip in networks.into_values().take(ROUTES_ASKED_MAX) {
            if let Some(local) = local_address_toward(ip)
                && !addresses.contains(&local)
            {
                addresses.push(local);
            }
        }
        Machine {
            name: host_name(),
            addresses,
        }
    }
}

/// The routing network of `ip`: its /24 (IPv4) or /64 (IPv6).
fn network_of(ip: IpAddr) -> (u8, u128) {
    match ip {
        IpAddr::V4(v4) => (4, u128::from(u32::from(v4) >> 8)),
        IpAddr::V6(v6) => (6, u128::from(v6) >> 64),
    }
}

/// The local address the routes choose toward `ip`, if there is a route.
fn local_address_toward(ip: IpAddr) -> Option<IpAddr> {
    let any: IpAddr = match ip {
        IpAddr::V4(_) => Ipv4Addr::UNSPECIFIED.into(),
        IpAddr::V6(_) => Ipv6Addr::UNSPECIFIED.into(),
    };
    let socket = UdpSocket::bind(SocketAddr::new(any, 0)).ok()?;
    // Connecting a UDP socket only picks the route and the source address: no packet leaves.
    socket.connect(SocketAddr::new(ip, 9)).ok()?;
    let local = socket.local_addr().ok()?.ip();
    (!local.is_unspecified()).then_some(local)
}

/// This machine's host name: the kernel's on Linux, gethostname elsewhere on Unix, the
/// environment's on Windows (COMPUTERNAME) or as a last resort (HOSTNAME).
fn host_name() -> String {
    if let Ok(name) = std::fs::read_to_string("/proc/sys/kernel/hostname")
        && !name.trim().is_empty()
    {
        return name.trim().to_string();
    }
    if let Some(name) = system_host_name() {
        return name;
    }
    ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|n| n.trim().to_string())
        .find(|n| !n.is_empty())
        .unwrap_or_default()
}

#[cfg(all(unix, feature = "probe"))]
fn system_host_name() -> Option<String> {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most `buf.len()` bytes into the buffer it is given.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return None;
    }
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    let name = String::from_utf8_lossy(&buf[..end]).trim().to_string();
    (!name.is_empty()).then_some(name)
}

#[cfg(not(all(unix, feature = "probe")))]
fn system_host_name() -> Option<String> {
    None
}

impl Evidence {
    /// A test just run from this machine.
    pub fn from_here(report: Report) -> Evidence {
        let machine = Machine::here(&report);
        Evidence {
            report,
            at: unix_seconds(SystemTime::now()),
            origin: Origin::Here(machine),
        }
    }

    /// The results a probe script (or `probe --format csv`) wrote: taken when the file was
    /// last written, from the hosts its rows name. Each bad row is one message naming the
    /// file.
    pub fn read(path: &Path) -> Result<Evidence, Vec<String>> {
        let bytes = crate::files::input::read(path, crate::files::input::Kind::ProbeResults)
            .map_err(|e| vec![format!("{}: cannot read: {e}", path.display())])?;
        let report = Report::read_csv(&bytes).map_err(|rows| {
            rows.iter()
                .map(|r| format!("{}: {r}", path.display()))
                .collect::<Vec<_>>()
        })?;
        let at = unix_seconds(
            std::fs::metadata(path)
                .and_then(|m| m.modified())
                .unwrap_or_else(|_| SystemTime::now()),
        );
        let origins: BTreeSet<&str> = report
            .results
            .iter()
            .filter_map(|r| r.from.as_deref())
            .collect();
        let origin = if origins.is_empty() {
            let name = path.file_name().unwrap_or(path.as_os_str());
            Origin::Described(format!("the machine that wrote {}", name.to_string_lossy()))
        } else {
            Origin::PlanHosts(origins.into_iter().map(str::to_string).collect())
        };
        Ok(Evidence { report, at, origin })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Phase;
    use crate::model::{PortRange, Protocol};
    use crate::probe::results::{ProbeResult, Status};
    use crate::probe::targets::Target;

    fn to(address: &str) -> ProbeResult {
        ProbeResult {
            target: Target {
                host: "h".into(),
                address: address.into(),
                port: PortRange::single(9),
                protocol: Protocol::Tcp,
                phase: Phase::Permanent,
            },
            status: Status::Closed,
            ms: 0,
            detail: String::new(),
            from: None,
        }
    }

    #[test]
    fn the_loopback_is_reached_from_the_loopback() {
        let report = Report {
            results: vec![to("127.0.0.1"), to("127.0.0.2"), to("mdm1.example")],
            cancelled: false,
        };
        let m = Machine::here(&report);
        // One network asked, one address: the loopback's.
        assert_eq!(m.addresses, vec![IpAddr::from([127, 0, 0, 1])]);
    }

    #[test]
    fn a_machine_prints_its_name_and_addresses() {
        let m = Machine {
            name: "ws-42".into(),
            addresses: vec![IpAddr::from([192, 0, 2, 5])],
        };
        assert_eq!(
            Origin::Here(m).to_string(),
            "this machine (ws-42, 192.0.2.5)"
        );
    }
}
