//! The catalog as text (every port and role with its source) and JSON.

use std::io::{self, Write};

use crate::analysis::Phase;
use crate::model::Catalog;
use crate::model::WmiSetting;

pub fn write_text(out: &mut dyn Write, c: &Catalog) -> io::Result<()> {
    writeln!(out, "Catalog {}: {}", c.id, c.name)?;
    writeln!(out, "Source: {}", c.source)?;
    let targets: Vec<&str> = c.targets.iter().map(|o| o.name()).collect();
    writeln!(out, "Targets: {}", targets.join(", "))?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<12} {:<5}  {:<26} {:<7} {:<9}  PHASE",
        "PORT", "PROTO", "NAME", "INSTALL", "OPERATION"
    )?;
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    for p in &c.ports {
        let phase = Phase::of(p.during_install, p.in_operation).map_or("-", Phase::name);
        writeln!(
            out,
            "{:<12} {:<5}  {:<26} {:<7} {:<9}  {}",
            p.port.to_string(),
            p.protocol.name(),
            p.name,
            yes_no(p.during_install),
            yes_no(p.in_operation),
            phase
        )?;
        writeln!(out, "{:<20}{}", "", p.purpose)?;
        writeln!(out, "{:<20}source: \"{}\"", "", p.source)?;
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
            "none (the source of install rules)".to_string()
        } else {
            ports.join(", ")
        };
        writeln!(out, "{:<12} {}", r.role.name(), ports)?;
        writeln!(out, "{:<13}source: \"{}\"", "", r.source)?;
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

pub fn write_json(out: &mut dyn Write, c: &Catalog) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, c)?;
    writeln!(out)
}
