//! Evidence: the results of a connectivity test with when and where it ran. The app's
//! connectivity view, the CLI's `probe --import` and the change request's verification
//! section all read this one type.

use std::path::Path;
use std::time::SystemTime;

use super::results::Report;
use crate::model::timestamp::unix_seconds;

/// The last connectivity test, when there is one.
#[derive(Clone, Debug)]
pub struct Evidence {
    pub report: Report,
    /// Seconds since 1970 (UTC).
    pub at: i64,
    /// Where the probes ran: "this machine", or the hosts named in an imported result file.
    pub origin: String,
}

impl Evidence {
    /// A test just run from this machine.
    pub fn from_here(report: Report) -> Evidence {
        Evidence {
            report,
            at: unix_seconds(SystemTime::now()),
            origin: "this machine".into(),
        }
    }

    /// The results a probe script (or `probe --format csv`) wrote: taken when the file was
    /// last written, from the hosts its rows name. Each bad row is one message naming the
    /// file.
    pub fn read(path: &Path) -> Result<Evidence, Vec<String>> {
        let bytes = std::fs::read(path)
            .map_err(|e| vec![format!("{}: cannot read: {e}", path.display())])?;
        let report = Report::read_csv(&bytes).map_err(|rows| {
            rows.iter()
                .map(|r| format!("{}: {r}", path.display()))
                .collect::<Vec<_>>()
        })?;
        let at = unix_seconds(
            std::fs::metadata(path)
                .and_then(|m| m.modified())
                .unwrap_or_else(|_| SystemTime::now()),
        );
        let mut origins: Vec<&str> = report
            .results
            .iter()
            .filter_map(|r| r.from.as_deref())
            .collect();
        origins.sort_unstable();
        origins.dedup();
        let origin = if origins.is_empty() {
            let name = path.file_name().unwrap_or(path.as_os_str());
            format!("the machine that wrote {}", name.to_string_lossy())
        } else {
            origins.join(", ")
        };
        Ok(Evidence { report, at, origin })
    }
}
