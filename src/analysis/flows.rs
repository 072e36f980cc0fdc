//! The flows: the source -> destination rules a firewall team opens.

use std::fmt;

use serde::Serialize;

use super::matrix::Cell;
use super::rows::{Analysis, HostRow, INSTALLERS, NO_SOURCES};

/// Why a flow exists, and so how long it lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FlowKind {
    /// Installer -> a port the destination needs during install; removed after the install.
    Install,
    /// Another deployment host -> a port the destination needs in operation; permanent.
    Operation,
}

impl FlowKind {
    pub fn name(self) -> &'static str {
        match self {
            FlowKind::Install => "install",
            FlowKind::Operation => "operation",
        }
    }
}

impl fmt::Display for FlowKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One rule: `source` may reach `cell`'s port on `destination`.
#[derive(Clone, Copy, Debug)]
pub struct Flow<'a> {
    pub source: &'a HostRow,
    pub destination: &'a HostRow,
    pub cell: &'a Cell,
    pub kind: FlowKind,
}

impl Flow<'_> {
    /// "MDM and TB communication, for MDM, Callhome"
    pub fn reason(&self) -> String {
        format!("{}, for {}", self.cell.name, self.cell.roles.joined(", "))
    }
}

impl Analysis {
    /// The sources of one kind of flow into host `row`'s `cell`, in address order.
    pub fn flow_sources<'a>(
        &'a self,
        row: usize,
        cell: &Cell,
        kind: FlowKind,
    ) -> impl Iterator<Item = usize> + 'a {
        self.list(self.source_list(cell, kind))
            .iter()
            .copied()
            .filter(move |i| *i != row)
    }

    /// Whether host `source` has a flow of `kind` into `cell` of host `row`, without walking
    /// the sources.
    pub fn is_source(&self, source: usize, row: usize, cell: &Cell, kind: FlowKind) -> bool {
        source != row && self.in_address_list(self.list(self.source_list(cell, kind)), source)
    }

    /// Which list the sources of one kind of flow into `cell` come from: ports whose ids are
    /// equal admit the same hosts, so one firewall rule can hold them.
    pub fn source_list(&self, cell: &Cell, kind: FlowKind) -> usize {
        match kind {
            FlowKind::Install if cell.during_install => INSTALLERS,
            FlowKind::Operation if cell.in_operation => self.reaching_id(cell.from),
            _ => NO_SOURCES,
        }
    }

    /// Every flow, ordered by destination (plan order), port, kind, then source address.
    /// Generated on the fly: a plan of n hosts has on the order of n² flows.
    pub fn flows(&self) -> impl Iterator<Item = Flow<'_>> + '_ {
        (0..self.hosts.len()).flat_map(move |row| self.flows_to(row))
    }

    /// The flows into host `row`.
    pub fn flows_to(&self, row: usize) -> impl Iterator<Item = Flow<'_>> + '_ {
        self.cells(row).iter().flat_map(move |cell| {
            [FlowKind::Install, FlowKind::Operation]
                .into_iter()
                .flat_map(move |kind| {
                    self.flow_sources(row, cell, kind).map(move |src| Flow {
                        source: &self.hosts[src],
                        destination: &self.hosts[row],
                        cell,
                        kind,
                    })
                })
        })
    }

    /// The flows of one kind, or every flow (`None`).
    pub fn flows_of(&self, kind: Option<FlowKind>) -> impl Iterator<Item = Flow<'_>> + '_ {
        self.flows()
            .filter(move |f| kind.is_none_or(|k| k == f.kind))
    }

    /// How many flows `flows()` yields, without generating them.
    pub fn flow_count(&self) -> usize {
        self.flow_count_of(None)
    }

    /// How many flows `flows_of(kind)` yields, without generating them.
    pub fn flow_count_of(&self, kind: Option<FlowKind>) -> usize {
        let (install, operation) = self.flow_counts();
        match kind {
            None => install + operation,
            Some(FlowKind::Install) => install,
            Some(FlowKind::Operation) => operation,
        }
    }

    /// How many install and how many operation flows `flows()` yields, without generating
    /// them.
    pub fn flow_counts(&self) -> (usize, usize) {
        let mut counts = (0, 0);
        for row in 0..self.hosts.len() {
            // A host is never its own source.
            let others = |list: &[usize]| list.len() - usize::from(self.in_address_list(list, row));
            let install = others(self.installers());
            for c in self.cells(row) {
                if c.during_install {
                    counts.0 += install;
                }
                if c.in_operation {
                    counts.1 += others(self.reaching(c.from));
                }
            }
        }
        counts
    }
}
