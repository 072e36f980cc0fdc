//! The catalog as text (every port and role with its evidence and source) and JSON, and the
//! list of built-in profiles.

use std::io::{self, Write};

use serde::Serialize;

use crate::analysis::Phase;
use crate::model::WmiSetting;
use crate::model::{Catalog, Os, PortEntry, RoleSet};
use crate::quote::terminal;

/// Who reaches a port, in words: "SDC, SDS", "the installer only", or (format 1) "every
/// host of the deployment".
pub fn from_label(p: &PortEntry) -> String {
    match p.from {
        None => "every host of the deployment".into(),
        Some(from) if from.is_empty() => "the installer only".into(),
        Some(from) => from.joined(", "),
    }
}

/// "configurable, windows only, optional (off unless the plan turns it on)"
pub fn flags(p: &PortEntry) -> String {
    let mut flags = Vec::new();
    if p.configurable {
        flags.push("configurable per host".to_string());
    }
    if let Some(os) = p.os {
        flags.push(format!("{os} hosts only"));
    }
    if p.optional {
        flags.push("optional: off unless the plan turns it on".to_string());
    }
    flags.join("; ")
}

pub fn write_text(out: &mut dyn Write, c: &Catalog) -> io::Result<()> {
    // A catalog file's text (`--catalog`) is user text: escaped for the terminal.
    writeln!(out, "Catalog {}: {}", terminal(&c.id), terminal(&c.name))?;
    if !c.versions.is_empty() {
        writeln!(out, "Versions: {}", terminal(&c.versions))?;
    }
    writeln!(out, "Source: {}", terminal(&c.source))?;
    let targets: Vec<&str> = c.targets.iter().map(|o| o.name()).collect();
    writeln!(out, "Targets: {}", targets.join(", "))?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<12} {:<5}  {:<26} {:<7} {:<9}  {:<13}  EVIDENCE",
        "PORT", "PROTO", "NAME", "INSTALL", "OPERATION", "PHASE"
    )?;
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    for p in &c.ports {
        let phase = Phase::of(p.during_install, p.in_operation).map_or("-", Phase::name);
        writeln!(
            out,
            "{:<12} {:<5}  {:<26} {:<7} {:<9}  {:<13}  {}",
            p.port.to_string(),
            p.protocol.name(),
            terminal(&p.name),
            yes_no(p.during_install),
            yes_no(p.in_operation),
            phase,
            p.evidence
        )?;
        writeln!(out, "{:<20}{}", "", terminal(&p.purpose))?;
        writeln!(out, "{:<20}from: {}", "", from_label(p))?;
        let flags = flags(p);
        if !flags.is_empty() {
            writeln!(out, "{:<20}{flags}", "")?;
        }
        writeln!(out, "{:<20}source: \"{}\"", "", terminal(&p.source))?;
    }
    writeln!(out)?;
    writeln!(out, "{:<12} PORTS", "ROLE")?;
    for r in &c.roles {
        let ports: Vec<String> = r
            .ports
            .iter()
            .filter_map(|k| c.port(k))
            .map(|p| p.port.to_string())
            .collect();
        let ports = if ports.is_empty() {
            if r.role.is_external() {
                "none (a source of the ports whose from names it)".to_string()
            } else {
                "none (the source of install rules)".to_string()
            }
        } else {
            ports.join(", ")
        };
        writeln!(out, "{:<12} {}", r.role.name(), ports)?;
        writeln!(out, "{:<13}source: \"{}\"", "", terminal(&r.source))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "WMI is resolved by the plan: a fixed port (default {}, any {}) or the RPC dynamic range {}.",
        WmiSetting::DEFAULT_PORT,
        WmiSetting::FIXED_PORTS,
        WmiSetting::DYNAMIC_RANGE
    )
}

/// The catalog as its file has it, with `from` always a list: a format-1 port's "every host
/// of the deployment" is written as the catalog's deployment roles.
pub fn write_json(out: &mut dyn Write, c: &Catalog) -> io::Result<()> {
    let mut c = c.clone();
    let deployment: RoleSet = c
        .defined_roles()
        .iter()
        .filter(|r| r.is_scaleio())
        .collect();
    for p in &mut c.ports {
        p.from.get_or_insert(deployment);
    }
    serde_json::to_writer_pretty(&mut *out, &c)?;
    writeln!(out)
}

#[derive(Serialize)]
struct ProfileList<'a> {
    profiles: Vec<ProfileDoc<'a>>,
}

#[derive(Serialize)]
struct ProfileDoc<'a> {
    id: &'a str,
    name: &'a str,
    versions: &'a str,
    targets: &'a [Os],
    source: &'a str,
}

/// The built-in profiles: `{"profiles": [{"id", "name", "versions", "targets", "source"}]}`.
pub fn write_list_json(out: &mut dyn Write, profiles: &[Catalog]) -> io::Result<()> {
    let doc = ProfileList {
        profiles: profiles
            .iter()
            .map(|c| ProfileDoc {
                id: &c.id,
                name: &c.name,
                versions: &c.versions,
                targets: &c.targets,
                source: &c.source,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

pub fn write_list_text(out: &mut dyn Write, profiles: &[Catalog]) -> io::Result<()> {
    let id_w = profiles
        .iter()
        .map(|c| c.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    writeln!(
        out,
        "{:<id_w$}  {:<12}  {:<14}  NAME",
        "ID", "VERSIONS", "TARGETS"
    )?;
    for c in profiles {
        let targets: Vec<&str> = c.targets.iter().map(|o| o.name()).collect();
        writeln!(
            out,
            "{:<id_w$}  {:<12}  {:<14}  {}",
            c.id,
            c.versions,
            targets.join(", "),
            c.name
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "'portplan catalog --profile ID' shows one; 'portplan import --profile ID' plans with it."
    )
}
