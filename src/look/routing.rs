//! Where the diagram's arrows run, for the canvas, the PDF and the SVG alike: each arrow is a
//! polyline from its source card's edge to its target card's edge that passes over no card.
//! An arrow drawn center to center passes under the cards between its ends, and a reviewer
//! reads it as a flow from the card it seems to start at (issue 13, item 3).
//!
//! An arrow is straight when the straight line between the cards keeps a margin from every
//! other card; otherwise it runs in the gaps between cards: the shortest path, with a cost
//! per bend, over the grid of lines along every card's edges (moved out by the margin) and
//! through its middle (where an arrow leaves or enters a card). One grid serves every arrow,
//! and one search from each source card reaches all of that card's targets: a 10,000-host
//! plan has 10,000 install arrows but only a handful of sources.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

/// A point in canvas units.
pub type Point = (f32, f32);

/// A card's rectangle in canvas units (y grows down).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Area {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Area {
    pub fn center(&self) -> Point {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }

    fn grow(&self, by: f32) -> Area {
        Area {
            x0: self.x0 - by,
            y0: self.y0 - by,
            x1: self.x1 + by,
            y1: self.y1 + by,
        }
    }
}

/// How far an arrow keeps from the cards it passes. Cards laid out in tiers have gaps of 30
/// units: 10 on each side leaves a channel between them.
pub const MARGIN: f32 = 10.0;
/// What a bend costs, in canvas units of length: enough that an arrow takes a few units
/// more to turn once rather than stepping down a staircase.
const BEND: f32 = 40.0;
/// Above this many grid points (cards scattered at no shared coordinates: the grid grows as
/// the square of the cards) the arrows are drawn straight, edge to edge, rather than the
/// frame waiting for the search.
const MAX_GRID: usize = 200_000;

/// No card, in a cell's owners.
const FREE: u32 = u32::MAX;
/// A third card or more, in a cell's second owner.
const MORE: u32 = u32::MAX - 1;

/// The polyline of each `(from, to)` pair (indices into `cards`), from `from`'s edge to
/// `to`'s edge.
pub fn routes(cards: &[Area], pairs: &[(usize, usize)]) -> Vec<Vec<Point>> {
    let mut out: Vec<Vec<Point>> = pairs
        .iter()
        .map(|&(a, b)| straight(&cards[a], &cards[b]))
        .collect();
    let Some(grid) = Grid::new(cards) else {
        return out;
    };
    // The pairs whose straight line passes a card, by source.
    let mut detours: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (n, &(a, b)) in pairs.iter().enumerate() {
        if a == b || out[n].len() < 2 {
            continue;
        }
        if grid.crosses(out[n][0], out[n][1], a, b) {
            detours.entry(a).or_default().push(n);
        }
    }
    for (source, list) in detours {
        let targets: Vec<usize> = list.iter().map(|&n| pairs[n].1).collect();
        let found = grid.search(cards, source, &targets);
        for (n, path) in list.into_iter().zip(found) {
            if let Some(path) = path {
                out[n] = path;
            }
        }
    }
    out
}

/// The segment from `a`'s edge to `b`'s edge on the line between their centers; empty when
/// the cards overlap so much that no such segment exists.
pub fn straight(a: &Area, b: &Area) -> Vec<Point> {
    let (p, q) = (a.center(), b.center());
    let (Some(t0), Some(t1)) = (exit(a, p, q), exit(b, q, p)) else {
        return Vec::new();
    };
    let at = |t: f32| (p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t);
    if t0 >= 1.0 - t1 {
        return Vec::new();
    }
    vec![at(t0), at(1.0 - t1)]
}

/// Where the ray from `p` (inside `r`) toward `q` leaves `r`, as a fraction of p..q.
fn exit(r: &Area, p: Point, q: Point) -> Option<f32> {
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let tx = if dx > 0.0 {
        (r.x1 - p.0) / dx
    } else if dx < 0.0 {
        (r.x0 - p.0) / dx
    } else {
        f32::INFINITY
    };
    let ty = if dy > 0.0 {
        (r.y1 - p.1) / dy
    } else if dy < 0.0 {
        (r.y0 - p.1) / dy
    } else {
        f32::INFINITY
    };
    let t = tx.min(ty);
    (t.is_finite() && t < 1.0).then_some(t)
}

/// The lines along the cards' margins and through their middles, and which card's margin
/// each cell between them lies in.
struct Grid {
    xs: Vec<f32>,
    ys: Vec<f32>,
    /// Per cell, row by row ((xs.len() - 1) * (ys.len() - 1)): the cards in whose margin it
    /// lies, FREE for none, MORE for a third. Two, so that the margins of two cards that
    /// nearly touch still let a straight arrow between them through.
    owner: Vec<[u32; 2]>,
}

/// The directions of travel: +x, -x, +y, -y.
const STEPS: [(i32, i32); 4] = [(1, 0), (-1, 0), (0, 1), (0, -1)];

impl Grid {
    fn new(cards: &[Area]) -> Option<Grid> {
        let lines = |lo: fn(&Area) -> f32, hi: fn(&Area) -> f32| {
            let mut v: Vec<f32> = cards
                .iter()
                .flat_map(|c| [lo(c) - MARGIN, (lo(c) + hi(c)) / 2.0, hi(c) + MARGIN])
                .filter(|v| v.is_finite())
                .collect();
            v.sort_by(f32::total_cmp);
            v.dedup();
            v
        };
        let xs = lines(|c| c.x0, |c| c.x1);
        let ys = lines(|c| c.y0, |c| c.y1);
        if xs.len() < 2 || ys.len() < 2 || xs.len() * ys.len() > MAX_GRID {
            return None;
        }
        let w = xs.len() - 1;
        let mut owner = vec![[FREE; 2]; w * (ys.len() - 1)];
        let index = |v: &[f32], x: f32| v.partition_point(|l| *l < x);
        for (i, c) in cards.iter().enumerate() {
            let m = c.grow(MARGIN);
            for cy in index(&ys, m.y0)..index(&ys, m.y1) {
                for cx in index(&xs, m.x0)..index(&xs, m.x1) {
                    let o = &mut owner[cy * w + cx];
                    if o[0] == FREE {
                        o[0] = i as u32;
                    } else if o[1] == FREE {
                        o[1] = i as u32;
                    } else {
                        o[1] = MORE;
                    }
                }
            }
        }
        Some(Grid { xs, ys, owner })
    }

    fn cell(&self, cx: usize, cy: usize) -> [u32; 2] {
        self.owner[cy * (self.xs.len() - 1) + cx]
    }

    /// The cells a point lies in or on the edge of: one inside a cell, two on a line, four
    /// at a crossing; the outside of the grid has none.
    fn cells_at(&self, p: Point) -> impl Iterator<Item = (usize, usize)> {
        let span = |v: &[f32], x: f32| -> (usize, usize) {
            let i = v.partition_point(|l| *l < x);
            // On line i: the cells on both sides (i - 1 and i); else inside cell i - 1.
            let on = i < v.len() && v[i] == x;
            let lo = i.saturating_sub(1);
            let hi = if on {
                (i + 1).min(v.len() - 1)
            } else {
                i.min(v.len() - 1)
            };
            (lo, hi)
        };
        let (x0, x1) = span(&self.xs, p.0);
        let (y0, y1) = span(&self.ys, p.1);
        (y0..y1).flat_map(move |cy| (x0..x1).map(move |cx| (cx, cy)))
    }

    /// Whether the segment p-q runs through the margin of a card other than `a` and `b`: a
    /// piece between two grid lines lies in one cell (or on the line between two), so its
    /// middle tells.
    fn crosses(&self, p: Point, q: Point, a: usize, b: usize) -> bool {
        // The grid lines the segment meets, in the order it meets them (two sorted runs,
        // merged), so a blocked piece near the start ends the walk early.
        let mut xt = line_hits(&self.xs, p.0, q.0).peekable();
        let mut yt = line_hits(&self.ys, p.1, q.1).peekable();
        let mut last = 0.0;
        loop {
            let t = match (xt.peek(), yt.peek()) {
                (Some(&x), Some(&y)) if x <= y => xt.next().unwrap_or(1.0),
                (Some(_), Some(_)) | (None, Some(_)) => yt.next().unwrap_or(1.0),
                (Some(_), None) => xt.next().unwrap_or(1.0),
                (None, None) => 1.0,
            };
            if t - last > 1e-6 && self.piece_blocked(p, q, (last + t) / 2.0, a, b) {
                return true;
            }
            if t >= 1.0 {
                return false;
            }
            last = t;
        }
    }

    /// Whether the point at `m` along p-q is in the margin of a card other than `a` and
    /// `b`. A point on a line between two cells is blocked only with cards on both sides.
    fn piece_blocked(&self, p: Point, q: Point, m: f32, a: usize, b: usize) -> bool {
        let at = (p.0 + (q.0 - p.0) * m, p.1 + (q.1 - p.1) * m);
        let mut cells = self.cells_at(at).peekable();
        cells.peek().is_some()
            && cells.all(|(cx, cy)| {
                let other = |o: u32| o != FREE && o != a as u32 && o != b as u32;
                let [o1, o2] = self.cell(cx, cy);
                other(o1) || other(o2)
            })
    }

    /// Whether the grid step from line crossing (ix, iy) in direction `d` stays out of every
    /// card's margin: blocked only with margin on both sides of it.
    fn open(&self, ix: usize, iy: usize, d: usize) -> bool {
        let (w, h) = (self.xs.len() - 1, self.ys.len() - 1);
        let blocked = |cx: Option<usize>, cy: Option<usize>| match (cx, cy) {
            (Some(cx), Some(cy)) if cx < w && cy < h => self.cell(cx, cy)[0] != FREE,
            _ => false,
        };
        let (dx, dy) = STEPS[d];
        if dy == 0 {
            let cx = if dx > 0 { Some(ix) } else { ix.checked_sub(1) };
            if cx.is_none_or(|c| c >= w) {
                return false;
            }
            !(blocked(cx, iy.checked_sub(1)) && blocked(cx, Some(iy)))
        } else {
            let cy = if dy > 0 { Some(iy) } else { iy.checked_sub(1) };
            if cy.is_none_or(|c| c >= h) {
                return false;
            }
            !(blocked(ix.checked_sub(1), cy) && blocked(Some(ix), cy))
        }
    }

    /// A card's four doors: the grid point a margin out from the middle of each side, the
    /// point on the side, and the direction out. A door whose stub crosses another card's
    /// margin is closed.
    fn doors(&self, c: &Area, me: usize) -> Vec<((usize, usize), Point, usize)> {
        let (mx, my) = c.center();
        let find = |v: &[f32], x: f32| v.binary_search_by(|l| l.total_cmp(&x)).ok();
        [
            ((c.x1 + MARGIN, my), (c.x1, my), 0),
            ((c.x0 - MARGIN, my), (c.x0, my), 1),
            ((mx, c.y1 + MARGIN), (mx, c.y1), 2),
            ((mx, c.y0 - MARGIN), (mx, c.y0), 3),
        ]
        .into_iter()
        .filter_map(|(grid, side, d)| {
            let at = (find(&self.xs, grid.0)?, find(&self.ys, grid.1)?);
            let stub = ((grid.0 + side.0) / 2.0, (grid.1 + side.1) / 2.0);
            let mine = self
                .cells_at(stub)
                .all(|(cx, cy)| self.cell(cx, cy) == [me as u32, FREE]);
            mine.then_some((at, side, d))
        })
        .collect()
    }

    /// The cheapest paths from `source`'s doors to each target's doors (None where there
    /// is none), by Dijkstra over (grid point, direction of arrival).
    fn search(&self, cards: &[Area], source: usize, targets: &[usize]) -> Vec<Option<Vec<Point>>> {
        let nx = self.xs.len();
        let states = nx * self.ys.len() * 4;
        let state = |(ix, iy): (usize, usize), d: usize| (iy * nx + ix) * 4 + d;
        let mut cost = vec![f32::INFINITY; states];
        let mut prev = vec![u32::MAX; states];
        let mut heap = BinaryHeap::new();
        let starts = self.doors(&cards[source], source);
        for &(at, _, d) in &starts {
            cost[state(at, d)] = 0.0;
            heap.push(Reverse((0u32, state(at, d) as u32)));
        }
        // Per grid point that is a target's door: (target slot, inward direction, side).
        let mut ends: HashMap<usize, Vec<(usize, usize, Point)>> = HashMap::new();
        for (slot, &t) in targets.iter().enumerate() {
            for (at, side, d) in self.doors(&cards[t], t) {
                ends.entry(state(at, 0) / 4)
                    .or_default()
                    .push((slot, d ^ 1, side));
            }
        }
        let mut best: Vec<Option<(f32, usize, Point)>> = vec![None; targets.len()];
        let mut found = 0;
        let mut worst: Option<f32> = None;
        while let Some(Reverse((c, s))) = heap.pop() {
            let (c, s) = (f32::from_bits(c), s as usize);
            if c > cost[s] {
                continue;
            }
            // Once every target has a path, none gets cheaper past the dearest: `bound`
            // only overstates it (paths found later are cheaper), so the stop is safe.
            if found == targets.len() {
                let bound = *worst
                    .get_or_insert_with(|| best.iter().flatten().map(|b| b.0).fold(0.0, f32::max));
                if c >= bound {
                    break;
                }
            }
            for &(slot, inward, side) in ends.get(&(s / 4)).into_iter().flatten() {
                let total = c + if s % 4 == inward { 0.0 } else { BEND };
                match best[slot] {
                    Some((b, _, _)) if b <= total => {}
                    old => {
                        found += usize::from(old.is_none());
                        best[slot] = Some((total, s, side));
                    }
                }
            }
            let (node, d) = (s / 4, s % 4);
            let (ix, iy) = (node % nx, node / nx);
            for (nd, (dx, dy)) in STEPS.iter().enumerate() {
                // Never straight back: that is never shorter and would draw over itself.
                if nd == d ^ 1 || !self.open(ix, iy, nd) {
                    continue;
                }
                let (jx, jy) = ((ix as i32 + dx) as usize, (iy as i32 + dy) as usize);
                let step = (self.xs[jx] - self.xs[ix]).abs() + (self.ys[jy] - self.ys[iy]).abs();
                let next = c + step + if nd == d { 0.0 } else { BEND };
                let ns = state((jx, jy), nd);
                if next < cost[ns] {
                    cost[ns] = next;
                    prev[ns] = s as u32;
                    heap.push(Reverse((next.to_bits(), ns as u32)));
                }
            }
        }
        let starts_at: Vec<(usize, Point)> = starts
            .iter()
            .map(|&(at, side, d)| (state(at, d), side))
            .collect();
        best.into_iter()
            .map(|b| {
                let (_, mut s, side) = b?;
                let mut points = vec![side];
                loop {
                    let node = s / 4;
                    points.push((self.xs[node % nx], self.ys[node / nx]));
                    if prev[s] == u32::MAX {
                        let (_, start) = starts_at.iter().find(|(st, _)| *st == s)?;
                        points.push(*start);
                        break;
                    }
                    s = prev[s] as usize;
                }
                points.reverse();
                Some(simplify(points))
            })
            .collect()
    }
}

/// Where a segment from `from` to `to` (one coordinate) meets the lines `v` strictly
/// between its ends, as fractions of its length, ascending.
fn line_hits(v: &[f32], from: f32, to: f32) -> impl Iterator<Item = f32> + '_ {
    let (lo, hi) = (from.min(to), from.max(to));
    // Along a line (lo == hi) it meets none: no start past the end.
    let first = v.partition_point(|l| *l <= lo);
    let inner = &v[first..v.partition_point(|l| *l < hi).max(first)];
    let forward = from < to;
    let n = inner.len();
    (0..n).map(move |i| {
        let l = inner[if forward { i } else { n - 1 - i }];
        (l - from) / (to - from)
    })
}

/// The polyline without repeated points and without the points in the middle of a straight
/// run.
fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out.last() == Some(&p) {
            continue;
        }
        if let [.., a, b] = out.as_slice() {
            let cross = (b.0 - a.0) * (p.1 - b.1) - (b.1 - a.1) * (p.0 - b.0);
            if cross == 0.0 {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(x: f32, y: f32) -> Area {
        Area {
            x0: x,
            y0: y,
            x1: x + 180.0,
            y1: y + 66.0,
        }
    }

    /// Whether p-q passes through the inside of `r` (what is left of it clipped to `r`).
    fn enters(p: Point, q: Point, r: &Area) -> bool {
        let r = r.grow(-0.01);
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let (mut t0, mut t1) = (0.0f32, 1.0f32);
        for (den, num) in [
            (-dx, p.0 - r.x0),
            (dx, r.x1 - p.0),
            (-dy, p.1 - r.y0),
            (dy, r.y1 - p.1),
        ] {
            if den == 0.0 {
                if num < 0.0 {
                    return false;
                }
            } else if den < 0.0 {
                t0 = t0.max(num / den);
            } else {
                t1 = t1.min(num / den);
            }
        }
        t1 > t0
    }

    fn on_edge(p: Point, r: &Area) -> bool {
        let near = |a: f32, b: f32| (a - b).abs() < 1e-3;
        let within = |lo: f32, v: f32, hi: f32| v >= lo - 1e-3 && v <= hi + 1e-3;
        (within(r.x0, p.0, r.x1) && (near(p.1, r.y0) || near(p.1, r.y1)))
            || (within(r.y0, p.1, r.y1) && (near(p.0, r.x0) || near(p.0, r.x1)))
    }

    fn check(cards: &[Area], pairs: &[(usize, usize)]) -> Vec<Vec<Point>> {
        let routes = routes(cards, pairs);
        for (&(a, b), path) in pairs.iter().zip(&routes) {
            assert!(path.len() >= 2, "{a} -> {b}: no path");
            assert!(
                on_edge(path[0], &cards[a]),
                "{a} -> {b} starts off its card"
            );
            assert!(
                on_edge(*path.last().unwrap(), &cards[b]),
                "{a} -> {b} ends off its card"
            );
            for w in path.windows(2) {
                for (i, c) in cards.iter().enumerate() {
                    assert!(!enters(w[0], w[1], c), "{a} -> {b}: {w:?} crosses card {i}");
                }
            }
        }
        routes
    }

    #[test]
    fn a_clear_line_stays_straight() {
        let cards = [card(0.0, 0.0), card(220.0, 140.0)];
        let r = check(&cards, &[(0, 1)]);
        assert_eq!(r[0].len(), 2, "{:?}", r[0]);
    }

    #[test]
    fn past_a_card_in_a_row_or_a_column_the_arrow_goes_around() {
        let row = [card(0.0, 0.0), card(220.0, 0.0), card(440.0, 0.0)];
        let r = check(&row, &[(0, 2), (2, 0), (0, 1)]);
        assert!(r[0].len() > 2 && r[1].len() > 2);
        assert_eq!(r[2].len(), 2, "neighbors: straight");
        let column = [card(0.0, 0.0), card(0.0, 100.0), card(0.0, 200.0)];
        check(&column, &[(0, 2)]);
    }

    #[test]
    fn the_example_grid_from_the_top_left_corner() {
        // The bundled example: 3 x 3 cards under the installer.
        let mut cards = vec![card(0.0, 0.0)];
        for row in 1..4 {
            for col in 0..3 {
                cards.push(card(col as f32 * 220.0, row as f32 * 140.0));
            }
        }
        let pairs: Vec<(usize, usize)> = (1..cards.len()).map(|t| (0, t)).collect();
        check(&cards, &pairs);
        // The cluster, pairwise, in its row.
        check(&cards, &[(1, 2), (1, 3), (2, 3)]);
    }

    #[test]
    fn a_tiered_grid_of_500_cards() {
        let cards: Vec<Area> = (0..500)
            .map(|i| card((i % 12) as f32 * 210.0, (i / 12) as f32 * 100.0))
            .collect();
        let pairs: Vec<(usize, usize)> = (1..500).map(|t| (0, t)).collect();
        check(&cards, &pairs);
    }

    #[test]
    fn cards_that_touch_get_a_straight_line_rather_than_none() {
        let cards = [card(0.0, 0.0), card(185.0, 0.0), card(370.0, 0.0)];
        let r = routes(&cards, &[(0, 2), (0, 1)]);
        assert_eq!(r[1].len(), 2);
        assert!(r[0].len() >= 2);
        assert!(straight(&card(0.0, 0.0), &card(10.0, 10.0)).is_empty());
    }
}
