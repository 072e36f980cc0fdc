//! The checks that make the findings: what is wrong (errors: exports refuse the plan) or
//! doubtful (warnings) in a plan.

use std::collections::HashMap;

use super::findings::{Finding, Severity};
use super::matrix::Phase;
use super::rows::Analysis;
use crate::model::Address;
use crate::model::Role;
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
        match Address::parse(&h.address) {
            Ok(addr) => {
                if let Some(first) = addresses.insert(addr.to_string(), &h.name) {
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

fn host_label(name: &str, id: HostId) -> String {
    if name.trim().is_empty() {
        format!("host {id}")
    } else {
        format!("host {name}")
    }
}
