//! Where an output may not go: onto an input of the same command. `portplan export plan.json
//! --format csv -o plan.json` would replace the plan with its own flows, and an export folder
//! is replaced as a whole, so a folder holding the plan would lose it. Every command that
//! writes (the CLI's and the app's exports, `import`, `probe-script`) asks [`check`] before
//! writing.

use std::fs;
use std::path::{Path, PathBuf};

use crate::model::Catalog;

/// Where a command writes.
#[derive(Clone, Copy, Debug)]
pub enum Output<'a> {
    /// One file.
    File(&'a Path),
    /// A folder, replaced as a whole.
    Folder(&'a Path),
}

/// Refuses an output that is an input of its command under any spelling (`./plan.json`,
/// `..`, a symbolic or a hard link), and a folder output that holds an input. The message
/// names both; each input is what it is ("the plan") and where. An output that does not exist
/// yet is no input (every input exists: it was read).
pub fn check(output: Output, inputs: &[(&str, &Path)]) -> Result<(), String> {
    let path = match output {
        Output::File(p) | Output::Folder(p) => p,
    };
    for (what, input) in inputs {
        let clash = if same_file(path, input) {
            "is"
        } else if matches!(output, Output::Folder(_)) && inside(input, path) {
            "holds"
        } else {
            continue;
        };
        return Err(format!(
            "{}: {clash} an input of this command ({what}, {}): choose another {}",
            path.display(),
            input.display(),
            match output {
                Output::File(_) => "file",
                Output::Folder(_) => "folder (an export replaces the whole folder)",
            }
        ));
    }
    Ok(())
}

/// The catalog file a plan's `settings.catalog` names, read relative to the plan's folder
/// `base` (as [`Catalog::resolve`] reads it), or `None` for a built-in profile.
pub fn catalog_file(reference: &str, base: &Path) -> Option<PathBuf> {
    match Catalog::profile_ids().any(|id| id == reference) {
        true => None,
        false => Some(base.join(reference)),
    }
}

/// The same file: one canonical path (links and `..` resolved), or on Unix the same device
/// and inode (a hard link). Windows has no stable way to read a file's id: hard links there
/// pass, and an atomic save replaces the output's name only, never the input's contents.
fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(x), Ok(y)) = (fs::canonicalize(a), fs::canonicalize(b))
        && x == y
    {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}

/// `path` lies somewhere under the existing folder `folder`.
fn inside(path: &Path, folder: &Path) -> bool {
    match (fs::canonicalize(path), fs::canonicalize(folder)) {
        (Ok(p), Ok(f)) => p.starts_with(f),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_that_does_not_exist_is_no_input() {
        let dir = std::env::temp_dir();
        let missing = dir.join("portplan-outputs-no-such-file.json");
        assert!(check(Output::File(&missing), &[("the plan", &missing)]).is_ok());
        assert!(check(Output::Folder(&missing), &[("the plan", &missing)]).is_ok());
    }

    #[test]
    fn a_profile_is_no_file_and_anything_else_is_one_beside_the_plan() {
        let base = Path::new("plans");
        assert_eq!(catalog_file("scaleio-seed", base), None);
        assert_eq!(
            catalog_file("site.toml", base),
            Some(PathBuf::from("plans/site.toml"))
        );
    }
}
