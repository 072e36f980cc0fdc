//! Renderings of an analysis for people (text) and for scripts (CSV, JSON). The CLI prints
//! them; the GUI copies the same CSV. The JSON layouts are documented in the README and kept
//! stable.

pub mod catalog;
pub mod findings;
pub mod flows;
pub mod matrix;
mod source_counts;

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

/// "1 warning", "2 warnings", "0 errors": a count with its noun, singular for one.
pub fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// "0 errors, 1 warning": the findings' count, as every face prints it.
pub fn findings_count(a: &crate::analysis::Analysis) -> String {
    format!(
        "{}, {}",
        counted(a.errors(), "error"),
        counted(a.warnings(), "warning")
    )
}

/// "a, b, c, d (+12 more)": the first `keep` of `items`, of `total` in all, each escaped for
/// a terminal. Only the shown items are walked: the total comes from
/// [`source_counts`](source_counts::SourceCounts), so a long list costs no more than a short one.
fn abbreviated<'a>(items: impl Iterator<Item = &'a str>, total: usize, keep: usize) -> String {
    let shown: Vec<_> = items.take(keep).map(crate::quote::terminal).collect();
    let mut text = if shown.is_empty() {
        "-".to_string()
    } else {
        shown.join(", ")
    };
    let more = total.saturating_sub(shown.len());
    if more > 0 {
        text.push_str(&format!(" (+{more} more)"));
    }
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_with_a_singular_for_one() {
        assert_eq!(super::counted(1, "warning"), "1 warning");
        assert_eq!(super::counted(0, "error"), "0 errors");
        assert_eq!(super::counted(2, "host"), "2 hosts");
    }

    #[test]
    fn abbreviates() {
        let v = ["a", "b", "c"];
        assert_eq!(super::abbreviated(v.into_iter(), 3, 2), "a, b (+1 more)");
        assert_eq!(super::abbreviated(v.into_iter(), 3, 3), "a, b, c");
        assert_eq!(super::abbreviated(std::iter::empty(), 0, 3), "-");
        assert_eq!(super::abbreviated(["\u{1b}"].into_iter(), 1, 3), "\\x1b");
    }
}
