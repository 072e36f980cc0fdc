//! Exports: one generator per format, each a pure function of the plan's analysis and the
//! options (Aerleon's generator-per-platform design), in three wings: [`scripts`] (a firewall
//! script per host), [`tables`] (the flows as CSV or a workbook) and [`documents`] (the change
//! request, the diagram). [`format`](mod@format) is the registry of formats; [`generator`] binds each to
//! the code that makes it; [`output`] decides the files an export writes, for the CLI and the
//! app alike. Rules come from the core's flows, grouped per destination host ([`rules`]).

pub mod check;
pub mod cidr;
pub mod documents;
pub mod error;
pub mod folder;
pub mod format;
pub mod options;
pub mod progress;
pub mod rules;
pub mod scripts;
pub mod tables;

pub use check::check;
pub use error::ExportError;
pub use format::{Format, Info, Wing};
pub use options::{Inputs, Options, Paper};

use std::path::Path;

use crate::analysis::Analysis;
use crate::files::atomic::{replace_folder, write_atomically};
use crate::model::{Os, Plan};
use crate::quote;
use scripts::context::Context;

/// How a format's files are made.
#[derive(Clone, Copy)]
pub enum Generator {
    /// One script per host of the format's OS.
    PerHost(fn(&Context) -> String),
    /// One file for the whole plan.
    WholePlan(fn(&Inputs) -> Result<Vec<u8>, ExportError>),
}

/// The generator of each format: the one place a format meets its code.
pub fn generator(format: Format) -> Generator {
    use documents::{pdf, svg};
    use scripts::{firewalld, iptables, netsh, nftables, powershell};
    use tables::{csv, xlsx};
    match format {
        Format::Netsh => Generator::PerHost(netsh::script),
        Format::PowerShell => Generator::PerHost(powershell::script),
        Format::Firewalld => Generator::PerHost(firewalld::script),
        Format::Nftables => Generator::PerHost(nftables::script),
        Format::Iptables => Generator::PerHost(iptables::script),
        Format::Csv => Generator::WholePlan(csv::file),
        Format::Xlsx => Generator::WholePlan(xlsx::file),
        Format::Pdf => Generator::WholePlan(pdf::file),
        Format::Svg => Generator::WholePlan(svg::file),
    }
}

/// One file of an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub name: String,
    pub contents: Vec<u8>,
}

/// What an export writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// One file: a host's script, or a whole-plan format.
    File(File),
    /// One script per host and an `index.txt`, for a folder.
    Folder(Vec<File>),
}

impl Output {
    /// Writes the export at `path`: a file atomically, keeping the previous one as `.bak`; a
    /// folder as a whole, replacing the previous export there (never a folder holding files
    /// an export did not write: [`folder::replaceable`]). Returns how many files it wrote.
    /// The CLI and the app both write through this.
    pub fn write(&self, path: &Path) -> Result<usize, String> {
        match self {
            Output::File(f) => write_atomically(path, &f.contents).map(|()| 1),
            Output::Folder(files) => {
                folder::replaceable(path)?;
                let named: Vec<(&str, &[u8])> = files
                    .iter()
                    .map(|f| (f.name.as_str(), f.contents.as_slice()))
                    .collect();
                replace_folder(path, &named).map(|()| files.len())
            }
        }
        .map_err(|e| e.to_string())
    }
}

/// The files of an export: one host's script (`host`), every host's script and an index, or
/// the one file of a whole-plan format. The CLI and the app both ask this.
pub fn output(format: Format, i: &Inputs, host: Option<&str>) -> Result<Output, ExportError> {
    match (host, format.os()) {
        (Some(host), Some(_)) => Ok(Output::File(File {
            name: format!("{}.{}", quote::slug(host), format.extension()),
            contents: host_script(format, i.plan, i.analysis, host, i.options)?.into_bytes(),
        })),
        (Some(_), None) => Err(ExportError::WholePlan(format)),
        (None, None) => Ok(Output::File(whole_plan(format, i)?)),
        (None, Some(_)) => Ok(Output::Folder(files(format, i)?)),
    }
}

/// Every file of an export: one script per host of the format's OS and an index, or, for the
/// whole-plan formats, one file.
pub fn files(format: Format, i: &Inputs) -> Result<Vec<File>, ExportError> {
    match (generator(format), format.os()) {
        (Generator::PerHost(script), Some(os)) => per_host(format, os, script, i),
        _ => Ok(vec![whole_plan(format, i)?]),
    }
}

/// The name a whole-plan file is offered under: the plan's (`lab.csv`), and for a document
/// its change request's when it has one (`CHG0042-change-request.pdf`).
pub fn whole_plan_name(format: Format, plan: &Plan) -> String {
    let info = format.info();
    let (basis, suffix) = match format {
        Format::Pdf => (document_basis(plan), "-change-request"),
        Format::Svg => (document_basis(plan), "-topology"),
        _ => (plan.name.as_str(), ""),
    };
    format!("{}{suffix}.{}", quote::slug(basis), info.extension)
}

fn document_basis(plan: &Plan) -> &str {
    if plan.change_request.id.is_empty() {
        &plan.name
    } else {
        &plan.change_request.id
    }
}

fn whole_plan(format: Format, i: &Inputs) -> Result<File, ExportError> {
    let Generator::WholePlan(make) = generator(format) else {
        unreachable!("{format} is made per host")
    };
    // The documents refuse a plan with errors themselves; the diagram is drawn regardless.
    if format.info().wing != Wing::Document {
        check(i.plan, i.analysis, format, i.options)?;
    }
    Ok(File {
        name: whole_plan_name(format, i.plan),
        contents: make(i)?,
    })
}

/// The script for one host.
pub fn host_script(
    format: Format,
    plan: &Plan,
    a: &Analysis,
    host: &str,
    options: &Options,
) -> Result<String, ExportError> {
    check(plan, a, format, options)?;
    let row = a
        .hosts
        .iter()
        .position(|h| h.name == host)
        .ok_or_else(|| ExportError::UnknownHost(host.to_string()))?;
    script_for(format, plan, a, row, options)
}

/// The script of the host in analysis row `row`, which `check` has passed.
pub fn script_for(
    format: Format,
    plan: &Plan,
    a: &Analysis,
    row: usize,
    options: &Options,
) -> Result<String, ExportError> {
    let (Generator::PerHost(script), Some(os)) = (generator(format), format.os()) else {
        return Err(ExportError::WholePlan(format));
    };
    let h = &a.hosts[row];
    if h.os != os {
        return Err(ExportError::WrongOs {
            format,
            os,
            host: h.name.clone(),
            actual: h.os,
        });
    }
    Ok(script(&Context::new(plan, a, row, options)))
}

/// The name of a host's script in an export folder: `mdm1.cmd`, `mdm1-cleanup.cmd`.
pub fn file_name(format: Format, h: &crate::analysis::HostRow, cleanup: bool) -> String {
    scripts::file_name(format.extension(), h, cleanup)
}

fn per_host(
    format: Format,
    os: Os,
    script: fn(&Context) -> String,
    i: &Inputs,
) -> Result<Vec<File>, ExportError> {
    let (plan, a, options) = (i.plan, i.analysis, i.options);
    check(plan, a, format, options)?;
    let mut files = Vec::new();
    // Names as people wrote them, in any script (a reader's text, not a parser's): only
    // control characters are escaped, so a tab or a line break cannot make a column or a row.
    let mut index = format!(
        "portplan {} export of plan {}: {} scripts, one per {os} host\n",
        env!("CARGO_PKG_VERSION"),
        quote::terminal(&plan.name),
        format
    );
    let kind = options.rules_kind();
    for (row, h) in a.hosts.iter().enumerate() {
        if h.os != os {
            continue;
        }
        // A host nobody connects to (the installer alone) needs no script.
        if !rules::any_for_host(a, row, kind) {
            index.push_str(&format!(
                "-\t{}\t{}\tno rules\n",
                quote::terminal(&h.name),
                h.address
            ));
            continue;
        }
        let name = file_name(format, h, options.cleanup);
        index.push_str(&format!(
            "{name}\t{}\t{}\n",
            quote::terminal(&h.name),
            h.address
        ));
        files.push(File {
            name,
            contents: script(&Context::new(plan, a, row, options)).into_bytes(),
        });
    }
    if files.is_empty() {
        return Err(ExportError::NoHosts(os, format));
    }
    files.push(File {
        name: "index.txt".into(),
        contents: index.into_bytes(),
    });
    Ok(files)
}
