//! Flows grouped into the rules a host firewall holds: per destination host, one rule per kind,
//! protocol and list of sources, with every port those sources may reach. (Under the
//! `deployment` policy every port of one kind admits the same sources: one rule per kind and
//! protocol; least privilege splits the operation ports by who reaches them.)

use std::borrow::Cow;

use crate::analysis::{Analysis, Cell, FlowKind};
use crate::model::{Evidence, Plan};
use crate::model::{PortRange, Protocol};

use crate::quote;

/// The characters of one Windows rule's source list (netsh's `remoteip=`): cmd.exe lines are
/// limited to 8191 characters.
const MAX_REMOTE_ADDRESSES: usize = 6000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule<'a> {
    /// Unique and stable: `portplan-<plan>-<host>-<host id>-<kind>[-<protocol>]`.
    pub id: String,
    pub kind: FlowKind,
    pub protocol: Protocol,
    pub ports: Vec<PortRange>,
    /// How the catalog knows each port, in the order of `ports`: the weakest evidence of the
    /// entries behind it (the documents print it; the scripts do not).
    pub evidence: Vec<Evidence>,
    /// Source addresses and CIDR blocks, in address order (borrowed from the analysis).
    pub sources: Vec<Cow<'a, str>>,
    /// What the ports are for: "RPC endpoint mapper, SMB, ...".
    pub purpose: String,
}

impl Rule<'_> {
    /// "135,445,49152-65535"
    pub fn port_list(&self, range_sep: &str) -> String {
        self.ports
            .iter()
            .map(|p| {
                if p.is_single() {
                    p.start.to_string()
                } else {
                    format!("{}{range_sep}{}", p.start, p.end)
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Each port with its evidence.
    pub fn ports_with_evidence(&self) -> impl Iterator<Item = (PortRange, Evidence)> + '_ {
        self.ports
            .iter()
            .copied()
            .zip(self.evidence.iter().copied())
    }

    /// The rules Windows holds for this one, each with its name and sources: cmd.exe lines
    /// are limited to 8191 characters, so a long source list is split over rules named
    /// `<id>-1`, `<id>-2`, ... Both Windows formats make exactly these (netsh's `name=` is
    /// PowerShell's `-DisplayName`, and `-Name` too), so either format's removal removes
    /// either's rules.
    pub fn windows_parts(&self) -> Vec<(String, Vec<&str>)> {
        let mut parts: Vec<Vec<&str>> = vec![Vec::new()];
        let mut len = 0;
        for s in &self.sources {
            if len + s.len() + 1 > MAX_REMOTE_ADDRESSES && !parts.last().is_some_and(Vec::is_empty)
            {
                parts.push(Vec::new());
                len = 0;
            }
            len += s.len() + 1;
            parts.last_mut().expect("never empty").push(s.as_ref());
        }
        let split = parts.len() > 1;
        parts
            .into_iter()
            .enumerate()
            .map(|(n, sources)| {
                let name = if split {
                    format!("{}-{}", self.id, n + 1)
                } else {
                    self.id.clone()
                };
                (name, sources)
            })
            .collect()
    }

    /// Sources split by IP family: (IPv4, IPv6).
    pub fn sources_by_family(&self) -> (Vec<&str>, Vec<&str>) {
        self.sources
            .iter()
            .map(|s| s.as_ref())
            .partition(|s| !s.contains(':'))
    }

    /// A short comment for nft and iptables rules (made safe by the caller).
    pub fn comment(&self, plan: &str, host: &str) -> String {
        format!("portplan {plan}: {host} {}", self.kind)
    }

    /// A one-line description for the rule's comment or description field.
    pub fn description(&self, plan: &str, host: &str) -> String {
        let when = match self.kind {
            FlowKind::Install => "install rule, remove after the install",
            FlowKind::Operation => "operation rule, permanent",
        };
        format!("portplan {plan}: {host} {when} ({})", self.purpose)
    }
}

/// The ports of host `row` that one rule holds, per kind, protocol and list of sources:
/// install before operation, only `kind` when given, groups without ports left out.
fn groups(
    a: &Analysis,
    row: usize,
    kind: Option<FlowKind>,
) -> impl Iterator<Item = (FlowKind, Protocol, Vec<&Cell>)> {
    [FlowKind::Install, FlowKind::Operation]
        .into_iter()
        .filter(move |k| kind.is_none_or(|want| want == *k))
        .flat_map(|k| [Protocol::Tcp, Protocol::Udp].map(|p| (k, p)))
        .flat_map(move |(k, protocol)| {
            let mut by_list: Vec<(usize, Vec<&Cell>)> = Vec::new();
            let cells = a.cells(row).iter().filter(|c| c.protocol == protocol);
            for c in cells.filter(|c| match k {
                FlowKind::Install => c.during_install,
                FlowKind::Operation => c.in_operation,
            }) {
                let list = a.source_list(c, k);
                match by_list.iter_mut().find(|(l, _)| *l == list) {
                    Some((_, group)) => group.push(c),
                    None => by_list.push((list, vec![c])),
                }
            }
            by_list
                .into_iter()
                .map(move |(_, cells)| (k, protocol, cells))
        })
}

/// Whether host `row` gets any rule: what [`for_host`] would say, without gathering sources
/// (a preview asks it of every host).
pub fn any_for_host(a: &Analysis, row: usize, kind: Option<FlowKind>) -> bool {
    groups(a, row, kind).any(|(k, _, cells)| a.flow_sources(row, cells[0], k).next().is_some())
}

/// The rules of host `row`, install before operation, only `kind` when given.
pub fn for_host<'a>(
    plan: &Plan,
    a: &'a Analysis,
    row: usize,
    kind: Option<FlowKind>,
) -> Vec<Rule<'a>> {
    let h = &a.hosts[row];
    let mut rules: Vec<Rule> = Vec::new();
    for (k, protocol, cells) in groups(a, row, kind) {
        // Already in address order: the analysis keeps its source lists sorted (a network's
        // blocks, which are not single addresses, after the hosts).
        let sources =
            super::cidr::aggregate_parsed(a.flow_sources(row, cells[0], k).flat_map(|s| {
                let source = &a.hosts[s];
                let ip = source.ip;
                source.source_addresses().map(move |text| (ip, text))
            }));
        if sources.is_empty() {
            continue;
        }
        let mut purpose: Vec<&str> = cells.iter().map(|c| c.name.as_str()).collect();
        purpose.dedup();
        let proto = if protocol == Protocol::Tcp {
            String::new()
        } else {
            format!("-{protocol}")
        };
        // The first rule of a kind and protocol keeps the id it always had; least privilege
        // may add more, numbered.
        let nth = 1 + rules
            .iter()
            .filter(|r| r.kind == k && r.protocol == protocol)
            .count();
        let nth = if nth == 1 {
            String::new()
        } else {
            format!("-{nth}")
        };
        rules.push(Rule {
            id: format!(
                "portplan-{}-{}-{}{proto}{nth}",
                quote::slug(&plan.name),
                h.slug,
                k.name()
            ),
            kind: k,
            protocol,
            ports: cells.iter().map(|c| c.port).collect(),
            evidence: cells.iter().map(|c| c.evidence).collect(),
            sources,
            purpose: purpose.join(", "),
        });
    }
    rules
}
