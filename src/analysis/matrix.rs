//! The per-host port matrix: each port a set of roles needs, once, with its phase.

use std::fmt;

use serde::Serialize;

use crate::model::RoleSet;
use crate::model::{Catalog, PortRange, PortSpec, Protocol};

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
}

/// The cells of a host with `roles`: the union over its roles, sorted by port, each port
/// once. Two catalog entries that resolve to the same port (a fixed WMI port chosen equal to
/// a ScaleIO port) merge: the port is needed whenever either is.
pub fn cells(catalog: &Catalog, roles: RoleSet, wmi: PortRange) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::new();
    for (entry, needed_by) in catalog.ports_for(roles) {
        let port = match entry.port {
            PortSpec::Fixed(r) => r,
            PortSpec::Wmi => wmi,
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
