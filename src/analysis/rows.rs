//! The analysis's rows: every host with the cells its roles need, the columns of the
//! matrix, and the sorted lists the sources of every cell are iterated from.

use std::cmp::Ordering;

use super::findings::{Finding, Severity};
use super::matrix::{self, Cell, Needs};
use crate::model::address;
use crate::model::{Catalog, PortRange, Protocol};
use crate::model::{Host, HostId, HostKind, Os, Plan, SourcePolicy, WmiSetting};
use crate::model::{Role, RoleSet};
use crate::quote;

/// One host of the plan as the analysis sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct HostRow {
    pub id: HostId,
    pub name: String,
    pub address: String,
    pub os: Os,
    pub roles: RoleSet,
    pub kind: HostKind,
    /// The address as an IP, when it is one (parsed once, for sorting and exports).
    pub ip: Option<std::net::IpAddr>,
    /// A network's valid blocks, written canonically ("10.1.0.0/16"); empty for a host.
    pub blocks: Vec<String>,
    /// The name in file names and firewall rule ids: the name's [`quote::slug`], unique in the
    /// plan (see [`unique_slugs`]).
    pub slug: String,
    /// Index into `Analysis::profiles`: the cells of this host's needs.
    profile: usize,
}

impl HostRow {
    /// The addresses a rule admits for this source: the host's address, or every block of a
    /// network.
    pub fn source_addresses(&self) -> impl Iterator<Item = &str> {
        let own = (self.kind == HostKind::Host).then_some(self.address.as_str());
        own.into_iter()
            .chain(self.blocks.iter().map(String::as_str))
    }

    pub fn is_network(&self) -> bool {
        self.kind == HostKind::Network
    }
}

#[derive(Clone, Debug)]
pub struct Analysis {
    pub plan_name: String,
    pub wmi: WmiSetting,
    pub policy: SourcePolicy,
    /// In plan order, networks included (they have no cells).
    pub hosts: Vec<HostRow>,
    /// Every (port, protocol) that some host needs, sorted: the columns of the matrix view.
    pub columns: Vec<(PortRange, Protocol)>,
    pub findings: Vec<Finding>,
    /// The cells of each distinct needs (a network's are empty), sorted by port.
    profiles: Vec<(Option<Needs>, Vec<Cell>)>,
    /// Each host's position in address order, so that merging source lists compares numbers.
    rank: Vec<usize>,
    /// Host indices in address order.
    installers: Vec<usize>,
    deployment: Vec<usize>,
    /// How many of `hosts` are networks (counted once, not per frame by the views).
    networks: usize,
    /// The distinct lists of sources, in address order: [`NO_SOURCES`], [`INSTALLERS`], then
    /// the operation sources of the cells. Equal lists are stored once, so rules can group
    /// ports by the id of their list.
    lists: Vec<Vec<usize>>,
    /// Each distinct `from` of the cells, with the id of its operation sources' list.
    reaching: Vec<(Option<RoleSet>, usize)>,
}

/// The id of the empty list of sources.
pub(super) const NO_SOURCES: usize = 0;
/// The id of the list of installers.
pub(super) const INSTALLERS: usize = 1;

impl Analysis {
    /// The rows, columns and source lists of a plan; its findings are [`super::validate`]'s.
    pub(super) fn build(plan: &Plan, catalog: &Catalog) -> Analysis {
        let wmi = plan.settings.wmi.resolve();
        let optional_on = &plan.settings.optional_ports;
        let mut profiles: Vec<(Option<Needs>, Vec<Cell>)> = Vec::new();
        let mut hosts: Vec<HostRow> = plan
            .hosts
            .iter()
            .map(|h| {
                let needs = (!h.is_network()).then(|| Needs {
                    roles: h.roles,
                    // Plan version 1 knew no OS-bound ports, and `deployment` keeps its rules.
                    os: (plan.settings.sources == SourcePolicy::LeastPrivilege).then_some(h.os),
                    moved: h.ports.clone(),
                });
                let profile = match profiles.iter().position(|(n, _)| *n == needs) {
                    Some(i) => i,
                    None => {
                        let cells = needs
                            .as_ref()
                            .map(|n| matrix::cells(catalog, n, optional_on, wmi))
                            .unwrap_or_default();
                        profiles.push((needs, cells));
                        profiles.len() - 1
                    }
                };
                row_of(h, profile)
            })
            .collect();
        unique_slugs(&mut hosts);

        let mut columns: Vec<(PortRange, Protocol)> = profiles
            .iter()
            .flat_map(|(_, cells)| cells.iter().map(|c| (c.port, c.protocol)))
            .collect();
        columns.sort_unstable();
        columns.dedup();

        let mut by_address: Vec<usize> = (0..hosts.len()).collect();
        // IPv4 numerically, then IPv6, then names (and networks), as address::compare orders
        // them, without parsing on every comparison.
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
        let is_host = |i: &usize| !hosts[*i].is_network();
        let installers: Vec<usize> = by_address
            .iter()
            .copied()
            .filter(is_host)
            .filter(|i| hosts[*i].roles.contains(Role::Installer))
            .collect();
        let deployment: Vec<usize> = by_address
            .iter()
            .copied()
            .filter(is_host)
            .filter(|i| hosts[*i].roles.is_deployment())
            .collect();

        // Who reaches a port in operation, once per distinct `from`.
        let policy = plan.settings.sources;
        let mut lists = vec![Vec::new(), installers.clone()];
        let mut reaching: Vec<(Option<RoleSet>, usize)> = Vec::new();
        for cell in profiles.iter().flat_map(|(_, cells)| cells) {
            if reaching.iter().any(|(from, _)| *from == cell.from) {
                continue;
            }
            let list = match (cell.from, policy) {
                (None, _) => deployment.clone(),
                (Some(from), SourcePolicy::LeastPrivilege) => by_address
                    .iter()
                    .copied()
                    .filter(|i| hosts[*i].roles.intersects(from))
                    .collect(),
                (Some(from), SourcePolicy::Deployment) => by_address
                    .iter()
                    .copied()
                    .filter(|i| {
                        let h = &hosts[*i];
                        (!h.is_network() && h.roles.is_deployment()) || h.roles.intersects(from)
                    })
                    .collect(),
            };
            let id = match lists.iter().position(|l| *l == list) {
                Some(id) => id,
                None => {
                    lists.push(list);
                    lists.len() - 1
                }
            };
            reaching.push((cell.from, id));
        }

        let hosts_networks = hosts.iter().filter(|h| h.is_network()).count();
        Analysis {
            plan_name: plan.name.clone(),
            wmi: plan.settings.wmi,
            policy,
            hosts,
            columns,
            findings: Vec::new(),
            profiles,
            rank,
            installers,
            deployment,
            networks: hosts_networks,
            lists,
            reaching,
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

    /// The hosts (and networks) whose flows reach `cell` of host `row`, in address order,
    /// each once: the installers for a port needed during install, and for a port needed in
    /// operation those the plan's source policy admits.
    pub fn sources<'a>(&'a self, row: usize, cell: &Cell) -> impl Iterator<Item = usize> + 'a {
        let install = if cell.during_install {
            &self.installers[..]
        } else {
            &[]
        };
        let operation = if cell.in_operation {
            self.reaching(cell.from)
        } else {
            &[]
        };
        merge_sorted(install, operation, move |a, b| {
            self.rank[a].cmp(&self.rank[b])
        })
        .filter(move |i| *i != row)
    }

    /// The addresses a rule for `cell` of host `row` admits, each once, in address order
    /// (a network's blocks after the hosts).
    pub fn source_addresses<'a>(
        &'a self,
        row: usize,
        cell: &Cell,
    ) -> impl Iterator<Item = &'a str> + 'a {
        let mut last: Option<&str> = None;
        self.sources(row, cell)
            .flat_map(|i| self.hosts[i].source_addresses())
            .filter(move |a| {
                let again = last == Some(*a);
                last = Some(a);
                !again
            })
    }

    /// Who reaches a port with `from` in operation, in address order (the host itself
    /// included: callers leave it out).
    pub fn reaching(&self, from: Option<RoleSet>) -> &[usize] {
        &self.lists[self.reaching_id(from)]
    }

    /// The id of the list [`Analysis::reaching`] gives.
    pub(super) fn reaching_id(&self, from: Option<RoleSet>) -> usize {
        self.reaching
            .iter()
            .find(|(f, _)| *f == from)
            .map_or(NO_SOURCES, |(_, id)| *id)
    }

    /// A list of sources by its id.
    pub(super) fn list(&self, id: usize) -> &[usize] {
        &self.lists[id]
    }

    /// Whether `source` is in `list`, a list in address order.
    pub(super) fn in_address_list(&self, list: &[usize], source: usize) -> bool {
        list.binary_search_by_key(&self.rank[source], |i| self.rank[*i])
            .is_ok()
    }

    /// Hosts with the Installer role, in address order.
    pub fn installers(&self) -> &[usize] {
        &self.installers
    }

    /// How many rows are hosts, and how many networks.
    pub fn host_and_network_counts(&self) -> (usize, usize) {
        (self.hosts.len() - self.networks, self.networks)
    }

    /// Hosts with a ScaleIO role (not networks), in address order.
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

fn row_of(h: &Host, profile: usize) -> HostRow {
    let blocks = if h.is_network() {
        Host::network_parts(&h.address)
            .filter_map(|part| address::Block::parse(part).ok())
            .map(|b| b.to_string())
            .collect()
    } else {
        Vec::new()
    };
    let ip = match (h.kind, address::Address::parse(&h.address)) {
        (HostKind::Host, Ok(address::Address::Ip(ip))) => Some(ip),
        _ => None,
    };
    HostRow {
        id: h.id,
        name: h.name.clone(),
        // The plan keeps what the user typed; everything made from the analysis (scripts,
        // reports, probes) gets the IP's canonical form: no URL brackets ("[2001:db8::5]"),
        // which no firewall takes, and one spelling of each IPv6 address.
        address: ip.map_or_else(|| h.address.clone(), |ip| ip.to_string()),
        os: h.os,
        roles: h.roles,
        kind: h.kind,
        ip,
        blocks,
        slug: quote::slug(&h.name),
        profile,
    }
}

/// Makes the slugs unique: names that differ only in case or punctuation ("SDS 1", "sds-1")
/// share one. The host added first (lowest id) keeps the plain slug and the others get their
/// id as a suffix, so a rule already on a firewall keeps its name when a look-alike host is
/// added later, and no suffix appears where there is no clash.
fn unique_slugs(hosts: &mut [HostRow]) {
    let mut order: Vec<usize> = (0..hosts.len()).collect();
    order.sort_by_key(|&i| hosts[i].id);
    let mut taken = std::collections::HashSet::with_capacity(hosts.len());
    for i in order {
        let plain = std::mem::take(&mut hosts[i].slug);
        let mut slug = plain.clone();
        let mut n = 1;
        while taken.contains(&slug) {
            slug = if n == 1 {
                format!("{plain}-{}", hosts[i].id.0)
            } else {
                format!("{plain}-{}-{n}", hosts[i].id.0)
            };
            n += 1;
        }
        taken.insert(slug.clone());
        hosts[i].slug = slug;
    }
}
