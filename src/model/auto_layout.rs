//! Canvas positions in tiers by role: the installer and the managers on top, then the MDM
//! cluster, the data servers, the clients, the external networks, and hosts without roles
//! last.

use super::host::Position;
use super::plan::Plan;
use super::role::{Role, RoleSet};

/// Horizontal and vertical distance between cards, in canvas units.
pub const COLUMN_STEP: f32 = 210.0;
pub const ROW_STEP: f32 = 100.0;
/// Cards per row before a tier wraps, so large tiers stay a block rather than a line.
pub const ROW_LENGTH: usize = 12;

/// The tier of hosts without roles.
const LAST_TIER: usize = 5;

/// The tier a host with `roles` sits in: its highest-ranked role decides.
pub fn tier(roles: RoleSet) -> usize {
    roles
        .iter()
        .map(|r| match r {
            Role::Installer | Role::Pfmp | Role::Gateway => 0,
            Role::Mdm | Role::Tb | Role::Callhome => 1,
            Role::Sds | Role::Sdr | Role::Sdt | Role::Lia => 2,
            Role::Sdc => 3,
            Role::Admin | Role::NvmeHost | Role::PeerSystem | Role::RestClient => 4,
        })
        .min()
        .unwrap_or(LAST_TIER)
}

/// Lays every host of the plan out in tiers, keeping plan order within a tier.
pub fn tiers(plan: &mut Plan) {
    let mut y = 0.0;
    for t in 0..=LAST_TIER {
        let members: Vec<usize> = (0..plan.hosts.len())
            .filter(|i| tier(plan.hosts[*i].roles) == t)
            .collect();
        for (n, &i) in members.iter().enumerate() {
            plan.hosts[i].position = Position {
                x: (n % ROW_LENGTH) as f32 * COLUMN_STEP,
                y: y + (n / ROW_LENGTH) as f32 * ROW_STEP,
            };
        }
        y += members.len().div_ceil(ROW_LENGTH) as f32 * ROW_STEP;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Os;

    #[test]
    fn tiers_by_role_and_wraps() {
        let mut plan = Plan::new("t");
        for i in 0..13 {
            plan.add_host(
                format!("c{i}"),
                "",
                Os::Windows,
                RoleSet::EMPTY.with(Role::Sdc),
            );
        }
        plan.add_host("i", "", Os::Windows, RoleSet::EMPTY.with(Role::Installer));
        plan.add_host(
            "m",
            "",
            Os::Windows,
            RoleSet::EMPTY.with(Role::Mdm).with(Role::Sds),
        );
        tiers(&mut plan);
        let pos = |name: &str| plan.hosts.iter().find(|h| h.name == name).unwrap().position;
        assert_eq!(pos("i"), Position { x: 0.0, y: 0.0 });
        assert_eq!(
            pos("m"),
            Position {
                x: 0.0,
                y: ROW_STEP
            }
        );
        assert_eq!(
            pos("c0"),
            Position {
                x: 0.0,
                y: 2.0 * ROW_STEP
            }
        );
        assert_eq!(pos("c11").x, 11.0 * COLUMN_STEP);
        assert_eq!(
            pos("c12"),
            Position {
                x: 0.0,
                y: 3.0 * ROW_STEP
            }
        );
    }
}
