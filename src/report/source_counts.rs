//! How many addresses a cell's source list holds, without walking it: the text matrix says
//! "(+N more)" after the first few, and counting each cell's list by walking it made the
//! report quadratic (every SDC's list is every other host: 50,000 hosts took 13 s).
//!
//! A cell's sources depend only on the cell's kind (needed during install, in operation, and
//! from which roles), not on its host, except that the host is left out of its own list. So
//! each kind's whole list is walked once, and a host's count is the whole count less what
//! leaving that host out removes.

use std::collections::HashMap;

use crate::analysis::{Analysis, Cell};
use crate::model::RoleSet;

/// What decides a cell's source list, besides its host.
type Kind = (bool, bool, Option<RoleSet>);

/// One kind's whole source list, as `Analysis::source_addresses` would yield it for a host
/// outside the list.
struct Whole<'a> {
    /// The addresses in order, each with the row it comes from, before repeats are dropped.
    stream: Vec<(usize, &'a str)>,
    /// Where each row's addresses lie in `stream` (first and last index).
    span: HashMap<usize, (usize, usize)>,
    /// How many addresses are listed: `stream` with consecutive repeats counted once.
    count: usize,
}

/// The counts of an analysis, each kind's list walked the first time a cell asks.
pub struct SourceCounts<'a> {
    analysis: &'a Analysis,
    kinds: Vec<(Kind, Whole<'a>)>,
}

impl<'a> SourceCounts<'a> {
    pub fn new(analysis: &'a Analysis) -> Self {
        SourceCounts {
            analysis,
            kinds: Vec::new(),
        }
    }

    /// `analysis.source_addresses(row, cell).count()`, in constant time once the cell's kind
    /// has been seen.
    pub fn count(&mut self, row: usize, cell: &Cell) -> usize {
        let kind = (cell.during_install, cell.in_operation, cell.from);
        let at = match self.kinds.iter().position(|(k, _)| *k == kind) {
            Some(at) => at,
            None => {
                self.kinds.push((kind, Whole::of(self.analysis, cell)));
                self.kinds.len() - 1
            }
        };
        self.kinds[at].1.without(row)
    }
}

impl<'a> Whole<'a> {
    fn of(a: &'a Analysis, cell: &Cell) -> Self {
        // No row is usize::MAX: the list of a host that is not in it, every source kept.
        let mut stream = Vec::new();
        let mut span = HashMap::new();
        for source in a.sources(usize::MAX, cell) {
            let first = stream.len();
            stream.extend(
                a.hosts[source]
                    .source_addresses()
                    .map(|address| (source, address)),
            );
            if stream.len() > first {
                span.insert(source, (first, stream.len() - 1));
            }
        }
        let count = runs(stream.iter().map(|(_, address)| *address));
        Whole {
            stream,
            span,
            count,
        }
    }

    /// The count with `row`'s addresses left out. Repeats are dropped only when consecutive,
    /// so only the run boundaries at the edges of `row`'s span change.
    fn without(&self, row: usize) -> usize {
        let Some(&(first, last)) = self.span.get(&row) else {
            return self.count;
        };
        let at = |i: usize| self.stream[i].1;
        let differs = |i: usize, j: usize| usize::from(at(i) != at(j));
        let before = first.checked_sub(1);
        let after = (last + 1 < self.stream.len()).then_some(last + 1);
        // The runs that start inside the span ...
        let starts_inside = before.map_or(1, |b| differs(b, first))
            + (first + 1..=last).map(|i| differs(i - 1, i)).sum::<usize>();
        let starts_after = after.map_or(0, |n| differs(last, n));
        // ... and the one that starts after it, once the span is gone.
        let starts_after_now = match (before, after) {
            (Some(b), Some(n)) => differs(b, n),
            (None, Some(_)) => 1,
            (_, None) => 0,
        };
        self.count - starts_inside - starts_after + starts_after_now
    }
}

/// How many items there are with consecutive repeats counted once.
fn runs<'a>(items: impl Iterator<Item = &'a str>) -> usize {
    let mut last = None;
    let mut count = 0;
    for item in items {
        if last != Some(item) {
            count += 1;
        }
        last = Some(item);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Catalog, Os, Plan, Role};

    /// Every cell's count against the walked list, on a plan with shared addresses.
    #[test]
    fn counts_as_walking_the_list_does() {
        let mut plan = Plan::new("counts");
        let roles = |r: &[Role]| r.iter().copied().collect();
        plan.add_host(
            "installer",
            "10.0.0.5",
            Os::Windows,
            roles(&[Role::Installer]),
        );
        for (i, address) in ["10.0.0.11", "10.0.0.11", "10.0.0.12", "10.0.0.13"]
            .iter()
            .enumerate()
        {
            plan.add_host(
                format!("mdm{i}"),
                *address,
                Os::Windows,
                roles(&[Role::Mdm]),
            );
        }
        plan.add_host("tb", "10.0.0.5", Os::Windows, roles(&[Role::Tb]));
        for (i, address) in ["10.0.0.21", "10.0.0.21", "10.0.0.22", "10.0.0.20"]
            .iter()
            .enumerate()
        {
            let r = if i % 2 == 0 {
                roles(&[Role::Sds, Role::Sdc])
            } else {
                roles(&[Role::Sdc])
            };
            plan.add_host(format!("sds{i}"), *address, Os::Windows, r);
        }
        // PowerFlex 4.x: SDT hosts reached by networks of NVMe hosts, a block of one
        // network the address of a host, and two networks with a block in common.
        let mut nvme = Plan::new("networks");
        nvme.add_host(
            "installer",
            "10.0.0.5",
            Os::Linux,
            roles(&[Role::Installer]),
        );
        for (i, address) in ["10.0.0.31", "10.0.0.32", "10.0.0.32"].iter().enumerate() {
            nvme.add_host(format!("sdt{i}"), *address, Os::Linux, roles(&[Role::Sdt]));
        }
        for blocks in [
            "10.9.0.0/24;10.0.0.32",
            "10.9.0.0/24;10.8.0.0/16",
            "10.0.0.31",
        ] {
            nvme.add_host("nvme", blocks, Os::Linux, roles(&[Role::NvmeHost]));
            nvme.hosts.last_mut().unwrap().kind = crate::model::HostKind::Network;
        }
        let v4 = Catalog::profile("powerflex-4.x").unwrap();
        for (plan, catalog) in [
            (plan, Catalog::builtin()),
            (crate::files::plan_file::example(), Catalog::builtin()),
            (nvme, v4),
        ] {
            let blocks = |a: &Analysis| {
                (0..a.hosts.len())
                    .flat_map(|row| a.cells(row).iter().map(move |c| (row, c)))
                    .any(|(row, c)| a.source_addresses(row, c).any(|s| s.contains('/')))
            };
            let a = Analysis::new(&plan, &catalog);
            assert_eq!(blocks(&a), plan.name == "networks", "{}", plan.name);
            let mut counts = SourceCounts::new(&a);
            let mut checked = 0;
            for row in 0..a.hosts.len() {
                for c in a.cells(row) {
                    assert_eq!(
                        counts.count(row, c),
                        a.source_addresses(row, c).count(),
                        "{} {}",
                        a.hosts[row].name,
                        c.port
                    );
                    checked += 1;
                }
            }
            assert!(checked > 5, "{}", plan.name);
        }
    }
}
