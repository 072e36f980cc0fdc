//! What portplan remembers between runs: the recent plans and the one open at the end.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::files::atomic::write_atomically;

/// What portplan remembers between runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Remembered {
    pub recent: Vec<PathBuf>,
    /// The plan open when portplan last closed; `None` after the example or a new plan.
    pub last: Option<PathBuf>,
}

impl Remembered {
    pub const RECENT: usize = 10;

    pub fn load(dir: &Path) -> Remembered {
        // A file of the user's folder: a FIFO or a huge file there must not hang the start.
        crate::files::input::read(&dir.join("state.json"), crate::files::input::Kind::AppState)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn store(&self, dir: &Path) {
        if std::fs::create_dir_all(dir).is_ok()
            && let Ok(text) = serde_json::to_vec_pretty(self)
        {
            let _ = write_atomically(&dir.join("state.json"), &text);
        }
    }

    pub fn opened(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(Self::RECENT);
        self.last = Some(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_remembered_reads_back_and_a_fifo_in_its_place_is_no_state() {
        let dir = tempfile::tempdir().unwrap();
        let state = Remembered {
            recent: vec![PathBuf::from("/home/a/plan.json")],
            last: Some(PathBuf::from("/home/a/plan.json")),
        };
        state.store(dir.path());
        assert_eq!(Remembered::load(dir.path()), state);
        // A FIFO would block a plain read until something writes to it: the app would never
        // start.
        #[cfg(unix)]
        {
            let path = dir.path().join("state.json");
            std::fs::remove_file(&path).unwrap();
            let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
            // SAFETY: mkfifo reads the NUL-terminated path it is given.
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
            assert_eq!(Remembered::load(dir.path()), Remembered::default());
        }
    }
}
