//! Hosts that join a plan several at a time: duplicates of the selected hosts, rows pasted
//! from the clipboard, and a numbered series with an address range. Each batch is one
//! [`Edit::Insert`] (one undo step), its names unique in the plan, its cards in free space.
//!
//! Names: a copy continues the series its original is in, as a user numbering servers
//! expects: "sds1" becomes the number after the highest "sdsN" ("sds4" beside sds1-sds3, its
//! digits' width kept: "sds01" -> "sds04"); a name without a number gets "-2", "-3", ...
//! ("installer" -> "installer-2"). "sds1-copy" would be a name nobody gives a server.
//! Addresses: a copy of a host takes the next address after its original's that no host has
//! (a duplicate address is an error of the plan); a DNS name cannot be counted on, so the
//! copy's address is left empty for the user to type. A network keeps its blocks.

use std::collections::HashSet;
use std::net::IpAddr;

use super::edit::Edit;
use crate::files::input::MAX_NAME_CHARS;
use crate::look::diagram::{CARD_HEIGHT, CARD_WIDTH};
use crate::model::auto_layout::FreeSpace;
use crate::model::{Address, Host, HostId, Os, Plan, Position, RoleSet};

/// The most hosts one series adds.
pub const MAX_SERIES: usize = 10_000;

/// A batch of new hosts, ready to apply.
#[derive(Debug)]
pub struct NewHosts {
    pub edit: Edit,
    pub ids: Vec<HostId>,
    /// The undo step's name: "Duplicate sds1", "Paste 3 hosts".
    pub label: String,
    /// Hosts given another name than they came with (taken in the plan): (was, is).
    pub renamed: Vec<(String, String)>,
}

/// What the plan already holds: names (any case) and IP addresses.
struct Taken {
    names: HashSet<String>,
    ips: HashSet<IpAddr>,
}

impl Taken {
    fn of(plan: &Plan) -> Taken {
        Taken {
            names: plan.hosts.iter().map(|h| h.name.to_lowercase()).collect(),
            ips: plan
                .hosts
                .iter()
                .filter(|h| !h.is_network())
                .filter_map(|h| ip(&h.address))
                .collect(),
        }
    }

    fn has_name(&self, name: &str) -> bool {
        self.names.contains(&name.to_lowercase())
    }

    /// `name`, or when it is taken the next name of its series; reserved either way.
    fn name(&mut self, name: &str) -> String {
        let name = if self.has_name(name) {
            next_in_series(name, &self.names)
        } else {
            name.to_string()
        };
        self.names.insert(name.to_lowercase());
        name
    }

    /// The first address after `from` that no host has, reserved.
    fn address_after(&mut self, from: IpAddr) -> Option<IpAddr> {
        let mut next = step(from, 1)?;
        while self.ips.contains(&next) {
            next = step(next, 1)?;
        }
        self.ips.insert(next);
        Some(next)
    }
}

fn ip(address: &str) -> Option<IpAddr> {
    match Address::parse(address) {
        Ok(Address::Ip(ip)) => Some(ip),
        _ => None,
    }
}

/// `ip` plus `n`, or `None` past the last address of its family.
fn step(ip: IpAddr, n: u128) -> Option<IpAddr> {
    match ip {
        IpAddr::V4(a) => u32::try_from(u128::from(u32::from(a)).checked_add(n)?)
            .ok()
            .map(|v| IpAddr::V4(v.into())),
        IpAddr::V6(a) => u128::from(a).checked_add(n).map(|v| IpAddr::V6(v.into())),
    }
}

/// The name after the highest of `name`'s series among `taken` (lower-case names).
fn next_in_series(name: &str, taken: &HashSet<String>) -> String {
    let digits = name.len() - name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (stem, width) = if digits > 0 {
        (&name[..name.len() - digits], digits)
    } else {
        (name, 0)
    };
    // "installer" -> "installer-2": the series of a name without a number.
    let stem = if digits > 0 {
        stem.to_string()
    } else {
        format!("{stem}-")
    };
    let lower = stem.to_lowercase();
    let highest = taken
        .iter()
        .filter_map(|t| t.strip_prefix(&lower))
        .filter(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|rest| rest.parse::<u64>().ok())
        .max()
        .unwrap_or(1);
    (highest.saturating_add(1)..=u64::MAX)
        .map(|n| format!("{stem}{n:0width$}"))
        .find(|n| !taken.contains(&n.to_lowercase()))
        // A name at the length limit has no longer next number: a plan holding it would not
        // open again.
        .filter(|n| n.chars().count() <= MAX_NAME_CHARS)
        // The series ran out of numbers (a hand-made name with twenty digits, or one at the
        // length limit): any free name, short enough for its number.
        .or_else(|| {
            let short: String = name.chars().take(MAX_NAME_CHARS - 21).collect();
            (1..=taken.len() + 1)
                .map(|n| format!("{short}-{n}"))
                .find(|n| !taken.contains(&n.to_lowercase()))
        })
        .expect("fewer taken names than tried")
}

fn free_space(plan: &Plan) -> FreeSpace {
    FreeSpace::new(
        plan.hosts.iter().map(|h| h.position),
        (CARD_WIDTH, CARD_HEIGHT),
    )
}

/// Where one new card at `near` goes: there if it overlaps no card, else the nearest free
/// spot.
pub fn free_spot(plan: &Plan, near: Position) -> Position {
    free_space(plan).take(near)
}

/// Appends `hosts` (ids given here) as one insert.
fn insert(
    plan: &Plan,
    mut hosts: Vec<Host>,
    label: String,
    renamed: Vec<(String, String)>,
) -> NewHosts {
    // Ids after the highest, skipping any taken (a hand-edited file may hold u32::MAX).
    let used: HashSet<HostId> = plan.hosts.iter().map(|h| h.id).collect();
    let mut next = plan.next_host_id().0;
    for h in &mut hosts {
        while used.contains(&HostId(next)) {
            next = next.wrapping_add(1);
        }
        h.id = HostId(next);
        next = next.wrapping_add(1);
    }
    let ids = hosts.iter().map(|h| h.id).collect();
    let at = plan.hosts.len();
    NewHosts {
        edit: Edit::Insert(
            hosts
                .into_iter()
                .enumerate()
                .map(|(n, h)| (at + n, h))
                .collect(),
        ),
        ids,
        label,
        renamed,
    }
}

fn counted(verb: &str, hosts: &[Host]) -> String {
    match hosts {
        [one] => format!("{verb} {}", one.name),
        many => format!("{verb} {} hosts", many.len()),
    }
}

/// Copies of the hosts `ids` (in plan order), each beside its original: the next name of
/// its series, the next free address, its roles, OS and own port numbers.
pub fn duplicate(plan: &Plan, ids: &HashSet<HostId>) -> Option<NewHosts> {
    let mut taken = Taken::of(plan);
    let mut space = free_space(plan);
    let copies: Vec<Host> = plan
        .hosts
        .iter()
        .filter(|h| ids.contains(&h.id))
        .map(|original| {
            let mut copy = original.clone();
            copy.name = taken.name(&original.name);
            if !original.is_network() {
                copy.address = ip(&original.address)
                    .and_then(|a| taken.address_after(a))
                    .map(|a| a.to_string())
                    .unwrap_or_default();
            }
            copy.position = space.take(original.position);
            copy
        })
        .collect();
    if copies.is_empty() {
        return None;
    }
    let label = counted("Duplicate", &copies);
    Some(insert(plan, copies, label, Vec::new()))
}

/// Pasted hosts (read from CSV rows) near `near`, in the rows' order. A name the plan has
/// goes on in its series and an address it has moves to the next free one, as a copy's
/// would: pasting the hosts just copied makes copies of them.
pub fn paste(plan: &Plan, rows: Vec<Host>, near: Position) -> Option<NewHosts> {
    let mut taken = Taken::of(plan);
    let spots = free_space(plan).take_many(near, rows.len());
    let mut renamed = Vec::new();
    let hosts: Vec<Host> = rows
        .into_iter()
        .zip(spots)
        .map(|(mut h, spot)| {
            let name = taken.name(&h.name);
            if name != h.name {
                renamed.push((std::mem::replace(&mut h.name, name.clone()), name));
            }
            if !h.is_network()
                && let Some(a) = ip(&h.address)
                && !taken.ips.insert(a)
            {
                h.address = taken
                    .address_after(a)
                    .map(|a| a.to_string())
                    .unwrap_or_default();
            }
            h.position = spot;
            h
        })
        .collect();
    if hosts.is_empty() {
        return None;
    }
    let label = counted("Paste", &hosts);
    Some(insert(plan, hosts, label, renamed))
}

/// A numbered series of hosts: "sdc" (or a pattern with `{n}`, "sdc-{n}.lab") numbered on
/// after the highest of its series in the plan, with consecutive addresses from the first.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub pattern: String,
    pub count: usize,
    /// Empty: the hosts get no address yet.
    pub first_address: String,
    pub os: Os,
    pub roles: RoleSet,
}

impl Series {
    /// The names and addresses the series gives, or why it cannot be added.
    pub fn hosts(&self, plan: &Plan) -> Result<Vec<(String, String)>, String> {
        if self.count == 0 || self.count > MAX_SERIES {
            return Err(format!("the count must be 1 to {MAX_SERIES}"));
        }
        let pattern = self.pattern.trim();
        if pattern.is_empty() {
            return Err("the name needs a prefix, such as sdc".into());
        }
        let (prefix, suffix) = pattern.split_once("{n}").unwrap_or((pattern, ""));
        let (lower_prefix, lower_suffix) = (prefix.to_lowercase(), suffix.to_lowercase());
        let taken = Taken::of(plan);
        // The highest number of the series, and its digits' width: "app03" goes on "app04".
        let (highest, width) = taken
            .names
            .iter()
            .filter_map(|n| n.strip_prefix(&lower_prefix)?.strip_suffix(&lower_suffix))
            .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
            .filter_map(|d| Some((d.parse::<u64>().ok()?, d.len())))
            .max()
            .unwrap_or((0, 0));
        if highest.checked_add(self.count as u64).is_none() {
            return Err(format!(
                "the numbers after {prefix}{highest}{suffix} run out"
            ));
        }
        let names: Vec<String> = (1..=self.count as u64)
            .map(|i| format!("{prefix}{:0width$}{suffix}", highest + i))
            .collect();
        if names.iter().any(|n| n.chars().count() > MAX_NAME_CHARS) {
            return Err(format!(
                "the names would be longer than {MAX_NAME_CHARS} characters"
            ));
        }
        let first = self.first_address.trim();
        let addresses: Vec<String> = if first.is_empty() {
            vec![String::new(); self.count]
        } else {
            let Some(start) = ip(first) else {
                return Err(format!(
                    "the first address '{first}' is not an IPv4 or IPv6 address to count up from"
                ));
            };
            let range: Vec<IpAddr> = (0..self.count as u128)
                .map(|i| step(start, i))
                .collect::<Option<_>>()
                .ok_or_else(|| {
                    format!(
                        "{} addresses from {start} run past the last address",
                        self.count
                    )
                })?;
            if let Some(h) = plan
                .hosts
                .iter()
                .find(|h| !h.is_network() && ip(&h.address).is_some_and(|a| range.contains(&a)))
            {
                return Err(format!(
                    "{} is already the address of {}",
                    h.address, h.name
                ));
            }
            range.iter().map(IpAddr::to_string).collect()
        };
        Ok(names.into_iter().zip(addresses).collect())
    }

    /// The series as one insert, its cards in free space near `near`, numbered in reading
    /// order.
    pub fn add(&self, plan: &Plan, near: Position) -> Result<NewHosts, String> {
        let named = self.hosts(plan)?;
        let spots = free_space(plan).take_many(near, named.len());
        let hosts: Vec<Host> = named
            .into_iter()
            .zip(spots)
            .map(|((name, address), position)| Host {
                id: HostId::default(),
                kind: Default::default(),
                name,
                address,
                os: self.os,
                roles: self.roles,
                ports: Default::default(),
                position,
            })
            .collect();
        let label = counted("Add", &hosts);
        Ok(insert(plan, hosts, label, Vec::new()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    fn plan() -> Plan {
        let mut p = Plan::new("t");
        for (i, name) in ["installer", "sds1", "sds2", "sds3"].iter().enumerate() {
            p.add_host(
                *name,
                format!("10.0.0.{}", 20 + i),
                Os::Linux,
                RoleSet::EMPTY.with(Role::Sds),
            );
            p.hosts[i].position.x = i as f32 * 210.0;
        }
        p
    }

    fn applied(mut p: Plan, new: NewHosts) -> Plan {
        new.edit.apply(&mut p);
        p
    }

    #[test]
    fn a_copy_continues_its_series_at_the_next_free_address() {
        let p = plan();
        let ids: HashSet<HostId> = [p.hosts[0].id, p.hosts[1].id].into();
        let new = duplicate(&p, &ids).unwrap();
        assert_eq!(new.label, "Duplicate 2 hosts");
        let p = applied(p, new);
        let copies: Vec<(&str, &str)> = p.hosts[4..]
            .iter()
            .map(|h| (h.name.as_str(), h.address.as_str()))
            .collect();
        assert_eq!(
            copies,
            [("installer-2", "10.0.0.24"), ("sds4", "10.0.0.25")]
        );
        assert_eq!(p.hosts[5].roles, p.hosts[1].roles);
        let unique: HashSet<_> = p.hosts.iter().map(|h| h.id).collect();
        assert_eq!(unique.len(), 6);

        // A hand-edited file with the last id: the copies' ids are still new.
        let mut edited = plan();
        edited.hosts[3].id = HostId(u32::MAX - 1);
        let all: HashSet<HostId> = edited.hosts.iter().map(|h| h.id).collect();
        let edited = applied(edited.clone(), duplicate(&edited, &all).unwrap());
        let ids: HashSet<HostId> = edited.hosts.iter().map(|h| h.id).collect();
        assert_eq!(ids.len(), 8);

        let mut taken = HashSet::from(["sds01".to_string(), "sds07".to_string()]);
        assert_eq!(next_in_series("SDS01", &taken), "SDS08");
        taken.insert("web-2".into());
        assert_eq!(next_in_series("web", &taken), "web-3");
    }

    #[test]
    fn pasted_rows_keep_free_names_and_number_on_taken_ones() {
        let p = plan();
        let rows = crate::files::inventory::read_rows(
            "sds1\t10.0.0.21\tSDS\nnew\t10.0.0.99\tSDC\tlinux\n",
        )
        .unwrap();
        let new = paste(&p, rows, Position::default()).unwrap();
        assert_eq!(new.renamed, [("sds1".to_string(), "sds4".to_string())]);
        let p = applied(p, new);
        assert_eq!(p.hosts[4].name, "sds4");
        assert_eq!(p.hosts[4].address, "10.0.0.24");
        assert_eq!(p.hosts[5].name, "new");
        assert_eq!(p.hosts[5].address, "10.0.0.99");
    }

    #[test]
    fn a_series_numbers_on_with_consecutive_addresses_or_says_why_not() {
        let p = plan();
        let mut s = Series {
            pattern: "sds".into(),
            count: 3,
            first_address: "10.0.0.254".into(),
            os: Os::Linux,
            roles: RoleSet::EMPTY.with(Role::Sds),
        };
        assert_eq!(
            s.hosts(&p).unwrap(),
            [
                ("sds4".to_string(), "10.0.0.254".to_string()),
                ("sds5".into(), "10.0.0.255".into()),
                ("sds6".into(), "10.0.1.0".into()),
            ]
        );
        let mut padded = p.clone();
        padded.add_host("app09", "", Os::Linux, RoleSet::EMPTY);
        s.pattern = "app".into();
        assert_eq!(s.hosts(&padded).unwrap()[0].0, "app10");
        s.pattern = "sdc-{n}.lab".into();
        s.first_address = String::new();
        assert_eq!(s.hosts(&p).unwrap()[2], ("sdc-3.lab".into(), String::new()));
        s.first_address = "10.0.0.22".into();
        assert_eq!(
            s.hosts(&p).unwrap_err(),
            "10.0.0.22 is already the address of sds2"
        );
        s.first_address = "255.255.255.254".into();
        assert!(
            s.hosts(&p)
                .unwrap_err()
                .contains("run past the last address")
        );
        s.first_address = "db.example".into();
        assert!(s.hosts(&p).unwrap_err().contains("not an IPv4 or IPv6"));
        s.first_address = String::new();
        s.count = 0;
        assert!(s.hosts(&p).is_err());
        s.count = 20;
        s.pattern = "x".repeat(MAX_NAME_CHARS - 1);
        assert!(
            s.hosts(&p)
                .unwrap_err()
                .contains("longer than 255 characters")
        );
    }

    #[test]
    fn a_copy_of_a_name_at_the_length_limit_stays_within_it() {
        let mut p = plan();
        let long = format!("{}99", "n".repeat(MAX_NAME_CHARS - 2));
        p.hosts[1].name = long.clone();
        let taken: HashSet<String> = p.hosts.iter().map(|h| h.name.to_lowercase()).collect();
        let next = next_in_series(&long, &taken);
        assert!(next.chars().count() <= MAX_NAME_CHARS, "{}", next.len());
        assert!(!taken.contains(&next.to_lowercase()));
    }
}
