//! Section 9: how the change is verified, with the last connectivity test as evidence.

use super::shared::{must_fail_after_removal, ports_text};
use super::tested::last_test;
use crate::export::documents::blocks::{Block, Table};
use crate::export::options::Inputs;
use crate::model::PortRange;

pub(super) fn verification_section(i: &Inputs, out: &mut Vec<Block>) {
    let a = i.analysis;
    out.push(Block::Heading("9. Verification plan".into()));
    out.push(Block::Paragraph(
        "Probe from each source host with the script portplan writes for it: portplan \
         probe-script PLAN --from HOST --shell sh|powershell -o FILE, run on HOST; it writes a \
         CSV that portplan probe PLAN --import FILE (or the app's Import probe results) reads \
         back. From the machine portplan runs on, portplan probe PLAN tests every port at once."
            .into(),
    ));
    let mut t = Table::new(&[
        ("When", 0.2),
        ("From", 0.2),
        ("Ports", 0.35),
        ("Expected", 0.25),
    ]);
    let installer_names: Vec<&str> = a
        .installers()
        .iter()
        .map(|&r| a.hosts[r].name.as_str())
        .collect();
    let installers = if installer_names.is_empty() {
        "(no installer)".to_string()
    } else {
        installer_names.join(", ")
    };
    t.row([
        "After the rules",
        &installers,
        "every port each target needs during the install",
        "open",
    ]);
    t.row([
        "After the rules",
        "each deployment host",
        "the operation ports its flows reach (section 5)",
        "open",
    ]);
    t.row([
        "After the removal",
        &installers,
        "the install-only ports of every target (table below)",
        "not open (closed or filtered)",
    ]);
    t.row([
        "After the removal",
        "each deployment host",
        "the operation ports its flows reach (section 5)",
        "open",
    ]);
    out.push(Block::Table(t));
    let mut after = Table::new(&[
        ("Host", 0.3),
        ("Address", 0.3),
        ("Must fail after the removal", 0.4),
    ]);
    for (row, h) in a.hosts.iter().enumerate() {
        if a.installers().contains(&row) {
            continue;
        }
        let closed: Vec<PortRange> = a
            .cells(row)
            .iter()
            .filter(|c| must_fail_after_removal(a, c))
            .map(|c| c.port)
            .collect();
        if !closed.is_empty() {
            after.row([h.name.clone(), h.address.clone(), ports_text(&closed)]);
        }
    }
    if !after.rows.is_empty() {
        out.push(Block::Subheading(
            "Probes from the installer that must fail after the removal".into(),
        ));
        out.push(Block::Table(after));
    }
    last_test(i, out);
}
