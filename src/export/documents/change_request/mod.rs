//! The change request for the security team: what will be opened, from where, why, for how
//! long, how it is checked and how it is undone, written from the plan (so it cannot disagree
//! with the scripts: the commands in it come from the same generators). The content is
//! [`Block`]s; [`super::pdf`] sets them on pages.

mod implementation;
mod inferred;
mod rollback;
mod rules_by_host;
mod shared;
mod signoff;
mod summary;
mod tested;
mod verification;

pub use signoff::approvers;

use super::blocks::Block;
use super::topology::Scene;
use crate::export::check::{no_plan_errors, script_formats};
use crate::export::error::ExportError;
use crate::export::options::Inputs;
use crate::export::rules;
use implementation::{appendix, implementation_section};
use inferred::inferred_section;
use rollback::rollback_section;
use rules_by_host::{install_only_section, rules_section};
use shared::{HostRules, Scripts};
use signoff::{signoff_section, sources_section};
use summary::{digests_appendix, hosts_section, justification, summary};
use verification::verification_section;

/// Above this many hosts with rules, the commands move from the sections to appendices.
const INLINE_COMMANDS_MAX: usize = 3;

/// The document's blocks. Refuses what the scripts refuse: a plan with errors.
pub fn blocks(i: &Inputs) -> Result<Vec<Block>, ExportError> {
    let (plan, a) = (i.plan, i.analysis);
    no_plan_errors(a)?;
    script_formats(i.options)?;
    let hosts: Vec<HostRules> = (0..a.hosts.len())
        .map(|row| HostRules {
            row,
            rules: rules::for_host(plan, a, row, None),
        })
        .collect();
    let with_rules = hosts.iter().filter(|h| !h.rules.is_empty()).count();
    let inline = with_rules <= INLINE_COMMANDS_MAX;
    let scripts = Scripts::of(i, &hosts);
    let mut out = Vec::new();
    summary(i, &hosts, &scripts, &mut out);
    justification(i, &mut out);
    hosts_section(a, &mut out);
    out.push(Block::Heading("4. Topology".into()));
    out.push(Block::Note(
        "The plan's canvas. Amber arrows: the installer reaches each target during the install. \
         Green lines: the MDM / TB cluster's permanent traffic. Every other deployment host also \
         reaches the operation ports of every other (section 5 lists them)."
            .into(),
    ));
    out.push(Block::Diagram(Box::new(Scene::new(plan, a))));
    rules_section(i, &hosts, &mut out);
    inferred_section(i, &hosts, &mut out);
    install_only_section(i, &hosts, &scripts, inline, &mut out);
    implementation_section(i, &scripts, inline, &mut out);
    verification_section(i, &mut out);
    rollback_section(i, &hosts, &mut out);
    signoff_section(plan, &mut out);
    sources_section(i.catalog, &mut out);
    if !inline {
        appendix(i, &scripts, false, &mut out);
        appendix(i, &scripts, true, &mut out);
    }
    digests_appendix(&scripts, &mut out);
    Ok(out)
}
