//! Sections 11 and 12: the sign-off and where every port comes from.

use crate::export::documents::blocks::{Block, Table};
use crate::model::{Approver, Catalog, Plan};

/// The sign-off rows: the plan's approvers, or the usual four when it names none.
pub fn approvers(plan: &Plan) -> Vec<Approver> {
    let cr = &plan.change_request;
    if !cr.approvers.is_empty() {
        return cr.approvers.clone();
    }
    [
        ("Requester", cr.requester.as_str()),
        ("Application owner", cr.owner.as_str()),
        ("Information security", ""),
        ("Network and firewall operations", ""),
        ("Change advisory board", ""),
    ]
    .into_iter()
    .map(|(role, name)| Approver {
        role: role.into(),
        name: name.into(),
    })
    .collect()
}

pub(super) fn signoff_section(plan: &Plan, out: &mut Vec<Block>) {
    out.push(Block::Heading("11. Sign-off".into()));
    let mut t = Table::new(&[
        ("Role", 0.25),
        ("Name", 0.22),
        ("Decision", 0.15),
        ("Signature", 0.23),
        ("Date", 0.15),
    ]);
    t.min_row_height = 30.0;
    for ap in approvers(plan) {
        t.row([
            ap.role,
            ap.name,
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    out.push(Block::Table(t));
    out.push(Block::Note(
        "Post-implementation validation: attach the verification results of section 9 (after \
         the rules, and after the removal) to the change record."
            .into(),
    ));
}

pub(super) fn sources_section(catalog: &Catalog, out: &mut Vec<Block>) {
    out.push(Block::Heading(
        "12. Where the requirements come from".into(),
    ));
    out.push(Block::Note(format!(
        "Catalog: {}. Source: {}",
        catalog.name, catalog.source
    )));
    let mut t = Table::new(&[
        ("Entry", 0.12),
        ("Port", 0.1),
        ("Install", 0.09),
        ("Operation", 0.1),
        ("What the source says", 0.59),
    ]);
    for p in &catalog.ports {
        let yes = |b: bool| if b { "yes" } else { "no" };
        t.row([
            format!("[{}]", p.key),
            format!("{}/{}", p.port, p.protocol),
            yes(p.during_install).into(),
            yes(p.in_operation).into(),
            p.source.clone(),
        ]);
    }
    out.push(Block::Table(t));
    let mut roles = Table::new(&[
        ("Role", 0.15),
        ("Entries", 0.3),
        ("What the source says", 0.55),
    ]);
    for r in &catalog.roles {
        roles.row([
            r.role.name().to_string(),
            r.ports.join(", "),
            r.source.clone(),
        ]);
    }
    out.push(Block::Table(roles));
}
