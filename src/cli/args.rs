//! The values the flags take, read from the core's own tables (the export formats, the
//! papers) or worded once here: clap lists them in `--help` and refuses others, and no enum
//! of the core is mirrored.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use portplan::analysis::{FlowKind, Phase};
use portplan::probe::script::Shell;
use portplan::report;

/// `--format` of `check` and `catalog`.
pub const TEXT_OR_JSON: &[(&str, report::Format)] = &[
    ("text", report::Format::Text),
    ("json", report::Format::Json),
];

/// `--format` of the reports.
pub const REPORT: &[(&str, report::Format)] = &[
    ("text", report::Format::Text),
    ("csv", report::Format::Csv),
    ("json", report::Format::Json),
];

/// `--phase`: one phase, or all.
pub const PHASE: &[(&str, Option<Phase>)] = &[
    ("install-only", Some(Phase::InstallOnly)),
    ("permanent", Some(Phase::Permanent)),
    ("all", None),
];

/// `--kind`: the install rules, the operation rules, or both.
pub const KIND: &[(&str, Option<FlowKind>)] = &[
    ("install", Some(FlowKind::Install)),
    ("operation", Some(FlowKind::Operation)),
    ("all", None),
];

/// `--shell` of probe scripts.
pub const SHELL: &[(&str, Shell)] = &[("sh", Shell::Sh), ("powershell", Shell::PowerShell)];

/// `--profile`: the ids of the built-in profiles.
pub fn profile() -> impl TypedValueParser<Value = String> {
    PossibleValuesParser::new(portplan::model::Catalog::profile_ids())
}

/// A flag whose values are the names in `table`.
pub fn choice<T: Clone + Send + Sync + 'static>(
    table: &'static [(&'static str, T)],
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(table.iter().map(|(name, _)| *name)).map(move |name| {
        table
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .expect("clap accepted only names of the table")
    })
}

/// A flag whose values are the names of a core type's `ALL` list.
pub fn named<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(all.iter().map(|v| name(*v))).map(move |text| {
        all.iter()
            .copied()
            .find(|v| name(*v) == text)
            .expect("clap accepted only names of the list")
    })
}
