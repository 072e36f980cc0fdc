//! Section 9's evidence: the last connectivity test, the machine it ran on, and each result
//! judged pass or fail against what the verification plan expects of it.

use std::net::IpAddr;

use super::shared::must_fail_after_removal;
use crate::analysis::Analysis;
use crate::export::documents::blocks::{Block, Cell, Table};
use crate::export::options::Inputs;
use crate::look::palette;
use crate::model::change_window;
use crate::model::timestamp::utc;
use crate::probe::evidence::{Evidence, Origin};
use crate::probe::results::{ProbeResult, Status, Summary};
use crate::probe::stale::stale_hosts;

/// Above this many probe results, only those that fail are listed.
const LISTED_PROBES_MAX: usize = 150;

/// What the verification plan expects of one probe.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expected {
    Open,
    /// Closed, filtered or rejected: an install-only port after the removal.
    NotOpen,
}

impl Expected {
    fn name(self) -> &'static str {
        match self {
            Expected::Open => "open",
            Expected::NotOpen => "not open",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Pass,
    Fail,
    /// Skipped: the probe could not test the port (a range, UDP).
    NotProbed,
}

impl Verdict {
    fn of(status: Status, expected: Expected) -> Verdict {
        match (status, expected) {
            (Status::Skipped, _) => Verdict::NotProbed,
            (Status::Open, Expected::Open) => Verdict::Pass,
            (Status::Closed | Status::Filtered | Status::Unreachable, Expected::NotOpen) => {
                Verdict::Pass
            }
            // A name that did not resolve or an error proves neither.
            _ => Verdict::Fail,
        }
    }

    fn cell(self) -> Cell {
        let (text, fill) = match self {
            Verdict::Pass => ("pass", Some(palette::PERMANENT)),
            Verdict::Fail => ("fail", Some(palette::ERROR)),
            Verdict::NotProbed => ("not probed", None),
        };
        Cell {
            text: text.into(),
            fill,
        }
    }
}

/// How the rows of a test are judged.
struct Judge<'a> {
    a: &'a Analysis,
    /// The test ran after the day the install rules expire: they should be gone.
    after_removal: bool,
    /// Probes from this machine count as the installer's, unless it is another plan host.
    here_is_installer: bool,
}

impl Judge<'_> {
    fn expected(&self, r: &ProbeResult) -> Expected {
        if !self.after_removal {
            return Expected::Open;
        }
        let from_installer = match &r.from {
            Some(from) => self
                .a
                .installers()
                .iter()
                .any(|&i| self.a.hosts[i].name == *from),
            None => self.here_is_installer,
        };
        let Some(row) = self.a.hosts.iter().position(|h| h.name == r.target.host) else {
            return Expected::Open;
        };
        let closes = self
            .a
            .cells(row)
            .iter()
            .any(|c| c.port == r.target.port && must_fail_after_removal(self.a, c));
        if from_installer && closes {
            Expected::NotOpen
        } else {
            Expected::Open
        }
    }
}

/// The plan hosts whose address is one of `addresses`.
fn plan_hosts_at(a: &Analysis, addresses: &[IpAddr]) -> Vec<usize> {
    (0..a.hosts.len())
        .filter(|&row| {
            a.hosts[row]
                .address
                .parse::<IpAddr>()
                .is_ok_and(|ip| addresses.contains(&ip))
        })
        .collect()
}

/// "this machine: ws-42, 192.0.2.5 (the plan's host install01)", or the plan hosts a probe
/// script ran on with their addresses.
fn probed_from(a: &Analysis, origin: &Origin) -> String {
    match origin {
        Origin::Here(m) => {
            let hosts: Vec<&str> = plan_hosts_at(a, &m.addresses)
                .into_iter()
                .map(|r| a.hosts[r].name.as_str())
                .collect();
            format!(
                "this machine, where portplan ran the test: host name {}, addresses {}{}",
                if m.name.is_empty() {
                    "(unknown)"
                } else {
                    &m.name
                },
                if m.addresses.is_empty() {
                    "(unknown)".to_string()
                } else {
                    m.addresses
                        .iter()
                        .map(IpAddr::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                if hosts.is_empty() {
                    "; not a host of the plan".to_string()
                } else {
                    format!("; the plan's host {}", hosts.join(", "))
                }
            )
        }
        Origin::PlanHosts(names) => {
            let named: Vec<String> = names
                .iter()
                .map(|n| match a.hosts.iter().find(|h| h.name == *n) {
                    Some(h) => format!("{n} ({})", h.address),
                    None => format!("{n} (not a host of the plan)"),
                })
                .collect();
            format!(
                "the plan host{} the probe script ran on: {}",
                if names.len() == 1 { "" } else { "s" },
                named.join(", ")
            )
        }
        Origin::Described(s) => s.clone(),
    }
}

pub(super) fn last_test(i: &Inputs, out: &mut Vec<Block>) {
    let a = i.analysis;
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
    let judge = judge(i, e);
    let verdicts: Vec<(Expected, Verdict)> = fresh
        .iter()
        .map(|r| {
            let x = judge.expected(r);
            (x, Verdict::of(r.status, x))
        })
        .collect();
    let count = |v: Verdict| verdicts.iter().filter(|(_, x)| *x == v).count();
    let (pass, fail, skipped) = (
        count(Verdict::Pass),
        count(Verdict::Fail),
        count(Verdict::NotProbed),
    );
    out.push(Block::Fields(vec![
        ("Probed from".into(), probed_from(a, &e.origin)),
        ("Expected".into(), expectation(i, &judge)),
        (
            "Against the plan".into(),
            format!(
                "{pass} pass, {fail} fail{}",
                if skipped > 0 {
                    format!(", {skipped} not probed")
                } else {
                    String::new()
                }
            ),
        ),
    ]));
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
            "{} results; the {fail} that fail are listed.",
            fresh.len()
        )));
    }
    let mut t = Table::new(&[
        ("Host", 0.17),
        ("Address", 0.16),
        ("Port", 0.11),
        ("Phase", 0.13),
        ("Result", 0.23),
        ("Expected", 0.1),
        ("Verdict", 0.1),
    ]);
    for (r, (expected, verdict)) in fresh.iter().zip(verdicts) {
        if !all && verdict != Verdict::Fail {
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
            Cell::from(expected.name()),
            verdict.cell(),
        ]);
    }
    if !t.rows.is_empty() {
        out.push(Block::Table(t));
    }
}

/// Which checks of the verification plan the test is held to: after the rules, every port
/// open; after the day the install rules expire, the installer's probes of install-only
/// ports closed.
fn judge<'a>(i: &Inputs<'a>, e: &Evidence) -> Judge<'a> {
    let a = i.analysis;
    let expire = i.plan.change_request.install_rules_expire.trim();
    // Dates compared by day (YYYY-MM-DD orders as text): a zone after the expiry moves it by
    // hours at most, and a test on the day itself is still held to "after the rules".
    let after_removal = change_window::parse(expire).is_ok() && utc(e.at)[..10] > expire[..10];
    let here_is_installer = match &e.origin {
        Origin::Here(m) => {
            let hosts = plan_hosts_at(a, &m.addresses);
            hosts.is_empty() || hosts.iter().any(|r| a.installers().contains(r))
        }
        _ => true,
    };
    Judge {
        a,
        after_removal,
        here_is_installer,
    }
}

fn expectation(i: &Inputs, judge: &Judge) -> String {
    if judge.after_removal {
        format!(
            "after the removal (tested after the install rules expired on {}): the installer's \
             probes of the ports in the table above must fail, every other probe must find \
             its port open",
            i.plan.change_request.install_rules_expire.trim()
        )
    } else {
        "after the rules: every probe must find its port open".into()
    }
}
