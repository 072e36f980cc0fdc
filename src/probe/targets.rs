//! What to probe: the matrix cells of the plan (host, address, port, phase), each once.

use crate::analysis::{Analysis, Cell, FlowKind, Phase};
use crate::model::{Address, PortRange, Protocol};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub host: String,
    pub address: String,
    pub port: PortRange,
    pub protocol: Protocol,
    pub phase: Phase,
}

impl Target {
    fn of(a: &Analysis, row: usize, cell: &Cell) -> Target {
        let h = &a.hosts[row];
        Target {
            host: h.name.clone(),
            address: h.address.clone(),
            port: cell.port,
            protocol: cell.protocol,
            phase: cell.phase,
        }
    }

    pub fn is_probeable(&self) -> bool {
        self.not_probed_because().is_none()
    }

    /// Why a probe would tell nothing here: a range (WMI without a fixed port), where a closed
    /// port says nothing of the others, or UDP, which a TCP connect cannot test.
    pub fn not_probed_because(&self) -> Option<String> {
        if self.protocol == Protocol::Udp {
            Some(format!(
                "{}/udp is not probed: a TCP connect cannot test a UDP port",
                self.port
            ))
        } else if !self.port.is_single() {
            Some(format!("port range {} is not probed", self.port))
        } else {
            None
        }
    }
}

/// Every matrix cell of the named hosts (all hosts when `hosts` is empty) in `phase` (all
/// with `None`), in plan and port order. An unknown host name is an error.
pub fn from_matrix(
    a: &Analysis,
    phase: Option<Phase>,
    hosts: &[String],
) -> Result<Vec<Target>, String> {
    for name in hosts {
        if !a.hosts.iter().any(|h| &h.name == name) {
            return Err(format!("no host named '{name}' in the plan"));
        }
    }
    let mut out = Vec::new();
    for (row, h) in a.hosts.iter().enumerate() {
        if !hosts.is_empty() && !hosts.contains(&h.name) {
            continue;
        }
        for cell in a.cells(row) {
            if phase.is_none_or(|p| p == cell.phase) {
                out.push(Target::of(a, row, cell));
            }
        }
    }
    Ok(out)
}

/// The ports host `from` has flows to: what a probe run on that host should find open.
/// (Run from a network, it tests what a host in the network reaches.)
pub fn from_source(a: &Analysis, from: usize) -> Vec<Target> {
    let mut out = Vec::new();
    for row in (0..a.hosts.len()).filter(|&r| r != from) {
        for cell in a.cells(row) {
            // The flows' own rule, whichever the plan's source policy.
            let reaches = [FlowKind::Install, FlowKind::Operation]
                .into_iter()
                .any(|kind| a.is_source(from, row, cell, kind));
            if reaches {
                out.push(Target::of(a, row, cell));
            }
        }
    }
    out
}

/// How imported results compare with the probes the plan asks for: the rows that match no
/// planned probe, and the planned probes no row answers (each a sentence).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportCheck {
    pub unplanned: Vec<String>,
    pub missing: Vec<String>,
    /// How many probes the plan asks for, all `from`s together.
    pub planned: usize,
}

/// Checks imported rows, each with the host it was probed `from` (when the file says), against
/// the plan: from a plan host, the probes its script makes ([`from_source`]); from anywhere
/// else, every matrix cell. Ranges and UDP ports, which are never probed, are not missed.
pub fn check_import<'r>(
    a: &Analysis,
    rows: impl IntoIterator<Item = (Option<&'r str>, &'r Target)>,
) -> ImportCheck {
    use std::collections::{HashMap, HashSet};
    type Key = (String, String, PortRange, Protocol);
    // The address as the analysis writes it: `[2001:DB8::5]` is `2001:db8::5`.
    let canonical = |text: &str| match Address::parse(text) {
        Ok(Address::Ip(ip)) => ip.to_string(),
        _ => text.to_string(),
    };
    let key = |t: &Target| (t.host.clone(), canonical(&t.address), t.port, t.protocol);
    let mut by_from: HashMap<Option<&str>, Vec<&Target>> = HashMap::new();
    for (from, t) in rows {
        by_from.entry(from).or_default().push(t);
    }
    let mut froms: Vec<_> = by_from.into_iter().collect();
    froms.sort_by_key(|(from, _)| *from);
    let mut out = ImportCheck::default();
    for (from, rows) in froms {
        let row = from.and_then(|f| a.hosts.iter().position(|h| h.name == f));
        let planned: Vec<Target> = match row {
            Some(row) => from_source(a, row),
            None => from_matrix(a, None, &[]).unwrap_or_default(),
        }
        .into_iter()
        .filter(Target::is_probeable)
        .collect();
        let seen: HashSet<Key> = rows.iter().map(|t| key(t)).collect();
        let wanted: HashSet<Key> = planned.iter().map(key).collect();
        let by = match from {
            Some(f) => format!(" from {f}"),
            None => String::new(),
        };
        if let (Some(f), None) = (from, row) {
            out.unplanned.push(format!(
                "results from '{f}', which is no host of the plan: compared with every planned port"
            ));
        }
        for t in rows.iter().filter(|t| !wanted.contains(&key(t))) {
            let why = match a.hosts.iter().find(|h| h.name == t.host) {
                None => "no host of that name in the plan".to_string(),
                Some(h) if h.address != canonical(&t.address) => {
                    format!("the plan has {} at {}", h.name, h.address)
                }
                Some(_) => format!("no planned flow{by} to that port"),
            };
            out.unplanned.push(format!(
                "{} {}:{}/{}{by}: {why}",
                t.host, t.address, t.port, t.protocol
            ));
        }
        out.planned += planned.len();
        for t in planned.iter().filter(|t| !seen.contains(&key(t))) {
            out.missing.push(format!(
                "{} {}:{}/{}{by}",
                t.host, t.address, t.port, t.protocol
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(port: PortRange, protocol: Protocol) -> Target {
        Target {
            host: "h".into(),
            address: "192.0.2.1".into(),
            port,
            protocol,
            phase: Phase::Permanent,
        }
    }

    #[test]
    fn ranges_and_udp_are_not_probed_and_say_why() {
        assert!(target(PortRange::single(7072), Protocol::Tcp).is_probeable());
        let range = target(
            PortRange {
                start: 49152,
                end: 65535,
            },
            Protocol::Tcp,
        );
        assert_eq!(
            range.not_probed_because().as_deref(),
            Some("port range 49152-65535 is not probed")
        );
        let udp = target(PortRange::single(4420), Protocol::Udp);
        assert!(!udp.is_probeable());
        assert_eq!(
            udp.not_probed_because().as_deref(),
            Some("4420/udp is not probed: a TCP connect cannot test a UDP port")
        );
    }
}
