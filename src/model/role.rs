//! The roles a host can play in a ScaleIO deployment, and a compact set of them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A role a host plays. The ScaleIO roles come from the seed, the others from later versions
/// (`powerflex-ports.md`); `Installer` marks the host that runs the installer (the
/// "originating" host): it needs no ports, it is the source of every install rule. The
/// external roles (Admin, NVMe host, Peer system, REST client) are held by named networks, or
/// by hosts that only connect: they need no ports, they are sources of the ports whose `from`
/// names them.
///
/// The discriminants keep the seed's roles first: a set's order and bits are what they were.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    #[serde(rename = "MDM")]
    Mdm,
    #[serde(rename = "TB")]
    Tb,
    #[serde(rename = "SDS")]
    Sds,
    #[serde(rename = "SDC")]
    Sdc,
    #[serde(rename = "Callhome")]
    Callhome,
    #[serde(rename = "Installer")]
    Installer,
    #[serde(rename = "LIA")]
    Lia,
    #[serde(rename = "Gateway")]
    Gateway,
    #[serde(rename = "SDR")]
    Sdr,
    #[serde(rename = "SDT")]
    Sdt,
    #[serde(rename = "PFMP")]
    Pfmp,
    #[serde(rename = "Admin")]
    Admin,
    #[serde(rename = "NVMe host")]
    NvmeHost,
    #[serde(rename = "Peer system")]
    PeerSystem,
    #[serde(rename = "REST client")]
    RestClient,
}

impl Role {
    /// Every role, in the order sets iterate and files list them.
    pub const ALL: [Role; 15] = [
        Role::Mdm,
        Role::Tb,
        Role::Sds,
        Role::Sdc,
        Role::Callhome,
        Role::Lia,
        Role::Gateway,
        Role::Sdr,
        Role::Sdt,
        Role::Pfmp,
        Role::Installer,
        Role::Admin,
        Role::NvmeHost,
        Role::PeerSystem,
        Role::RestClient,
    ];

    /// The name users and files use.
    pub fn name(self) -> &'static str {
        match self {
            Role::Mdm => "MDM",
            Role::Tb => "TB",
            Role::Sds => "SDS",
            Role::Sdc => "SDC",
            Role::Callhome => "Callhome",
            Role::Installer => "Installer",
            Role::Lia => "LIA",
            Role::Gateway => "Gateway",
            Role::Sdr => "SDR",
            Role::Sdt => "SDT",
            Role::Pfmp => "PFMP",
            Role::Admin => "Admin",
            Role::NvmeHost => "NVMe host",
            Role::PeerSystem => "Peer system",
            Role::RestClient => "REST client",
        }
    }

    /// What the abbreviation stands for, for tooltips and reports.
    pub fn description(self) -> &'static str {
        match self {
            Role::Mdm => "Meta Data Manager",
            Role::Tb => "Tie-Breaker",
            Role::Sds => "ScaleIO Data Server",
            Role::Sdc => "ScaleIO Data Client",
            Role::Callhome => "Call-home service (runs with the MDM)",
            Role::Installer => "Installer host (runs the install script)",
            Role::Lia => "Light Installation Agent",
            Role::Gateway => "Gateway (REST API and installation manager)",
            Role::Sdr => "Storage Data Replicator (replication)",
            Role::Sdt => "Storage Data Target (NVMe/TCP)",
            Role::Pfmp => "PowerFlex Manager Platform node",
            Role::Admin => "Administrators (external network)",
            Role::NvmeHost => "NVMe/TCP hosts (external network)",
            Role::PeerSystem => "Replication peer system (external network)",
            Role::RestClient => "REST API clients: CSI, Ansible, Terraform (external network)",
        }
    }

    /// The roles that make a host part of the deployment: not the installer, not the
    /// external roles.
    pub fn is_scaleio(self) -> bool {
        !matches!(self, Role::Installer) && !self.is_external()
    }

    /// A role of what stands outside the deployment and only connects to it.
    pub fn is_external(self) -> bool {
        matches!(
            self,
            Role::Admin | Role::NvmeHost | Role::PeerSystem | Role::RestClient
        )
    }

    fn bit(self) -> u16 {
        1 << (self as u8)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown role '{0}' (known roles: MDM, TB, SDS, SDC, Callhome, LIA, Gateway, SDR, SDT, PFMP, Installer, Admin, NVMe host, Peer system, REST client)"
)]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    /// Case-insensitive, as typed in inventories.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownRole(s.to_string()))
    }
}

/// A set of roles, small enough to copy and compare freely. Iterates in `Role::ALL` order,
/// which is also the order it is written to files.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleSet(u16);

impl RoleSet {
    pub const EMPTY: RoleSet = RoleSet(0);

    pub fn contains(self, role: Role) -> bool {
        self.0 & role.bit() != 0
    }
    pub fn insert(&mut self, role: Role) {
        self.0 |= role.bit();
    }
    pub fn remove(&mut self, role: Role) {
        self.0 &= !role.bit();
    }
    pub fn with(mut self, role: Role) -> RoleSet {
        self.insert(role);
        self
    }
    pub fn union(self, other: RoleSet) -> RoleSet {
        RoleSet(self.0 | other.0)
    }
    pub fn intersects(self, other: RoleSet) -> bool {
        self.0 & other.0 != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
    pub fn iter(self) -> impl Iterator<Item = Role> {
        Role::ALL.into_iter().filter(move |r| self.contains(*r))
    }
    /// True when the host is part of the deployment (has a ScaleIO role).
    pub fn is_deployment(self) -> bool {
        self.iter().any(Role::is_scaleio)
    }
    /// "MDM, Callhome"
    pub fn joined(self, sep: &str) -> String {
        self.iter().map(Role::name).collect::<Vec<_>>().join(sep)
    }
}

impl FromIterator<Role> for RoleSet {
    fn from_iter<I: IntoIterator<Item = Role>>(iter: I) -> Self {
        let mut set = RoleSet::EMPTY;
        for r in iter {
            set.insert(r);
        }
        set
    }
}

impl fmt::Debug for RoleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Serialize for RoleSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for RoleSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Vec::<Role>::deserialize(d)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_case_insensitively() {
        assert_eq!("mdm".parse::<Role>().unwrap(), Role::Mdm);
        assert_eq!(" CallHome ".parse::<Role>().unwrap(), Role::Callhome);
        assert_eq!("installer".parse::<Role>().unwrap(), Role::Installer);
        assert_eq!("nvme HOST".parse::<Role>().unwrap(), Role::NvmeHost);
        let err = "NFS".parse::<Role>().unwrap_err();
        assert!(err.to_string().contains("unknown role 'NFS'"));
    }

    #[test]
    fn set_iterates_in_canonical_order() {
        let set: RoleSet = [Role::Sdc, Role::Mdm, Role::Sds].into_iter().collect();
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [Role::Mdm, Role::Sds, Role::Sdc]
        );
        assert_eq!(set.joined(", "), "MDM, SDS, SDC");
        assert!(set.is_deployment());
        assert!(!RoleSet::EMPTY.with(Role::Installer).is_deployment());
    }
}
