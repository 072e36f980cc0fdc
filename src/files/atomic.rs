//! The one way portplan writes a file: atomically, so a crash at any moment leaves either
//! the old or the new contents at the path, with the previous file kept as `NAME.bak`. Plans,
//! exports, probe scripts and the app's own state all go through it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot save: {source}")]
pub struct SaveError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// `plan.json` -> `plan.json.bak`
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `contents` to `path` through a temporary file in the same folder, flushed to disk,
/// then renamed over the target.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), SaveError> {
    let err = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| err(std::io::Error::other("the path names no file")))?;
    if path.is_dir() {
        return Err(err(std::io::Error::other("it is a folder")));
    }
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(file_name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);

    let written = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        if path.exists() {
            let bak = backup_path(path);
            fs::copy(path, &bak)?;
            fs::File::open(&bak)?.sync_all()?;
        }
        fs::rename(&tmp, path)?;
        sync_dir(&dir);
        Ok(())
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written.map_err(err)
}

/// Makes the rename itself durable. Best effort: not every platform can open a folder.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
