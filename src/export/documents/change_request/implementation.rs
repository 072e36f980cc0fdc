//! Section 8 and the appendices: the commands to run, printed, or pinned by SHA-256 when
//! there are too many to print.

use super::shared::{HostScript, Scripts, or_unset, script_format};
use crate::export::documents::blocks::{Block, Table};
use crate::export::format::Format;
use crate::export::options::{Inputs, sha256_hex};
use crate::model::Os;

/// Above this many bytes of commands (every host's script together), an appendix names each
/// script by its file and SHA-256 instead of printing it: the scripts of a plan grow with the
/// square of its hosts when their addresses do not form CIDR blocks, and a document of tens of
/// megabytes helps nobody. A 2,000-host plan in one subnet (2.4 MB of netsh) stays printed.
const PRINTED_COMMANDS_MAX: usize = 4_000_000;

pub(super) fn commands(i: &Inputs, scripts: &Scripts, cleanup: bool, out: &mut Vec<Block>) {
    let scripts = scripts.of_kind(cleanup);
    let total: usize = scripts.iter().map(|s| s.text.len()).sum();
    if total > PRINTED_COMMANDS_MAX {
        digests(i, scripts, cleanup, total, out);
        return;
    }
    for s in scripts {
        let host = &i.analysis.hosts[s.row];
        out.push(Block::Subheading(format!(
            "{} ({}): {}",
            host.name,
            host.address,
            if cleanup {
                "removal of the install rules"
            } else {
                "rules"
            }
        )));
        out.push(Block::Code(s.text.clone()));
    }
}

/// Too many commands to print: each host's script by the name `portplan export` gives it,
/// its size and its SHA-256, so the files attached to the change are pinned exactly.
fn digests(i: &Inputs, scripts: &[HostScript], cleanup: bool, total: usize, out: &mut Vec<Block>) {
    let formats: Vec<&str> = [Os::Windows, Os::Linux]
        .into_iter()
        .filter(|os| scripts.iter().any(|s| i.analysis.hosts[s.row].os == *os))
        .map(|os| script_format(i.options, os).0.name())
        .collect();
    out.push(Block::Paragraph(format!(
        "These scripts hold {:.1} MB of commands, too many to print. Write them with portplan \
         export PLAN --format {}{} -o FOLDER and attach the folder to the change; the SHA-256 of \
         each file (sha256sum, Get-FileHash) proves it is the one listed here.",
        total as f64 / 1e6,
        formats.join("|"),
        if cleanup { " --cleanup" } else { "" }
    )));
    let mut t = Table::new(&[
        ("Host", 0.22),
        ("File", 0.24),
        ("Lines", 0.08),
        ("SHA-256", 0.46),
    ]);
    for s in scripts {
        let h = &i.analysis.hosts[s.row];
        t.row([
            format!("{} ({})", h.name, h.address),
            s.name.clone(),
            s.text.lines().count().to_string(),
            sha256_hex(s.text.as_bytes()),
        ]);
    }
    out.push(Block::Table(t));
}

pub(super) fn implementation_section(
    i: &Inputs,
    scripts: &Scripts,
    inline: bool,
    out: &mut Vec<Block>,
) {
    let cr = &i.plan.change_request;
    out.push(Block::Heading("8. Implementation steps".into()));
    let steps = [
        format!(
            "Before the window{}: from the installer host, run the verification probes of \
             section 9 to record that the ports are not open yet.",
            if cr.window_start.trim().is_empty() {
                String::new()
            } else {
                format!(" ({})", cr.window_start.trim())
            }
        ),
        format!(
            "Write the scripts: portplan export PLAN --format {} -o DIR for the Windows hosts, \
             --format {} for the Linux hosts. Run each host's script on that host as \
             administrator (Windows) or root (Linux: {} FILE). The scripts are safe to run \
             twice. {}",
            i.options.windows_format,
            i.options.linux_format,
            if i.options.linux_format == Format::Nftables {
                "nft -f"
            } else {
                "sh"
            },
            if inline {
                "Their commands follow."
            } else {
                "Appendix A lists the commands of every host."
            }
        ),
        "Verify (section 9, after the rules): every probe must find its port open.".into(),
        "Install ScaleIO from the installer host.".into(),
        format!(
            "By {}: run the removal scripts (section 7), then verify again: the installer's \
             probes of install-only ports must fail.",
            or_unset(&cr.install_rules_expire)
        ),
    ];
    for (n, s) in steps.iter().enumerate() {
        out.push(Block::Paragraph(format!("{}. {s}", n + 1)));
    }
    if inline {
        commands(i, scripts, false, out);
    }
}

pub(super) fn appendix(i: &Inputs, scripts: &Scripts, cleanup: bool, out: &mut Vec<Block>) {
    out.push(Block::PageBreak);
    out.push(Block::Heading(if cleanup {
        "Appendix B. Removal commands per host".into()
    } else {
        "Appendix A. Commands per host".into()
    }));
    commands(i, scripts, cleanup, out);
}
