//! Which folders an export may replace. An export folder holds one export, whole: a new one
//! replaces the folder (`files::atomic::replace_folder`), so the scripts of removed or renamed
//! hosts go with it. A folder is replaced only when nothing in it would be lost: it is new or
//! empty, or every file in it is one an export wrote there, as its `index.txt` says.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;

/// The index every export folder holds: the scripts, one a line.
pub const INDEX: &str = "index.txt";

/// What the systems' file managers leave in a folder someone looked at: nothing to keep.
const LEFT_BY_FILE_MANAGERS: [&str; 3] = [".DS_Store", "Thumbs.db", "desktop.ini"];

/// Whether an export may replace the folder `dir`: `Err` says why not, naming the files an
/// export did not write. Older portplans wrote into the folder file by file, each with a
/// `.bak`, and kept the previous index as `index.txt.bak`: those are an export's files too.
pub fn replaceable(dir: &Path) -> Result<(), String> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
            return Err(format!("{}: is a file, not a folder", dir.display()));
        }
        Err(e) => return Err(format!("{}: cannot read the folder: {e}", dir.display())),
    };
    let mut ours = listed(&dir.join(INDEX));
    ours.extend(listed(&dir.join(format!("{INDEX}.bak"))));
    let mut foreign = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: cannot read the folder: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let base = name.strip_suffix(".bak").unwrap_or(&name);
        let file = entry.file_type().is_ok_and(|t| t.is_file());
        if !(file && (ours.contains(base) || LEFT_BY_FILE_MANAGERS.contains(&base))) {
            foreign.push(name);
        }
    }
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    let shown: Vec<String> = foreign
        .iter()
        .take(5)
        .map(|n| n.escape_debug().to_string())
        .collect();
    Err(format!(
        "{}: holds {} no export wrote ({}{}): an export replaces the whole folder; choose a new \
         or empty folder, or one an export wrote",
        dir.display(),
        match foreign.len() {
            1 => "a file".to_string(),
            n => format!("{n} files"),
        },
        shown.join(", "),
        if foreign.len() > shown.len() {
            ", …"
        } else {
            ""
        }
    ))
}

/// The files an export's index names, and the index itself; nothing when `index` is not an
/// export's index. Each line after the first names a script in its first column (`-`: a
/// host with no script).
fn listed(index: &Path) -> HashSet<String> {
    let Ok(text) = fs::read_to_string(index) else {
        return HashSet::new();
    };
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    if !(header.starts_with("portplan ") && header.contains(" export of plan ")) {
        return HashSet::new();
    }
    lines
        .filter_map(|line| line.split('\t').next())
        .filter(|name| !name.is_empty() && *name != "-")
        .map(str::to_string)
        .chain([INDEX.to_string()])
        .collect()
}
