//! Sections 1 to 3: the summary, the justification, and the hosts.

use super::shared::{HostRules, Scripts, or_unset, ports_text};
use crate::analysis::{Analysis, FlowKind, Severity};
use crate::export::documents::blocks::{Block, Table};
use crate::export::options::{Inputs, PlanFile, sha256_hex};
use crate::model::timestamp::utc;
use crate::model::{Evidence, Os, PortRange, SourcePolicy};

/// Above this many scripts, the summary pins the plan file alone and the scripts' SHA-256
/// move to an appendix: a 2,000-host plan's 4,000 lines would bury the summary.
const SUMMARY_DIGESTS_MAX: usize = 24;

pub(super) fn summary(i: &Inputs, hosts: &[HostRules], scripts: &Scripts, out: &mut Vec<Block>) {
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
        ("Revision".into(), cr.revision.to_string()),
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
    history(cr, out);
    file_digests(i, scripts, out);
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

/// The revision's history, oldest first.
fn history(cr: &crate::model::ChangeRequest, out: &mut Vec<Block>) {
    out.push(Block::Subheading(format!(
        "Revision {} and its history",
        cr.revision
    )));
    if cr.history.is_empty() {
        out.push(Block::Note("No history recorded yet.".into()));
        return;
    }
    let mut t = Table::new(&[("Date", 0.2), ("What changed", 0.8)]);
    for line in &cr.history {
        t.row([or_unset(&line.date), or_unset(&line.change)]);
    }
    out.push(Block::Table(t));
}

/// The SHA-256 of the plan file and of every script the change runs, one `sha256sum` line
/// each (hash, two spaces, file name), so `sha256sum -c` run in the folder of the exported
/// files (or Get-FileHash on Windows) proves they are the ones approved.
fn file_digests(i: &Inputs, scripts: &Scripts, out: &mut Vec<Block>) {
    out.push(Block::Subheading("Files of the change (SHA-256)".into()));
    let mut lines = Vec::new();
    match &i.plan_file {
        PlanFile::Saved { name, sha256 } => lines.push(format!("{sha256}  {name}")),
        PlanFile::NotPinned(why) => {
            out.push(Block::Note(format!("The plan file is not pinned: {why}.")))
        }
    }
    let count = scripts.rules.len() + scripts.removal.len();
    let listed = count <= SUMMARY_DIGESTS_MAX;
    if listed {
        lines.extend(script_digest_lines(scripts));
    }
    // The formats of the hosts that have scripts: a Windows-only plan names no Linux format.
    let formats: Vec<&str> = [Os::Windows, Os::Linux]
        .into_iter()
        .filter(|os| {
            scripts
                .rules
                .iter()
                .any(|s| i.analysis.hosts[s.row].os == *os)
        })
        .map(|os| i.options.script_format(os).name())
        .collect();
    out.push(Block::Paragraph(format!(
        "The plan file{}. sha256sum -c checks these lines in the folder of the files; \
         Get-FileHash on Windows prints the same digests in capitals.",
        if count == 0 {
            String::new()
        } else {
            format!(
                ", and each script as portplan export PLAN --format {} -o FOLDER writes it \
                 (--cleanup: the removal scripts){}",
                formats.join("|"),
                if listed {
                    String::new()
                } else {
                    format!("; Appendix C lists the {count} scripts")
                }
            )
        }
    )));
    if !lines.is_empty() {
        out.push(Block::Code(lines.join("\n")));
    }
}

/// `HASH  NAME` for each script: the rules', then the removal's.
fn script_digest_lines(scripts: &Scripts) -> impl Iterator<Item = String> + '_ {
    scripts
        .rules
        .iter()
        .chain(&scripts.removal)
        .map(|s| format!("{}  {}", sha256_hex(s.text.as_bytes()), s.name))
}

/// Appendix C, for a plan whose scripts are too many to list in the summary.
pub(super) fn digests_appendix(scripts: &Scripts, out: &mut Vec<Block>) {
    if scripts.rules.len() + scripts.removal.len() <= SUMMARY_DIGESTS_MAX {
        return;
    }
    out.push(Block::PageBreak);
    out.push(Block::Heading("Appendix C. SHA-256 of every script".into()));
    out.push(Block::Code(
        script_digest_lines(scripts).collect::<Vec<_>>().join("\n"),
    ));
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
