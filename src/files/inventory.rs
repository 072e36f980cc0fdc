//! Inventory import: a CSV of hosts (`name,address,roles,os,kind`) into a plan. A row of
//! kind `network` is a named network: its address cell holds its blocks, separated by `;`.
//! The app's clipboard carries hosts as the same rows ([`write_rows`], [`read_rows`]).

use std::collections::HashMap;
use std::fmt;

use super::csv_text;
use super::input::{MAX_NAME_CHARS, not_text};
use crate::model::auto_layout;
use crate::model::{Address, address::Block};
use crate::model::{Host, HostId, HostKind, Os, Plan, Position};
use crate::model::{Role, RoleSet};

/// The columns, in the order a template lists them; `os` and `kind` may be left out.
pub const COLUMNS: [&str; 5] = ["name", "address", "roles", "os", "kind"];

/// One thing wrong with the inventory; line 0 means the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.message)
        } else {
            write!(f, "line {}: {}", self.line, self.message)
        }
    }
}

/// Every bad row of an inventory, so they can all be fixed in one pass.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct InventoryError(pub Vec<RowError>);

impl fmt::Display for InventoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

fn whole(message: impl Into<String>) -> InventoryError {
    InventoryError(vec![RowError {
        line: 0,
        message: message.into(),
    }])
}

/// Reads an inventory into a new plan named `name`, hosts laid out in tiers by role.
/// Either every row is good and a plan comes back, or every bad row is reported.
pub fn import(bytes: &[u8], name: &str) -> Result<Plan, InventoryError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(whole("the file is empty"));
    }
    if let Some(problem) = not_text(bytes) {
        return Err(whole(problem.to_string()));
    }
    // Spreadsheets save CSV with a byte-order mark.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    // Excel writes `;` in locales where `,` is the decimal mark; a copied table has tabs.
    let delimiter = csv_text::delimiter(csv_text::first_line(bytes), |fields| {
        let named = |c: &str| fields.iter().any(|f| f.eq_ignore_ascii_case(c));
        COLUMNS[..3].iter().all(|c| named(c))
    });
    if let Some(line) = csv_text::unclosed_quote(bytes, delimiter) {
        return Err(whole(csv_text::unclosed_quote_message(line)));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter)
        .from_reader(bytes);

    let headers = reader
        .headers()
        .map_err(|e| whole(csv_message(&e, delimiter)))?
        .clone();
    let column = columns(&headers)?;
    let (hosts, errors) = host_rows(reader.records(), &column, delimiter, |_| None);
    if !errors.is_empty() {
        return Err(InventoryError(errors));
    }
    let mut plan = Plan::new(name);
    plan.hosts = hosts;
    if plan.hosts.is_empty() {
        return Err(whole("the inventory has a header but no hosts"));
    }
    auto_layout::tiers(&mut plan);
    Ok(plan)
}

/// The hosts of CSV rows, checked one by one: every bad row is reported. Ids count from 1;
/// positions are left for the caller to choose. `shape` rejects a row before its fields are
/// read (a clipboard row without a header must have the columns' count).
fn host_rows(
    records: impl Iterator<Item = csv::Result<csv::StringRecord>>,
    column: &HashMap<String, usize>,
    delimiter: u8,
    shape: impl Fn(&csv::StringRecord) -> Option<String>,
) -> (Vec<Host>, Vec<RowError>) {
    let mut hosts = Vec::new();
    let mut errors = Vec::new();
    let mut first_line_of_name: HashMap<String, u64> = HashMap::new();
    let mut first_line_of_address: HashMap<String, u64> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(RowError {
                    line,
                    message: csv_message(&e, delimiter),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if let Some(message) = shape(&record) {
            errors.push(RowError { line, message });
            continue;
        }
        let field = |c: &str| column.get(c).and_then(|i| record.get(*i)).unwrap_or("");
        let mut bad = |message: String| errors.push(RowError { line, message });

        let name = field("name");
        let length = name.chars().count();
        if name.is_empty() {
            bad("the name is empty".into());
        } else if length > MAX_NAME_CHARS {
            // The name itself is not repeated: it may be a megabyte.
            bad(format!(
                "the name is {length} characters long; a host name has at most {MAX_NAME_CHARS}"
            ));
        } else if let Some(first) = first_line_of_name.insert(name.to_lowercase(), line) {
            bad(format!("duplicate host '{name}' (first on line {first})"));
        }

        let kind = field("kind").parse().unwrap_or_else(|e: String| {
            bad(e);
            HostKind::Host
        });
        let address = field("address");
        match kind {
            HostKind::Network => {
                let mut blocks = Host::network_parts(address).peekable();
                if blocks.peek().is_none() {
                    bad("a network needs its blocks in the address cell (10.1.0.0/16;...)".into());
                }
                for part in blocks {
                    if let Err(e) = Block::parse(part) {
                        bad(e);
                    }
                }
            }
            HostKind::Host => match Address::parse(address) {
                Ok(a) => {
                    if let Some(first) = first_line_of_address.insert(a.to_string(), line) {
                        bad(format!(
                            "duplicate address {address} (first on line {first})"
                        ));
                    }
                }
                Err(e) => bad(e.to_string()),
            },
        }

        let mut roles = RoleSet::EMPTY;
        for part in field("roles")
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match part.parse::<Role>() {
                Ok(r) => roles.insert(r),
                Err(e) => bad(e.to_string()),
            }
        }

        let os = match field("os") {
            "" => Os::Windows,
            text => text.parse().unwrap_or_else(|e: String| {
                bad(e);
                Os::Windows
            }),
        };
        // Ids count from 1 in row order: a counter, not a search of the hosts so far, which
        // made an import of n rows take n^2 steps.
        let id = HostId(u32::try_from(hosts.len() + 1).unwrap_or(u32::MAX));
        hosts.push(Host {
            id,
            kind,
            name: name.to_string(),
            address: address.to_string(),
            os,
            roles,
            ports: Default::default(),
            position: Position::default(),
        });
    }
    (hosts, errors)
}

/// Where each column is, from a header row (any case, any order); the first three must be
/// there.
fn columns(headers: &csv::StringRecord) -> Result<HashMap<String, usize>, InventoryError> {
    let mut column = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let key = h.to_ascii_lowercase();
        if COLUMNS.contains(&key.as_str()) && column.insert(key, i).is_some() {
            return Err(line1(format!("column '{h}' appears twice")));
        }
    }
    let missing: Vec<&str> = COLUMNS[..3]
        .iter()
        .copied()
        .filter(|c| !column.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        // A header of one column that holds another separator: say which was expected.
        let found = [(';', "';'"), ('\t', "tabs")]
            .into_iter()
            .find(|(c, _)| headers.len() == 1 && headers[0].contains(*c));
        let separators = match found {
            Some((_, name)) => format!(
                " (the header is one column holding {name}: columns are separated by ',', ';' \
                 or tabs, the same all through the file)"
            ),
            None => String::new(),
        };
        return Err(line1(format!(
            "missing column{} {}: the header must name name, address, roles and optionally os \
             and kind{separators}",
            if missing.len() > 1 { "s" } else { "" },
            missing.join(", ")
        )));
    }
    Ok(column)
}

/// Hosts as rows of an inventory, with its header: what Copy puts on the clipboard, for a
/// spreadsheet or an inventory file. Roles are separated by `;`, as an inventory has them.
pub fn write_rows<'a>(hosts: impl IntoIterator<Item = &'a Host>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let written = std::iter::once(COLUMNS.map(String::from))
        .chain(hosts.into_iter().map(|h| {
            let roles: Vec<&str> = h.roles.iter().map(Role::name).collect();
            [
                h.name.clone(),
                h.address.clone(),
                roles.join(";"),
                h.os.name().into(),
                h.kind.name().into(),
            ]
        }))
        .try_for_each(|row| w.write_record(&row));
    // Writing text to memory cannot fail.
    written.expect("CSV into memory");
    let bytes = w.into_inner().expect("CSV into memory");
    String::from_utf8(bytes).expect("the fields are text")
}

/// Hosts from pasted rows: with or without the header (without one, the columns are in the
/// order of [`COLUMNS`], `os` and `kind` optional), separated by tabs (as spreadsheets copy
/// cells) or commas. Checked as an inventory is: every bad row is reported, nothing is half
/// read. Ids count from 1 and positions are the caller's to choose.
pub fn read_rows(text: &str) -> Result<Vec<Host>, InventoryError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return Err(whole("there are no rows to paste"));
    };
    let delimiter = if first.contains('\t') { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = reader.records().peekable();
    let header = match records.peek() {
        Some(Ok(r)) => {
            let named = |c: &str| r.iter().any(|f| f.eq_ignore_ascii_case(c));
            named("name") && named("address")
        }
        _ => false,
    };
    let (hosts, errors) = if header {
        let headers = records.next().and_then(Result::ok).unwrap_or_default();
        let column = columns(&headers)?;
        let width = headers.len();
        host_rows(records, &column, delimiter, |r| {
            (r.len() > width).then(|| format!("{} fields, but the header has {width}", r.len()))
        })
    } else {
        let column = COLUMNS
            .iter()
            .enumerate()
            .map(|(i, c)| (c.to_string(), i))
            .collect();
        host_rows(records, &column, delimiter, |r| {
            (r.len() < 2 || r.len() > COLUMNS.len()).then(|| {
                format!(
                    "'{}' is not a host row: the columns are {} (os and kind optional), \
                     separated by tabs or commas",
                    r.iter().collect::<Vec<_>>().join(" "),
                    COLUMNS.join(", ")
                )
            })
        })
    };
    if !errors.is_empty() {
        return Err(InventoryError(errors));
    }
    if hosts.is_empty() {
        return Err(whole("there are no rows to paste, only the header"));
    }
    Ok(hosts)
}

fn line1(message: String) -> InventoryError {
    InventoryError(vec![RowError { line: 1, message }])
}

fn csv_message(e: &csv::Error, delimiter: u8) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => csv_text::field_count_message(*len, *expected_len, delimiter),
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8 text".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_rows_paste_back_as_the_same_hosts() {
        let mut plan = Plan::new("t");
        plan.add_host(
            "mdm \"one\", east",
            "10.0.0.1",
            Os::Linux,
            RoleSet::EMPTY.with(Role::Mdm).with(Role::Callhome),
        );
        plan.add_host(
            "net",
            "10.1.0.0/16; 10.2.0.0/16",
            Os::Windows,
            RoleSet::EMPTY,
        );
        plan.hosts[1].kind = HostKind::Network;
        let text = write_rows(&plan.hosts);
        assert!(text.starts_with("name,address,roles,os,kind\n"), "{text}");
        let back = read_rows(&text).unwrap();
        assert_eq!(back.len(), 2);
        for (a, b) in plan.hosts.iter().zip(&back) {
            assert_eq!(
                (&a.name, &a.address, a.roles, a.os, a.kind),
                (&b.name, &b.address, b.roles, b.os, b.kind)
            );
        }
    }

    #[test]
    fn pasted_rows_with_or_without_a_header_by_tabs_or_commas() {
        let cells = "Roles\tName\tAddress\nSDC\ta\t10.0.0.1\nSDS;LIA\tb\t10.0.0.2\n";
        let hosts = read_rows(cells).unwrap();
        assert_eq!(hosts[1].name, "b");
        assert!(hosts[1].roles.contains(Role::Lia));
        let hosts = read_rows("a,10.0.0.1,SDC,linux\r\n\r\nb,10.0.0.2,\n").unwrap();
        assert_eq!(hosts[0].os, Os::Linux);
        assert!(hosts[1].roles.is_empty());

        let lines = |text: &str| -> Vec<String> {
            read_rows(text)
                .unwrap_err()
                .0
                .iter()
                .map(|e| e.to_string())
                .collect()
        };
        assert_eq!(
            lines("a,10.0.0.1,SDC\nb,10.0.0.1,SDC,solaris\n"),
            [
                "line 2: duplicate address 10.0.0.1 (first on line 1)",
                "line 2: unknown os 'solaris' (expected windows or linux)"
            ]
        );
        assert!(lines("a\tb\tc\td\te\tf\n")[0].contains("is not a host row"));
        assert!(lines("name,address,roles\n")[0].contains("only the header"));
        assert!(lines(" \n\t\n")[0].contains("no rows to paste"));
    }

    proptest::proptest! {
        /// Whatever the clipboard holds, reading it gives hosts or reasons, never a panic.
        #[test]
        fn any_text_reads_without_a_panic(text in "[a-z0-9,;\t\n\".: /]{0,80}|\\PC{0,40}") {
            let _ = read_rows(&text);
        }
    }
}
