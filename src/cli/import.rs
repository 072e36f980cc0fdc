//! `portplan import`: a CSV inventory becomes a plan file.

use std::io::Write;
use std::path::Path;

use portplan::analysis::Analysis;
use portplan::files::{inventory, plan_file};

use super::{Failure, load_catalog};

pub fn run(
    inventory: &Path,
    output: &Path,
    name: Option<String>,
    catalog: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let bytes = std::fs::read(inventory)
        .map_err(|e| format!("{}: cannot read: {e}", inventory.display()))?;
    let name = name.unwrap_or_else(|| {
        inventory
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Imported plan".into())
    });
    let plan = inventory::import(&bytes, &name).map_err(|e| {
        // One line per bad row, each naming the file.
        let lines: Vec<String> =
            e.0.iter()
                .map(|row| format!("{}: {row}", inventory.display()))
                .collect();
        lines.join("\nportplan: ")
    })?;
    plan_file::save(&plan, output)?;
    let analysis = Analysis::new(&plan, &load_catalog(catalog, &plan, output)?);
    writeln!(
        out,
        "wrote {}: {} hosts, {} errors, {} warnings{}",
        output.display(),
        plan.hosts.len(),
        analysis.errors(),
        analysis.warnings(),
        if analysis.findings.is_empty() {
            ""
        } else {
            " (portplan check tells which)"
        }
    )
    .map_err(Failure::from_io)
}
