//! The recovery file: the unsaved plan, written while there are unsaved changes, offered
//! back when portplan did not close normally.

use std::path::{Path, PathBuf};

use crate::files::atomic::{backup_path, write_atomically};
use crate::files::{input, plan_file};
use crate::model::Plan;

/// The recovery file: the unsaved plan, and beside it the path it belongs to.
pub struct Recovery {
    pub plan: Plan,
    pub origin: Option<PathBuf>,
    pub saved_at: Option<std::time::SystemTime>,
}

fn recovery_paths(dir: &Path) -> (PathBuf, PathBuf) {
    (dir.join("recovery.json"), dir.join("recovery-origin.txt"))
}

pub fn write(dir: &Path, plan: &Plan, origin: Option<&Path>) -> Result<(), String> {
    let (file, origin_file) = recovery_paths(dir);
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let origin = origin
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    write_atomically(&origin_file, origin.as_bytes()).map_err(|e| e.to_string())?;
    plan_file::save(plan, &file).map_err(|e| e.to_string())?;
    // Only one generation of recovery is useful.
    let _ = std::fs::remove_file(backup_path(&file));
    Ok(())
}

pub fn read(dir: &Path) -> Option<Recovery> {
    let (file, origin_file) = recovery_paths(dir);
    let plan = plan_file::load(&file).ok()?;
    let origin = input::read(&origin_file, input::Kind::AppState)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .filter(|s| !s.is_empty())
        .map(PathBuf::from);
    let saved_at = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
    Some(Recovery {
        plan,
        origin,
        saved_at,
    })
}

pub fn clear(dir: &Path) {
    let (file, origin_file) = recovery_paths(dir);
    let _ = std::fs::remove_file(file);
    let _ = std::fs::remove_file(origin_file);
}
