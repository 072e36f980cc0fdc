//! The plan: the hosts of a deployment, their roles and places on the canvas, the settings
//! that resolve the catalog, and the details of the change request. Plain data; reading and
//! writing files is `plan_file`'s job.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::catalog::{self, PortRange};
use crate::role::RoleSet;

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

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WmiMode {
    /// `winmgmt -standalonehost` pins WMI to one port (the seed's advice).
    #[default]
    Fixed,
    /// WMI negotiates a port in the RPC dynamic range.
    Dynamic,
}

/// How the catalog's symbolic "WMI" port resolves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WmiSetting {
    pub mode: WmiMode,
    /// The fixed port; kept while the mode is dynamic so switching back restores it.
    pub port: u16,
}

impl WmiSetting {
    /// Microsoft's example port, which the seed uses.
    pub const DEFAULT_PORT: u16 = 24158;
    /// "You can pick any sufficiently high port": a fixed port must be above 1024.
    pub const FIXED_PORTS: PortRange = PortRange {
        start: 1025,
        end: 65535,
    };
    /// The RPC dynamic range on Windows Server 2008 and later (Microsoft KB929851).
    pub const DYNAMIC_RANGE: PortRange = PortRange {
        start: 49152,
        end: 65535,
    };

    pub fn resolve(self) -> PortRange {
        match self.mode {
            WmiMode::Fixed => PortRange::single(self.port),
            WmiMode::Dynamic => Self::DYNAMIC_RANGE,
        }
    }

    pub fn port_is_valid(self) -> bool {
        (Self::FIXED_PORTS.start..=Self::FIXED_PORTS.end).contains(&self.port)
    }
}

impl Default for WmiSetting {
    fn default() -> Self {
        WmiSetting {
            mode: WmiMode::Fixed,
            port: Self::DEFAULT_PORT,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// "scaleio-seed" for the built-in catalog, otherwise a path to a catalog file, relative
    /// to the plan's folder.
    pub catalog: String,
    pub wmi: WmiSetting,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            catalog: catalog::BUILTIN_ID.to_string(),
            wmi: WmiSetting::default(),
        }
    }
}

/// What the security team's change request needs beyond the rules themselves.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChangeRequest {
    pub id: String,
    pub title: String,
    pub requester: String,
    /// How to reach the requester: mail, phone.
    pub contact: String,
    /// The application owner.
    pub owner: String,
    pub change_type: ChangeType,
    pub category: ChangeCategory,
    pub justification: String,
    /// Requested implementation window, "2026-12-01 22:00" (a zone may follow): text as typed,
    /// checked by [`crate::date::problems`].
    pub window_start: String,
    pub window_end: String,
    /// When the install-only rules are to be removed.
    pub install_rules_expire: String,
    /// Risk and security impact, as the requester assesses it.
    pub risk: String,
    /// Who signs the change off; the document's sign-off table has a row for each.
    pub approvers: Vec<Approver>,
}

impl ChangeRequest {
    /// The fields a change board expects and this request leaves empty, by their labels.
    pub fn missing(&self) -> Vec<&'static str> {
        [
            ("id", &self.id),
            ("title", &self.title),
            ("requester", &self.requester),
            ("business justification", &self.justification),
            ("requested window", &self.window_start),
            ("expiry of the install rules", &self.install_rules_expire),
            ("risk and impact", &self.risk),
        ]
        .into_iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(label, _)| label)
        .collect()
    }
}

/// What the change does to the firewall.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeType {
    /// New openings (a new deployment).
    #[default]
    New,
    /// Changes openings that exist.
    Modify,
    /// Removes openings (a decommission).
    Remove,
}

/// How the change board handles it (the ITIL change categories).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeCategory {
    /// Pre-approved and routine.
    Standard,
    /// Assessed and approved by the change board.
    #[default]
    Normal,
    /// Expedited.
    Emergency,
}

impl ChangeType {
    pub const ALL: [ChangeType; 3] = [ChangeType::New, ChangeType::Modify, ChangeType::Remove];

    pub fn name(self) -> &'static str {
        match self {
            ChangeType::New => "new",
            ChangeType::Modify => "modify",
            ChangeType::Remove => "remove",
        }
    }
}

impl ChangeCategory {
    pub const ALL: [ChangeCategory; 3] = [
        ChangeCategory::Standard,
        ChangeCategory::Normal,
        ChangeCategory::Emergency,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ChangeCategory::Standard => "standard",
            ChangeCategory::Normal => "normal",
            ChangeCategory::Emergency => "emergency",
        }
    }
}

/// One sign-off: the function ("Security") and, when known, the person.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Approver {
    pub role: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub name: String,
    pub settings: Settings,
    pub change_request: ChangeRequest,
    pub hosts: Vec<Host>,
}

impl Plan {
    pub fn new(name: impl Into<String>) -> Plan {
        Plan {
            name: name.into(),
            ..Plan::default()
        }
    }

    /// An id no host of the plan has.
    pub fn next_host_id(&self) -> HostId {
        let max = self.hosts.iter().map(|h| h.id.0).max().unwrap_or(0);
        match max.checked_add(1) {
            Some(next) => HostId(next),
            // Only a hand-edited file gets here; any free id will do.
            None => (1..)
                .map(HostId)
                .find(|id| self.host(*id).is_none())
                .expect("fewer than u32::MAX hosts"),
        }
    }

    pub fn host(&self, id: HostId) -> Option<&Host> {
        self.hosts.iter().find(|h| h.id == id)
    }

    pub fn host_mut(&mut self, id: HostId) -> Option<&mut Host> {
        self.hosts.iter_mut().find(|h| h.id == id)
    }

    /// Adds a host with a fresh id and returns the id.
    pub fn add_host(
        &mut self,
        name: impl Into<String>,
        address: impl Into<String>,
        os: Os,
        roles: RoleSet,
    ) -> HostId {
        let id = self.next_host_id();
        self.hosts.push(Host {
            id,
            name: name.into(),
            address: address.into(),
            os,
            roles,
            position: Position::default(),
        });
        id
    }
}
