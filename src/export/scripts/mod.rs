//! The firewall scripts, one generator per platform: each turns a host's [`context::Context`]
//! into the text of its script.

pub mod context;
pub mod firewalld;
pub mod iptables;
pub mod netsh;
pub mod nftables;
pub mod powershell;

use crate::analysis::HostRow;

/// The name of a host's script in an export folder: `mdm1.cmd`, `mdm1-cleanup.cmd`.
pub fn file_name(extension: &str, h: &HostRow, cleanup: bool) -> String {
    let cleanup = if cleanup { "-cleanup" } else { "" };
    format!("{}{cleanup}.{extension}", h.slug)
}
