//! Results that no longer describe the plan. Each result keeps what it was probed against
//! (the host's name, address, port, protocol and phase); a host whose address, or whose ports
//! (through its roles, its OS or its own port numbers), differ now has stale results: they
//! say nothing about the host as planned.

use std::collections::{BTreeSet, HashMap};

use super::results::Report;
use crate::analysis::{Analysis, Phase};
use crate::model::{PortRange, Protocol};

/// What a host's results were probed against.
#[derive(Default)]
struct Probed<'r> {
    addresses: BTreeSet<&'r str>,
    ports: BTreeSet<(PortRange, Protocol)>,
    phases: BTreeSet<Phase>,
    /// Every result came from this machine: the test covered every port of its phases.
    from_here: bool,
}

/// The names of the hosts whose results in `report` are stale for the plan analysed in `a`:
/// the host is gone (or renamed), its address changed, a probed port is no longer planned,
/// or (for a whole test run from this machine) the host now needs a port the test did not
/// probe.
pub fn stale_hosts(report: &Report, a: &Analysis) -> BTreeSet<String> {
    let mut probed: HashMap<&str, Probed<'_>> = HashMap::new();
    for r in &report.results {
        let p = probed.entry(r.target.host.as_str()).or_insert(Probed {
            from_here: true,
            ..Probed::default()
        });
        p.addresses.insert(r.target.address.as_str());
        p.ports.insert((r.target.port, r.target.protocol));
        p.phases.insert(r.target.phase);
        p.from_here &= r.from.is_none();
    }
    let rows: HashMap<&str, usize> = a
        .hosts
        .iter()
        .enumerate()
        .map(|(row, h)| (h.name.as_str(), row))
        .collect();
    let mut stale = BTreeSet::new();
    for (name, p) in probed {
        let Some(&row) = rows.get(name) else {
            stale.insert(name.to_string());
            continue;
        };
        let address = a.hosts[row].address.as_str();
        let cells = a.cells(row);
        let planned: BTreeSet<(PortRange, Protocol)> =
            cells.iter().map(|c| (c.port, c.protocol)).collect();
        let moved = p.addresses.iter().any(|&probed_at| probed_at != address);
        let dropped = !p.ports.is_subset(&planned);
        let added = p.from_here
            && !report.cancelled
            && cells
                .iter()
                .any(|c| p.phases.contains(&c.phase) && !p.ports.contains(&(c.port, c.protocol)));
        if moved || dropped || added {
            stale.insert(name.to_string());
        }
    }
    stale
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Catalog;
    use crate::probe::results::{ProbeResult, Status};
    use crate::probe::targets::from_matrix;

    /// Every port of mdm1 found open, as a test from this machine (`from` None) or a probe
    /// script would report it.
    fn tested(a: &Analysis, from: Option<&str>) -> Report {
        let results = from_matrix(a, None, &["mdm1".into()])
            .unwrap()
            .into_iter()
            .map(|target| ProbeResult {
                target,
                status: Status::Open,
                ms: 1,
                detail: String::new(),
                from: from.map(str::to_string),
            })
            .collect();
        Report {
            results,
            cancelled: false,
        }
    }

    #[test]
    fn a_host_is_stale_when_its_address_or_ports_changed_or_it_is_gone() {
        let catalog = Catalog::builtin();
        let plan = crate::files::plan_file::example();
        let a = Analysis::new(&plan, &catalog);
        let here = tested(&a, None);
        assert!(stale_hosts(&here, &a).is_empty(), "as tested");

        let mut moved = plan.clone();
        let row = moved.hosts.iter().position(|h| h.name == "mdm1").unwrap();
        moved.hosts[row].address = "192.0.2.200".into();
        let b = Analysis::new(&moved, &catalog);
        assert_eq!(stale_hosts(&here, &b), BTreeSet::from(["mdm1".to_string()]));

        let mut renamed = plan.clone();
        renamed.hosts[row].name = "mdm-one".into();
        let b = Analysis::new(&renamed, &catalog);
        assert_eq!(
            stale_hosts(&here, &b).len(),
            1,
            "its results name a host gone"
        );

        // A port the host needs now that the whole test did not probe.
        let mut fewer = here.clone();
        fewer.results.pop();
        assert_eq!(stale_hosts(&fewer, &a).len(), 1);
        // A probe script covers only what its host reaches; a cancelled test, what it ran.
        let mut script = tested(&a, Some("install01"));
        script.results.pop();
        assert!(stale_hosts(&script, &a).is_empty());
        fewer.cancelled = true;
        assert!(stale_hosts(&fewer, &a).is_empty());

        // A probed port no longer planned.
        let mut extra = here.clone();
        let mut odd = extra.results[0].clone();
        odd.target.port = PortRange::single(1);
        extra.results.push(odd);
        assert_eq!(stale_hosts(&extra, &a).len(), 1);
    }
}
