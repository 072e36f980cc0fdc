//! Exports: one generator per format, each a pure function of the plan's analysis and the
//! options, returning files (Aerleon's generator-per-platform design). Rules come from the
//! core's flows, grouped per destination host (see [`rules`]).

pub mod blocks;
pub mod change_request;
pub mod cidr;
pub mod csv;
pub mod firewalld;
pub mod fonts;
pub mod iptables;
pub mod netsh;
pub mod nftables;
pub mod pdf;
pub mod powershell;

pub mod rules;
pub mod svg;
pub mod topology;
pub mod xlsx;

use std::fmt;

use crate::analysis::{Analysis, FlowKind};
use crate::model::Address;
use crate::model::{Os, Plan, WmiMode};
use crate::quote;

pub use rules::Rule;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Netsh,
    PowerShell,
    Firewalld,
    Nftables,
    Iptables,
    Csv,
    Xlsx,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Netsh,
        Format::PowerShell,
        Format::Firewalld,
        Format::Nftables,
        Format::Iptables,
        Format::Csv,
        Format::Xlsx,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Netsh => "netsh",
            Format::PowerShell => "powershell",
            Format::Firewalld => "firewalld",
            Format::Nftables => "nftables",
            Format::Iptables => "iptables",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Netsh => "cmd",
            Format::PowerShell => "ps1",
            Format::Firewalld | Format::Iptables => "sh",
            Format::Nftables => "nft",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// The hosts a script format is for; `None` for the whole-plan formats.
    pub fn os(self) -> Option<Os> {
        match self {
            Format::Netsh | Format::PowerShell => Some(Os::Windows),
            Format::Firewalld | Format::Nftables | Format::Iptables => Some(Os::Linux),
            Format::Csv | Format::Xlsx => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

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
}

impl Default for Options {
    fn default() -> Self {
        Options {
            kind: None,
            cleanup: false,
            nft_table: "filter".into(),
            nft_input: "input".into(),
            chain: "portplan".into(),
        }
    }
}

/// One file of an export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub name: String,
    pub contents: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("the plan has errors; fix them first ('portplan check' lists them):\n{}", .0.join("\n"))]
    PlanErrors(Vec<String>),
    #[error("no host named '{0}' in the plan")]
    UnknownHost(String),
    #[error("{format} scripts are for {os} hosts, but {host} runs {actual}")]
    WrongOs {
        format: Format,
        os: Os,
        host: String,
        actual: Os,
    },
    #[error("the plan has no {0} hosts for {1} scripts")]
    NoHosts(Os, Format),
    #[error("{format} rules need IP addresses, but {host} has the DNS name '{address}'")]
    NeedsIp {
        format: Format,
        host: String,
        address: String,
    },
    #[error("{0}: {1}")]
    BadOption(&'static str, String),
    #[error("cannot write the workbook: {0}")]
    Xlsx(String),
}

/// Refuses what no script may be written from: a plan with errors, a name where an IP
/// address must go, option values that are not safe names. (The Export dialog asks it before
/// anything is written.)
pub fn check(
    plan: &Plan,
    a: &Analysis,
    format: Format,
    options: &Options,
) -> Result<(), ExportError> {
    let errors: Vec<String> = a
        .findings
        .iter()
        .filter(|f| f.severity == crate::analysis::Severity::Error)
        .map(|f| f.message.clone())
        .collect();
    if !errors.is_empty() {
        return Err(ExportError::PlanErrors(errors));
    }
    if format.os().is_some() {
        for h in &plan.hosts {
            if let Ok(Address::Name(_)) = Address::parse(&h.address) {
                return Err(ExportError::NeedsIp {
                    format,
                    host: h.name.clone(),
                    address: h.address.clone(),
                });
            }
        }
    }
    for (what, value, max) in [
        ("nft table", &options.nft_table, 64),
        ("nft input chain", &options.nft_input, 64),
        ("chain", &options.chain, 16),
    ] {
        let ok = !value.is_empty()
            && value.len() <= max
            && value
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
            && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ok {
            return Err(ExportError::BadOption(
                what,
                format!("'{value}' must be a letter then letters, digits or '_' (at most {max})"),
            ));
        }
    }
    Ok(())
}

/// What every script generator gets.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub analysis: &'a Analysis,
    pub row: usize,
    pub rules: Vec<Rule<'a>>,
    pub options: &'a Options,
}

impl Context<'_> {
    pub fn host(&self) -> &crate::analysis::HostRow {
        &self.analysis.hosts[self.row]
    }

    /// The seed's WMI block belongs in the install script of a Windows host that needs the
    /// (fixed) WMI port.
    pub fn fixes_wmi(&self) -> bool {
        self.plan.settings.wmi.mode == WmiMode::Fixed
            && self.options.kind != Some(FlowKind::Operation)
            && self
                .analysis
                .cells(self.row)
                .iter()
                .any(|c| c.keys.iter().any(|k| k == "wmi"))
    }

    /// The first comment line of a script: what it is, for which host, plan and change
    /// request (so a script on a host leads back to its approval).
    pub fn header(&self, comment: &str) -> String {
        let host = self.host();
        let cr = self.plan.change_request.id.trim();
        format!(
            "{comment} portplan {}: {} for {} ({}), plan {}{}.\n",
            env!("CARGO_PKG_VERSION"),
            self.kinds_text(),
            quote::safe_text(&host.name),
            host.address,
            quote::safe_text(&self.plan.name),
            if cr.is_empty() {
                String::new()
            } else {
                format!(", change request {}", quote::safe_text(cr))
            }
        )
    }

    /// "install and operation rules", for headers.
    pub fn kinds_text(&self) -> &'static str {
        match (self.options.cleanup, self.options.kind) {
            (true, _) => "removal of the install rules",
            (false, None) => "install and operation rules",
            (false, Some(FlowKind::Install)) => "install rules",
            (false, Some(FlowKind::Operation)) => "operation rules",
        }
    }
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

pub(crate) fn script_for(
    format: Format,
    plan: &Plan,
    a: &Analysis,
    row: usize,
    options: &Options,
) -> Result<String, ExportError> {
    let h = &a.hosts[row];
    if let Some(os) = format.os()
        && h.os != os
    {
        return Err(ExportError::WrongOs {
            format,
            os,
            host: h.name.clone(),
            actual: h.os,
        });
    }
    let ctx = Context {
        plan,
        analysis: a,
        row,
        rules: rules::for_host(plan, a, row, options.rules_kind()),
        options,
    };
    Ok(match format {
        Format::Netsh => netsh::script(&ctx),
        Format::PowerShell => powershell::script(&ctx),
        Format::Firewalld => firewalld::script(&ctx),
        Format::Nftables => nftables::script(&ctx),
        Format::Iptables => iptables::script(&ctx),
        Format::Csv | Format::Xlsx => unreachable!("a whole-plan format"),
    })
}

/// The name of a host's script in an export folder: `mdm1-2.cmd`, `mdm1-2-cleanup.cmd`.
pub fn file_name(format: Format, h: &crate::analysis::HostRow, cleanup: bool) -> String {
    format!(
        "{}-{}{}.{}",
        quote::slug(&h.name),
        h.id.0,
        if cleanup { "-cleanup" } else { "" },
        format.extension()
    )
}

/// Every file of an export: one script per host of the format's OS and an index, or, for the
/// whole-plan formats, one file.
pub fn export(
    format: Format,
    plan: &Plan,
    a: &Analysis,
    options: &Options,
) -> Result<Vec<File>, ExportError> {
    check(plan, a, format, options)?;
    let slug = quote::slug(&plan.name);
    let Some(os) = format.os() else {
        let contents = match format {
            Format::Xlsx => {
                xlsx::workbook(a, options.kind).map_err(|e| ExportError::Xlsx(e.to_string()))?
            }
            _ => csv::flows(a, options.kind).into_bytes(),
        };
        return Ok(vec![File {
            name: format!("{slug}.{}", format.extension()),
            contents,
        }]);
    };
    let mut files = Vec::new();
    let mut index = format!(
        "portplan {} export of plan {}: {} scripts, one per {os} host\n",
        env!("CARGO_PKG_VERSION"),
        quote::safe_text(&plan.name),
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
                quote::safe_text(&h.name),
                h.address
            ));
            continue;
        }
        let name = file_name(format, h, options.cleanup);
        index.push_str(&format!(
            "{name}\t{}\t{}\n",
            quote::safe_text(&h.name),
            h.address
        ));
        files.push(File {
            name,
            contents: script_for(format, plan, a, row, options)?.into_bytes(),
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
