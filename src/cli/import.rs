//! `portplan import`: a CSV inventory becomes a plan file.

use std::io::Write;
use std::path::Path;

use portplan::analysis::Analysis;
use portplan::files::input::{self, Kind};
use portplan::files::{inventory, plan_file};
use portplan::model::SourcePolicy;
use portplan::report;

use super::{Failure, load_catalog};

/// What the new plan is set to.
pub struct Settings {
    /// The plan's name (default: the inventory's file name).
    pub name: Option<String>,
    /// A built-in profile's id.
    pub profile: String,
    pub sources: SourcePolicy,
}

pub fn run(
    inventory: &Path,
    output: &Path,
    settings: Settings,
    catalog: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let Settings {
        name,
        profile,
        sources,
    } = settings;
    super::refuse_inputs(
        portplan::files::outputs::Output::File(output),
        &[("the inventory", Some(inventory)), ("the catalog", catalog)],
    )?;
    let bytes = input::read(inventory, Kind::Inventory)
        .map_err(|e| format!("{}: cannot read: {e}", inventory.display()))?;
    let name = name.unwrap_or_else(|| {
        inventory
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Imported plan".into())
    });
    let mut plan = inventory::import(&bytes, &name).map_err(|e| {
        // One line per bad row, each naming the file.
        let lines: Vec<String> =
            e.0.iter()
                .map(|row| format!("{}: {row}", inventory.display()))
                .collect();
        lines.join("\nportplan: ")
    })?;
    plan.settings.catalog = profile;
    plan.settings.sources = sources;
    plan_file::save(&plan, output)?;
    let analysis = Analysis::new(&plan, &load_catalog(catalog, &plan, output)?);
    writeln!(
        out,
        "wrote {}: {}, {}{}",
        output.display(),
        report::counted(plan.hosts.len(), "host"),
        report::findings_count(&analysis),
        if analysis.findings.is_empty() {
            ""
        } else {
            " (portplan check tells which)"
        }
    )
    .map_err(Failure::from_io)
}
