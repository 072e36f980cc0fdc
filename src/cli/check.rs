//! `portplan check`: what is wrong with a plan, or doubtful; exit 1 when something is wrong.

use std::io::Write;
use std::path::Path;

use portplan::report::{self, Format};

use super::{Failure, analyze};

pub fn run(
    plan: &Path,
    format: Format,
    catalog: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (_, _, analysis) = analyze(plan, catalog)?;
    match format {
        Format::Json => report::findings::write_json(out, &analysis),
        // --format offers text and json only.
        Format::Text | Format::Csv => report::findings::write_text(out, &analysis),
    }
    .map_err(Failure::from_io)?;
    if analysis.errors() > 0 {
        out.flush().map_err(Failure::from_io)?;
        return Err(Failure::NotReady);
    }
    Ok(())
}
