//! What to probe: the matrix cells of the plan (host, address, port, phase), each once.

use crate::analysis::{Analysis, Cell, Phase};
use crate::model::Role;
use crate::model::{PortRange, Protocol};

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

    /// A range (WMI without a fixed port) is not probed: a closed port in it says nothing.
    pub fn is_probeable(&self) -> bool {
        self.port.is_single() && self.protocol == Protocol::Tcp
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
pub fn from_source(a: &Analysis, from: usize) -> Vec<Target> {
    let roles = a.hosts[from].roles;
    let installer = roles.contains(Role::Installer);
    let member = roles.is_deployment();
    let mut out = Vec::new();
    for row in (0..a.hosts.len()).filter(|&r| r != from) {
        for cell in a.cells(row) {
            // The same rule as the flows: install flows from installers, operation flows from
            // the deployment's hosts.
            if (cell.during_install && installer) || (cell.in_operation && member) {
                out.push(Target::of(a, row, cell));
            }
        }
    }
    out
}
