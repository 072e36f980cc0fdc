//! The port catalog: which ports each role needs, in which phase, who connects to them, and
//! where each fact comes from. Catalogs are TOML data files; the built-in profiles are
//! compiled in, one file each under `assets/catalogs/`. Reading a catalog file (`Catalog::load`,
//! `Catalog::resolve`) is `files::catalog_file`'s job, through the bounded reader.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::host::Os;
use super::port::{PortRange, PortSpec, Protocol};
use super::role::{Role, RoleSet};

/// The id of the default profile (the seed's), as plans name it in `settings.catalog`.
pub const BUILTIN_ID: &str = "scaleio-seed";

/// The built-in profiles, oldest version first: (id, the catalog file's text).
const PROFILES: [(&str, &str); 4] = [
    (
        BUILTIN_ID,
        include_str!("../../assets/catalogs/scaleio-seed.toml"),
    ),
    (
        "scaleio-2x-3x",
        include_str!("../../assets/catalogs/scaleio-2x-3x.toml"),
    ),
    (
        "powerflex-3.6",
        include_str!("../../assets/catalogs/powerflex-3.6.toml"),
    ),
    (
        "powerflex-4.x",
        include_str!("../../assets/catalogs/powerflex-4.x.toml"),
    ),
];

pub const FORMAT_TAG: &str = "portplan-catalog";
/// Version 2 added `from`, `evidence`, `configurable`, `os`, `optional` and `versions`.
pub const FORMAT_VERSION: u32 = 2;

/// How a port's fact is known (`powerflex-ports.md`, section 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    /// The source document of the default catalog says it.
    Seed,
    /// Vendor documentation says it.
    Documented,
    /// Dell's own code (automation, drivers) shows it.
    Code,
    /// Reasoning, or community code: a security team should confirm it.
    Inferred,
}

impl Evidence {
    pub const ALL: [Evidence; 4] = [
        Evidence::Seed,
        Evidence::Documented,
        Evidence::Code,
        Evidence::Inferred,
    ];

    /// A format-1 catalog's ports, which have no tag.
    fn unstated() -> Evidence {
        Evidence::Documented
    }

    pub fn name(self) -> &'static str {
        match self {
            Evidence::Seed => "seed",
            Evidence::Documented => "documented",
            Evidence::Code => "code",
            Evidence::Inferred => "inferred",
        }
    }
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One port of the catalog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortEntry {
    /// How roles refer to this port.
    pub key: String,
    pub port: PortSpec,
    pub protocol: Protocol,
    /// Short name, e.g. "SMB".
    pub name: String,
    pub purpose: String,
    pub during_install: bool,
    pub in_operation: bool,
    /// The roles that connect to this port in operation. `None` (a format-1 catalog): every
    /// host of the deployment, the rule of format 1.
    #[serde(default)]
    pub from: Option<RoleSet>,
    /// How the fact is known; a format-1 catalog, which has no tags, reads as `documented`.
    #[serde(default = "Evidence::unstated")]
    pub evidence: Evidence,
    /// Where the fact comes from, quoted, with its reference.
    pub source: String,
    /// The plan may give this port another number per host.
    #[serde(default)]
    pub configurable: bool,
    /// The one OS this port applies to, if it is not every OS.
    #[serde(default)]
    pub os: Option<Os>,
    /// Off unless the plan turns it on (ports the sources open without a stated purpose).
    #[serde(default)]
    pub optional: bool,
}

/// Which ports a role needs on its host.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleEntry {
    pub role: Role,
    pub ports: Vec<String>,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub format: String,
    pub version: u32,
    pub id: String,
    pub name: String,
    /// The product versions the catalog describes ("4.0 - 4.6"); empty in format 1.
    #[serde(default)]
    pub versions: String,
    /// The operating systems the catalog describes; hosts of another OS get a warning.
    pub targets: Vec<Os>,
    pub source: String,
    pub ports: Vec<PortEntry>,
    pub roles: Vec<RoleEntry>,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{path}: cannot read the catalog: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{origin}: {message}")]
    Invalid { origin: String, message: String },
}

impl Catalog {
    /// The seed's catalog, compiled in: the default profile.
    pub fn builtin() -> Catalog {
        Catalog::profile(BUILTIN_ID).expect("the seed is a built-in profile")
    }

    /// A built-in profile by its id. They are validated by the tests, so this cannot fail in
    /// a released build for an id of [`Catalog::profile_ids`].
    pub fn profile(id: &str) -> Option<Catalog> {
        let (id, text) = PROFILES.iter().find(|(p, _)| *p == id)?;
        Some(
            Catalog::from_toml(text, &format!("built-in profile {id}"))
                .expect("a built-in profile is valid"),
        )
    }

    /// The ids of the built-in profiles, oldest version first.
    pub fn profile_ids() -> impl Iterator<Item = &'static str> {
        PROFILES.iter().map(|(id, _)| *id)
    }

    /// Every built-in profile, oldest version first.
    pub fn profiles() -> Vec<Catalog> {
        Catalog::profile_ids()
            .filter_map(Catalog::profile)
            .collect()
    }

    /// Parses and validates; `origin` names the file in errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<Catalog, CatalogError> {
        let invalid = |message: String| CatalogError::Invalid {
            origin: origin.to_string(),
            message,
        };
        let catalog: Catalog = toml::from_str(text).map_err(|e| invalid(toml_message(&e, text)))?;
        catalog.check().map_err(invalid)?;
        Ok(catalog)
    }

    fn check(&self) -> Result<(), String> {
        if self.format != FORMAT_TAG {
            return Err(format!(
                "not a portplan catalog (format is \"{}\", expected \"{FORMAT_TAG}\")",
                self.format
            ));
        }
        if self.version > FORMAT_VERSION {
            return Err(format!(
                "catalog version {} is newer than this portplan reads ({FORMAT_VERSION})",
                self.version
            ));
        }
        let format_1 = self.version < 2;
        if format_1 && !self.versions.is_empty() {
            return Err("'versions' needs catalog version 2".into());
        }
        if self.targets.is_empty() {
            return Err(
                "'targets' is empty: name the operating systems the catalog describes \
                 (targets = [\"windows\", \"linux\"])"
                    .into(),
            );
        }
        for (i, p) in self.ports.iter().enumerate() {
            if self.ports[..i].iter().any(|q| q.key == p.key) {
                return Err(format!("port key '{}' is defined twice", p.key));
            }
            if !p.during_install && !p.in_operation {
                return Err(format!(
                    "port '{}' is needed neither during install nor in operation",
                    p.key
                ));
            }
            if p.source.trim().is_empty() {
                return Err(format!("port '{}' has no source", p.key));
            }
            if format_1 && (p.from.is_some() || p.configurable || p.os.is_some() || p.optional) {
                return Err(format!(
                    "port '{}': from, configurable, os and optional need catalog version 2",
                    p.key
                ));
            }
            if !format_1 && p.from.is_none() {
                return Err(format!(
                    "port '{}' has no 'from' (the roles that connect to it in operation; [] for \
                     none)",
                    p.key
                ));
            }
            if let Some(from) = p.from {
                if from.contains(Role::Installer) {
                    return Err(format!(
                        "port '{}': 'from' names the Installer, which is the source of every \
                         install rule already",
                        p.key
                    ));
                }
                if let Some(role) = from.iter().find(|r| self.role(*r).is_none()) {
                    return Err(format!(
                        "port '{}' is reached from role {role}, which the catalog does not list",
                        p.key
                    ));
                }
            }
            if p.configurable && p.port == PortSpec::Wmi {
                return Err(format!(
                    "port '{}': the WMI port is set by the plan's WMI setting, not per host",
                    p.key
                ));
            }
        }
        if format_1 {
            // Format 1 lists the seed's roles, every one of them.
            for role in Role::ALL
                .into_iter()
                .filter(|r| (*r as u8) <= Role::Installer as u8)
            {
                if !self.roles.iter().any(|r| r.role == role) {
                    return Err(format!(
                        "role {role} is missing (every role must be listed)"
                    ));
                }
            }
        } else if self.role(Role::Installer).is_none() {
            return Err("role Installer is missing (it is the source of install rules)".into());
        }
        for (i, entry) in self.roles.iter().enumerate() {
            let role = entry.role;
            if self.roles[..i].iter().any(|r| r.role == role) {
                return Err(format!("role {role} is listed twice"));
            }
            if format_1 && (role as u8) > Role::Installer as u8 {
                return Err(format!("role {role} needs catalog version 2"));
            }
            if (role == Role::Installer || role.is_external()) && !entry.ports.is_empty() {
                return Err(format!(
                    "role {role} needs no ports: it is a source of rules, never a destination"
                ));
            }
            for key in &entry.ports {
                if !self.ports.iter().any(|p| &p.key == key) {
                    return Err(format!(
                        "role {role} needs port '{key}', which is not defined"
                    ));
                }
            }
            self.one_key_per_port(entry)?;
        }
        Ok(())
    }

    /// A role's ports each under one key: two keys on the same port (or range) and protocol,
    /// or two ranges that overlap, would give a host two rules (and two phases) for one port.
    /// Keys of different roles may share a port (the LIA's 9099 and the PFMP nodes' CNI health
    /// check are different hosts' ports), as may keys bound to different OSes; one port inside
    /// a range may be a key of its own, with its own sources (PFMP's UI, NodePort 30400, in
    /// the NodePort range). The WMI port is the plan's to resolve, so it is not compared.
    fn one_key_per_port(&self, entry: &RoleEntry) -> Result<(), String> {
        let ports: Vec<(&PortEntry, PortRange)> = entry
            .ports
            .iter()
            .filter_map(|key| self.port(key))
            .filter_map(|p| match p.port {
                PortSpec::Fixed(range) => Some((p, range)),
                PortSpec::Wmi => None,
            })
            .collect();
        for (i, (a, ra)) in ports.iter().enumerate() {
            for (b, rb) in &ports[..i] {
                let same_os = a.os.is_none() || b.os.is_none() || a.os == b.os;
                let ranges = !ra.is_single() && !rb.is_single();
                let overlap = ra == rb || (ranges && ra.start <= rb.end && rb.start <= ra.end);
                if a.key != b.key && a.protocol == b.protocol && same_os && overlap {
                    let what = if ra == rb {
                        "are the same port"
                    } else {
                        "overlap"
                    };
                    return Err(format!(
                        "ports '{}' ({}/{}) and '{}' ({}/{}) {what}, both needed by role {}: \
                         one port, one key",
                        b.key, rb, b.protocol, a.key, ra, a.protocol, entry.role
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn port(&self, key: &str) -> Option<&PortEntry> {
        self.ports.iter().find(|p| p.key == key)
    }

    /// The role's entry, if the catalog defines the role.
    pub fn role(&self, role: Role) -> Option<&RoleEntry> {
        self.roles.iter().find(|r| r.role == role)
    }

    /// The roles the catalog defines.
    pub fn defined_roles(&self) -> RoleSet {
        self.roles.iter().map(|r| r.role).collect()
    }

    /// The catalog entries a set of roles needs, each once, with the roles that need it.
    /// Roles the catalog does not define need nothing (`check` warns about them).
    pub fn ports_for(&self, roles: RoleSet) -> Vec<(&PortEntry, RoleSet)> {
        let mut out: Vec<(&PortEntry, RoleSet)> = Vec::new();
        for entry in roles.iter().filter_map(|r| self.role(r)) {
            let role = entry.role;
            for key in &entry.ports {
                let entry = self.port(key).expect("validated catalog");
                match out.iter_mut().find(|(e, _)| e.key == entry.key) {
                    Some((_, needed_by)) => needed_by.insert(role),
                    None => out.push((entry, RoleSet::EMPTY.with(role))),
                }
            }
        }
        out
    }
}

/// toml's own message names the line and column and shows the line; keep it to one line.
fn toml_message(err: &toml::de::Error, text: &str) -> String {
    let msg = err.message().to_string();
    match err.span() {
        Some(span) => {
            let (line, col) = line_col(text, span.start);
            format!("line {line}, column {col}: {msg}")
        }
        None => msg,
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILTIN_TOML: &str = PROFILES[0].1;

    #[test]
    fn every_profile_parses_under_its_own_id() {
        let ids: Vec<&str> = Catalog::profile_ids().collect();
        assert_eq!(
            ids,
            [
                "scaleio-seed",
                "scaleio-2x-3x",
                "powerflex-3.6",
                "powerflex-4.x"
            ]
        );
        for id in ids {
            let c = Catalog::profile(id).unwrap();
            assert_eq!(c.id, id);
            assert_eq!(c.version, FORMAT_VERSION);
            assert!(!c.versions.is_empty(), "{id}");
        }
        assert!(Catalog::profile("powerflex-9").is_none());
    }

    #[test]
    fn builtin_parses() {
        let c = Catalog::builtin();
        assert_eq!(c.id, BUILTIN_ID);
        assert_eq!(c.ports.len(), 6);
    }

    #[test]
    fn errors_name_line_and_column() {
        let bad = BUILTIN_TOML.replace("port = 445", "port = 70000");
        let err = Catalog::from_toml(&bad, "x.toml").unwrap_err().to_string();
        assert!(err.starts_with("x.toml: line "), "{err}");
        assert!(err.contains("70000"), "{err}");

        let bad = BUILTIN_TOML.replace("\"rpc\", \"smb\", \"sds\"", "\"rpc\", \"nfs\", \"sds\"");
        let err = Catalog::from_toml(&bad, "x.toml").unwrap_err().to_string();
        assert!(err.contains("role SDS needs port 'nfs'"), "{err}");

        let bad = BUILTIN_TOML.replace("role = \"TB\"", "role = \"NFS\"");
        let err = Catalog::from_toml(&bad, "x.toml").unwrap_err().to_string();
        assert!(err.contains("NFS"), "{err}");

        // 9011 is reached from TB, which the catalog must then define.
        let bad = BUILTIN_TOML.replace("role = \"TB\"", "role = \"LIA\"");
        let err = Catalog::from_toml(&bad, "x.toml").unwrap_err().to_string();
        assert!(err.contains("reached from role TB"), "{err}");

        let bad = BUILTIN_TOML.replace("evidence = \"seed\"", "evidence = \"rumour\"");
        let err = Catalog::from_toml(&bad, "x.toml").unwrap_err().to_string();
        assert!(err.contains("rumour"), "{err}");
    }

    #[test]
    fn format_1_reads_with_its_meaning() {
        // The seed as format 1 had it: no from, evidence, os.
        let v1: String = BUILTIN_TOML
            .lines()
            .filter(|l| !l.starts_with("from = ") && !l.starts_with("evidence = "))
            .filter(|l| !l.starts_with("os = ") && !l.starts_with("versions = "))
            .map(|l| if l == "version = 2" { "version = 1" } else { l })
            .collect::<Vec<_>>()
            .join("\n");
        let c = Catalog::from_toml(&v1, "v1.toml").unwrap();
        assert!(c.ports.iter().all(|p| p.from.is_none() && p.os.is_none()));
        assert!(c.ports.iter().all(|p| p.evidence == Evidence::Documented));
        // Format 2 needs `from`; format 1 cannot use the new fields.
        let no_from = v1.replace("version = 1", "version = 2");
        let err = Catalog::from_toml(&no_from, "x").unwrap_err().to_string();
        assert!(err.contains("has no 'from'"), "{err}");
        let v1_os = v1.replace("protocol = \"tcp\"", "protocol = \"tcp\"\nos = \"linux\"");
        let err = Catalog::from_toml(&v1_os, "x").unwrap_err().to_string();
        assert!(err.contains("need catalog version 2"), "{err}");
    }

    #[test]
    fn ranges_parse() {
        let text = BUILTIN_TOML.replace("port = 445", "port = \"445-446\"");
        let c = Catalog::from_toml(&text, "x").unwrap();
        assert_eq!(
            c.port("smb").unwrap().port,
            PortSpec::Fixed(PortRange {
                start: 445,
                end: 446
            })
        );
        let text = BUILTIN_TOML.replace("port = 445", "port = \"446-445\"");
        assert!(Catalog::from_toml(&text, "x").is_err());
    }
}
