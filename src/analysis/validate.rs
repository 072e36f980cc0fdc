//! The checks that make the findings: what is wrong (errors: exports refuse the plan) or
//! doubtful (warnings) in a plan.

use std::collections::HashMap;

use super::findings::{Finding, Severity};
use super::matrix::Phase;
use super::rows::Analysis;
use crate::model::Role;
use crate::model::address::Block;
use crate::model::{Address, Evidence, Host, RoleSet};
use crate::model::{Catalog, PortSpec};
use crate::model::{HostId, Plan, WmiMode, WmiSetting};

/// Collects the findings, errors first, each group in plan order.
pub fn validate(plan: &Plan, catalog: &Catalog, analysis: &Analysis) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut add = |severity, code, host: Option<HostId>, message: String| {
        out.push(Finding {
            severity,
            code,
            host,
            message,
        })
    };
    use Severity::{Error, Warning};

    if plan.hosts.is_empty() {
        add(Warning, "empty-plan", None, "the plan has no hosts".into());
    }

    // Names and addresses: each must be unique; `seen` remembers the first host of each.
    let mut names: HashMap<String, &str> = HashMap::new();
    let mut addresses: HashMap<String, &str> = HashMap::new();
    for h in &plan.hosts {
        let id = Some(h.id);
        let label = host_label(&h.name, h.id);
        if h.name.trim().is_empty() {
            add(
                Error,
                "empty-name",
                id,
                format!("host {} has no name", h.id),
            );
        } else if let Some(first) = names.insert(h.name.to_lowercase(), &h.name) {
            add(
                Error,
                "duplicate-name",
                id,
                format!("{label}: the name is also used by another host ({first})"),
            );
        }
        if h.is_network() {
            for part in Host::network_parts(&h.address) {
                if let Err(e) = Block::parse(part) {
                    add(
                        Error,
                        "invalid-network",
                        id,
                        format!("network {}: {e}", h.name),
                    );
                }
            }
            if Host::network_parts(&h.address).next().is_none() {
                add(
                    Error,
                    "invalid-network",
                    id,
                    format!(
                        "network {} has no blocks (CIDRs such as 10.1.0.0/16, separated by ';')",
                        h.name
                    ),
                );
            }
            if h.roles.is_empty() {
                add(
                    Warning,
                    "no-roles",
                    id,
                    format!("network {} has no roles, so it reaches no port", h.name),
                );
            }
            continue;
        }
        match Address::parse(&h.address) {
            Ok(addr) => {
                if let Some(why) = special_address(&addr) {
                    add(
                        Warning,
                        "special-address",
                        id,
                        format!("{label}: {} is {why}, not the address of a host", h.address),
                    );
                }
                // A DNS name's root dot ("host.example.com.") names the same host.
                let key = addr.to_string();
                let key = key.strip_suffix('.').unwrap_or(&key).to_string();
                if let Some(first) = addresses.insert(key, &h.name) {
                    add(
                        Error,
                        "duplicate-address",
                        id,
                        format!(
                            "{label}: address {} is also the address of {first}",
                            h.address
                        ),
                    );
                }
            }
            Err(e) => add(Error, "invalid-address", id, format!("{label}: {e}")),
        }
        if h.roles.is_empty() {
            add(
                Warning,
                "no-roles",
                id,
                format!("{label} has no roles, so no ports"),
            );
        }
        if h.roles.contains(Role::Callhome) && !h.roles.contains(Role::Mdm) {
            add(
                Warning,
                "callhome-without-mdm",
                id,
                format!("{label} has the Callhome role without MDM; Callhome runs with the MDM"),
            );
        }
        if h.roles.contains(Role::Mdm) && h.roles.contains(Role::Tb) {
            add(
                Warning,
                "mdm-and-tb",
                id,
                format!("{label} is both MDM and TB; the tie-breaker must be another node"),
            );
        }
        let undefined = h
            .roles
            .iter()
            .filter(|r| catalog.role(*r).is_none())
            .collect::<RoleSet>();
        if !undefined.is_empty() {
            add(
                Warning,
                "role-not-in-profile",
                id,
                format!(
                    "{label} has the role {}, which catalog '{}' does not define: it needs no \
                     ports here",
                    undefined.joined(", "),
                    catalog.id
                ),
            );
        }
        for (key, port) in &h.ports {
            let entry = catalog.port(key);
            if !entry.is_some_and(|e| e.configurable) {
                add(
                    Warning,
                    "port-not-configurable",
                    id,
                    format!(
                        "{label} moves port '{key}' to {port}, but catalog '{}' has {}: the \
                         setting is ignored",
                        catalog.id,
                        if entry.is_some() {
                            "it as a fixed port"
                        } else {
                            "no such port"
                        }
                    ),
                );
            }
        }
        if h.roles.is_deployment() && !catalog.targets.contains(&h.os) {
            add(
                Warning,
                "os-not-covered",
                id,
                format!(
                    "{label} runs {}, but catalog '{}' describes {} targets",
                    h.os,
                    catalog.id,
                    catalog
                        .targets
                        .iter()
                        .map(|o| o.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }

    // WMI.
    let wmi = plan.settings.wmi;
    let uses_wmi = catalog.ports.iter().any(|p| p.port == PortSpec::Wmi);
    if wmi.mode == WmiMode::Fixed && !wmi.port_is_valid() {
        add(
            Error,
            "wmi-port",
            None,
            format!(
                "the fixed WMI port {} is not in {}",
                wmi.port,
                WmiSetting::FIXED_PORTS
            ),
        );
    }
    let taken = catalog.ports.iter().find(|p| match p.port {
        PortSpec::Fixed(r) => r.overlaps(wmi.resolve()),
        PortSpec::Wmi => false,
    });
    if let (true, WmiMode::Fixed, Some(p)) = (uses_wmi, wmi.mode, taken) {
        add(
            Error,
            "wmi-port-in-use",
            None,
            format!(
                "the fixed WMI port {} is already port '{}' ({}) of the catalog; pick another",
                wmi.port, p.key, p.name
            ),
        );
    }
    if uses_wmi && wmi.mode == WmiMode::Dynamic && analysis.deployment().iter().next().is_some() {
        add(
            Warning,
            "wmi-dynamic",
            None,
            format!(
                "WMI is dynamic: install rules open the whole range {}; fix the WMI port \
                 ('winmgmt -standalonehost') to open one port instead",
                WmiSetting::DYNAMIC_RANGE
            ),
        );
    }

    // Ports moved onto another port of the same host.
    for (row, h) in analysis.hosts.iter().enumerate() {
        for cell in analysis.cells(row) {
            let moved: Vec<&String> = cell
                .keys
                .iter()
                .filter(|k| plan.hosts[row].ports.contains_key(*k))
                .collect();
            if cell.keys.len() > 1 && !moved.is_empty() {
                add(
                    Warning,
                    "port-moved-onto-port",
                    Some(h.id),
                    format!(
                        "{}: port '{}' moved to {} lands on another port of the host ({}): \
                         both share one rule",
                        host_label(&h.name, h.id),
                        moved[0],
                        cell.port,
                        cell.name
                    ),
                );
            }
        }
    }

    // Inferred ports in use, once per port; operation ports nobody may reach, once per port.
    let mut inferred: Vec<&str> = Vec::new();
    let mut unreached: Vec<(&str, RoleSet)> = Vec::new();
    let present: RoleSet = plan
        .hosts
        .iter()
        .fold(RoleSet::EMPTY, |all, h| all.union(h.roles));
    for row in 0..analysis.hosts.len() {
        for cell in analysis.cells(row) {
            let entries = cell.keys.iter().filter_map(|k| catalog.port(k));
            for e in entries.filter(|e| e.evidence == Evidence::Inferred) {
                if !inferred.contains(&e.key.as_str()) {
                    inferred.push(&e.key);
                    add(
                        Warning,
                        "inferred-port",
                        None,
                        format!(
                            "port {}/{} ({}) is inferred, not documented: have the security \
                             team or the vendor confirm it ('portplan catalog' shows why)",
                            cell.port, cell.protocol, e.name
                        ),
                    );
                }
            }
            let Some(from) = cell.from else { continue };
            if cell.in_operation
                && !from.is_empty()
                && !present.intersects(from)
                && !unreached
                    .iter()
                    .any(|(k, f)| *k == cell.keys[0] && *f == from)
            {
                unreached.push((&cell.keys[0], from));
                add(
                    Warning,
                    "no-source",
                    None,
                    format!(
                        "port {}/{} ({}) is reached from {}, but no host or network of the plan \
                         has that role: its rule admits nobody yet; add a host or a network \
                         with the role",
                        cell.port,
                        cell.protocol,
                        cell.name,
                        from.joined(" or ")
                    ),
                );
            }
        }
    }
    for key in &plan.settings.optional_ports {
        if !catalog.port(key).is_some_and(|p| p.optional) {
            add(
                Warning,
                "unknown-optional-port",
                None,
                format!(
                    "the plan turns on port '{key}', which is not an optional port of catalog '{}'",
                    catalog.id
                ),
            );
        }
    }

    // The installer: the only source of install rules.
    let needs_installer = (0..analysis.hosts.len()).any(|row| {
        analysis
            .cells(row)
            .iter()
            .any(|c| c.phase == Phase::InstallOnly)
    });
    if needs_installer && analysis.installers().is_empty() {
        add(
            Error,
            "no-installer",
            None,
            "no host has the Installer role, but install-only ports must admit it".into(),
        );
    }

    // Cluster shape and data servers, once there is a deployment at all.
    if !analysis.deployment().is_empty() {
        let count = |role| plan.hosts.iter().filter(|h| h.roles.contains(role)).count();
        let (mdm, tb, sds) = (count(Role::Mdm), count(Role::Tb), count(Role::Sds));
        if !matches!((mdm, tb), (1, 0) | (2, 1) | (3, 2)) {
            add(
                Warning,
                "cluster-shape",
                None,
                format!(
                    "{mdm} MDM and {tb} TB: ScaleIO runs one MDM alone, a 3-node cluster \
                     (2 MDM + 1 TB) or a 5-node cluster (3 MDM + 2 TB)"
                ),
            );
        }
        if sds < 3 {
            add(
                Warning,
                "few-sds",
                None,
                format!("{sds} SDS: ScaleIO needs at least 3 SDS hosts"),
            );
        }
    }

    out.sort_by_key(|f| f.severity);
    out
}

/// Why an IP address cannot be one host's: rules for it would admit everyone, or no one.
fn special_address(addr: &Address) -> Option<&'static str> {
    let Address::Ip(ip) = addr else { return None };
    if ip.is_unspecified() {
        Some("the unspecified address (any address)")
    } else if ip.is_multicast() {
        Some("a multicast address")
    } else if matches!(ip, std::net::IpAddr::V4(v4) if v4.is_broadcast()) {
        Some("the broadcast address")
    } else {
        None
    }
}

fn host_label(name: &str, id: HostId) -> String {
    if name.trim().is_empty() {
        format!("host {id}")
    } else {
        format!("host {name}")
    }
}
