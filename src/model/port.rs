//! Ports as the catalog and the plan name them: a protocol, a number or range, or the
//! symbolic WMI port that the plan's setting resolves.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Tcp,
    Udp,
}

impl Protocol {
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One port or an inclusive range of ports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PortRange {
    pub start: u16,
    pub end: u16,
}

impl PortRange {
    pub fn single(port: u16) -> PortRange {
        PortRange {
            start: port,
            end: port,
        }
    }
    pub fn is_single(self) -> bool {
        self.start == self.end
    }
    /// `None` for a single port: the `port_end` of the JSON outputs.
    pub fn end_if_range(self) -> Option<u16> {
        (!self.is_single()).then_some(self.end)
    }
    pub fn overlaps(self, other: PortRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_single() {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}-{}", self.start, self.end)
        }
    }
}

/// A port as a catalog gives it: a number, a range, or the symbolic WMI port that the plan's
/// WMI setting resolves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PortSpec {
    Fixed(PortRange),
    Wmi,
}

impl fmt::Display for PortSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PortSpec::Fixed(r) => r.fmt(f),
            PortSpec::Wmi => f.write_str("WMI"),
        }
    }
}

impl Serialize for PortSpec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PortSpec::Fixed(r) if r.is_single() => s.serialize_u16(r.start),
            other => s.collect_str(other),
        }
    }
}

impl<'de> Deserialize<'de> for PortSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Not an untagged enum: its one message for any other value ("did not match any
        // variant") hides the mistake, such as `port = 135.0`.
        enum Raw {
            Number(i64),
            Text(String),
        }
        struct RawVisitor;
        impl serde::de::Visitor<'_> for RawVisitor {
            type Value = Raw;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a port number, a range like \"49152-65535\", or \"WMI\"")
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Raw, E> {
                Ok(Raw::Number(n))
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Raw, E> {
                Ok(Raw::Number(i64::try_from(n).unwrap_or(i64::MAX)))
            }
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Raw, E> {
                Err(E::custom(format!(
                    "port {n:?} is a decimal number: a port is a whole number (port = {})",
                    n.trunc()
                )))
            }
            fn visit_str<E: serde::de::Error>(self, t: &str) -> Result<Raw, E> {
                Ok(Raw::Text(t.to_string()))
            }
        }
        let port = |n: i64| {
            u16::try_from(n)
                .ok()
                .filter(|p| *p != 0)
                .ok_or_else(|| serde::de::Error::custom(format!("port {n} is not in 1-65535")))
        };
        match d.deserialize_any(RawVisitor)? {
            Raw::Number(n) => Ok(PortSpec::Fixed(PortRange::single(port(n)?))),
            Raw::Text(t) if t.eq_ignore_ascii_case("wmi") => Ok(PortSpec::Wmi),
            Raw::Text(t) => {
                let bad = || {
                    serde::de::Error::custom(format!(
                        "port '{t}' is not a number, a range like \"49152-65535\", or \"WMI\""
                    ))
                };
                let (a, b) = t.split_once('-').ok_or_else(bad)?;
                let a: i64 = a.trim().parse().map_err(|_| bad())?;
                let b: i64 = b.trim().parse().map_err(|_| bad())?;
                let (start, end) = (port(a)?, port(b)?);
                if start > end {
                    return Err(serde::de::Error::custom(format!(
                        "port range '{t}' ends before it starts"
                    )));
                }
                Ok(PortSpec::Fixed(PortRange { start, end }))
            }
        }
    }
}
