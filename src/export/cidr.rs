//! Source lists as few entries as stay exact: runs of consecutive addresses become CIDR
//! blocks (every firewall here takes them). Blocks of fewer than 4 addresses stay single
//! addresses, which read better in small plans.

use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Smallest block written as a prefix.
const MIN_BLOCK: u128 = 4;

/// `addresses` must be IP addresses in address order (IPv4 before IPv6, numeric); anything
/// that does not parse is kept as it is.
pub fn aggregate<'a>(addresses: impl Iterator<Item = &'a str>) -> Vec<Cow<'a, str>> {
    aggregate_parsed(addresses.map(|a| (a.parse().ok(), a)))
}

/// The same, for addresses parsed already (`None`: not an IP address).
pub fn aggregate_parsed<'a>(
    addresses: impl Iterator<Item = (Option<IpAddr>, &'a str)>,
) -> Vec<Cow<'a, str>> {
    let mut out = Vec::new();
    // The current run: (first, last, is IPv6), and the text of its first address, which is
    // what a run of one is written as (no copy).
    let mut run: Option<(u128, u128, bool)> = None;
    let mut first: &'a str = "";
    for (ip, text) in addresses {
        let (n, v6) = match ip {
            Some(IpAddr::V4(a)) => (u128::from(u32::from(a)), false),
            Some(IpAddr::V6(a)) => (u128::from(a), true),
            None => {
                flush(&mut run, first, &mut out);
                out.push(Cow::Borrowed(text));
                continue;
            }
        };
        match &mut run {
            Some((_, last, rv6)) if *rv6 == v6 && last.checked_add(1) == Some(n) => *last = n,
            Some((_, last, rv6)) if *rv6 == v6 && *last == n => {}
            _ => {
                flush(&mut run, first, &mut out);
                run = Some((n, n, v6));
                first = text;
            }
        }
    }
    flush(&mut run, first, &mut out);
    out
}

fn flush<'a>(run: &mut Option<(u128, u128, bool)>, first: &'a str, out: &mut Vec<Cow<'a, str>>) {
    let Some((mut lo, hi, v6)) = run.take() else {
        return;
    };
    if lo == hi {
        out.push(Cow::Borrowed(first));
        return;
    }
    let bits = if v6 { 128 } else { 32 };
    while lo <= hi {
        // The largest aligned block starting at `lo` that stays within the run.
        let align = if lo == 0 {
            bits
        } else {
            lo.trailing_zeros().min(bits)
        };
        let mut size_bits = align;
        while size_bits > 0 && (size_bits >= 128 || lo + (1u128 << size_bits) - 1 > hi) {
            size_bits -= 1;
        }
        let size = 1u128 << size_bits;
        if size >= MIN_BLOCK {
            out.push(Cow::Owned(format!("{}/{}", show(lo, v6), bits - size_bits)));
        } else {
            for n in lo..lo + size {
                out.push(Cow::Owned(show(n, v6)));
            }
        }
        match lo.checked_add(size) {
            Some(next) => lo = next,
            None => break,
        }
    }
}

fn show(n: u128, v6: bool) -> String {
    if v6 {
        Ipv6Addr::from(n).to_string()
    } else {
        Ipv4Addr::from(n as u32).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::aggregate;

    fn agg(v: &[&str]) -> Vec<String> {
        aggregate(v.iter().copied())
            .into_iter()
            .map(|c| c.into_owned())
            .collect()
    }

    #[test]
    fn runs_become_blocks_and_short_pieces_stay_addresses() {
        assert_eq!(
            agg(&["10.0.0.1", "10.0.0.2", "10.0.0.3"]),
            ["10.0.0.1", "10.0.0.2", "10.0.0.3"]
        );
        let run: Vec<String> = (0..=255).map(|i| format!("10.0.1.{i}")).collect();
        let refs: Vec<&str> = run.iter().map(String::as_str).collect();
        assert_eq!(agg(&refs), ["10.0.1.0/24"]);
        let run: Vec<String> = (1..=9).map(|i| format!("10.0.0.{i}")).collect();
        let refs: Vec<&str> = run.iter().map(String::as_str).collect();
        assert_eq!(
            agg(&refs),
            [
                "10.0.0.1",
                "10.0.0.2",
                "10.0.0.3",
                "10.0.0.4/30",
                "10.0.0.8",
                "10.0.0.9"
            ]
        );
        assert_eq!(
            agg(&["2001:db8::4", "2001:db8::5", "2001:db8::6", "2001:db8::7"]),
            ["2001:db8::4/126"]
        );
        assert_eq!(
            agg(&["10.0.0.1", "10.0.0.1", "10.0.0.9"]),
            ["10.0.0.1", "10.0.0.9"]
        );
        assert_eq!(
            agg(&[
                "255.255.255.252",
                "255.255.255.253",
                "255.255.255.254",
                "255.255.255.255"
            ]),
            ["255.255.255.252/30"]
        );
    }

    /// Exactness: the blocks cover the addresses, and nothing else.
    #[test]
    fn blocks_cover_exactly_the_addresses() {
        let mut seed = 7u64;
        for _ in 0..200 {
            let mut set = std::collections::BTreeSet::new();
            for _ in 0..60 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                set.insert((seed >> 40) as u32 % 300);
            }
            let texts: Vec<String> = set
                .iter()
                .map(|n| std::net::Ipv4Addr::from(0x0a00_0000 + n).to_string())
                .collect();
            let blocks = aggregate(texts.iter().map(String::as_str));
            let mut covered = std::collections::BTreeSet::new();
            for b in &blocks {
                let (a, len) = b
                    .split_once('/')
                    .map_or((b.as_ref(), 32), |(a, l)| (a, l.parse().unwrap()));
                let base = u32::from(a.parse::<std::net::Ipv4Addr>().unwrap());
                for i in 0..(1u64 << (32 - len)) {
                    covered.insert(base + i as u32 - 0x0a00_0000);
                }
            }
            assert_eq!(covered, set);
        }
    }
}
