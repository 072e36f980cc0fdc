//! The port matrix: one row per host (networks get no rules, so no rows), one column per port
//! any host needs, each cell colored by phase and marked when its catalog entry is inferred.
//! Rows are virtualized; the row order is computed once per change of the plan, filter or
//! sort, not per frame.

use egui::{Sense, Vec2};
use egui_extras::{Column, TableBuilder};

use super::{View, ViewContext};
use crate::analysis::{Analysis, FlowKind, Phase};
use crate::gui::action::Action;
use crate::gui::style;
use crate::gui::widgets::{PHASES, filter_combo};
use crate::model::address::Block;
use crate::model::auto_layout;
use crate::model::{Catalog, Evidence, PortRange, PortSpec, Protocol, Role};
use crate::report;

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum SortKey {
    #[default]
    Plan,
    Name,
    Address,
    Role,
    /// The hosts that need this port first (a click on its column header).
    Port(PortRange, Protocol),
}

impl SortKey {
    fn label(self) -> String {
        match self {
            SortKey::Plan => "Plan order".into(),
            SortKey::Name => "Name".into(),
            SortKey::Address => "Address".into(),
            SortKey::Role => "Role".into(),
            SortKey::Port(port, protocol) => format!("Port {port}/{protocol}"),
        }
    }
}

/// What the rows shown depend on besides the plan.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct RowFilter {
    pub phase: Option<Phase>,
    pub role: Option<Role>,
    /// Part of a name or address, or a subnet ("10.1.0.0/16") the address is in.
    pub search: String,
}

impl RowFilter {
    fn is_active(&self) -> bool {
        self.phase.is_some() || self.role.is_some() || !self.search.trim().is_empty()
    }
}

#[derive(Default)]
pub struct MatrixView {
    filter: RowFilter,
    sort: SortKey,
    /// Host rows in display order, the columns they show, and what they were computed from.
    rows: Vec<usize>,
    columns: Vec<(PortRange, Protocol)>,
    rows_for: Option<(u64, RowFilter, SortKey)>,
    /// The vertical offset both tables show (the host column and the ports).
    scroll_y: f32,
}

/// The host rows of `a` (not networks) that pass `filter`, ordered by `sort`. A phase filter
/// leaves out the hosts with no port of that phase.
pub fn ordered_rows(a: &Analysis, filter: &RowFilter, sort: SortKey) -> Vec<usize> {
    let search = Search::new(&filter.search);
    let mut rows: Vec<usize> = (0..a.hosts.len())
        .filter(|&r| !a.hosts[r].is_network())
        .filter(|&r| {
            filter
                .role
                .is_none_or(|role| a.hosts[r].roles.contains(role))
        })
        .filter(|&r| {
            filter
                .phase
                .is_none_or(|p| a.cells(r).iter().any(|c| c.phase == p))
        })
        .filter(|&r| search.matches(&a.hosts[r].name, a.hosts[r].ip, &a.hosts[r].address))
        .collect();
    let name = |r: usize| a.hosts[r].name.to_lowercase();
    match sort {
        SortKey::Port(port, protocol) => {
            rows.sort_by_key(|&r| a.cell(r, (port, protocol)).is_none());
        }
        SortKey::Plan => {}
        SortKey::Name => rows.sort_by_cached_key(|&r| name(r)),
        SortKey::Address => rows.sort_by(|&x, &y| {
            crate::model::address::compare(&a.hosts[x].address, &a.hosts[y].address)
        }),
        SortKey::Role => rows.sort_by_cached_key(|&r| {
            (
                auto_layout::tier(a.hosts[r].roles),
                a.hosts[r].roles,
                name(r),
            )
        }),
    }
    rows
}

/// The columns the rows show: every port some shown row has (in the phase filtered by).
pub fn shown_columns(
    a: &Analysis,
    rows: &[usize],
    phase: Option<Phase>,
) -> Vec<(PortRange, Protocol)> {
    a.columns
        .iter()
        .copied()
        .filter(|&column| {
            rows.iter().any(|&r| {
                a.cell(r, column)
                    .is_some_and(|c| phase.is_none_or(|p| c.phase == p))
            })
        })
        .collect()
}

/// The search box's text, understood once: a subnet, or words to find in names and addresses.
enum Search {
    All,
    Block(Block),
    Text(String),
}

impl Search {
    fn new(text: &str) -> Search {
        let text = text.trim();
        if text.is_empty() {
            Search::All
        } else if let Some(block) = text
            .contains('/')
            .then(|| Block::parse(text).ok())
            .flatten()
        {
            Search::Block(block)
        } else {
            Search::Text(text.to_lowercase())
        }
    }

    fn matches(&self, name: &str, ip: Option<std::net::IpAddr>, address: &str) -> bool {
        match self {
            Search::All => true,
            Search::Block(b) => ip.is_some_and(|ip| b.contains(ip)),
            Search::Text(t) => {
                name.to_lowercase().contains(t) || address.to_lowercase().contains(t)
            }
        }
    }
}

impl View for MatrixView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        let (doc, selection, connectivity, actions) =
            (cx.doc, cx.selection, cx.test, &mut *cx.actions);
        let (a, catalog) = (doc.analysis(), doc.catalog());
        ui.horizontal_wrapped(|ui| {
            filter_combo(ui, "Phase", &mut self.filter.phase, &PHASES);
            // The profile's roles, and the one filtered by if another profile defined it.
            let shown = catalog
                .defined_roles()
                .union(self.filter.role.into_iter().collect());
            let roles: Vec<(Option<Role>, &str)> = std::iter::once((None, "All roles"))
                .chain(shown.iter().map(|r| (Some(r), r.name())))
                .collect();
            filter_combo(ui, "Role", &mut self.filter.role, &roles);
            let mut keys = vec![SortKey::Plan, SortKey::Name, SortKey::Address, SortKey::Role];
            if let SortKey::Port(..) = self.sort {
                keys.push(self.sort);
            }
            let labels: Vec<String> = keys.iter().map(|k| k.label()).collect();
            let sorts: Vec<(SortKey, &str)> = keys
                .iter()
                .zip(&labels)
                .map(|(k, l)| (*k, l.as_str()))
                .collect();
            filter_combo(ui, "Sort by", &mut self.sort, &sorts);
            let search = ui.label("Search:");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter.search)
                    .hint_text("name, address or 10.1.0.0/16")
                    .desired_width(150.0),
            )
            .labelled_by(search.id)
            .on_hover_text("Show the hosts whose name or address contains this, or whose address is in this subnet");
            if ui
                .button("Copy as CSV")
                .on_hover_text("Copy the rows shown, with every source address, as CSV")
                .clicked()
            {
                self.refresh(a, doc.revision());
                let mut csv = Vec::new();
                if report::matrix::write_csv(&mut csv, a, self.rows.iter().copied(), self.filter.phase)
                    .is_ok()
                {
                    ui.ctx()
                        .copy_text(String::from_utf8_lossy(&csv).into_owned());
                }
            }
        });
        if self.refresh(a, doc.revision()) {
            // The status bar, drawn before this view, says how many rows show: once more.
            ui.ctx().request_repaint();
        }
        ui.horizontal(|ui| {
            if self.filter.is_active() {
                let (hosts, _) = a.host_and_network_counts();
                ui.strong(format!("Showing {} of {hosts} hosts", self.rows.len()));
                ui.separator();
            }
            style::legend(ui);
            if connectivity.last().is_some() {
                ui.separator();
                ui.label(egui::RichText::new("probe:").small());
                style::probe_legend(ui);
            }
        });

        let text_height = ui.text_style_height(&egui::TextStyle::Body);
        let row_height = text_height + 8.0;
        // The host column stays put while the rest scrolls sideways: a spreadsheet's frozen
        // first column. Two tables, one vertical offset. A solid scroll bar, not egui's
        // floating one that shows only on hover: a user must see that more ports lie right.
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        let scroll = ui.spacing().scroll;
        let bar = scroll.bar_width + scroll.bar_inner_margin + scroll.bar_outer_margin;
        let height = ui.available_height();
        let mut offsets = [self.scroll_y; 2];
        ui.horizontal_top(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            // Tables lay out top-down: a horizontal parent would put the body beside the header.
            let down = egui::Layout::top_down(egui::Align::Min);
            ui.allocate_ui_with_layout(Vec2::new(HOST_COLUMN, height - bar), down, |ui| {
                offsets[0] = self.host_column(ui, a, selection, actions, row_height);
            });
            egui::ScrollArea::horizontal()
                .id_salt("matrix columns")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.with_layout(down, |ui| {
                        // Above the scroll bar, level with the host column.
                        ui.set_max_height(height - bar);
                        offsets[1] = self.port_table(ui, a, catalog, connectivity, row_height);
                    });
                });
        });
        // Whichever table the user scrolled leads; the other follows next frame.
        if let Some(&moved) = offsets.iter().find(|o| **o != self.scroll_y) {
            self.scroll_y = moved;
            ui.ctx().request_repaint();
        }
    }
}

/// The frozen host column's width.
const HOST_COLUMN: f32 = 140.0;

impl MatrixView {
    /// How many hosts the matrix shows while a filter or search hides some, as of plan
    /// revision `revision`; `None` when it shows them all.
    pub fn shown(&self, revision: u64) -> Option<usize> {
        match &self.rows_for {
            Some((r, filter, _)) if *r == revision && filter.is_active() => Some(self.rows.len()),
            _ => None,
        }
    }

    /// The frozen column: host names, click to select. Returns its vertical offset.
    fn host_column(
        &self,
        ui: &mut egui::Ui,
        a: &Analysis,
        selection: &std::collections::HashSet<crate::model::HostId>,
        actions: &mut Vec<Action>,
        row_height: f32,
    ) -> f32 {
        TableBuilder::new(ui)
            .id_salt("matrix hosts")
            .striped(true)
            .auto_shrink([false, false])
            .vertical_scroll_offset(self.scroll_y)
            .column(Column::remainder().clip(true))
            .header(row_height, |mut header| {
                header.col(|ui| {
                    ui.strong("Host");
                });
            })
            .body(|body| {
                body.rows(row_height, self.rows.len(), |mut row| {
                    let host = &a.hosts[self.rows[row.index()]];
                    row.col(|ui| {
                        let selected = selection.contains(&host.id);
                        let resp = ui.selectable_label(selected, &host.name);
                        if resp.double_clicked() {
                            actions.push(Action::Focus(host.id));
                        } else if resp.clicked() {
                            let adding = ui.input(|i| i.modifiers.command || i.modifiers.shift);
                            actions.push(if adding {
                                Action::ToggleSelection(host.id)
                            } else {
                                Action::Select(vec![host.id])
                            });
                        }
                    });
                });
            })
            .state
            .clamped_offset()
            .y
    }

    /// Address, roles and a column per port; a click on a port's header sorts by it. Returns
    /// its vertical offset.
    fn port_table(
        &mut self,
        ui: &mut egui::Ui,
        a: &Analysis,
        catalog: &Catalog,
        connectivity: &crate::gui::connectivity_test::ConnectivityTest,
        row_height: f32,
    ) -> f32 {
        let mut sort = self.sort;
        let columns = &self.columns;
        let offset = TableBuilder::new(ui)
            .id_salt("matrix")
            .striped(true)
            .resizable(true)
            .auto_shrink([false, false])
            .vertical_scroll_offset(self.scroll_y)
            // Its vertical bar would sit past the last port, out of sight: the host column
            // shows the one bar.
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden)
            .column(Column::initial(115.0).at_least(60.0).clip(true))
            .column(Column::initial(120.0).at_least(40.0).clip(true))
            .columns(Column::exact(72.0), columns.len())
            .header(row_height, |mut header| {
                for title in ["Address", "Roles"] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
                for &(port, protocol) in columns {
                    header.col(|ui| {
                        let key = SortKey::Port(port, protocol);
                        let title = format!("{port}/{protocol}");
                        // Long ranges (WMI's 49152-65535) in a smaller font, whole; the
                        // column sorted by underlined.
                        let size = if title.len() > 9 { 10.0 } else { 13.0 };
                        let mut text = egui::RichText::new(&title).strong().size(size);
                        if sort == key {
                            text = text.underline();
                        }
                        let resp = ui
                            .add(egui::Button::new(text).frame(false))
                            .on_hover_text(format!("{title}: sort the hosts that need it first"));
                        if resp.clicked() {
                            sort = key;
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, self.rows.len(), |mut row| {
                    let r = self.rows[row.index()];
                    let host = &a.hosts[r];
                    row.col(|ui| {
                        ui.label(&host.address);
                    });
                    row.col(|ui| {
                        ui.label(host.roles.joined(", "));
                    });
                    for &column in columns {
                        row.col(|ui| {
                            if let Some(cell) = a.cell(r, column)
                                && self.filter.phase.is_none_or(|p| p == cell.phase)
                            {
                                paint_cell(ui, a, catalog, connectivity, r, cell);
                            }
                        });
                    }
                });
            })
            .state
            .clamped_offset()
            .y;
        self.sort = sort;
        offset
    }

    /// Recomputes the rows and columns if the plan, filter or sort changed; true if it did.
    fn refresh(&mut self, a: &Analysis, revision: u64) -> bool {
        let key = (revision, self.filter.clone(), self.sort);
        let stale = self.rows_for.as_ref() != Some(&key);
        if stale {
            self.rows = ordered_rows(a, &self.filter, self.sort);
            self.columns = if self.filter.is_active() {
                shown_columns(a, &self.rows, self.filter.phase)
            } else {
                a.columns.clone()
            };
            self.rows_for = Some(key);
        }
        stale
    }
}

/// One cell: its phase's color and mark, the inferred mark, the last probe's result (faded
/// when stale), and its meaning for screen readers and on hover.
fn paint_cell(
    ui: &mut egui::Ui,
    a: &Analysis,
    catalog: &Catalog,
    connectivity: &crate::gui::connectivity_test::ConnectivityTest,
    r: usize,
    cell: &crate::analysis::Cell,
) {
    let host = &a.hosts[r];
    let (fill, mark) = style::cell(cell);
    let rect = ui.max_rect().shrink2(Vec2::new(3.0, 2.0));
    let resp = ui.allocate_rect(rect, Sense::hover());
    ui.painter().rect_filled(rect, 3.0, fill);
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        mark,
        egui::FontId::proportional(12.0),
        style::ON_FILL,
    );
    if cell.evidence == Evidence::Inferred {
        style::paint_inferred_mark(ui.painter(), rect);
    }
    let probed = connectivity.status(&host.name, cell.port.start);
    let stale = connectivity.is_stale(&host.name);
    if let Some((status, _)) = probed {
        let c = egui::pos2(rect.right() - 7.0, rect.center().y);
        style::paint_probe_mark(ui.painter(), c, 6.0, status);
        if stale {
            style::fade_probe_mark(ui.painter(), c, 6.0);
        }
    }
    resp.widget_info(|| {
        let stale = if stale { " (stale)" } else { "" };
        let probe = probed
            .map(|(s, _)| format!(", probe: {s}{stale}"))
            .unwrap_or_default();
        egui::WidgetInfo::labeled(
            egui::Role::Label,
            true,
            format!(
                "{} {}/{} {}{probe}",
                host.name,
                cell.port,
                cell.protocol,
                report::matrix::phase_label(cell)
            ),
        )
    });
    resp.on_hover_ui(|ui| {
        cell_tooltip(ui, a, catalog, r, cell);
        if let Some((status, from)) = probed {
            let from = from.unwrap_or("this machine");
            ui.label(format!("Probe from {from}: {}", status.meaning()));
            if stale {
                ui.label(style::STALE_NOTE);
            }
        }
    });
}

/// What a cell means: the port, its phase, the roles that need it, who may reach it, and how
/// it is known: the evidence and the source of each catalog entry behind it.
pub fn cell_tooltip(
    ui: &mut egui::Ui,
    a: &Analysis,
    catalog: &Catalog,
    row: usize,
    cell: &crate::analysis::Cell,
) {
    ui.set_max_width(520.0);
    ui.strong(format!("{}/{} {}", cell.port, cell.protocol, cell.name));
    // The phase label already says when a permanent port is not needed to install.
    ui.label(report::matrix::phase_label(cell));
    ui.label(format!("Needed by: {}", cell.roles.joined(", ")));
    let mut reached = false;
    for kind in [FlowKind::Install, FlowKind::Operation] {
        let sources = a
            .flow_sources(row, cell, kind)
            .flat_map(|s| a.hosts[s].source_addresses());
        let Some(text) = listed(sources) else {
            continue;
        };
        reached = true;
        ui.label(match kind {
            FlowKind::Install => format!("Install, removed after it: {text}"),
            FlowKind::Operation => format!("Operation, permanent: {text}"),
        });
    }
    if !reached {
        ui.label(
            "May be reached from: nobody yet (no installer, peer or network with a role it needs)",
        );
    }
    ui.separator();
    ui.horizontal(|ui| {
        ui.label("Evidence:");
        style::evidence_tag(ui, cell.evidence);
    });
    ui.label(egui::RichText::new(style::evidence_meaning(cell.evidence)).weak());
    for p in cell.keys.iter().filter_map(|k| catalog.port(k)) {
        if let PortSpec::Fixed(default) = p.port
            && default != cell.port
        {
            ui.label(format!(
                "{}: moved here from {default} on this host",
                p.name
            ));
        }
        let text = if cell.keys.len() > 1 {
            format!("{} ({}): {}", p.name, p.evidence, p.source)
        } else {
            p.source.clone()
        };
        ui.add(egui::Label::new(egui::RichText::new(text).italics()).wrap());
    }
}

/// Up to a dozen addresses and how many more, or `None` for none.
fn listed<'a>(mut addresses: impl Iterator<Item = &'a str>) -> Option<String> {
    const SHOWN: usize = 12;
    let shown: Vec<&str> = addresses.by_ref().take(SHOWN).collect();
    if shown.is_empty() {
        return None;
    }
    let more = addresses.count();
    let mut text = shown.join(", ");
    if more > 0 {
        text.push_str(&format!(" (+{more} more)"));
    }
    Some(text)
}
