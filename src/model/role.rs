//! The roles a host can play in a ScaleIO deployment, and a compact set of them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A role a host plays. The ScaleIO roles come from the seed; `Installer` marks the host that
/// runs the installer script (the "originating" host): it needs no ports, it is the source of
/// every install rule.
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
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Mdm,
        Role::Tb,
        Role::Sds,
        Role::Sdc,
        Role::Callhome,
        Role::Installer,
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
        }
    }

    /// Every role but the installer makes a host part of the deployment.
    pub fn is_scaleio(self) -> bool {
        self != Role::Installer
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role '{0}' (known roles: MDM, TB, SDS, SDC, Callhome, Installer)")]
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
pub struct RoleSet(u8);

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
        let err = "LIA".parse::<Role>().unwrap_err();
        assert!(err.to_string().contains("unknown role 'LIA'"));
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
