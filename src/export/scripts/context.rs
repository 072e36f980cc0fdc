//! What every script generator gets: the host's row, its rules, the options, and the header
//! line every script starts with.

use crate::analysis::{Analysis, FlowKind, HostRow};
use crate::export::options::Options;
use crate::export::rules::{self, Rule};
use crate::model::{Plan, WmiMode};
use crate::quote;

/// What every script generator gets.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub analysis: &'a Analysis,
    pub row: usize,
    pub rules: Vec<Rule<'a>>,
    pub options: &'a Options,
}

impl<'a> Context<'a> {
    /// The context of the host in analysis row `row`, with its rules for the options' kind.
    pub fn new(plan: &'a Plan, analysis: &'a Analysis, row: usize, options: &'a Options) -> Self {
        Context {
            plan,
            analysis,
            row,
            rules: rules::for_host(plan, analysis, row, options.rules_kind()),
            options,
        }
    }

    pub fn host(&self) -> &HostRow {
        &self.analysis.hosts[self.row]
    }

    /// The seed's WMI block belongs in the install script of a Windows host that needs the
    /// (fixed) WMI port.
    pub fn fixes_wmi(&self) -> bool {
        self.plan.settings.wmi.mode == WmiMode::Fixed
            && self.options.kind != Some(FlowKind::Operation)
            && self
                .analysis
                .cells(self.row)
                .iter()
                .any(|c| c.keys.iter().any(|k| k == "wmi"))
    }

    /// The first comment line of a script: what it is, for which host, plan and change
    /// request (so a script on a host leads back to its approval).
    pub fn header(&self, comment: &str) -> String {
        let host = self.host();
        let cr = self.plan.change_request.id.trim();
        format!(
            "{comment} portplan {}: {} for {} ({}), plan {}{}.\n",
            env!("CARGO_PKG_VERSION"),
            self.kinds_text(),
            quote::safe_text(&host.name),
            host.address,
            quote::safe_text(&self.plan.name),
            if cr.is_empty() {
                String::new()
            } else {
                format!(", change request {}", quote::safe_text(cr))
            }
        )
    }

    /// "install and operation rules", for headers.
    pub fn kinds_text(&self) -> &'static str {
        match (self.options.cleanup, self.options.kind) {
            (true, _) => "removal of the install rules",
            (false, None) => "install and operation rules",
            (false, Some(FlowKind::Install)) => "install rules",
            (false, Some(FlowKind::Operation)) => "operation rules",
        }
    }
}
