//! Probe results: what each probe found, counted, written as text, CSV or JSON, and read back
//! from the CSV that probe scripts write on other hosts.

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use serde::Serialize;

use super::targets::Target;
use crate::analysis::Phase;
use crate::files::csv_text;
use crate::files::input::not_text;
use crate::model::{PortRange, Protocol};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The TCP handshake completed.
    Open,
    /// Refused: the host answered, nothing listens.
    Closed,
    /// No answer before the timeout: dropped on the way.
    Filtered,
    /// ICMP unreachable or no route: a firewall rejected it, or the host cannot be reached.
    Unreachable,
    /// The name did not resolve.
    Unresolved,
    /// Anything else (the detail says what).
    Error,
    /// Not probed: a port range (WMI without a fixed port), or a UDP port, which a TCP
    /// connect cannot test (the detail says which).
    Skipped,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Open,
        Status::Closed,
        Status::Filtered,
        Status::Unreachable,
        Status::Unresolved,
        Status::Error,
        Status::Skipped,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Closed => "closed",
            Status::Filtered => "filtered",
            Status::Unreachable => "unreachable",
            Status::Unresolved => "unresolved",
            Status::Error => "error",
            Status::Skipped => "skipped",
        }
    }

    /// What it means, in the words people use.
    pub fn meaning(self) -> &'static str {
        match self {
            Status::Open => "open: the connection was accepted",
            Status::Closed => "closed: the host refused it, nothing listens there",
            Status::Filtered => "filtered: no answer before the timeout",
            Status::Unreachable => "rejected by a firewall or unreachable",
            Status::Unresolved => "the name did not resolve",
            Status::Error => "error",
            Status::Skipped => {
                "not probed: a UDP port (a TCP connect cannot test it) or a port range (fix the \
                 WMI port to probe it)"
            }
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|st| st.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| format!("unknown status '{s}'"))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProbeResult {
    pub target: Target,
    pub status: Status,
    /// How long the probe took, in milliseconds.
    pub ms: u64,
    /// The error behind `error` (and the reason for `skipped`), for people.
    pub detail: String,
    /// The host the probe ran on, for imported results; `None`: this machine.
    pub from: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub open: usize,
    pub closed: usize,
    pub filtered: usize,
    pub unreachable: usize,
    pub unresolved: usize,
    pub error: usize,
    pub skipped: usize,
}

impl Summary {
    pub fn add(&mut self, s: Status) {
        *match s {
            Status::Open => &mut self.open,
            Status::Closed => &mut self.closed,
            Status::Filtered => &mut self.filtered,
            Status::Unreachable => &mut self.unreachable,
            Status::Unresolved => &mut self.unresolved,
            Status::Error => &mut self.error,
            Status::Skipped => &mut self.skipped,
        } += 1;
    }

    pub fn of<'a>(results: impl IntoIterator<Item = &'a ProbeResult>) -> Summary {
        let mut s = Summary::default();
        for r in results {
            s.add(r.status);
        }
        s
    }

    /// Probes that ran and did not find the port open.
    pub fn not_open(&self) -> usize {
        self.closed + self.filtered + self.unreachable + self.unresolved + self.error
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} open, {} closed, {} filtered, {} unreachable, {} unresolved, {} errors",
            self.open, self.closed, self.filtered, self.unreachable, self.unresolved, self.error
        )?;
        if self.skipped > 0 {
            write!(f, ", {} not probed", self.skipped)?;
        }
        Ok(())
    }
}

/// A finished (or cancelled) test.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// In target order: plan order, then port.
    pub results: Vec<ProbeResult>,
    /// Stopped before every probe ran; `results` holds those that did.
    pub cancelled: bool,
}

impl Report {
    pub fn summary(&self) -> Summary {
        Summary::of(&self.results)
    }

    /// The table people read. Names, addresses and details are escaped for a terminal and
    /// padded by hand: a name of any length prints, in a column of at most 48 characters.
    pub fn write_text(&self, out: &mut dyn Write) -> io::Result<()> {
        use crate::quote::{Padded, terminal};
        let w = self
            .results
            .iter()
            .flat_map(|r| [Some(&r.target.host), r.from.as_ref()])
            .flatten()
            .map(|name| terminal(name).chars().count())
            .max()
            .unwrap_or(0)
            .clamp(4, 48);
        let from = self.results.iter().any(|r| r.from.is_some());
        if from {
            write!(out, "{}  ", Padded("FROM", w))?;
        }
        writeln!(
            out,
            "{}  {:<16} {:<12} {:<13} {:<12} {:>6}",
            Padded("HOST", w),
            "ADDRESS",
            "PORT",
            "PHASE",
            "STATUS",
            "MS"
        )?;
        for r in &self.results {
            if from {
                let name = terminal(r.from.as_deref().unwrap_or("-"));
                write!(out, "{}  ", Padded(&name, w))?;
            }
            let status = match r.status {
                Status::Unreachable => {
                    "unreachable (rejected by a firewall or unreachable)".to_string()
                }
                Status::Error | Status::Skipped => {
                    format!("{} ({})", r.status, terminal(&r.detail))
                }
                s => s.to_string(),
            };
            writeln!(
                out,
                "{}  {}  {:<12} {:<13} {:<12} {:>6}",
                Padded(&terminal(&r.target.host), w),
                Padded(&terminal(&r.target.address), 16),
                format!("{}/{}", r.target.port, r.target.protocol),
                r.target.phase.name(),
                status,
                r.ms
            )?;
        }
        let cancelled = if self.cancelled { " (cancelled)" } else { "" };
        writeln!(out, "{}{cancelled}", self.summary())
    }

    pub const CSV_HEADER: [&'static str; 9] = [
        "from", "host", "address", "port", "protocol", "phase", "status", "ms", "detail",
    ];

    pub fn write_csv(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(Self::CSV_HEADER)?;
        for r in &self.results {
            // Text cells a spreadsheet would take for a formula get a leading ' (read_csv
            // takes it off again).
            let cell = crate::quote::spreadsheet_cell;
            w.write_record([
                &*cell(r.from.as_deref().unwrap_or("")),
                &cell(&r.target.host),
                &cell(&r.target.address),
                &r.target.port.to_string(),
                r.target.protocol.name(),
                r.target.phase.name(),
                r.status.name(),
                &r.ms.to_string(),
                &cell(&r.detail),
            ])?;
        }
        w.flush()
    }

    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        #[derive(Serialize)]
        struct Row<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            from: Option<&'a str>,
            host: &'a str,
            address: &'a str,
            port: u16,
            #[serde(skip_serializing_if = "Option::is_none")]
            port_end: Option<u16>,
            protocol: Protocol,
            phase: Phase,
            status: Status,
            ms: u64,
            #[serde(skip_serializing_if = "str::is_empty")]
            detail: &'a str,
        }
        #[derive(Serialize)]
        struct Doc<'a> {
            results: Vec<Row<'a>>,
            summary: Summary,
            cancelled: bool,
        }
        let doc = Doc {
            results: self
                .results
                .iter()
                .map(|r| Row {
                    from: r.from.as_deref(),
                    host: &r.target.host,
                    address: &r.target.address,
                    port: r.target.port.start,
                    port_end: r.target.port.end_if_range(),
                    protocol: r.target.protocol,
                    phase: r.target.phase,
                    status: r.status,
                    ms: r.ms,
                    detail: &r.detail,
                })
                .collect(),
            summary: self.summary(),
            cancelled: self.cancelled,
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }

    /// Reads the CSV a probe script wrote (or `portplan probe --format csv`). Every bad row is
    /// reported with its line.
    pub fn read_csv(bytes: &[u8]) -> Result<Report, Vec<String>> {
        if let Some(problem) = not_text(bytes) {
            return Err(vec![problem.to_string()]);
        }
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        if let Some(line) = csv_text::unclosed_quote(bytes, b',') {
            return Err(vec![csv_text::unclosed_quote_message(line)]);
        }
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(bytes);
        let headers = reader
            .headers()
            .map_err(|e| vec![format!("line 1: {e}")])?
            .clone();
        let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
        let needed = ["host", "address", "port", "status"];
        let missing: Vec<&str> = needed
            .iter()
            .copied()
            .filter(|n| col(n).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(vec![format!(
                "line 1: missing column(s) {}",
                missing.join(", ")
            )]);
        }
        let mut results = Vec::new();
        let mut errors = Vec::new();
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    let message = match e.kind() {
                        csv::ErrorKind::UnequalLengths {
                            expected_len, len, ..
                        } => csv_text::field_count_message(*len, *expected_len, b','),
                        csv::ErrorKind::Utf8 { .. } => {
                            "not valid UTF-8 text: save the file as UTF-8".into()
                        }
                        _ => e.to_string(),
                    };
                    errors.push(format!("line {line}: {message}"));
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            // A leading ' that `write_csv` put before a formula character is not the text's.
            let get = |name: &str| {
                let cell = col(name).and_then(|i| record.get(i)).unwrap_or("");
                crate::quote::from_spreadsheet_cell(cell)
            };
            let row = (|| -> Result<ProbeResult, String> {
                let port = parse_port(get("port"))?;
                let status: Status = get("status").parse()?;
                let phase = match get("phase") {
                    "" | "permanent" => Phase::Permanent,
                    "install-only" => Phase::InstallOnly,
                    other => return Err(format!("unknown phase '{other}'")),
                };
                let protocol = match get("protocol") {
                    "" | "tcp" => Protocol::Tcp,
                    "udp" => Protocol::Udp,
                    other => return Err(format!("unknown protocol '{other}'")),
                };
                let ms = match get("ms") {
                    "" => 0,
                    t => t.parse().map_err(|_| format!("ms '{t}' is not a number"))?,
                };
                let from = Some(get("from").to_string()).filter(|f| !f.is_empty());
                Ok(ProbeResult {
                    target: Target {
                        host: get("host").to_string(),
                        address: get("address").to_string(),
                        port,
                        protocol,
                        phase,
                    },
                    status,
                    ms,
                    detail: get("detail").to_string(),
                    from,
                })
            })();
            match row {
                Ok(r) => results.push(r),
                Err(e) => errors.push(format!("line {line}: {e}")),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if results.is_empty() {
            return Err(vec!["no results in the file".into()]);
        }
        Ok(Report {
            results,
            cancelled: false,
        })
    }
}

fn parse_port(text: &str) -> Result<PortRange, String> {
    let bad = || format!("port '{text}' is not a port or a range");
    let one = |t: &str| {
        t.trim()
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(bad)
    };
    match text.split_once('-') {
        Some((a, b)) => Ok(PortRange {
            start: one(a)?,
            end: one(b)?,
        }),
        None => Ok(PortRange::single(one(text)?)),
    }
}
