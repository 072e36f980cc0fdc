//! Sections 1 to 3: the summary, the justification, and the hosts.

use super::shared::{HostRules, or_unset, ports_text};
use crate::analysis::{Analysis, FlowKind, Severity};
use crate::export::documents::blocks::{Block, Table};
use crate::export::options::Inputs;
use crate::model::timestamp::utc;
use crate::model::{Evidence, PortRange, SourcePolicy};

pub(super) fn summary(i: &Inputs, hosts: &[HostRules], out: &mut Vec<Block>) {
    let (plan, a) = (i.plan, i.analysis);
    let cr = &plan.change_request;
    out.push(Block::Heading(format!(
        "Firewall change request {}",
        if cr.id.is_empty() { "" } else { &cr.id }
    )));
    out.push(Block::Paragraph(or_unset(&cr.title)));
    out.push(Block::Heading("1. Summary".into()));
    let (mut install, mut operation) = (0, 0);
    for h in hosts {
        for r in &h.rules {
            let n = r.ports.len();
            match r.kind {
                FlowKind::Install => install += n,
                FlowKind::Operation => operation += n,
            }
        }
    }
    let window = match (cr.window_start.trim(), cr.window_end.trim()) {
        ("", "") => "(not set)".to_string(),
        (s, "") => s.to_string(),
        (s, e) => format!("{s} to {e}"),
    };
    out.push(Block::Fields(vec![
        ("Change request".into(), or_unset(&cr.id)),
        ("Plan".into(), plan.name.clone()),
        (
            "Change type".into(),
            format!("{}, {} change", cr.change_type.name(), cr.category.name()),
        ),
        ("Requester".into(), or_unset(&cr.requester)),
        ("Contact".into(), or_unset(&cr.contact)),
        ("Application owner".into(), or_unset(&cr.owner)),
        ("Requested window".into(), window),
        (
            "Install rules expire".into(),
            or_unset(&cr.install_rules_expire),
        ),
        (
            "Enforced on".into(),
            format!(
                "the host firewall of each destination host (Windows Defender Firewall, by {}; {} \
                 on Linux)",
                i.options.windows_format, i.options.linux_format
            ),
        ),
        (
            "Direction, action".into(),
            "inbound to the destination host, allow; everything else stays as it is".into(),
        ),
        (
            "Generated".into(),
            format!(
                "{} by portplan {}",
                utc(i.generated),
                env!("CARGO_PKG_VERSION")
            ),
        ),
        ("Catalog profile".into(), profile(i)),
        ("Source policy".into(), source_policy(plan.settings.sources)),
        ("Evidence".into(), evidence_counts(hosts)),
    ]));
    let mut t = Table::new(&[
        ("", 0.4),
        ("Install", 0.2),
        ("Operation", 0.2),
        ("Total", 0.2),
    ]);
    t.row([
        "Hosts".to_string(),
        format!("{} installer(s)", a.installers().len()),
        format!("{} deployment", a.deployment().len()),
        a.hosts.len().to_string(),
    ]);
    t.row([
        "Port rules (one per port and destination)".to_string(),
        install.to_string(),
        operation.to_string(),
        (install + operation).to_string(),
    ]);
    let flows = a.flow_counts();
    t.row([
        "Flows (one per source, destination and port)".to_string(),
        flows.0.to_string(),
        flows.1.to_string(),
        (flows.0 + flows.1).to_string(),
    ]);
    out.push(Block::Table(t));
    let missing = plan.change_request.missing();
    if !missing.is_empty() {
        out.push(Block::Note(format!(
            "Not filled in yet: {}.",
            missing.join(", ")
        )));
    }
    let dates = crate::model::change_window::problems(&plan.change_request);
    if !dates.is_empty() {
        let dates: Vec<String> = dates.iter().map(|p| p.to_string()).collect();
        out.push(Block::Note(format!("Dates to check: {}", dates.join(" "))));
    }
    let warnings: Vec<String> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .map(|f| format!("Warning: {}", f.message))
        .collect();
    if !warnings.is_empty() {
        out.push(Block::Note(warnings.join("\n")));
    }
}

/// "powerflex-4.x: PowerFlex 4.x with PowerFlex Manager (PFMP), versions 4.0 - 4.6 ..."
fn profile(i: &Inputs) -> String {
    let c = i.catalog;
    if c.versions.trim().is_empty() {
        format!("{}: {}", c.id, c.name)
    } else {
        format!("{}: {}, versions {}", c.id, c.name, c.versions.trim())
    }
}

fn source_policy(policy: SourcePolicy) -> String {
    let what = match policy {
        SourcePolicy::LeastPrivilege => {
            "each operation rule admits only the hosts and networks whose roles the catalog \
             says reach the port; install rules admit the installer"
        }
        SourcePolicy::Deployment => {
            "each operation rule admits every other host of the deployment (and the networks \
             whose roles the catalog says reach the port), as plans of version 1 did; install \
             rules admit the installer"
        }
    };
    format!("{}: {what}", policy.name())
}

/// "12 rule ports: 10 seed, 2 inferred (section 6 lists the inferred)"
fn evidence_counts(hosts: &[HostRules]) -> String {
    let index = |e: Evidence| Evidence::ALL.iter().position(|x| *x == e).unwrap_or(0);
    let mut counts = [0usize; Evidence::ALL.len()];
    for h in hosts {
        for r in &h.rules {
            for e in &r.evidence {
                counts[index(*e)] += 1;
            }
        }
    }
    let total: usize = counts.iter().sum();
    let parts: Vec<String> = Evidence::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(e, n)| format!("{n} {e}"))
        .collect();
    let inferred = counts[index(Evidence::Inferred)];
    format!(
        "{total} rule port{}{}{}; {}",
        if total == 1 { "" } else { "s" },
        if parts.is_empty() { "" } else { ": " },
        parts.join(", "),
        if inferred == 0 {
            "none inferred (section 6)".to_string()
        } else {
            format!("section 6 lists the {inferred} inferred for the security team to confirm")
        }
    )
}

pub(super) fn justification(i: &Inputs, out: &mut Vec<Block>) {
    let cr = &i.plan.change_request;
    out.push(Block::Heading("2. Business justification".into()));
    out.push(Block::Paragraph(or_unset(&cr.justification)));
    out.push(Block::Subheading("Risk and security impact".into()));
    out.push(Block::Paragraph(or_unset(&cr.risk)));
    out.push(Block::Note(format!(
        "Every rule admits named hosts of this plan only, on the ports the catalog lists ({}). \
         Install rules admit the installer alone and are removed after the install{}.",
        i.catalog.name,
        if cr.install_rules_expire.trim().is_empty() {
            String::new()
        } else {
            format!(", by {}", cr.install_rules_expire.trim())
        }
    )));
}

pub(super) fn hosts_section(a: &Analysis, out: &mut Vec<Block>) {
    out.push(Block::Heading("3. Hosts".into()));
    out.push(Block::Note(format!(
        "The deployment: the {} hosts with a ScaleIO role. Operation rules admit every other \
         host of the deployment; install rules admit the installer.",
        a.deployment().len()
    )));
    let mut t = Table::new(&[
        ("Host", 0.2),
        ("Address", 0.2),
        ("OS", 0.09),
        ("Roles", 0.17),
        ("Install ports", 0.17),
        ("Operation ports", 0.17),
    ]);
    for (row, h) in a.hosts.iter().enumerate() {
        let of = |kind: FlowKind| {
            let ports: Vec<PortRange> = a
                .cells(row)
                .iter()
                .filter(|c| match kind {
                    FlowKind::Install => c.during_install,
                    FlowKind::Operation => c.in_operation,
                })
                .map(|c| c.port)
                .collect();
            ports_text(&ports)
        };
        t.row([
            h.name.clone(),
            h.address.clone(),
            h.os.name().to_string(),
            h.roles.joined(", "),
            of(FlowKind::Install),
            of(FlowKind::Operation),
        ]);
    }
    out.push(Block::Table(t));
}
