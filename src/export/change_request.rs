//! The change request for the security team: what will be opened, from where, why, for how
//! long, how it is checked and how it is undone, written from the plan (so it cannot disagree
//! with the scripts: the commands in it come from the same generators). The content is
//! [`Block`]s; [`super::pdf`] sets them on pages.

use super::blocks::{Block, Cell, Table};
use super::topology::Scene;
use super::{ExportError, Format, Options, nftables, rules};
use crate::analysis::{Analysis, FlowKind, Severity};
use crate::look::palette;
use crate::model::timestamp::utc;
use crate::model::{Approver, Os, Plan};
use crate::model::{Catalog, PortRange};
use crate::probe::{Report, Status};

/// Above this many hosts with rules, the commands move from the sections to appendices.
const INLINE_COMMANDS_MAX: usize = 3;
/// Above this many source addresses, a rule names its group instead of listing them.
const LISTED_SOURCES_MAX: usize = 8;
/// Above this many bytes of commands (every host's script together), an appendix names each
/// script by its file and SHA-256 instead of printing it: the scripts of a plan grow with the
/// square of its hosts when their addresses do not form CIDR blocks, and a document of tens of
/// megabytes helps nobody. A 2,000-host plan in one subnet (2.4 MB of netsh) stays printed.
const PRINTED_COMMANDS_MAX: usize = 4_000_000;
/// Above this many probe results, only those not open are listed.
const LISTED_PROBES_MAX: usize = 150;

/// The last connectivity test, when there is one.
pub struct Evidence {
    pub report: Report,
    /// Seconds since 1970 (UTC).
    pub at: i64,
    /// Where the probes ran: "this machine", or the host of an imported result file.
    pub origin: String,
}

pub struct Inputs<'a> {
    pub plan: &'a Plan,
    pub catalog: &'a Catalog,
    pub analysis: &'a Analysis,
    /// When the document is written, seconds since 1970 (UTC).
    pub generated: i64,
    pub evidence: Option<&'a Evidence>,
}

/// The script formats the document's commands are written in: the seed's netsh on Windows,
/// nftables on Linux (its removal and rollback are one command per chain).
fn script_format(os: Os) -> Format {
    match os {
        Os::Windows => Format::Netsh,
        Os::Linux => Format::Nftables,
    }
}

fn or_unset(s: &str) -> String {
    if s.trim().is_empty() {
        "(not set)".into()
    } else {
        s.to_string()
    }
}

fn ports_text(ports: &[PortRange]) -> String {
    ports
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sign-off rows: the plan's approvers, or the usual four when it names none.
pub fn approvers(plan: &Plan) -> Vec<Approver> {
    let cr = &plan.change_request;
    if !cr.approvers.is_empty() {
        return cr.approvers.clone();
    }
    [
        ("Requester", cr.requester.as_str()),
        ("Application owner", cr.owner.as_str()),
        ("Information security", ""),
        ("Network and firewall operations", ""),
        ("Change advisory board", ""),
    ]
    .into_iter()
    .map(|(role, name)| Approver {
        role: role.into(),
        name: name.into(),
    })
    .collect()
}

/// The document's blocks. Refuses what the scripts refuse: a plan with errors.
pub fn blocks(i: &Inputs) -> Result<Vec<Block>, ExportError> {
    let (plan, a) = (i.plan, i.analysis);
    let errors: Vec<String> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.message.clone())
        .collect();
    if !errors.is_empty() {
        return Err(ExportError::PlanErrors(errors));
    }
    let hosts: Vec<HostRules> = (0..a.hosts.len())
        .map(|row| HostRules {
            row,
            rules: rules::for_host(plan, a, row, None),
        })
        .collect();
    let with_rules = hosts.iter().filter(|h| !h.rules.is_empty()).count();
    let inline = with_rules <= INLINE_COMMANDS_MAX;
    let mut out = Vec::new();
    summary(i, &hosts, &mut out);
    justification(i, &mut out);
    hosts_section(a, &mut out);
    out.push(Block::Heading("4. Topology".into()));
    out.push(Block::Note(
        "The plan's canvas. Amber arrows: the installer reaches each target during the install. \
         Green lines: the MDM / TB cluster's permanent traffic. Every other deployment host also \
         reaches the operation ports of every other (section 5 lists them)."
            .into(),
    ));
    out.push(Block::Diagram(Box::new(Scene::new(plan, a))));
    rules_section(i, &hosts, &mut out);
    install_only_section(i, &hosts, inline, &mut out)?;
    implementation_section(i, &hosts, inline, &mut out)?;
    verification_section(i, &mut out);
    rollback_section(i, &hosts, &mut out);
    signoff_section(plan, &mut out);
    sources_section(i.catalog, &mut out);
    if !inline {
        appendix(i, &hosts, false, &mut out)?;
        appendix(i, &hosts, true, &mut out)?;
    }
    Ok(out)
}

struct HostRules<'a> {
    row: usize,
    rules: Vec<rules::Rule<'a>>,
}

fn summary(i: &Inputs, hosts: &[HostRules], out: &mut Vec<Block>) {
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
            "the host firewall of each destination host (Windows Defender Firewall; nftables on Linux)"
                .into(),
        ),
        (
            "Direction, action".into(),
            "inbound to the destination host, allow; everything else stays as it is".into(),
        ),
        ("Generated".into(), format!("{} by portplan {}", utc(i.generated), env!("CARGO_PKG_VERSION"))),
        ("Port catalog".into(), format!("{} ({})", i.catalog.name, i.catalog.id)),
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

fn justification(i: &Inputs, out: &mut Vec<Block>) {
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

fn hosts_section(a: &Analysis, out: &mut Vec<Block>) {
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

fn kind_cell(kind: FlowKind) -> Cell {
    Cell {
        fill: Some(palette::flow(kind)),
        ..Cell::from(kind.name())
    }
}

fn sources_text(a: &Analysis, row: usize, rule: &rules::Rule) -> String {
    if rule.sources.len() <= LISTED_SOURCES_MAX {
        return rule
            .sources
            .iter()
            .map(|s| s.as_ref())
            .collect::<Vec<_>>()
            .join(", ");
    }
    let n = match a.cells(row).iter().find(|c| c.port == rule.ports[0]) {
        Some(cell) => a.flow_sources(row, cell, rule.kind).count(),
        None => 0,
    };
    match rule.kind {
        FlowKind::Install => format!("the {n} installers (section 3)"),
        FlowKind::Operation => format!("the {n} other deployment hosts"),
    }
}

fn rules_section(i: &Inputs, hosts: &[HostRules], out: &mut Vec<Block>) {
    let a = i.analysis;
    out.push(Block::Heading("5. Rules by host".into()));
    out.push(Block::Note(
        "Inbound rules on each destination host. Kind: install rules are temporary (they exist \
         during the install only); operation rules are permanent. Sources: \"other deployment \
         hosts\" are every host of section 3 with a ScaleIO role but the destination itself. \
         Source: the catalog entry behind the port (section 11)."
            .into(),
    ));
    for h in hosts.iter().filter(|h| !h.rules.is_empty()) {
        let host = &a.hosts[h.row];
        out.push(Block::Subheading(format!(
            "{} ({}, {}; {})",
            host.name,
            host.address,
            host.os.name(),
            host.roles.joined(", ")
        )));
        let mut t = Table::new(&[
            ("Port", 0.09),
            ("Proto", 0.07),
            ("Kind", 0.11),
            ("Sources", 0.31),
            ("Purpose", 0.32),
            ("Source", 0.1),
        ]);
        for rule in &h.rules {
            let sources = sources_text(a, h.row, rule);
            for port in &rule.ports {
                let cell = a
                    .cells(h.row)
                    .iter()
                    .find(|c| c.port == *port && c.protocol == rule.protocol);
                let (purpose, keys) = cell.map_or((String::new(), String::new()), |c| {
                    let purposes: Vec<&str> = c
                        .keys
                        .iter()
                        .filter_map(|k| i.catalog.port(k).map(|p| p.purpose.as_str()))
                        .collect();
                    (purposes.join("; "), c.keys.join(", "))
                });
                t.rows.push(vec![
                    Cell::from(port.to_string()),
                    Cell::from(rule.protocol.to_string()),
                    kind_cell(rule.kind),
                    Cell::from(sources.clone()),
                    Cell::from(purpose),
                    Cell::from(format!("[{keys}]")),
                ]);
            }
        }
        out.push(Block::Table(t));
    }
}

fn script(i: &Inputs, row: usize, cleanup: bool) -> Result<String, ExportError> {
    let format = script_format(i.analysis.hosts[row].os);
    let options = Options {
        cleanup,
        ..Options::default()
    };
    super::script_for(format, i.plan, i.analysis, row, &options)
}

fn install_only_section(
    i: &Inputs,
    hosts: &[HostRules],
    inline: bool,
    out: &mut Vec<Block>,
) -> Result<(), ExportError> {
    let (a, cr) = (i.analysis, &i.plan.change_request);
    out.push(Block::Heading(
        "6. Install-only rules and their removal".into(),
    ));
    out.push(Block::Paragraph(format!(
        "The install rules are temporary: they admit the installer host during the install and \
         are removed after it, by {}. Removing them closes the install-only ports and takes the \
         installer off the ports that stay open for the deployment (unless the installer is a \
         deployment host itself).",
        or_unset(&cr.install_rules_expire)
    )));
    let mut t = Table::new(&[
        ("Host", 0.22),
        ("Address", 0.2),
        ("Closed after the install", 0.29),
        ("Stay open to the deployment", 0.29),
    ]);
    for h in hosts
        .iter()
        .filter(|h| h.rules.iter().any(|r| r.kind == FlowKind::Install))
    {
        let cells = a.cells(h.row);
        let only: Vec<PortRange> = cells
            .iter()
            .filter(|c| c.during_install && !c.in_operation)
            .map(|c| c.port)
            .collect();
        let stay: Vec<PortRange> = cells
            .iter()
            .filter(|c| c.during_install && c.in_operation)
            .map(|c| c.port)
            .collect();
        let host = &a.hosts[h.row];
        t.row([
            host.name.clone(),
            host.address.clone(),
            ports_text(&only),
            ports_text(&stay),
        ]);
    }
    out.push(Block::Table(t));
    out.push(Block::Paragraph(format!(
        "Removal commands: on each host, the removal script (portplan export PLAN --format \
         netsh|nftables --cleanup). {}",
        if inline {
            "They follow."
        } else {
            "Appendix B lists them for every host."
        }
    )));
    if inline {
        commands(i, hosts, true, out)?;
    }
    Ok(())
}

fn commands(
    i: &Inputs,
    hosts: &[HostRules],
    cleanup: bool,
    out: &mut Vec<Block>,
) -> Result<(), ExportError> {
    let mut scripts = Vec::new();
    for h in hosts.iter().filter(|h| {
        h.rules
            .iter()
            .any(|r| !cleanup || r.kind == FlowKind::Install)
    }) {
        scripts.push((h.row, script(i, h.row, cleanup)?));
    }
    let total: usize = scripts.iter().map(|(_, s)| s.len()).sum();
    if total > PRINTED_COMMANDS_MAX {
        digests(i, &scripts, cleanup, total, out);
        return Ok(());
    }
    for (row, text) in scripts {
        let host = &i.analysis.hosts[row];
        out.push(Block::Subheading(format!(
            "{} ({}): {}",
            host.name,
            host.address,
            if cleanup {
                "removal of the install rules"
            } else {
                "rules"
            }
        )));
        out.push(Block::Code(text));
    }
    Ok(())
}

/// Too many commands to print: each host's script by the name `portplan export` gives it,
/// its size and its SHA-256, so the files attached to the change are pinned exactly.
fn digests(
    i: &Inputs,
    scripts: &[(usize, String)],
    cleanup: bool,
    total: usize,
    out: &mut Vec<Block>,
) {
    use sha2::{Digest, Sha256};
    let formats: Vec<&str> = [Os::Windows, Os::Linux]
        .into_iter()
        .filter(|os| scripts.iter().any(|(r, _)| i.analysis.hosts[*r].os == *os))
        .map(|os| script_format(os).name())
        .collect();
    out.push(Block::Paragraph(format!(
        "These scripts hold {:.1} MB of commands, too many to print. Write them with portplan \
         export PLAN --format {}{} -o FOLDER and attach the folder to the change; the SHA-256 of \
         each file (sha256sum, Get-FileHash) proves it is the one listed here.",
        total as f64 / 1e6,
        formats.join("|"),
        if cleanup { " --cleanup" } else { "" }
    )));
    let mut t = Table::new(&[
        ("Host", 0.22),
        ("File", 0.24),
        ("Lines", 0.08),
        ("SHA-256", 0.46),
    ]);
    for (row, text) in scripts {
        let h = &i.analysis.hosts[*row];
        let hash: String = Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        t.row([
            format!("{} ({})", h.name, h.address),
            super::file_name(script_format(h.os), h, cleanup),
            text.lines().count().to_string(),
            hash,
        ]);
    }
    out.push(Block::Table(t));
}

fn implementation_section(
    i: &Inputs,
    hosts: &[HostRules],
    inline: bool,
    out: &mut Vec<Block>,
) -> Result<(), ExportError> {
    let cr = &i.plan.change_request;
    out.push(Block::Heading("7. Implementation steps".into()));
    let steps = [
        format!(
            "Before the window{}: from the installer host, run the verification probes of \
             section 8 to record that the ports are not open yet.",
            if cr.window_start.trim().is_empty() {
                String::new()
            } else {
                format!(" ({})", cr.window_start.trim())
            }
        ),
        format!(
            "Write the scripts: portplan export PLAN --format netsh -o DIR for the Windows hosts, \
             --format nftables for the Linux hosts. Run each host's script on that host as \
             administrator (Windows) or root (Linux: nft -f FILE). The scripts are safe to run \
             twice. {}",
            if inline {
                "Their commands follow."
            } else {
                "Appendix A lists the commands of every host."
            }
        ),
        "Verify (section 8, after the rules): every probe must find its port open.".into(),
        "Install ScaleIO from the installer host.".into(),
        format!(
            "By {}: run the removal scripts (section 6), then verify again: the installer's \
             probes of install-only ports must fail.",
            or_unset(&cr.install_rules_expire)
        ),
    ];
    for (n, s) in steps.iter().enumerate() {
        out.push(Block::Paragraph(format!("{}. {s}", n + 1)));
    }
    if inline {
        commands(i, hosts, false, out)?;
    }
    Ok(())
}

fn verification_section(i: &Inputs, out: &mut Vec<Block>) {
    let a = i.analysis;
    out.push(Block::Heading("8. Verification plan".into()));
    out.push(Block::Paragraph(
        "Probe from each source host with the script portplan writes for it: portplan \
         probe-script PLAN --from HOST --shell sh|powershell -o FILE, run on HOST; it writes a \
         CSV that portplan probe PLAN --import FILE (or the app's Import probe results) reads \
         back. From the machine portplan runs on, portplan probe PLAN tests every port at once."
            .into(),
    ));
    let mut t = Table::new(&[
        ("When", 0.2),
        ("From", 0.2),
        ("Ports", 0.35),
        ("Expected", 0.25),
    ]);
    let installer_names: Vec<&str> = a
        .installers()
        .iter()
        .map(|&r| a.hosts[r].name.as_str())
        .collect();
    let installers = if installer_names.is_empty() {
        "(no installer)".to_string()
    } else {
        installer_names.join(", ")
    };
    t.row([
        "After the rules",
        &installers,
        "every port each target needs during the install",
        "open",
    ]);
    t.row([
        "After the rules",
        "each deployment host",
        "the operation ports of every other deployment host",
        "open",
    ]);
    t.row([
        "After the removal",
        &installers,
        "the install-only ports of every target (table below)",
        "not open (closed or filtered)",
    ]);
    t.row([
        "After the removal",
        "each deployment host",
        "the operation ports of every other deployment host",
        "open",
    ]);
    out.push(Block::Table(t));
    let mut after = Table::new(&[
        ("Host", 0.3),
        ("Address", 0.3),
        ("Must fail after the removal", 0.4),
    ]);
    // The installer keeps the ports that stay open when it is a deployment host itself.
    let installer_stays = a
        .installers()
        .iter()
        .all(|&s| a.hosts[s].roles.is_deployment());
    for (row, h) in a.hosts.iter().enumerate() {
        if a.installers().contains(&row) {
            continue;
        }
        let closed: Vec<PortRange> = a
            .cells(row)
            .iter()
            .filter(|c| c.during_install && (!c.in_operation || !installer_stays))
            .map(|c| c.port)
            .collect();
        if !closed.is_empty() {
            after.row([h.name.clone(), h.address.clone(), ports_text(&closed)]);
        }
    }
    if !after.rows.is_empty() {
        out.push(Block::Subheading(
            "Probes from the installer that must fail after the removal".into(),
        ));
        out.push(Block::Table(after));
    }
    out.push(Block::Subheading("Last test results".into()));
    let Some(e) = i.evidence else {
        out.push(Block::Paragraph(
            "No connectivity test has been run for this plan yet.".into(),
        ));
        return;
    };
    let summary = e.report.summary();
    out.push(Block::Paragraph(format!(
        "Tested {} from {}{}: {}.",
        utc(e.at),
        e.origin,
        if e.report.cancelled {
            " (cancelled before every probe ran)"
        } else {
            ""
        },
        summary
    )));
    let all = e.report.results.len() <= LISTED_PROBES_MAX;
    if !all {
        out.push(Block::Note(format!(
            "{} results; the {} not open are listed.",
            e.report.results.len(),
            summary.not_open()
        )));
    }
    let mut t = Table::new(&[
        ("Host", 0.22),
        ("Address", 0.2),
        ("Port", 0.12),
        ("Phase", 0.16),
        ("Result", 0.3),
    ]);
    for r in &e.report.results {
        if !all && matches!(r.status, Status::Open | Status::Skipped) {
            continue;
        }
        let fill = match r.status {
            Status::Open => Some(palette::PERMANENT),
            Status::Skipped => None,
            _ => Some(palette::ERROR),
        };
        t.rows.push(vec![
            Cell::from(r.target.host.clone()),
            Cell::from(r.target.address.clone()),
            Cell::from(format!("{}/{}", r.target.port, r.target.protocol)),
            Cell::from(r.target.phase.to_string()),
            Cell {
                text: if r.detail.is_empty() {
                    r.status.to_string()
                } else {
                    format!("{}: {}", r.status, r.detail)
                },
                fill,
            },
        ]);
    }
    if !t.rows.is_empty() {
        out.push(Block::Table(t));
    }
}

fn rollback_section(i: &Inputs, hosts: &[HostRules], out: &mut Vec<Block>) {
    let a = i.analysis;
    out.push(Block::Heading("9. Rollback".into()));
    out.push(Block::Paragraph(
        "To undo the change, remove every rule it added; nothing else on the hosts was changed \
         except the WMI setting of Windows hosts (winmgmt -standalonehost), which the removal \
         script gives back with REVERT_WMI=1. Per host:"
            .into(),
    ));
    let defaults = Options::default();
    let table = format!("inet {}", defaults.nft_table);
    let mut t = Table::new(&[("Host", 0.22), ("Commands", 0.78)]);
    for h in hosts.iter().filter(|h| !h.rules.is_empty()) {
        let host = &a.hosts[h.row];
        let commands: Vec<String> = match host.os {
            Os::Windows => h
                .rules
                .iter()
                .map(|r| format!("netsh advfirewall firewall delete rule name=\"{}\"", r.id))
                .collect(),
            Os::Linux => [FlowKind::Install, FlowKind::Operation]
                .into_iter()
                .filter(|k| h.rules.iter().any(|r| r.kind == *k))
                .map(|k| {
                    format!(
                        "nft flush chain {table} {}",
                        nftables::chain_name(&defaults.chain, k)
                    )
                })
                .collect(),
        };
        t.row([
            format!("{} ({})", host.name, host.address),
            commands.join("\n"),
        ]);
    }
    out.push(Block::Table(t));
    out.push(Block::Paragraph(
        "Then verify as after the removal (section 8): no probe from the installer or the \
         deployment hosts finds a port of this change open unless it was open before."
            .into(),
    ));
}

fn signoff_section(plan: &Plan, out: &mut Vec<Block>) {
    out.push(Block::Heading("10. Sign-off".into()));
    let mut t = Table::new(&[
        ("Role", 0.25),
        ("Name", 0.22),
        ("Decision", 0.15),
        ("Signature", 0.23),
        ("Date", 0.15),
    ]);
    t.min_row_height = 30.0;
    for ap in approvers(plan) {
        t.row([
            ap.role,
            ap.name,
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    out.push(Block::Table(t));
    out.push(Block::Note(
        "Post-implementation validation: attach the verification results of section 8 (after \
         the rules, and after the removal) to the change record."
            .into(),
    ));
}

fn sources_section(catalog: &Catalog, out: &mut Vec<Block>) {
    out.push(Block::Heading(
        "11. Where the requirements come from".into(),
    ));
    out.push(Block::Note(format!(
        "Catalog: {}. Source: {}",
        catalog.name, catalog.source
    )));
    let mut t = Table::new(&[
        ("Entry", 0.12),
        ("Port", 0.1),
        ("Install", 0.09),
        ("Operation", 0.1),
        ("What the source says", 0.59),
    ]);
    for p in &catalog.ports {
        let yes = |b: bool| if b { "yes" } else { "no" };
        t.row([
            format!("[{}]", p.key),
            format!("{}/{}", p.port, p.protocol),
            yes(p.during_install).into(),
            yes(p.in_operation).into(),
            p.source.clone(),
        ]);
    }
    out.push(Block::Table(t));
    let mut roles = Table::new(&[
        ("Role", 0.15),
        ("Entries", 0.3),
        ("What the source says", 0.55),
    ]);
    for r in &catalog.roles {
        roles.row([
            r.role.name().to_string(),
            r.ports.join(", "),
            r.source.clone(),
        ]);
    }
    out.push(Block::Table(roles));
}

fn appendix(
    i: &Inputs,
    hosts: &[HostRules],
    cleanup: bool,
    out: &mut Vec<Block>,
) -> Result<(), ExportError> {
    out.push(Block::PageBreak);
    out.push(Block::Heading(if cleanup {
        "Appendix B. Removal commands per host".into()
    } else {
        "Appendix A. Commands per host".into()
    }));
    commands(i, hosts, cleanup, out)
}
