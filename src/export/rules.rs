//! Flows grouped into the rules a host firewall holds: per destination host, one rule per kind,
//! protocol and list of sources, with every port those sources may reach. (Under the
//! `deployment` policy every port of one kind admits the same sources: one rule per kind and
//! protocol; least privilege splits the operation ports by who reaches them.)

use std::borrow::Cow;

use crate::analysis::{Analysis, Cell, FlowKind};
use crate::model::{Evidence, Plan};
use crate::model::{PortRange, Protocol};

/// What one line of a script may hold. cmd.exe takes lines of at most 8,191 characters (UTF-16
/// units, as Windows counts): a netsh rule's name, fixed words (about 350), description, ports
/// and sources must fit in that together. PowerShell, sh and nft have no such limit, but Linux
/// passes no single argument over 128 KiB, and a line of megabytes cannot be reviewed: the
/// Linux formats split their lists the same way.
pub mod limits {
    /// A rule's sources (`remoteip=`, `-s`, a set of `saddr`), in characters.
    pub const SOURCES: usize = 5000;
    /// A rule's ports (`localport=`), in characters. iptables' multiport takes 15 ports.
    pub const PORTS: usize = 1000;
    /// A rule's description, in UTF-16 units after quoting for cmd (which doubles `%`).
    pub const DESCRIPTION: usize = 1000;
    /// Ports (a range counting two) one iptables `-m multiport` match takes.
    pub const MULTIPORT: usize = 15;
}

/// Splits `items` into runs whose lengths (plus a separator each) stay within `max`, and whose
/// weights (see [`limits::MULTIPORT`]) stay within `max_weight`; every run holds at least one
/// item, and there is always at least one run.
pub fn split_list<T: Copy>(
    items: &[T],
    len: impl Fn(T) -> usize,
    max: usize,
    weight: impl Fn(T) -> usize,
    max_weight: usize,
) -> Vec<Vec<T>> {
    let mut runs: Vec<Vec<T>> = vec![Vec::new()];
    let (mut used, mut weighed) = (0, 0);
    for &item in items {
        let (l, w) = (len(item) + 1, weight(item));
        let last = runs.last().expect("never empty");
        if !last.is_empty() && (used + l > max || weighed + w > max_weight) {
            runs.push(Vec::new());
            (used, weighed) = (0, 0);
        }
        used += l;
        weighed += w;
        runs.last_mut().expect("never empty").push(item);
    }
    runs
}

/// Cuts `text` to at most `max` UTF-16 units (as Windows counts a line), ending in "..." when
/// cut: ASCII, which reads the same in every code page cmd.exe may read a script in.
pub fn cap(text: &str, max: usize) -> Cow<'_, str> {
    if text.encode_utf16().count() <= max {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut units = 0;
    for c in text.chars() {
        if units + c.len_utf16() + 3 > max {
            break;
        }
        units += c.len_utf16();
        out.push(c);
    }
    out.push_str("...");
    Cow::Owned(out)
}

/// Ports as firewalls list them: `135`, or `49152<sep>65535` for a range.
pub fn port_text(p: PortRange, range_sep: &str) -> String {
    if p.is_single() {
        p.start.to_string()
    } else {
        format!("{}{range_sep}{}", p.start, p.end)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule<'a> {
    /// Unique and stable: `portplan-<plan>-<host>-<kind>[<n>][-<protocol>]`.
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
        ports_text(&self.ports, range_sep)
    }

    /// The ports in runs short enough for one line each (see [`limits`]).
    pub fn port_runs(&self, max_weight: usize) -> Vec<Vec<PortRange>> {
        split_list(
            &self.ports,
            |p| port_text(p, "-").len(),
            limits::PORTS,
            |p| if p.is_single() { 1 } else { 2 },
            max_weight,
        )
    }

    /// The sources in runs short enough for one line each (see [`limits`]).
    pub fn source_runs<'s>(sources: &[&'s str]) -> Vec<Vec<&'s str>> {
        split_list(sources, str::len, limits::SOURCES, |_| 0, 0)
    }

    /// Each port with its evidence.
    pub fn ports_with_evidence(&self) -> impl Iterator<Item = (PortRange, Evidence)> + '_ {
        self.ports
            .iter()
            .copied()
            .zip(self.evidence.iter().copied())
    }

    /// The rules Windows holds for this one, each with its name, ports and sources: cmd.exe
    /// lines are limited to 8191 characters, so a long port or source list is split over rules
    /// named `<id>-1`, `<id>-2`, ... (a host's further rules of a kind are `<kind>2`, `<kind>3`:
    /// no part takes another rule's name). Both Windows formats make exactly these (netsh's
    /// `name=` is PowerShell's `-DisplayName`, and `-Name` too), so either format's removal
    /// removes either's rules.
    pub fn windows_parts(&self) -> Vec<(String, String, Vec<&str>)> {
        let sources: Vec<&str> = self.sources.iter().map(|s| s.as_ref()).collect();
        let source_runs = Self::source_runs(&sources);
        let port_runs = self.port_runs(usize::MAX);
        let split = source_runs.len() * port_runs.len() > 1;
        let mut parts = Vec::new();
        for ports in &port_runs {
            for sources in &source_runs {
                let name = if split {
                    format!("{}-{}", self.id, parts.len() + 1)
                } else {
                    self.id.clone()
                };
                parts.push((name, ports_text(ports, "-"), sources.clone()));
            }
        }
        parts
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
        let text = format!("portplan {plan}: {host} {when} ({})", self.purpose);
        cap(&text, limits::DESCRIPTION / 2).into_owned()
    }
}

/// "135,445,49152-65535"
pub fn ports_text(ports: &[PortRange], range_sep: &str) -> String {
    ports
        .iter()
        .map(|p| port_text(*p, range_sep))
        .collect::<Vec<_>>()
        .join(",")
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
        // may add more, numbered without a '-', which the parts of a split rule have
        // (`-operation-2` is the second part of the first rule, `-operation2` the second rule).
        let nth = 1 + rules
            .iter()
            .filter(|r| r.kind == k && r.protocol == protocol)
            .count();
        let nth = if nth == 1 {
            String::new()
        } else {
            nth.to_string()
        };
        rules.push(Rule {
            id: format!(
                "portplan-{}-{}-{}{nth}{proto}",
                plan.rules_id(),
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
