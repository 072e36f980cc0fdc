//! Renderings of an analysis for people (text) and for scripts (CSV, JSON). The CLI prints
//! them; the GUI copies the same CSV. The JSON layouts are documented in the README and kept
//! stable.

pub mod catalog;
pub mod findings;
pub mod flows;
pub mod matrix;

use crate::analysis::Phase;

/// `--format` of the reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Csv,
    Json,
}

/// Which ports a matrix shows: one phase, or all (`None`).
pub type PhaseFilter = Option<Phase>;

/// How many sources a text report lists before it says "(+N more)": the text is for reading,
/// the CSV and JSON carry every address.
pub const TEXT_SOURCES: usize = 4;

/// "a, b, c, d (+12 more)"
fn abbreviated<'a>(items: impl Iterator<Item = &'a str>, keep: usize) -> String {
    let mut shown = Vec::new();
    let mut more = 0usize;
    for item in items {
        if shown.len() < keep {
            shown.push(item);
        } else {
            more += 1;
        }
    }
    let mut text = if shown.is_empty() {
        "-".to_string()
    } else {
        shown.join(", ")
    };
    if more > 0 {
        text.push_str(&format!(" (+{more} more)"));
    }
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn abbreviates() {
        let v = ["a", "b", "c"];
        assert_eq!(super::abbreviated(v.into_iter(), 2), "a, b (+1 more)");
        assert_eq!(super::abbreviated(v.into_iter(), 3), "a, b, c");
        assert_eq!(super::abbreviated(std::iter::empty(), 3), "-");
    }
}
