//! The plan: the hosts of a deployment, their roles and places on the canvas, the settings
//! that resolve the catalog, and the details of the change request. Plain data; reading and
//! writing files is `plan_file`'s job.

use serde::{Deserialize, Serialize};

use super::catalog;
use super::change_request::ChangeRequest;
use super::host::{Host, HostId, HostKind, Os, Position};
use super::port::PortRange;
use super::role::RoleSet;

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

/// Whom a port's operation rule admits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourcePolicy {
    /// The hosts and networks whose roles are in the port's `from`; the installer for what is
    /// needed during install; a port bound to one OS only on hosts of that OS.
    LeastPrivilege,
    /// The rules of plan version 1, kept so that its plans export what they did: every other
    /// host of the deployment (and the networks whose roles are in `from`), the installer
    /// for what is needed during install, and a port bound to one OS applies to every OS.
    Deployment,
}

impl SourcePolicy {
    pub const ALL: [SourcePolicy; 2] = [SourcePolicy::LeastPrivilege, SourcePolicy::Deployment];

    pub fn name(self) -> &'static str {
        match self {
            SourcePolicy::LeastPrivilege => "least-privilege",
            SourcePolicy::Deployment => "deployment",
        }
    }

    /// What a plan of version 1 meant: it had no policy.
    fn of_version_1() -> SourcePolicy {
        SourcePolicy::Deployment
    }
}

impl std::fmt::Display for SourcePolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// A built-in profile's id ("scaleio-seed", "powerflex-4.x", ...), otherwise a path to a
    /// catalog file, relative to the plan's folder.
    pub catalog: String,
    pub wmi: WmiSetting,
    /// Absent from plans of version 1, which meant `deployment`; new plans get
    /// `least-privilege`.
    #[serde(default = "SourcePolicy::of_version_1")]
    pub sources: SourcePolicy,
    /// The catalog's optional ports (keys) this plan turns on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub optional_ports: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            catalog: catalog::BUILTIN_ID.to_string(),
            wmi: WmiSetting::default(),
            sources: SourcePolicy::LeastPrivilege,
            optional_ports: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub name: String,
    /// What the plan's firewall rules are named and grouped by, kept in the plan file so that
    /// renaming the plan does not orphan the rules it made. Empty in a plan not saved yet,
    /// whose name stands in ([`Plan::rules_id`]): a new plan is "Untitled plan" until the user
    /// names it, so fixing it at creation would give every new plan the same id. It is fixed
    /// when the plan is first saved, or opened from a file from before plans had ids.
    pub id: String,
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

    /// The id a plan named `name` gets: the name's slug, which is what rules were named by
    /// before plans had ids (so their rules keep their names). A slug cut at its 40 characters
    /// ends in a hash of the whole name instead: two long names alike get ids of their own.
    pub fn default_id(name: &str) -> String {
        let slug = crate::quote::slug(name);
        if slug.len() < 40 {
            return slug;
        }
        // FNV-1a: stable across builds and platforms, unlike std's hasher.
        let hash = name.bytes().fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        format!("{}-{hash:08x}", slug[..31].trim_end_matches('-'))
    }

    /// The id in rule names and groups: the plan's id made safe for them (letters, digits and
    /// '-'), or for a plan without one, the [`Plan::default_id`] of its name.
    pub fn rules_id(&self) -> String {
        if self.id.is_empty() {
            Plan::default_id(&self.name)
        } else {
            crate::quote::slug(&self.id)
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
            kind: HostKind::Host,
            name: name.into(),
            address: address.into(),
            os,
            roles,
            ports: Default::default(),
            position: Position::default(),
        });
        id
    }
}
