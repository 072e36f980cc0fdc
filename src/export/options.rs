//! What an export is made from: the user's choices ([`Options`], the paper of the documents)
//! and the inputs every generator gets ([`Inputs`]).

use std::path::Path;
use std::time::SystemTime;

use super::format::Format;
use super::progress::Progress;
use crate::analysis::{Analysis, FlowKind};
use crate::model::timestamp::unix_seconds;
use crate::model::{Catalog, Os, Plan};
use crate::probe::evidence::Evidence;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Which rules: install, operation, or both (`None`).
    pub kind: Option<FlowKind>,
    /// Write the script that removes the install rules (after the install) instead.
    pub cleanup: bool,
    /// nftables: the existing table (family inet) and input chain to jump from.
    pub nft_table: String,
    pub nft_input: String,
    /// The name our own chains start with (nftables, iptables).
    pub chain: String,
    /// The documents' paper.
    pub paper: Paper,
    /// The script format the change request's commands are written in, per OS: the one the
    /// user exports (`--windows-format`, `--linux-format`, the Export dialog's choice).
    /// Windows: netsh or PowerShell (default, as the Export dialog); Linux: nftables
    /// (default), iptables or firewalld.
    pub windows_format: Format,
    pub linux_format: Format,
}

impl Options {
    /// The kind of rules the files hold: a cleanup script is about the install rules.
    pub fn rules_kind(&self) -> Option<FlowKind> {
        if self.cleanup {
            Some(FlowKind::Install)
        } else {
            self.kind
        }
    }

    /// The script format of the hosts of `os`, for the change request's commands.
    pub fn script_format(&self, os: Os) -> Format {
        match os {
            Os::Windows => self.windows_format,
            Os::Linux => self.linux_format,
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            kind: None,
            cleanup: false,
            nft_table: "filter".into(),
            nft_input: "input".into(),
            chain: "portplan".into(),
            paper: Paper::A4,
            windows_format: Format::PowerShell,
            linux_format: Format::Nftables,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub const ALL: [Paper; 2] = [Paper::A4, Paper::Letter];

    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    /// As `--paper` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }
}

/// What every generator gets.
pub struct Inputs<'a> {
    pub plan: &'a Plan,
    pub catalog: &'a Catalog,
    pub analysis: &'a Analysis,
    pub options: &'a Options,
    /// When the files are written, seconds since 1970 (UTC): the change request's date.
    pub generated: i64,
    /// The last connectivity test, for the change request's verification section.
    pub evidence: Option<&'a Evidence>,
    /// The plan's file, pinned by its SHA-256 in the change request's summary.
    pub plan_file: PlanFile,
    /// Where a long export counts its work, when someone shows it.
    pub progress: Option<&'a Progress>,
}

/// The plan's file as the change request pins it: the board approves this file, and
/// `sha256sum` proves a file is the one approved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanFile {
    /// The file the plan was read from or last saved to, holding exactly this plan.
    Saved { name: String, sha256: String },
    /// Why no file can be pinned ("the plan has unsaved changes"): the document says so
    /// rather than hash a file that is not this plan.
    NotPinned(String),
}

impl PlanFile {
    /// The file at `path`, if it holds `plan`: read again and compared, so a file changed
    /// on disk since it was opened is not pinned as this plan.
    pub fn read(path: &Path, plan: &Plan) -> PlanFile {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let bytes = match crate::files::input::read(path, crate::files::input::Kind::Plan) {
            Ok(b) => b,
            Err(e) => return PlanFile::NotPinned(format!("{name} cannot be read: {e}")),
        };
        match crate::files::plan_file::from_bytes(&bytes) {
            Ok(on_disk) if on_disk == *plan => PlanFile::Saved {
                name,
                sha256: sha256_hex(&bytes),
            },
            _ => PlanFile::NotPinned(format!(
                "{name} no longer holds this plan (it changed on disk): save the plan and \
                 export again"
            )),
        }
    }

    /// The plan as a document holds it: its file when it is saved with no change since,
    /// else why not.
    pub fn of_document(path: Option<&Path>, unsaved_changes: bool, plan: &Plan) -> PlanFile {
        match path {
            None => PlanFile::NotPinned(
                "the plan is not saved to a file yet: save it and export again".into(),
            ),
            Some(_) if unsaved_changes => {
                PlanFile::NotPinned("the plan has unsaved changes: save it and export again".into())
            }
            Some(path) => PlanFile::read(path, plan),
        }
    }
}

/// Lowercase hex of the SHA-256 of `bytes`, as sha256sum prints it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl<'a> Inputs<'a> {
    /// Inputs written now, with no connectivity test.
    pub fn new(
        plan: &'a Plan,
        catalog: &'a Catalog,
        analysis: &'a Analysis,
        options: &'a Options,
    ) -> Inputs<'a> {
        Inputs {
            plan,
            catalog,
            analysis,
            options,
            generated: unix_seconds(SystemTime::now()),
            evidence: None,
            plan_file: PlanFile::NotPinned("the plan was not read from a file".into()),
            progress: None,
        }
    }
}
