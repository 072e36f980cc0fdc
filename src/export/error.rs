//! Why an export cannot be written.

use super::format::Format;
use crate::model::Os;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("the plan has errors; fix them first ('portplan check' lists them):\n{}", .0.join("\n"))]
    PlanErrors(Vec<String>),
    #[error("no host named '{0}' in the plan")]
    UnknownHost(String),
    #[error("{format} scripts are for {os} hosts, but {host} runs {actual}")]
    WrongOs {
        format: Format,
        os: Os,
        host: String,
        actual: Os,
    },
    #[error("the plan has no {0} hosts for {1} scripts")]
    NoHosts(Os, Format),
    #[error("{format} rules need IP addresses, but {host} has the DNS name '{address}'")]
    NeedsIp {
        format: Format,
        host: String,
        address: String,
    },
    #[error("{0}: {1}")]
    BadOption(&'static str, String),
    #[error("{0} covers the whole plan: leave out --host")]
    WholePlan(Format),
    #[error("cannot write the workbook: {0}")]
    Xlsx(String),
}
