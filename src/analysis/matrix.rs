//! The per-host port matrix: each port a set of roles needs, once, with its phase.

use std::fmt;

use serde::Serialize;

use std::collections::BTreeMap;

use crate::model::{Catalog, Evidence, PortRange, PortSpec, Protocol};
use crate::model::{Os, RoleSet};

/// When a port must be open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Phase {
    /// Needed during install and not in operation: close it after the install.
    #[serde(rename = "install-only")]
    InstallOnly,
    /// Needed in operation (whether or not the install needs it).
    #[serde(rename = "permanent")]
    Permanent,
}

impl Phase {
    pub fn of(during_install: bool, in_operation: bool) -> Option<Phase> {
        match (during_install, in_operation) {
            (_, true) => Some(Phase::Permanent),
            (true, false) => Some(Phase::InstallOnly),
            (false, false) => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Phase::InstallOnly => "install-only",
            Phase::Permanent => "permanent",
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One port a host needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub port: PortRange,
    pub protocol: Protocol,
    pub phase: Phase,
    pub during_install: bool,
    pub in_operation: bool,
    /// The host's roles that need this port.
    pub roles: RoleSet,
    /// The catalog's short names of the entries behind this port ("SMB"), joined.
    pub name: String,
    /// Keys of the catalog entries behind this port (usually one).
    pub keys: Vec<String>,
    /// The roles that reach this port in operation (the union over its entries); `None`:
    /// every host of the deployment (a format-1 catalog).
    pub from: Option<RoleSet>,
    /// The weakest evidence of its entries: one inferred entry makes the port inferred.
    pub evidence: Evidence,
}

/// What decides a host's cells besides the catalog: hosts that agree share one list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Needs {
    pub roles: RoleSet,
    /// The host's OS, for ports bound to one; `None` applies them to every OS.
    pub os: Option<Os>,
    /// Configurable ports moved to another number on this host.
    pub moved: BTreeMap<String, u16>,
}

/// The cells of a host: the union over its roles of the ports that apply to its OS (and,
/// for optional ports, that the plan turns on), sorted by port, each port once. Two catalog
/// entries that resolve to the same port (a fixed WMI port chosen equal to a ScaleIO port, or
/// a port moved onto another) merge: the port is needed whenever either is.
pub fn cells(
    catalog: &Catalog,
    needs: &Needs,
    optional_on: &[String],
    wmi: PortRange,
) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::new();
    for (entry, needed_by) in catalog.ports_for(needs.roles) {
        if entry
            .os
            .zip(needs.os)
            .is_some_and(|(port, host)| port != host)
            || (entry.optional && !optional_on.contains(&entry.key))
        {
            continue;
        }
        let port = match (entry.port, needs.moved.get(&entry.key)) {
            (PortSpec::Fixed(_), Some(&moved)) if entry.configurable => PortRange::single(moved),
            (PortSpec::Fixed(r), _) => r,
            (PortSpec::Wmi, _) => wmi,
        };
        match cells
            .iter_mut()
            .find(|c| c.port == port && c.protocol == entry.protocol)
        {
            Some(c) => {
                c.during_install |= entry.during_install;
                c.in_operation |= entry.in_operation;
                c.roles = c.roles.union(needed_by);
                c.name = format!("{} / {}", c.name, entry.name);
                c.keys.push(entry.key.clone());
                c.from = c.from.zip(entry.from).map(|(a, b)| a.union(b));
                c.evidence = c.evidence.max(entry.evidence);
            }
            None => cells.push(Cell {
                port,
                protocol: entry.protocol,
                phase: Phase::InstallOnly, // set below, once the needs are merged
                during_install: entry.during_install,
                in_operation: entry.in_operation,
                roles: needed_by,
                name: entry.name.clone(),
                keys: vec![entry.key.clone()],
                from: entry.from,
                evidence: entry.evidence,
            }),
        }
    }
    for c in &mut cells {
        c.phase = Phase::of(c.during_install, c.in_operation)
            .expect("a validated catalog port is needed in some phase");
    }
    cells.sort_by_key(|c| (c.port, c.protocol));
    cells
}
