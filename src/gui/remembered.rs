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
        std::fs::read(dir.join("state.json"))
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
