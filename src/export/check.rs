//! What no export may be written from: a plan with errors, a DNS name where a script needs an
//! IP address, option values that are not safe names.

use super::error::ExportError;
use super::format::Format;
use super::options::Options;
use crate::analysis::{Analysis, Severity};
use crate::model::{Address, Os, Plan};

/// Refuses what no script may be written from: a plan with errors, a name where an IP
/// address must go, option values that are not safe names. (The Export dialog asks it before
/// anything is written.)
pub fn check(
    plan: &Plan,
    a: &Analysis,
    format: Format,
    options: &Options,
) -> Result<(), ExportError> {
    no_plan_errors(a)?;
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
    script_formats(options)?;
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

/// Refuses a plan with errors: nothing is written from it, the change request included.
pub fn no_plan_errors(a: &Analysis) -> Result<(), ExportError> {
    let errors: Vec<String> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.message.clone())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ExportError::PlanErrors(errors))
    }
}

/// Refuses a change request's script format that is not for its OS (`--windows-format
/// nftables`).
pub fn script_formats(options: &Options) -> Result<(), ExportError> {
    for (what, chosen, os) in [
        ("windows format", options.windows_format, Os::Windows),
        ("linux format", options.linux_format, Os::Linux),
    ] {
        if chosen.os() != Some(os) {
            return Err(ExportError::BadOption(
                what,
                format!("{chosen} is not a script format for {os} hosts"),
            ));
        }
    }
    Ok(())
}
