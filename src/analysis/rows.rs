//! The analysis's rows: every host with the cells its roles need, the columns of the
//! matrix, and the sorted lists the sources of every cell are iterated from.

use std::cmp::Ordering;

use super::findings::{Finding, Severity};
use super::matrix::{self, Cell};
use crate::model::address;
use crate::model::{Catalog, PortRange, Protocol};
use crate::model::{HostId, Os, Plan, WmiSetting};
use crate::model::{Role, RoleSet};

/// One host of the plan as the analysis sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct HostRow {
    pub id: HostId,
    pub name: String,
    pub address: String,
    pub os: Os,
    pub roles: RoleSet,
    /// The address as an IP, when it is one (parsed once, for sorting and exports).
    pub ip: Option<std::net::IpAddr>,
    /// Index into `Analysis::profiles`: the cells of this host's role set.
    profile: usize,
}

#[derive(Clone, Debug)]
pub struct Analysis {
    pub plan_name: String,
    pub wmi: WmiSetting,
    /// In plan order.
    pub hosts: Vec<HostRow>,
    /// Every (port, protocol) that some host needs, sorted: the columns of the matrix view.
    pub columns: Vec<(PortRange, Protocol)>,
    pub findings: Vec<Finding>,
    /// The cells of each distinct role set, sorted by port.
    profiles: Vec<(RoleSet, Vec<Cell>)>,
    /// Each host's position in address order, so that merging source lists compares numbers.
    rank: Vec<usize>,
    /// Host indices in address order.
    installers: Vec<usize>,
    deployment: Vec<usize>,
}

impl Analysis {
    /// The rows, columns and source lists of a plan; its findings are [`super::validate`]'s.
    pub(super) fn build(plan: &Plan, catalog: &Catalog) -> Analysis {
        let wmi = plan.settings.wmi.resolve();
        let mut profiles: Vec<(RoleSet, Vec<Cell>)> = Vec::new();
        let hosts: Vec<HostRow> = plan
            .hosts
            .iter()
            .map(|h| {
                let profile = match profiles.iter().position(|(r, _)| *r == h.roles) {
                    Some(i) => i,
                    None => {
                        profiles.push((h.roles, matrix::cells(catalog, h.roles, wmi)));
                        profiles.len() - 1
                    }
                };
                HostRow {
                    id: h.id,
                    name: h.name.clone(),
                    address: h.address.clone(),
                    os: h.os,
                    roles: h.roles,
                    ip: match address::Address::parse(&h.address) {
                        Ok(address::Address::Ip(ip)) => Some(ip),
                        _ => None,
                    },
                    profile,
                }
            })
            .collect();

        let mut columns: Vec<(PortRange, Protocol)> = profiles
            .iter()
            .flat_map(|(_, cells)| cells.iter().map(|c| (c.port, c.protocol)))
            .collect();
        columns.sort_unstable();
        columns.dedup();

        let mut by_address: Vec<usize> = (0..hosts.len()).collect();
        // IPv4 numerically, then IPv6, then names, as address::compare orders them, without
        // parsing on every comparison.
        by_address.sort_by(|&a, &b| {
            let key = |i: usize| match hosts[i].ip {
                Some(ip @ std::net::IpAddr::V4(_)) => (0, Some(ip)),
                Some(ip) => (1, Some(ip)),
                None => (2, None),
            };
            key(a)
                .cmp(&key(b))
                .then_with(|| address::compare(&hosts[a].address, &hosts[b].address))
                .then(a.cmp(&b))
        });
        let mut rank = vec![0; hosts.len()];
        for (position, &i) in by_address.iter().enumerate() {
            rank[i] = position;
        }
        let installers: Vec<usize> = by_address
            .iter()
            .copied()
            .filter(|i| hosts[*i].roles.contains(Role::Installer))
            .collect();
        let deployment: Vec<usize> = by_address
            .iter()
            .copied()
            .filter(|i| hosts[*i].roles.is_deployment())
            .collect();

        Analysis {
            plan_name: plan.name.clone(),
            wmi: plan.settings.wmi,
            hosts,
            columns,
            findings: Vec::new(),
            profiles,
            rank,
            installers,
            deployment,
        }
    }

    /// The ports host `row` needs, sorted, each once.
    pub fn cells(&self, row: usize) -> &[Cell] {
        &self.profiles[self.hosts[row].profile].1
    }

    /// The cell of host `row` for a column, if the host needs that port.
    pub fn cell(&self, row: usize, column: (PortRange, Protocol)) -> Option<&Cell> {
        let cells = self.cells(row);
        cells
            .binary_search_by(|c| (c.port, c.protocol).cmp(&column))
            .ok()
            .map(|i| &cells[i])
    }

    /// The hosts whose flows reach `cell` of host `row`, in address order, each once:
    /// the installers for a port needed during install, every other deployment host for a
    /// port needed in operation.
    pub fn sources<'a>(&'a self, row: usize, cell: &Cell) -> impl Iterator<Item = usize> + 'a {
        let install = if cell.during_install {
            &self.installers[..]
        } else {
            &[]
        };
        let operation = if cell.in_operation {
            &self.deployment[..]
        } else {
            &[]
        };
        merge_sorted(install, operation, move |a, b| {
            self.rank[a].cmp(&self.rank[b])
        })
        .filter(move |i| *i != row)
    }

    /// The addresses a rule for `cell` of host `row` admits, each once, in address order.
    pub fn source_addresses<'a>(
        &'a self,
        row: usize,
        cell: &Cell,
    ) -> impl Iterator<Item = &'a str> + 'a {
        let mut last: Option<&str> = None;
        self.sources(row, cell).filter_map(move |i| {
            let a = self.hosts[i].address.as_str();
            if last == Some(a) {
                None
            } else {
                last = Some(a);
                Some(a)
            }
        })
    }

    /// Hosts with the Installer role, in address order.
    pub fn installers(&self) -> &[usize] {
        &self.installers
    }

    /// Hosts with a ScaleIO role, in address order.
    pub fn deployment(&self) -> &[usize] {
        &self.deployment
    }

    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count()
    }
}

/// Merges two lists sorted by `cmp`, yielding an element present in both once.
fn merge_sorted<'a>(
    a: &'a [usize],
    b: &'a [usize],
    cmp: impl Fn(usize, usize) -> Ordering + 'a,
) -> impl Iterator<Item = usize> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || match (a.get(i), b.get(j)) {
        (Some(&x), Some(&y)) => match cmp(x, y) {
            Ordering::Less => {
                i += 1;
                Some(x)
            }
            Ordering::Greater => {
                j += 1;
                Some(y)
            }
            Ordering::Equal => {
                i += 1;
                j += 1;
                Some(x)
            }
        },
        (Some(&x), None) => {
            i += 1;
            Some(x)
        }
        (None, Some(&y)) => {
            j += 1;
            Some(y)
        }
        (None, None) => None,
    })
}
