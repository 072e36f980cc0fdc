//! A host of the deployment: its identity, name, address, operating system, roles and place
//! on the canvas.

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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Host {
    pub id: HostId,
    pub name: String,
    /// IPv4, IPv6 or DNS name, as typed; `check` reports one that is not valid.
    pub address: String,
    #[serde(default)]
    pub os: Os,
    pub roles: RoleSet,
    #[serde(default)]
    pub position: Position,
}
