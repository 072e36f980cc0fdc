//! What a plan means for the firewall: pure functions of (plan, catalog), computed once per
//! change of the plan and read by every view and export.
//!
//! The analysis stays linear in the number of hosts: hosts with the same roles share one list
//! of cells, and the sources of a cell (which can be every other host) are not stored but
//! iterated from two sorted lists, the installers and the deployment's hosts.

mod findings;
mod flows;
mod matrix;
mod rows;
mod validate;

pub use findings::{Finding, Severity};
pub use flows::{Flow, FlowKind};
pub use matrix::{Cell, Phase};
pub use rows::{Analysis, HostRow};

use crate::model::{Catalog, Plan};

impl Analysis {
    /// The plan's analysis: every host's cells, the flows they make, and the findings.
    pub fn new(plan: &Plan, catalog: &Catalog) -> Analysis {
        let mut analysis = Analysis::build(plan, catalog);
        analysis.findings = validate::validate(plan, catalog, &analysis);
        analysis
    }
}
