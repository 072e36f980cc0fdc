//! The app's connectivity test: the state machine around a probe [`Session`] (idle, running,
//! done) and the last result, indexed for the matrix and the cards. Its table is
//! [`super::views::connectivity`]; tokio stays inside the session.

use std::collections::{BTreeSet, HashMap};

use crate::analysis::{Analysis, Phase};
use crate::probe::session::{Progress, Session};
use crate::probe::{self, Evidence, Status};

#[derive(Default)]
pub struct ConnectivityTest {
    running: Option<Session>,
    /// Which phase the next test covers (all with `None`).
    pub phase: Option<Phase>,
    pub options: probe::Options,
    last: Option<Evidence>,
    /// Bumped whenever `last` changes, so views can cache what they derive from it.
    revision: u64,
    /// (host name, port) -> status and where it was seen from.
    by_cell: HashMap<(String, u16), (Status, Option<String>)>,
    /// host name -> (open, probed).
    by_host: HashMap<String, (usize, usize)>,
    /// The hosts whose results the plan has outgrown (address, roles or ports changed), as of
    /// (analysis revision, result revision) `stale_for`.
    stale: BTreeSet<String>,
    stale_for: Option<(u64, u64)>,
}

impl ConnectivityTest {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// How far the running test is.
    pub fn progress(&self) -> Option<Progress> {
        self.running.as_ref().map(Session::progress)
    }

    /// The last finished test or imported result file.
    pub fn last(&self) -> Option<&Evidence> {
        self.last.as_ref()
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The status of a cell, from the last test or import.
    pub fn status(&self, host: &str, port: u16) -> Option<(Status, Option<&str>)> {
        self.by_cell
            .get(&(host.to_string(), port))
            .map(|(s, from)| (*s, from.as_deref()))
    }

    /// Whether a host changed (address, roles, ports) since its results were taken.
    pub fn is_stale(&self, host: &str) -> bool {
        self.stale.contains(host)
    }

    /// The hosts whose results are stale.
    pub fn stale(&self) -> &BTreeSet<String> {
        &self.stale
    }

    /// Compares the results with the plan as it is now (`a`, of analysis revision
    /// `analysed`); cheap when neither changed.
    pub fn check_stale(&mut self, analysed: u64, a: &Analysis) {
        let key = (analysed, self.revision);
        if self.stale_for == Some(key) {
            return;
        }
        self.stale = self
            .last
            .as_ref()
            .map(|e| probe::stale_hosts(&e.report, a))
            .unwrap_or_default();
        self.stale_for = Some(key);
    }

    /// (open, probed) of a host.
    pub fn host_counts(&self, host: &str) -> Option<(usize, usize)> {
        self.by_host.get(host).copied()
    }

    /// Starts a test of the matrix cells of `phase`; returns why not, if it cannot start.
    pub fn start(&mut self, ctx: &egui::Context, a: &Analysis) -> Result<(), String> {
        if self.running.is_some() {
            return Err("a test is already running".into());
        }
        let targets = probe::targets::from_matrix(a, self.phase, &[])?;
        if targets.is_empty() {
            return Err("nothing to test: no host needs a port in this phase".into());
        }
        let ctx = ctx.clone();
        let session = Session::start(targets, self.options, move || ctx.request_repaint())
            .map_err(|e| format!("cannot start the probe engine: {e}"))?;
        self.running = Some(session);
        Ok(())
    }

    pub fn cancel(&mut self) {
        if let Some(s) = &self.running {
            s.cancel();
        }
    }

    /// Takes what the engine sent since the last frame; true when a test just finished.
    pub fn poll(&mut self) -> bool {
        let Some(report) = self.running.as_mut().and_then(Session::poll) else {
            return false;
        };
        self.running = None;
        self.show(Evidence::from_here(report));
        true
    }

    /// Shows a result: a finished test or an imported file.
    pub fn show(&mut self, evidence: Evidence) {
        self.by_cell.clear();
        self.by_host.clear();
        for r in &evidence.report.results {
            self.by_cell.insert(
                (r.target.host.clone(), r.target.port.start),
                (r.status, r.from.clone()),
            );
            if r.status != Status::Skipped {
                let counts = self.by_host.entry(r.target.host.clone()).or_default();
                counts.1 += 1;
                counts.0 += usize::from(r.status == Status::Open);
            }
        }
        self.last = Some(evidence);
        self.revision += 1;
    }
}
