//! The registry of export formats: each states once its name, file extension, what it is
//! and the hosts it is for (Aerleon's generators carry their platform the same way); the
//! generator that makes it is bound to it once, in [`super::generator`]. The CLI's `--format`
//! values, the app's Export dialog and the tests all read this table.

use std::fmt;

use crate::model::Os;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Netsh,
    PowerShell,
    Firewalld,
    Nftables,
    Iptables,
    Csv,
    Xlsx,
    Pdf,
    Svg,
}

/// The three wings of the export: what a format's files are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wing {
    /// A firewall script per host.
    Script,
    /// The flows as a table.
    Table,
    /// A document for people: the change request, the diagram.
    Document,
}

/// What the registry says of a format.
#[derive(Clone, Copy)]
pub struct Info {
    /// As `--format` takes it.
    pub name: &'static str,
    pub extension: &'static str,
    /// What its file is, in a sentence's words ("an xlsx workbook").
    pub noun: &'static str,
    pub wing: Wing,
    /// Not text: never written to a terminal.
    pub binary: bool,
    /// The hosts a script is for (one script per host); `None`: one file for the whole plan.
    pub os: Option<Os>,
}

impl Format {
    pub const ALL: [Format; 9] = [
        Format::Netsh,
        Format::PowerShell,
        Format::Firewalld,
        Format::Nftables,
        Format::Iptables,
        Format::Csv,
        Format::Xlsx,
        Format::Pdf,
        Format::Svg,
    ];

    /// The script formats of each OS, as `--windows-format` and `--linux-format` take them.
    pub const WINDOWS_SCRIPTS: [Format; 2] = [Format::Netsh, Format::PowerShell];
    pub const LINUX_SCRIPTS: [Format; 3] = [Format::Nftables, Format::Iptables, Format::Firewalld];

    pub fn info(self) -> Info {
        let script = |name, extension, noun, os| Info {
            name,
            extension,
            noun,
            wing: Wing::Script,
            binary: false,
            os: Some(os),
        };
        match self {
            Format::Netsh => script("netsh", "cmd", "netsh scripts", Os::Windows),
            Format::PowerShell => script("powershell", "ps1", "PowerShell scripts", Os::Windows),
            Format::Firewalld => script("firewalld", "sh", "firewalld scripts", Os::Linux),
            Format::Nftables => script("nftables", "nft", "nftables files", Os::Linux),
            Format::Iptables => script("iptables", "sh", "iptables scripts", Os::Linux),
            Format::Csv => Info {
                name: "csv",
                extension: "csv",
                noun: "the flows as CSV",
                wing: Wing::Table,
                binary: false,
                os: None,
            },
            Format::Xlsx => Info {
                name: "xlsx",
                extension: "xlsx",
                noun: "an xlsx workbook",
                wing: Wing::Table,
                binary: true,
                os: None,
            },
            Format::Pdf => Info {
                name: "pdf",
                extension: "pdf",
                noun: "the change request",
                wing: Wing::Document,
                binary: true,
                os: None,
            },
            Format::Svg => Info {
                name: "svg",
                extension: "svg",
                noun: "the topology diagram",
                wing: Wing::Document,
                binary: false,
                os: None,
            },
        }
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn extension(self) -> &'static str {
        self.info().extension
    }

    /// The hosts a script format is for; `None` for the whole-plan formats.
    pub fn os(self) -> Option<Os> {
        self.info().os
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_scripts_are_per_os() {
        for f in Format::ALL {
            assert_eq!(
                Format::ALL.iter().filter(|g| g.name() == f.name()).count(),
                1
            );
            // A script format is for the hosts of one OS, and only those are.
            assert_eq!(f.info().wing == Wing::Script, f.os().is_some(), "{f}");
            // Every script format is in its OS's list.
            let lists = [
                (Os::Windows, &Format::WINDOWS_SCRIPTS[..]),
                (Os::Linux, &Format::LINUX_SCRIPTS[..]),
            ];
            for (os, list) in lists {
                assert_eq!(list.contains(&f), f.os() == Some(os), "{f}");
            }
        }
    }
}
