//! A host of the deployment: its identity, name, address, operating system, roles and place
//! on the canvas.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::role::RoleSet;

/// Stable identity of a host: survives renames, re-addressing and reordering.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(transparent)]
pub struct HostId(pub u32);

impl fmt::Display for HostId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Os {
    #[default]
    Windows,
    Linux,
}

impl Os {
    pub fn name(self) -> &'static str {
        match self {
            Os::Windows => "windows",
            Os::Linux => "linux",
        }
    }
}

impl fmt::Display for Os {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Os {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "windows" => Ok(Os::Windows),
            "linux" => Ok(Os::Linux),
            other => Err(format!("unknown os '{other}' (expected windows or linux)")),
        }
    }
}

/// Where a host's card sits on the canvas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub x: f32,
    pub y: f32,
}

/// What a card of the plan stands for.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum HostKind {
    /// A host of the deployment (or one that connects to it): it gets rules.
    #[default]
    Host,
    /// A named network outside the deployment (admins, NVMe hosts, a peer system): a source
    /// of the ports whose `from` names its roles; it gets no rules itself.
    Network,
}

impl HostKind {
    pub const ALL: [HostKind; 2] = [HostKind::Host, HostKind::Network];

    pub fn name(self) -> &'static str {
        match self {
            HostKind::Host => "host",
            HostKind::Network => "network",
        }
    }

    fn is_host(&self) -> bool {
        *self == HostKind::Host
    }
}

impl std::str::FromStr for HostKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "host" => Ok(HostKind::Host),
            "network" => Ok(HostKind::Network),
            other => Err(format!("unknown kind '{other}' (expected host or network)")),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Host {
    pub id: HostId,
    /// Written only for networks, so that plans of hosts read as they did.
    #[serde(default, skip_serializing_if = "HostKind::is_host")]
    pub kind: HostKind,
    pub name: String,
    /// A host: IPv4, IPv6 or DNS name, as typed. A network: its CIDRs (or addresses),
    /// separated by `;`. `check` reports one that is not valid.
    pub address: String,
    #[serde(default)]
    pub os: Os,
    pub roles: RoleSet,
    /// Configurable catalog ports this host listens on at another number: key -> port.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ports: BTreeMap<String, u16>,
    #[serde(default)]
    pub position: Position,
}

impl Host {
    pub fn is_network(&self) -> bool {
        self.kind == HostKind::Network
    }

    /// A network's address cell, split: "10.0.0.0/24; 10.1.0.0/24" -> both, trimmed.
    pub fn network_parts(address: &str) -> impl Iterator<Item = &str> {
        address.split(';').map(str::trim).filter(|p| !p.is_empty())
    }
}
