//! The port catalog: which ports each role needs, in which phase, and where each fact comes
//! from. Catalogs are TOML data files; the seed's is compiled in.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::host::Os;
use super::port::{PortSpec, Protocol};
use super::role::{Role, RoleSet};

/// The id of the built-in catalog, as plans name it in `settings.catalog`.
pub const BUILTIN_ID: &str = "scaleio-seed";
const BUILTIN_TOML: &str = include_str!("../../assets/catalogs/scaleio-seed.toml");

pub const FORMAT_TAG: &str = "portplan-catalog";
pub const FORMAT_VERSION: u32 = 1;

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
    /// Where the fact comes from, quoted.
    pub source: String,
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
    /// The seed's catalog, compiled in. It is validated by the tests, so this cannot fail in a
    /// released build.
    pub fn builtin() -> Catalog {
        Catalog::from_toml(BUILTIN_TOML, "built-in catalog").expect("the built-in catalog is valid")
    }

    pub fn load(path: &Path) -> Result<Catalog, CatalogError> {
        let text = std::fs::read_to_string(path).map_err(|source| CatalogError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Catalog::from_toml(&text, &path.display().to_string())
    }

    /// The catalog a plan names in `settings.catalog`: the built-in id, or a file path
    /// relative to the plan's folder `base`.
    pub fn resolve(reference: &str, base: &Path) -> Result<Catalog, CatalogError> {
        if reference == BUILTIN_ID {
            Ok(Catalog::builtin())
        } else {
            Catalog::load(&base.join(reference))
        }
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
        }
        for role in Role::ALL {
            let entries: Vec<&RoleEntry> = self.roles.iter().filter(|r| r.role == role).collect();
            match entries.as_slice() {
                [] => {
                    return Err(format!(
                        "role {role} is missing (every role must be listed)"
                    ));
                }
                [_] => {}
                _ => return Err(format!("role {role} is listed twice")),
            }
            let entry = entries[0];
            if role == Role::Installer && !entry.ports.is_empty() {
                return Err(
                    "the Installer role needs no ports: it is the source of install rules".into(),
                );
            }
            for key in &entry.ports {
                if !self.ports.iter().any(|p| &p.key == key) {
                    return Err(format!(
                        "role {role} needs port '{key}', which is not defined"
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn port(&self, key: &str) -> Option<&PortEntry> {
        self.ports.iter().find(|p| p.key == key)
    }

    pub fn role(&self, role: Role) -> &RoleEntry {
        // `check` guarantees one entry per role.
        self.roles
            .iter()
            .find(|r| r.role == role)
            .expect("validated catalog lists every role")
    }

    /// The catalog entries a set of roles needs, each once, with the roles that need it.
    pub fn ports_for(&self, roles: RoleSet) -> Vec<(&PortEntry, RoleSet)> {
        let mut out: Vec<(&PortEntry, RoleSet)> = Vec::new();
        for role in roles.iter() {
            for key in &self.role(role).ports {
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
    use crate::model::port::PortRange;

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

        let bad = BUILTIN_TOML.replace("role = \"TB\"", "role = \"LIA\"");
        let err = Catalog::from_toml(&bad, "x.toml").unwrap_err().to_string();
        assert!(err.contains("LIA"), "{err}");
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
