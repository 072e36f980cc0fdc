//! Reading and writing plan files so that work is never lost: loading says exactly where a
//! file is wrong and changes nothing; saving is atomic and keeps the previous file as `.bak`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::{SaveError, write_atomically};
use super::input::{self, Kind, MAX_NAME_CHARS, NotText, not_text};
use crate::model::{ChangeRequest, Host, Plan, Settings};

pub const FORMAT_TAG: &str = "portplan-plan";
/// Version 2 added the source policy, networks, per-host ports and optional ports; a file of
/// version 1 reads as it meant (`deployment` sources).
pub const FORMAT_VERSION: u32 = 2;

/// What is wrong with a plan's text. Positions are 1-based.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    #[error("the file is empty")]
    Empty,
    #[error("not a text file (binary data at byte {offset})")]
    Binary { offset: usize },
    /// UTF-16 or UTF-32 text, which portplan does not read: the message says so.
    #[error("{0}")]
    Encoding(String),
    #[error("line {line}, column {column}: {message}")]
    At {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("not a portplan plan (\"format\" is {found}; a plan has \"format\": \"{FORMAT_TAG}\")")]
    WrongFormat { found: String },
    #[error(
        "this plan was written by a newer portplan (plan version {found}); this portplan reads plan version {FORMAT_VERSION}: update portplan to open it"
    )]
    NewerVersion { found: u64 },
    #[error("{0}")]
    Invalid(String),
}

/// A plan file that could not be read, with its path.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {error}")]
    Plan { path: PathBuf, error: PlanError },
}

/// The file's layout. Field order here is the order on disk, so plans diff well.
#[derive(Serialize)]
struct PlanOut<'a> {
    format: &'static str,
    version: u32,
    name: &'a str,
    settings: &'a Settings,
    change_request: &'a ChangeRequest,
    hosts: &'a [Host],
    /// Last: added after the rest, it moves no line of a file's settings or hosts.
    id: &'a str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanIn {
    #[allow(dead_code)] // checked by `Header` before the full parse
    format: String,
    #[allow(dead_code)]
    version: u32,
    name: String,
    /// Absent from files written before plans had ids: the name's then stands in.
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    settings: Settings,
    #[serde(default)]
    change_request: ChangeRequest,
    hosts: Vec<Host>,
}

/// Read first, ignoring everything else, so that a newer file is refused with a clear message
/// rather than with whatever field it added.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// The plan as its file's text: pretty JSON ending in a newline.
pub fn to_json(plan: &Plan) -> String {
    let out = PlanOut {
        format: FORMAT_TAG,
        version: FORMAT_VERSION,
        name: &plan.name,
        settings: &plan.settings,
        change_request: &plan.change_request,
        hosts: &plan.hosts,
        // A plan made without one (`Plan::default()`) gets its id when it is saved.
        id: &if plan.id.is_empty() {
            Plan::default_id(&plan.name)
        } else {
            plan.id.clone()
        },
    };
    let mut text = serde_json::to_string_pretty(&out).expect("a plan always serializes");
    text.push('\n');
    text
}

/// Parses a plan from the bytes of a file.
pub fn from_bytes(bytes: &[u8]) -> Result<Plan, PlanError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(PlanError::Empty);
    }
    match not_text(bytes) {
        Some(NotText::Binary { offset }) => return Err(PlanError::Binary { offset }),
        Some(encoding) => return Err(PlanError::Encoding(encoding.to_string())),
        None => {}
    }
    let text = std::str::from_utf8(bytes).map_err(|e| PlanError::Binary {
        offset: e.valid_up_to(),
    })?;
    from_json(text)
}

pub fn from_json(text: &str) -> Result<Plan, PlanError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.trim_start().starts_with('{') {
        return Err(PlanError::WrongFormat {
            found: "absent: the file is not a JSON object".into(),
        });
    }
    let header: Header = serde_json::from_str(text).map_err(|e| json_error(e, None))?;
    match header.format {
        Some(serde_json::Value::String(s)) if s == FORMAT_TAG => {}
        Some(other) => {
            return Err(PlanError::WrongFormat {
                found: other.to_string(),
            });
        }
        None => {
            return Err(PlanError::WrongFormat {
                found: "missing".into(),
            });
        }
    }
    match header.version {
        Some(serde_json::Value::Number(n)) => match n.as_u64() {
            Some(v) if v > u64::from(FORMAT_VERSION) => {
                return Err(PlanError::NewerVersion { found: v });
            }
            Some(v) if v >= 1 => {}
            _ => {
                return Err(PlanError::Invalid(format!(
                    "\"version\" {n} is not a plan version"
                )));
            }
        },
        Some(other) => {
            return Err(PlanError::Invalid(format!(
                "\"version\" must be a number, not {other}"
            )));
        }
        None => return Err(PlanError::Invalid("\"version\" is missing".into())),
    }

    let mut de = serde_json::Deserializer::from_str(text);
    let parsed: PlanIn = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        json_error(e.into_inner(), Some(path))
    })?;
    de.end().map_err(|e| json_error(e, None))?;

    let plan = Plan {
        id: (parsed.id)
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| Plan::default_id(&parsed.name)),
        name: parsed.name,
        settings: parsed.settings,
        change_request: parsed.change_request,
        hosts: parsed.hosts,
    };
    check_structure(&plan)?;
    Ok(plan)
}

/// What no editor could work with; everything else (a bad address, a duplicate name) loads,
/// so it can be fixed in the app, and `check` reports it.
fn check_structure(plan: &Plan) -> Result<(), PlanError> {
    let mut ids: Vec<_> = plan.hosts.iter().map(|h| h.id).collect();
    ids.sort_unstable();
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(PlanError::Invalid(format!(
            "two hosts have the id {}: host ids must be unique",
            w[0].0
        )));
    }
    for (i, h) in plan.hosts.iter().enumerate() {
        let length = h.name.chars().count();
        if length > MAX_NAME_CHARS {
            // The name itself is not repeated: it may be a megabyte.
            return Err(PlanError::Invalid(format!(
                "hosts[{i}].name is {length} characters long; a host name has at most \
                 {MAX_NAME_CHARS}"
            )));
        }
        if !h.position.x.is_finite() || !h.position.y.is_finite() {
            return Err(PlanError::Invalid(format!(
                "hosts[{i}].position is not a finite number"
            )));
        }
    }
    Ok(())
}

fn json_error(e: serde_json::Error, path: Option<String>) -> PlanError {
    // serde_json appends " at line L column C"; we show the position first, once.
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) if e.line() > 0 => full[..i].to_string(),
        _ => full,
    };
    let message = match path {
        Some(p) if p != "." && !p.is_empty() => format!("{p}: {message}"),
        _ => message,
    };
    if e.line() == 0 {
        PlanError::Invalid(message)
    } else {
        PlanError::At {
            line: e.line(),
            column: e.column(),
            message,
        }
    }
}

/// Reads a plan file. Never writes anything.
pub fn load(path: &Path) -> Result<Plan, LoadError> {
    let bytes = input::read(path, Kind::Plan).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    from_bytes(&bytes).map_err(|error| LoadError::Plan {
        path: path.to_path_buf(),
        error,
    })
}

/// Writes the plan atomically: a temporary file in the same folder, flushed to disk, then
/// renamed over the target. The previous file, if any, is kept as `NAME.bak`. A crash at any
/// moment leaves either the old or the new plan at `path`.
pub fn save(plan: &Plan, path: &Path) -> Result<(), SaveError> {
    write_atomically(path, to_json(plan).as_bytes())
}

/// The bundled example plan's file, as shipped.
pub const EXAMPLE_JSON: &str = include_str!("../../assets/examples/scaleio-example.json");

/// The bundled example plan: what the app opens on first start.
pub fn example() -> Plan {
    from_json(EXAMPLE_JSON).expect("the bundled example plan is valid")
}
