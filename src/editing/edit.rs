//! Every change to a plan is an [`Edit`]; applying one returns the edit that undoes it, which
//! makes undo and redo exact ([`super::history`] keeps both stacks).

use crate::model::{ChangeRequest, Host, HostId, Plan, Settings};

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Insert hosts at these indices (ascending, each counted after the earlier inserts).
    Insert(Vec<(usize, Host)>),
    /// Remove the hosts with these ids.
    Remove(Vec<HostId>),
    /// Replace hosts, matched by id, with these versions: renames, addresses, roles, moves.
    Update(Vec<Host>),
    Settings(Settings),
    Name(String),
    ChangeRequest(Box<ChangeRequest>),
}

impl Edit {
    /// Applies the edit and returns its inverse.
    pub fn apply(self, plan: &mut Plan) -> Edit {
        match self {
            Edit::Insert(hosts) => {
                let ids = hosts.iter().map(|(_, h)| h.id).collect();
                for (i, h) in hosts {
                    let i = i.min(plan.hosts.len());
                    plan.hosts.insert(i, h);
                }
                Edit::Remove(ids)
            }
            Edit::Remove(ids) => {
                let ids: std::collections::HashSet<HostId> = ids.into_iter().collect();
                let mut removed = Vec::new();
                let mut kept = Vec::with_capacity(plan.hosts.len());
                for (i, h) in std::mem::take(&mut plan.hosts).into_iter().enumerate() {
                    if ids.contains(&h.id) {
                        removed.push((i, h));
                    } else {
                        kept.push(h);
                    }
                }
                plan.hosts = kept;
                Edit::Insert(removed)
            }
            Edit::Update(hosts) => {
                let index: std::collections::HashMap<HostId, usize> = plan
                    .hosts
                    .iter()
                    .enumerate()
                    .map(|(i, h)| (h.id, i))
                    .collect();
                let old = hosts
                    .into_iter()
                    .filter_map(|h| {
                        let i = *index.get(&h.id)?;
                        Some(std::mem::replace(&mut plan.hosts[i], h))
                    })
                    .collect();
                Edit::Update(old)
            }
            Edit::Settings(s) => Edit::Settings(std::mem::replace(&mut plan.settings, s)),
            Edit::Name(n) => Edit::Name(std::mem::replace(&mut plan.name, n)),
            Edit::ChangeRequest(c) => {
                Edit::ChangeRequest(Box::new(std::mem::replace(&mut plan.change_request, *c)))
            }
        }
    }

    /// False for edits that only move cards: the analysis does not depend on positions.
    pub fn changes_analysis(&self, plan: &Plan) -> bool {
        match self {
            Edit::Update(hosts) => hosts.iter().any(|h| {
                plan.host(h.id).is_none_or(|old| {
                    old.name != h.name
                        || old.address != h.address
                        || old.os != h.os
                        || old.roles != h.roles
                        || old.kind != h.kind
                        || old.ports != h.ports
                })
            }),
            Edit::ChangeRequest(_) => false,
            _ => true,
        }
    }
}
