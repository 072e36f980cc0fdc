//! Findings: what is wrong (errors: exports refuse the plan) or doubtful (warnings) in a plan.

use std::fmt;

use serde::Serialize;

use crate::model::HostId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// A stable name for the kind of finding, for scripts: "duplicate-address".
    pub code: &'static str,
    /// The host it is about, if any.
    pub host: Option<HostId>,
    pub message: String,
}
