//! What the benchmarks share: the synthetic plans and the median of timed runs.
#![allow(dead_code)] // each benchmark uses some of these

use std::time::{Duration, Instant};

use portplan::model::{Os, Plan};
use portplan::model::{Role, RoleSet};

/// A deployment of `n` hosts: one installer, a 5-node cluster (3 MDM also SDS, 2 TB), then
/// SDS+SDC and SDC hosts, on distinct addresses. Least-privilege sources, as new plans have;
/// `BENCH_DEPLOYMENT=1` gives the deployment policy (plan version 1's rule) instead.
pub fn plan(n: usize) -> Plan {
    let mut p = Plan::new(format!("{n} hosts"));
    for i in 0..n {
        let roles: RoleSet = match i {
            0 => [Role::Installer].into_iter().collect(),
            1..=3 => [Role::Mdm, Role::Sds].into_iter().collect(),
            4..=5 => [Role::Tb].into_iter().collect(),
            _ if i % 4 == 0 => [Role::Sds, Role::Sdc].into_iter().collect(),
            _ => [Role::Sdc].into_iter().collect(),
        };
        let address = format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256);
        p.add_host(format!("host{i:05}"), address, Os::Windows, roles);
    }
    if std::env::var_os("BENCH_DEPLOYMENT").is_some() {
        p.settings.sources = portplan::model::SourcePolicy::Deployment;
    }
    p
}

/// The median time of `runs` runs of `f`.
pub fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}
