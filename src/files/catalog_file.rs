//! Catalog files: read through the bounded reader (a catalog is at most 1 MiB, and a regular
//! file: a plan may name any path as its catalog, `/dev/zero` included), then parsed.

use std::path::Path;

use super::input::{self, Kind};
use crate::model::{Catalog, CatalogError};

impl Catalog {
    /// Reads and validates the catalog file at `path`.
    pub fn load(path: &Path) -> Result<Catalog, CatalogError> {
        let origin = path.display().to_string();
        let bytes = input::read(path, Kind::Catalog).map_err(|source| CatalogError::Read {
            path: origin.clone(),
            source,
        })?;
        let invalid = |message: String| CatalogError::Invalid {
            origin: origin.clone(),
            message,
        };
        if let Some(problem) = input::not_text(&bytes) {
            return Err(invalid(problem.to_string()));
        }
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            invalid(format!(
                "not UTF-8 text (byte {}): save it as UTF-8",
                e.valid_up_to()
            ))
        })?;
        Catalog::from_toml(text.strip_prefix('\u{feff}').unwrap_or(text), &origin)
    }

    /// The catalog a plan names in `settings.catalog`: a built-in profile's id, or a file
    /// path relative to the plan's folder `base`.
    pub fn resolve(reference: &str, base: &Path) -> Result<Catalog, CatalogError> {
        match Catalog::profile(reference) {
            Some(profile) => Ok(profile),
            None => Catalog::load(&base.join(reference)),
        }
    }
}
