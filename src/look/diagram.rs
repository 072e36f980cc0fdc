//! The topology the canvas draws and the documents print: host cards at their canvas
//! positions and the flows worth an arrow. One definition, so the change request's diagram is
//! the picture the architect drew.

use super::routing::{self, Area, Point};
use crate::analysis::{Analysis, FlowKind};
use crate::model::Role;
use crate::model::{Host, Plan};

/// A card's size on the canvas, in canvas units.
pub const CARD_WIDTH: f32 = 180.0;
pub const CARD_HEIGHT: f32 = 66.0;

/// An arrow between two hosts (indices into the plan).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: FlowKind,
    /// Install flows go one way (installer -> target); the cluster talks both ways.
    pub directed: bool,
}

/// Installer -> every deployment host (install), the cluster's traffic between MDM and TB
/// hosts (operation), and each network -> the hosts it reaches (operation). Other operation
/// flows connect nearly every pair of hosts and would only draw a solid block; the rule
/// tables list them.
pub fn edges(plan: &Plan, a: &Analysis) -> Vec<Edge> {
    let mut edges = Vec::new();
    let networks = (0..a.hosts.len()).filter(|i| a.hosts[*i].is_network());
    for n in networks {
        for t in 0..a.hosts.len() {
            let reached = a
                .cells(t)
                .iter()
                .any(|c| a.is_source(n, t, c, FlowKind::Operation));
            if reached {
                edges.push(Edge {
                    from: n,
                    to: t,
                    kind: FlowKind::Operation,
                    directed: true,
                });
            }
        }
    }
    for &i in a.installers() {
        for &t in a.deployment() {
            if t != i {
                edges.push(Edge {
                    from: i,
                    to: t,
                    kind: FlowKind::Install,
                    directed: true,
                });
            }
        }
    }
    let cluster: Vec<usize> = a
        .deployment()
        .iter()
        .copied()
        .filter(|&i| is_cluster(&plan.hosts[i]))
        .collect();
    for (n, &x) in cluster.iter().enumerate() {
        for &y in &cluster[n + 1..] {
            edges.push(Edge {
                from: x,
                to: y,
                kind: FlowKind::Operation,
                directed: false,
            });
        }
    }
    edges
}

fn is_cluster(h: &Host) -> bool {
    h.roles.contains(Role::Mdm) || h.roles.contains(Role::Tb)
}

/// The card at canvas position (x, y).
pub fn card_area(x: f32, y: f32) -> Area {
    Area {
        x0: x,
        y0: y,
        x1: x + CARD_WIDTH,
        y1: y + CARD_HEIGHT,
    }
}

/// Each edge's polyline, from its source card's edge to its target card's edge around the
/// other cards (see [`routing`]); `cards` are the hosts' cards in plan order.
pub fn arrows(cards: &[Area], edges: &[Edge]) -> Vec<Vec<Point>> {
    let pairs: Vec<(usize, usize)> = edges.iter().map(|e| (e.from, e.to)).collect();
    routing::routes(cards, &pairs)
}

/// The smallest box around every card: (min x, min y, max x, max y); `None` for no hosts.
pub fn bounds(plan: &Plan) -> Option<(f32, f32, f32, f32)> {
    plan.hosts.iter().fold(None, |b, h| {
        let (x, y) = (h.position.x, h.position.y);
        let (x1, y1) = (x + CARD_WIDTH, y + CARD_HEIGHT);
        Some(match b {
            None => (x, y, x1, y1),
            Some((a, b, c, d)) => (a.min(x), b.min(y), c.max(x1), d.max(y1)),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Catalog;

    #[test]
    fn installer_arrows_and_cluster_lines() {
        let plan = crate::files::plan_file::example();
        let a = Analysis::new(&plan, &Catalog::builtin());
        let e = edges(&plan, &a);
        let install = e.iter().filter(|e| e.kind == FlowKind::Install).count();
        // One installer, nine deployment hosts; mdm1, mdm2, tb1 pairwise.
        assert_eq!(install, 9);
        assert_eq!(e.len(), 9 + 3);
        assert!(
            e.iter()
                .all(|e| e.directed == (e.kind == FlowKind::Install))
        );
        let (x0, y0, x1, y1) = bounds(&plan).unwrap();
        assert!(x1 - x0 >= CARD_WIDTH && y1 - y0 >= CARD_HEIGHT);
        assert_eq!(bounds(&Plan::new("empty")), None);
    }

    #[test]
    fn a_network_points_at_the_hosts_it_reaches() {
        use crate::model::{HostKind, Os, RoleSet};
        let mut plan = Plan::new("t");
        plan.settings.catalog = "powerflex-4.x".into();
        let one = |r: Role| RoleSet::EMPTY.with(r);
        plan.add_host("sdt1", "10.0.0.41", Os::Linux, one(Role::Sdt));
        plan.add_host("sdt2", "10.0.0.42", Os::Linux, one(Role::Sdt));
        plan.add_host("mdm1", "10.0.0.11", Os::Linux, one(Role::Mdm));
        plan.add_host("nvme", "10.9.0.0/24", Os::Linux, one(Role::NvmeHost));
        plan.hosts[3].kind = HostKind::Network;
        let a = Analysis::new(&plan, &Catalog::profile("powerflex-4.x").unwrap());
        let from_network: Vec<usize> = edges(&plan, &a)
            .iter()
            .filter(|e| e.from == 3)
            .map(|e| e.to)
            .collect();
        assert_eq!(from_network, [0, 1], "the SDTs, not the MDM");
    }
}
