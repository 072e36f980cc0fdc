//! Host addresses: an IPv4 or IPv6 address, or a DNS name.

use std::cmp::Ordering;
use std::fmt;
use std::net::IpAddr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Address {
    Ip(IpAddr),
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("the address is empty")]
    Empty,
    #[error("'{0}' is not an IPv4 address, an IPv6 address or a DNS name{1}")]
    Invalid(String, &'static str),
}

impl Address {
    /// Parses what a user typed. Surrounding spaces are not accepted silently: what is
    /// stored is what firewall rules will contain.
    pub fn parse(text: &str) -> Result<Address, AddressError> {
        if text.is_empty() {
            return Err(AddressError::Empty);
        }
        // Brackets are how IPv6 is written in URLs; people paste them.
        let bare = text
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .unwrap_or(text);
        if let Ok(ip) = bare.parse::<IpAddr>() {
            return Ok(Address::Ip(ip));
        }
        match dns_name_problem(text) {
            None => Ok(Address::Name(text.to_ascii_lowercase())),
            Some(why) => Err(AddressError::Invalid(text.to_string(), why)),
        }
    }
}

/// RFC 1123 host names. Returns why `text` is not one, as a clause for the error message.
fn dns_name_problem(text: &str) -> Option<&'static str> {
    let name = text.strip_suffix('.').unwrap_or(text);
    if name.len() > 253 {
        return Some(" (a DNS name has at most 253 characters)");
    }
    let labels: Vec<&str> = name.split('.').collect();
    for label in &labels {
        if label.is_empty() {
            return Some(" (empty part between dots)");
        }
        if label.len() > 63 {
            return Some(" (a DNS label has at most 63 characters)");
        }
        if !label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Some(" (a DNS name has only letters, digits, '-' and '.')");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some(" (a DNS label cannot start or end with '-')");
        }
    }
    // "10.0.0.300" must not pass as a name: the last label of a DNS name is never numeric.
    if labels
        .last()
        .is_some_and(|l| l.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(" (looks like an IP address, but is not a valid one)");
    }
    None
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Address::Ip(ip) => ip.fmt(f),
            Address::Name(n) => f.write_str(n),
        }
    }
}

/// A block of a network: an address with a prefix length ("10.1.0.0/16"), or one address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub ip: IpAddr,
    pub prefix: u8,
}

impl Block {
    /// Parses one block of a network. The host bits must be zero: a firewall would widen
    /// "10.1.2.3/16" to 10.1.0.0/16 silently, and the user meant one or the other.
    pub fn parse(text: &str) -> Result<Block, String> {
        let (ip_text, prefix) = match text.split_once('/') {
            Some((ip, prefix)) => (ip, Some(prefix)),
            None => (text, None),
        };
        let ip: IpAddr = ip_text
            .parse()
            .map_err(|_| format!("'{text}' is not a network block like 10.1.0.0/16"))?;
        let max = if ip.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("'{text}': the prefix length must be 0-{max}"))?,
        };
        let bits = match ip {
            IpAddr::V4(a) => u128::from(u32::from(a)) << 96,
            IpAddr::V6(a) => u128::from(a),
        };
        // The address sits in the top `max` bits: what is left after the prefix is the host.
        let host_bits = bits.checked_shl(u32::from(prefix)).unwrap_or(0);
        if prefix < max && host_bits != 0 {
            return Err(format!(
                "'{text}' has host bits set: the block of {ip}/{prefix} starts lower"
            ));
        }
        Ok(Block { ip, prefix })
    }

    /// Whether `ip` is in the block (same family, same first `prefix` bits).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let bits = |a: IpAddr| match a {
            IpAddr::V4(a) => u128::from(u32::from(a)) << 96,
            IpAddr::V6(a) => u128::from(a),
        };
        if self.ip.is_ipv4() != ip.is_ipv4() {
            return false;
        }
        let mask = u128::MAX
            .checked_shl(128 - u32::from(self.prefix))
            .unwrap_or(0);
        bits(self.ip) & mask == bits(ip) & mask
    }
}

impl fmt::Display for Block {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let max = if self.ip.is_ipv4() { 32 } else { 128 };
        if self.prefix == max {
            self.ip.fmt(f)
        } else {
            write!(f, "{}/{}", self.ip, self.prefix)
        }
    }
}

/// The order in which addresses are listed: IPv4 numerically, then IPv6, then names, then
/// anything unparseable as text. Firewall readers expect 10.0.0.9 before 10.0.0.10.
pub fn compare(a: &str, b: &str) -> Ordering {
    fn key(s: &str) -> (u8, Option<IpAddr>) {
        match Address::parse(s) {
            Ok(Address::Ip(ip @ IpAddr::V4(_))) => (0, Some(ip)),
            Ok(Address::Ip(ip @ IpAddr::V6(_))) => (1, Some(ip)),
            Ok(Address::Name(_)) => (2, None),
            Err(_) => (3, None),
        }
    }
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ips_and_names() {
        assert!(matches!(Address::parse("10.0.0.1"), Ok(Address::Ip(_))));
        assert!(matches!(Address::parse("fe80::1"), Ok(Address::Ip(_))));
        assert!(matches!(
            Address::parse("[2001:db8::5]"),
            Ok(Address::Ip(_))
        ));
        assert_eq!(
            Address::parse("MDM-01.corp.example").unwrap().to_string(),
            "mdm-01.corp.example"
        );
        assert!(Address::parse("sds1").is_ok());
    }

    #[test]
    fn rejects_bad_addresses_with_a_reason() {
        for bad in [
            "10.0.0.300",
            "1.2.3",
            "a b",
            "-x.example",
            "x..example",
            "x\"; rm -rf /",
            " 10.0.0.1",
            "10.0.0.0/24",
        ] {
            let err = Address::parse(bad).unwrap_err().to_string();
            assert!(err.contains("is not an IPv4"), "{bad}: {err}");
        }
        assert_eq!(Address::parse(""), Err(AddressError::Empty));
        assert!(Address::parse(&"a".repeat(64)).is_err());
    }

    #[test]
    fn network_blocks() {
        assert_eq!(
            Block::parse("10.1.0.0/16").unwrap().to_string(),
            "10.1.0.0/16"
        );
        assert_eq!(Block::parse("10.1.2.3").unwrap().to_string(), "10.1.2.3");
        assert_eq!(Block::parse("10.1.2.3/32").unwrap().to_string(), "10.1.2.3");
        assert_eq!(
            Block::parse("2001:db8::/32").unwrap().to_string(),
            "2001:db8::/32"
        );
        assert_eq!(Block::parse("0.0.0.0/0").unwrap().to_string(), "0.0.0.0/0");
        for bad in [
            "10.1.2.3/16",
            "10.0.0.0/33",
            "x/8",
            "10.0.0.0/",
            "2001:db8::1/64",
            "a; b",
        ] {
            assert!(Block::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn orders_numerically() {
        let mut v = vec!["b.example", "10.0.0.10", "::1", "10.0.0.9", "bad addr"];
        v.sort_by(|a, b| compare(a, b));
        assert_eq!(v, ["10.0.0.9", "10.0.0.10", "::1", "b.example", "bad addr"]);
    }
}
