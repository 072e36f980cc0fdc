//! Canvas positions in tiers by role: the installer and the managers on top, then the MDM
//! cluster, the data servers, the clients, the external networks, and hosts without roles
//! last. New cards (added, duplicated, pasted) go to the free space nearest where the user
//! looks: [`FreeSpace`].

use std::collections::HashMap;

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

/// Space kept between a new card and its neighbours, in canvas units.
const GAP: f32 = 12.0;
/// How far around the asked-for spot free space is searched, in grid steps: further than
/// any plan's cards reach.
const MAX_RINGS: i64 = 128;

/// The canvas's free space for new cards: grid spots (a column and a row step apart) that
/// overlap no card, nearest first. Cards are bucketed by grid cell so a spot is checked
/// against its neighbours only: placing cards in a plan of 10,000 stays fast.
pub struct FreeSpace {
    /// A card's width and height, in canvas units.
    size: (f32, f32),
    /// Top-left corners of the cards, by the grid cell they fall in.
    cells: HashMap<(i64, i64), Vec<Position>>,
    /// How many cells a card with its gap can reach into, each way.
    reach: (i64, i64),
    /// The grid offsets of each ring around a spot, in the order they are tried (made once).
    rings: Vec<Vec<(i64, i64)>>,
}

impl FreeSpace {
    /// The free space around `cards` (top-left corners) for cards of `size`.
    pub fn new(cards: impl IntoIterator<Item = Position>, size: (f32, f32)) -> FreeSpace {
        let reach = (
            ((size.0 + GAP) / COLUMN_STEP).ceil() as i64,
            ((size.1 + GAP) / ROW_STEP).ceil() as i64,
        );
        let mut space = FreeSpace {
            size,
            cells: HashMap::new(),
            reach,
            rings: Vec::new(),
        };
        for p in cards {
            space.occupy(p);
        }
        space
    }

    fn cell(p: Position) -> (i64, i64) {
        (
            (p.x / COLUMN_STEP).floor() as i64,
            (p.y / ROW_STEP).floor() as i64,
        )
    }

    fn occupy(&mut self, p: Position) {
        if p.x.is_finite() && p.y.is_finite() {
            self.cells.entry(Self::cell(p)).or_default().push(p);
        }
    }

    /// Whether a card at `p` would overlap no card (nor come closer than the gap).
    pub fn is_free(&self, p: Position) -> bool {
        let (cx, cy) = Self::cell(p);
        let (w, h) = (self.size.0 + GAP, self.size.1 + GAP);
        for x in cx - self.reach.0..=cx + self.reach.0 {
            for y in cy - self.reach.1..=cy + self.reach.1 {
                let Some(cards) = self.cells.get(&(x, y)) else {
                    continue;
                };
                if cards
                    .iter()
                    .any(|c| (c.x - p.x).abs() < w && (c.y - p.y).abs() < h)
                {
                    return false;
                }
            }
        }
        true
    }

    /// The free spot nearest `near` on the grid through it, taken (later calls avoid it).
    /// Rings of grid spots around `near` are searched outwards; within a ring the spots of
    /// the same row come first, right before left, then the rows below before those above:
    /// a copy lands beside its original, in its tier.
    pub fn take(&mut self, near: Position) -> Position {
        self.take_from(near, 0).0
    }

    /// [`FreeSpace::take`] from ring `first` on (the rings inside it are known to be full),
    /// and the ring the spot is in.
    fn take_from(&mut self, near: Position, first: i64) -> (Position, i64) {
        let spot = |i: i64, j: i64| Position {
            x: near.x + i as f32 * COLUMN_STEP,
            y: near.y + j as f32 * ROW_STEP,
        };
        for k in first..=MAX_RINGS {
            while self.rings.len() as i64 <= k {
                let k = self.rings.len() as i64;
                let mut ring: Vec<(i64, i64)> = (-k..=k)
                    .flat_map(|i| (-k..=k).map(move |j| (i, j)))
                    .filter(|(i, j)| i.abs().max(j.abs()) == k)
                    .collect();
                ring.sort_by_key(|&(i, j)| (j.abs(), i.abs(), j < 0, i < 0));
                self.rings.push(ring);
            }
            let ring = &self.rings[k as usize];
            if let Some(&(i, j)) = ring.iter().find(|&&(i, j)| self.is_free(spot(i, j))) {
                let p = spot(i, j);
                self.occupy(p);
                return (p, k);
            }
        }
        // Only where a grid step is lost in a coordinate's precision (a card at 1e20 in a
        // hand-edited file) is every ring full: below every card is free.
        let below = self
            .cells
            .values()
            .flatten()
            .map(|c| c.y)
            .fold(near.y, f32::max);
        let p = Position {
            x: near.x,
            y: below + ROW_STEP,
        };
        self.occupy(p);
        (p, MAX_RINGS)
    }

    /// `count` free spots near `near`, in reading order (top to bottom, left to right), so
    /// that numbered cards read in order.
    pub fn take_many(&mut self, near: Position, count: usize) -> Vec<Position> {
        // Spots are only ever taken: a ring found full stays full for the next card.
        let mut ring = 0;
        let mut spots: Vec<Position> = (0..count)
            .map(|_| {
                let (p, k) = self.take_from(near, ring);
                ring = k;
                p
            })
            .collect();
        spots.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        spots
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

    #[test]
    fn new_cards_go_where_they_overlap_no_card() {
        let size = (180.0, 66.0);
        let overlaps =
            |a: Position, b: Position| (a.x - b.x).abs() < size.0 && (a.y - b.y).abs() < size.1;
        // A crowded block of cards, one of them off the grid, and a spot asked for on top
        // of them.
        let mut cards: Vec<Position> = (0..4)
            .flat_map(|i| {
                (0..3).map(move |j| Position {
                    x: i as f32 * COLUMN_STEP,
                    y: j as f32 * ROW_STEP,
                })
            })
            .collect();
        cards.push(Position { x: 850.0, y: 20.0 });
        let mut space = FreeSpace::new(cards.clone(), size);
        assert!(!space.is_free(Position { x: 100.0, y: 50.0 }));
        assert!(space.is_free(Position { x: 0.0, y: 300.0 }));
        let placed = space.take_many(Position { x: 10.0, y: 10.0 }, 30);
        assert_eq!(placed.len(), 30);
        for (n, p) in placed.iter().enumerate() {
            for c in &cards {
                assert!(!overlaps(*p, *c), "{p:?} overlaps the card at {c:?}");
            }
            for q in &placed[n + 1..] {
                assert!(!overlaps(*p, *q), "{p:?} overlaps the new {q:?}");
            }
        }
        // Reading order.
        let sorted = placed
            .windows(2)
            .all(|w| (w[0].y, w[0].x) <= (w[1].y, w[1].x));
        assert!(sorted, "{placed:?}");
        // The nearest ring first, the same row first: left of the block, as the right is
        // full.
        let mut again = FreeSpace::new(cards.clone(), size);
        assert_eq!(
            again.take(Position { x: 10.0, y: 10.0 }),
            Position {
                x: 10.0 - COLUMN_STEP,
                y: 10.0
            }
        );

        // Coordinates too large for a grid step to count: the search still ends.
        let far = Position { x: 1e20, y: 1e20 };
        let mut lost = FreeSpace::new([far], size);
        assert_eq!(lost.take(far).x, far.x);

        // Free space is taken where asked.
        let mut empty = FreeSpace::new([], size);
        let at = Position { x: -40.0, y: 7.5 };
        assert_eq!(empty.take(at), at);
        // A copy goes beside its original, in the same row.
        let mut beside = FreeSpace::new([Position::default()], size);
        assert_eq!(
            beside.take(Position::default()),
            Position {
                x: COLUMN_STEP,
                y: 0.0
            }
        );
    }
}
