//! `portplan matrix`, `flows` and `catalog`: the analysis and the catalog as text, CSV or
//! JSON.

use std::io::Write;
use std::path::Path;

use portplan::analysis::Phase;
use portplan::model::Catalog;
use portplan::report::{self, Format};

use super::{Failure, analyze, note_errors};

pub fn matrix(
    plan: &Path,
    format: Format,
    phase: Option<Phase>,
    catalog: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (_, _, analysis) = analyze(plan, catalog)?;
    note_errors(&analysis, plan);
    match format {
        Format::Text => report::matrix::write_text(out, &analysis, phase),
        Format::Csv => report::matrix::write_csv(out, &analysis, 0..analysis.hosts.len(), phase),
        Format::Json => report::matrix::write_json(out, &analysis, phase),
    }
    .map_err(Failure::from_io)
}

pub fn flows(
    plan: &Path,
    format: Format,
    catalog: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (_, _, analysis) = analyze(plan, catalog)?;
    note_errors(&analysis, plan);
    match format {
        Format::Text => report::flows::write_text(out, &analysis),
        Format::Csv => {
            let csv = portplan::export::Format::Csv;
            if let Some(note) = portplan::export::tables::size_note(csv, &analysis, None) {
                eprintln!("note: {note}");
            }
            report::flows::write_csv(out, &analysis, None)
        }
        Format::Json => report::flows::write_json(out, &analysis),
    }
    .map_err(Failure::from_io)
}

/// What `portplan catalog` shows.
pub enum Shown<'a> {
    /// The built-in profiles.
    List,
    /// One built-in profile, by id.
    Profile(String),
    /// A catalog file (`--catalog`), or the seed's.
    Catalog(Option<&'a Path>),
}

pub fn catalog(shown: Shown, format: Format, out: &mut dyn Write) -> Result<(), Failure> {
    let catalog = match shown {
        Shown::List => {
            let profiles = Catalog::profiles();
            return match format {
                Format::Json => report::catalog::write_list_json(out, &profiles),
                Format::Text | Format::Csv => report::catalog::write_list_text(out, &profiles),
            }
            .map_err(Failure::from_io);
        }
        Shown::Profile(id) => Catalog::profile(&id).ok_or("no such profile")?,
        Shown::Catalog(Some(path)) => Catalog::load(path)?,
        Shown::Catalog(None) => Catalog::builtin(),
    };
    match format {
        Format::Json => report::catalog::write_json(out, &catalog),
        // --format offers text and json only.
        Format::Text | Format::Csv => report::catalog::write_text(out, &catalog),
    }
    .map_err(Failure::from_io)
}
