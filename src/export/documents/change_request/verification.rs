//! Section 9: how the change is verified, with the last connectivity test as evidence.

use super::shared::ports_text;
use crate::export::documents::blocks::{Block, Cell, Table};
use crate::export::options::Inputs;
use crate::look::palette;
use crate::model::PortRange;
use crate::model::timestamp::utc;
use crate::probe::results::{ProbeResult, Status, Summary};
use crate::probe::stale::stale_hosts;

/// Above this many probe results, only those not open are listed.
const LISTED_PROBES_MAX: usize = 150;

pub(super) fn verification_section(i: &Inputs, out: &mut Vec<Block>) {
    let a = i.analysis;
    out.push(Block::Heading("9. Verification plan".into()));
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
        "the operation ports its flows reach (section 5)",
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
        "the operation ports its flows reach (section 5)",
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
    // Results of a host changed since the test (address, ports) say nothing of the plan.
    let stale = stale_hosts(&e.report, a);
    let fresh: Vec<&ProbeResult> = e
        .report
        .results
        .iter()
        .filter(|r| !stale.contains(&r.target.host))
        .collect();
    let summary = Summary::of(fresh.iter().copied());
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
    if !stale.is_empty() {
        const NAMED: usize = 10;
        let mut names: Vec<String> = stale.iter().take(NAMED).cloned().collect();
        if stale.len() > NAMED {
            names.push(format!("{} more hosts", stale.len() - NAMED));
        }
        out.push(Block::Note(format!(
            "Stale results left out ({} of {}): {} changed since the test (address, roles or \
             ports); test again.",
            e.report.results.len() - fresh.len(),
            e.report.results.len(),
            names.join(", ")
        )));
    }
    let all = fresh.len() <= LISTED_PROBES_MAX;
    if !all {
        out.push(Block::Note(format!(
            "{} results; the {} not open are listed.",
            fresh.len(),
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
    for r in fresh {
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
