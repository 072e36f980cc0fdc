//! Every action of the menus, the toolbar and the keyboard: one enum gives each its label,
//! tooltip and shortcuts, so menus and shortcuts cannot drift apart.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    New,
    Open,
    Save,
    SaveAs,
    ImportInventory,
    Quit,
    Undo,
    Redo,
    SelectAll,
    Delete,
    Duplicate,
    Copy,
    Paste,
    AddHost,
    AddHosts,
    AddNetwork,
    AutoLayout,
    ZoomToFit,
    ToggleFlows,
    TestConnectivity,
    CancelTest,
    ImportProbeResults,
    WriteProbeScript,
    Export,
    ExportChangeRequest,
    ExportDiagram,
    About,
}

/// A shortcut as a constant expression, so the lists below are `'static`.
macro_rules! key {
    ($modifiers:expr, $key:ident) => {
        KeyboardShortcut {
            modifiers: $modifiers,
            logical_key: Key::$key,
        }
    };
}
const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;

impl Command {
    pub const ALL: [Command; 27] = [
        Command::New,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::ImportInventory,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::SelectAll,
        Command::Delete,
        Command::Duplicate,
        Command::Copy,
        Command::Paste,
        Command::AddHost,
        Command::AddHosts,
        Command::AddNetwork,
        Command::AutoLayout,
        Command::ZoomToFit,
        Command::ToggleFlows,
        Command::TestConnectivity,
        Command::CancelTest,
        Command::ImportProbeResults,
        Command::WriteProbeScript,
        Command::Export,
        Command::ExportChangeRequest,
        Command::ExportDiagram,
        Command::About,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save As…",
            Command::ImportInventory => "Import inventory CSV…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::SelectAll => "Select all",
            Command::Delete => "Delete",
            Command::Duplicate => "Duplicate",
            Command::Copy => "Copy",
            Command::Paste => "Paste",
            Command::AddHost => "Add host",
            Command::AddHosts => "Add hosts…",
            Command::AddNetwork => "Add network",
            Command::AutoLayout => "Auto layout",
            Command::ZoomToFit => "Zoom to fit",
            Command::ToggleFlows => "Show flows",
            Command::TestConnectivity => "Test connectivity",
            Command::CancelTest => "Cancel test",
            Command::ImportProbeResults => "Import probe results…",
            Command::WriteProbeScript => "Write probe script…",
            Command::Export => "Export…",
            Command::ExportChangeRequest => "Change request (PDF)…",
            Command::ExportDiagram => "Topology diagram (SVG)…",
            Command::About => "About portplan",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Command::New => "Start a new, empty plan",
            Command::Open => "Open a plan file",
            Command::Save => "Save the plan (the previous file is kept as .bak)",
            Command::SaveAs => "Save the plan to another file",
            Command::ImportInventory => {
                "Make a plan from a CSV inventory with the columns name,address,roles,os"
            }
            Command::Quit => "Close portplan",
            Command::Undo => "Undo the last change",
            Command::Redo => "Redo the change just undone",
            Command::SelectAll => "Select every host",
            Command::Delete => "Remove the selected hosts",
            Command::Duplicate => {
                "Copy the selected hosts beside them: the next name of each one's series \
                 (sds1 -> sds4) and the next free address"
            }
            Command::Copy => {
                "Put the selected hosts on the clipboard as CSV rows (name,address,roles,os,kind), \
                 for a spreadsheet or another plan"
            }
            Command::Paste => {
                "Add the hosts of CSV rows on the clipboard (from portplan or a spreadsheet, tabs \
                 or commas, with or without the header)"
            }
            Command::AddHost => "Add a host to the canvas (or double-click empty space)",
            Command::AddHosts => {
                "Add several numbered hosts at once (sdc4, sdc5, ...) with consecutive addresses"
            }
            Command::AddNetwork => {
                "Add a network: CIDR blocks outside the deployment (admins, NVMe hosts, a peer \
                 system) that reach the ports whose sources name its roles; it gets no rules"
            }
            Command::AutoLayout => "Arrange the hosts in tiers by role",
            Command::ZoomToFit => "Show every host on the canvas",
            Command::ToggleFlows => {
                "Draw the flows on the canvas: installer -> targets (amber) and cluster traffic (green)"
            }
            Command::TestConnectivity => {
                "Probe every planned port of the chosen phase from this machine and show what answers"
            }
            Command::CancelTest => "Stop the running test; the results so far are kept",
            Command::ImportProbeResults => {
                "Show the CSV a probe script wrote on another host (portplan probe-script)"
            }
            Command::WriteProbeScript => {
                "Save a script that tests, from a host of the plan, every port its flows reach \
                 (as portplan probe-script does)"
            }
            Command::Export => {
                "Firewall scripts (netsh, PowerShell, firewalld, nftables, iptables), CSV or XLSX"
            }
            Command::ExportChangeRequest => {
                "The PDF for the security team: rules by host, diagram, verification, rollback, sign-off"
            }
            Command::ExportDiagram => {
                "The canvas's topology as an SVG drawing, for slides and wikis"
            }
            Command::About => "The version of portplan, what it does and its license",
        }
    }

    /// The first shortcut is the one menus show.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            Command::New => &[key!(CMD, N)],
            Command::Open => &[key!(CMD, O)],
            Command::Save => &[key!(CMD, S)],
            Command::SaveAs => &[key!(CMD_SHIFT, S)],
            Command::ImportInventory => &[key!(CMD, I)],
            Command::Quit => &[key!(CMD, Q)],
            Command::Undo => &[key!(CMD, Z)],
            Command::Redo => &[key!(CMD_SHIFT, Z), key!(CMD, Y)],
            Command::SelectAll => &[key!(CMD, A)],
            Command::Delete => &[key!(NONE, Delete)],
            Command::Duplicate => &[key!(CMD, D)],
            // Desktops turn these keys into clipboard events (App::clipboard reads them); the
            // keys are listed for the menus, and for where they do arrive as keys.
            Command::Copy => &[key!(CMD, C)],
            Command::Paste => &[key!(CMD, V)],
            Command::AddHost => &[key!(CMD_SHIFT, N)],
            // B for the network's blocks (N is taken by Add host).
            Command::AddNetwork => &[key!(CMD_SHIFT, B)],
            Command::AutoLayout => &[key!(CMD_SHIFT, L)],
            Command::ZoomToFit => &[key!(NONE, F)],
            Command::ToggleFlows => &[key!(CMD_SHIFT, F)],
            Command::TestConnectivity => &[key!(CMD, T)],
            Command::CancelTest
            | Command::ImportProbeResults
            | Command::WriteProbeScript
            | Command::AddHosts
            | Command::ExportDiagram
            | Command::About => &[],
            Command::Export => &[key!(CMD, E)],
            Command::ExportChangeRequest => &[key!(CMD_SHIFT, E)],
        }
    }

    /// Shortcuts that a focused text field needs for itself (select all, delete, plain
    /// letters) only act when no text field has the keyboard.
    pub fn yields_to_text_fields(self) -> bool {
        matches!(
            self,
            Command::SelectAll
                | Command::Delete
                | Command::ZoomToFit
                | Command::Copy
                | Command::Paste
        )
    }

    /// Commands whose shortcuts were pressed this frame, consumed so no widget sees them.
    /// The most specific shortcuts are matched first (Ctrl+Shift+S before Ctrl+S).
    pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
        let typing = ctx.text_edit_focused();
        let mut shortcuts: Vec<(Command, KeyboardShortcut)> = Command::ALL
            .into_iter()
            .filter(|c| !(typing && c.yields_to_text_fields()))
            .flat_map(|c| c.shortcuts().iter().map(move |s| (c, *s)))
            .collect();
        shortcuts.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        ctx.input_mut(|i| {
            shortcuts
                .into_iter()
                .filter(|(_, s)| i.consume_shortcut(s))
                .map(|(c, _)| c)
                .collect()
        })
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.shift) + u8::from(m.alt) + u8::from(m.command || m.ctrl || m.mac_cmd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let all: Vec<KeyboardShortcut> = Command::ALL
            .iter()
            .flat_map(|c| c.shortcuts().iter().copied())
            .collect();
        for (i, a) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(a), "{a:?} is used twice");
        }
        assert!(
            Command::ALL
                .iter()
                .all(|c| !c.label().is_empty() && !c.tooltip().is_empty())
        );
    }
}
