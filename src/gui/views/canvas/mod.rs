//! The canvas: hosts and networks as cards on a pan/zoom scene. Cards are painted, not
//! widgets ([`cards`]), and only those in view: thousands of hosts stay smooth. Hit-testing is
//! done here, by rectangle.

use std::collections::HashSet;

mod cards;

use egui::emath::TSTransform;
use egui::{Pos2, Rect, Vec2, containers::DragPanButtons};

use super::{View, ViewContext};
use crate::analysis::Severity;
use crate::editing::Edit;
use crate::gui::action::Action;
use crate::look::diagram;
use crate::look::routing::Area;
use crate::model::Role;
use crate::model::{Host, HostId};
use cards::{Flows, paint_card, paint_flows, paint_probe_badge};

pub const CARD: Vec2 = Vec2::new(diagram::CARD_WIDTH, diagram::CARD_HEIGHT);
/// Below this on-screen card height, cards are drawn as plain blocks: text would not be
/// readable anyway, and it keeps a zoomed-out plan of thousands of hosts fast.
const DETAIL_MIN_HEIGHT: f32 = 24.0;
/// Zoom to fit stops zooming out where the smallest card text (11 points: the OS and the
/// role badges) would get under 9 pixels (issue 13, item 16).
const SMALLEST_TEXT: f32 = 11.0;
const READABLE_PX: f32 = 9.0;

enum Drag {
    /// Moving the selected cards by `offset` (canvas units); committed as one step on release.
    Move { offset: Vec2 },
    /// Rubber-band selection from `start` to `end`.
    Band { start: Pos2, end: Pos2 },
}

/// What the arrows' routes depend on: the plan's revision and the drag offset (as bits).
type RouteKey = (u64, [u32; 2]);

pub struct CanvasView {
    scene_rect: Rect,
    drag: Option<Drag>,
    fit_pending: bool,
    /// The viewport size of the last fit, while the user has not panned or zoomed since: the
    /// panels around the canvas settle their sizes in the first frames, and a fit done for
    /// a larger canvas would leave the plan smaller than fitted (card text under 9 pixels).
    fitted: Option<Vec2>,
    focus_pending: Option<Pos2>,
    pub show_flows: bool,
    /// Hosts with errors, cached per analysis revision.
    flagged: (u64, HashSet<HostId>),
    /// The flow arrows, of the same revision as `flagged`.
    edges: Vec<diagram::Edge>,
    /// Where each arrow runs, for the plan's revision and the offset of the cards being
    /// dragged: routing is a search, not something to redo every frame.
    routes: (Option<RouteKey>, Flows),
    /// Canvas -> screen, as of the last frame.
    to_screen: TSTransform,
}

impl Default for CanvasView {
    fn default() -> Self {
        CanvasView {
            scene_rect: Rect::ZERO,
            drag: None,
            fit_pending: true,
            fitted: None,
            focus_pending: None,
            show_flows: false,
            flagged: (u64::MAX, HashSet::new()),
            edges: Vec::new(),
            routes: (None, Flows::default()),
            to_screen: TSTransform::IDENTITY,
        }
    }
}

pub fn card_rect(h: &Host) -> Rect {
    Rect::from_min_size(Pos2::new(h.position.x, h.position.y), CARD)
}

impl CanvasView {
    pub fn zoom_to_fit(&mut self) {
        self.fit_pending = true;
    }

    /// Centers the view on a host.
    pub fn focus(&mut self, h: &Host) {
        self.focus_pending = Some(card_rect(h).center());
    }

    /// Where a card is on the screen, as of the last frame.
    #[cfg(feature = "testing")]
    pub fn on_screen(&self, h: &Host) -> Rect {
        self.to_screen * card_rect(h)
    }

    /// What a host's card says of its last probe, if it was probed.
    #[cfg(feature = "testing")]
    pub fn probe_badge(
        test: &crate::gui::connectivity_test::ConnectivityTest,
        host: &str,
    ) -> Option<String> {
        test.host_counts(host)
            .map(|counts| cards::probe_badge_text(counts, test.is_stale(host)))
    }

    /// Where a new host goes when none was given: the middle of the view.
    pub fn view_center(&self) -> Pos2 {
        if self.scene_rect.is_positive() {
            self.scene_rect.center() - CARD / 2.0
        } else {
            Pos2::ZERO
        }
    }
}

impl View for CanvasView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>) {
        let (doc, selection, connectivity, actions) =
            (cx.doc, cx.selection, cx.test, &mut *cx.actions);
        let plan = doc.plan();
        let viewport = ui.available_rect_before_wrap();
        if self.fitted.is_some_and(|size| size != viewport.size()) {
            self.fit_pending = true;
        }
        let fitting = self.fit_pending && viewport.is_positive();
        if fitting {
            let ppp = ui.ctx().pixels_per_point();
            self.scene_rect = fit(plan.hosts.iter().map(card_rect), viewport.size(), ppp);
            self.fit_pending = false;
        }
        if let Some(center) = self.focus_pending.take() {
            self.fitted = None;
            let size = if self.scene_rect.width() > viewport.width() * 4.0 {
                viewport.size()
            } else {
                self.scene_rect.size()
            };
            self.scene_rect = Rect::from_center_size(center, size);
        }
        if doc.revision() != self.flagged.0 {
            let flagged = doc
                .analysis()
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .filter_map(|f| f.host)
                .collect();
            self.flagged = (doc.revision(), flagged);
            self.edges = diagram::edges(plan, doc.analysis());
        }

        let moving = match &self.drag {
            Some(Drag::Move { offset }) => *offset,
            _ => Vec2::ZERO,
        };
        let pos_of = |h: &Host| {
            let r = card_rect(h);
            if selection.contains(&h.id) {
                r.translate(moving)
            } else {
                r
            }
        };
        let key = (doc.revision(), [moving.x.to_bits(), moving.y.to_bits()]);
        if self.show_flows && self.routes.0 != Some(key) {
            let areas: Vec<Area> = plan
                .hosts
                .iter()
                .map(|h| {
                    let r = pos_of(h);
                    Area {
                        x0: r.min.x,
                        y0: r.min.y,
                        x1: r.max.x,
                        y1: r.max.y,
                    }
                })
                .collect();
            let routes: Vec<Vec<Pos2>> = diagram::arrows(&areas, &self.edges)
                .into_iter()
                .map(|r| r.into_iter().map(|(x, y)| Pos2::new(x, y)).collect())
                .collect();
            self.routes = (Some(key), Flows::new(&self.edges, &routes));
        }
        let before = self.scene_rect;
        let mut to_global = TSTransform::IDENTITY;
        let scene = egui::Scene::new()
            .zoom_range(0.01..=2.0)
            .drag_pan_buttons(DragPanButtons::MIDDLE | DragPanButtons::SECONDARY);
        let response = scene
            .show(ui, &mut self.scene_rect, |ui| {
                to_global = ui
                    .ctx()
                    .layer_transform_to_global(ui.layer_id())
                    .unwrap_or_default();
                let visible = ui.clip_rect();
                let painter = ui.painter();
                let detailed = CARD.y * to_global.scaling >= DETAIL_MIN_HEIGHT;
                if self.show_flows {
                    paint_flows(painter, &self.routes.1, visible);
                }
                for h in &plan.hosts {
                    let rect = pos_of(h);
                    if visible.intersects(rect) {
                        let flagged = self.flagged.1.contains(&h.id);
                        paint_card(ui, rect, h, selection.contains(&h.id), flagged, detailed);
                        if let Some(counts) = connectivity.host_counts(&h.name) {
                            let stale = connectivity.is_stale(&h.name);
                            paint_probe_badge(ui.painter(), rect, counts, stale, detailed);
                        }
                    }
                }
                if let Some(Drag::Band { start, end }) = &self.drag {
                    let band = Rect::from_two_pos(*start, *end);
                    let stroke = ui.visuals().selection.stroke;
                    painter.rect_filled(band, 0.0, stroke.color.gamma_multiply(0.15));
                    painter.rect_stroke(band, 0.0, stroke, egui::StrokeKind::Inside);
                }
            })
            .response;

        self.to_screen = to_global;
        if fitting {
            self.fitted = Some(viewport.size());
        } else if (before.min - self.scene_rect.min).length() > 0.5
            || (before.max - self.scene_rect.max).length() > 0.5
        {
            // Panned or zoomed: the view is the user's now.
            self.fitted = None;
        }
        let to_scene = |p: Pos2| to_global.inverse() * p;
        let hit = |p: Pos2| plan.hosts.iter().rev().find(|h| card_rect(h).contains(p));
        let modifiers = ui.input(|i| i.modifiers);
        let adding = modifiers.shift || modifiers.command;

        if let Some(role) = response.dnd_release_payload::<Role>()
            && let Some(p) = ui.input(|i| i.pointer.latest_pos()).map(to_scene)
        {
            match hit(p) {
                Some(h) if !h.roles.contains(*role) => {
                    let mut changed = h.clone();
                    changed.roles.insert(*role);
                    actions.push(Action::apply(
                        Edit::Update(vec![changed]),
                        format!("Add role {role} to {}", h.name),
                    ));
                    actions.push(Action::Select(vec![h.id]));
                }
                Some(_) => {}
                None => actions.push(Action::AddHostAt(p - CARD / 2.0, Some(*role))),
            }
        }

        if response.drag_started_by(egui::PointerButton::Primary)
            && let Some(origin) = ui.input(|i| i.pointer.press_origin()).map(to_scene)
        {
            self.drag = Some(match hit(origin) {
                Some(h) => {
                    if !selection.contains(&h.id) {
                        actions.push(if adding {
                            Action::AddToSelection(vec![h.id])
                        } else {
                            Action::Select(vec![h.id])
                        });
                    }
                    Drag::Move { offset: Vec2::ZERO }
                }
                None => Drag::Band {
                    start: origin,
                    end: origin,
                },
            });
        }
        if response.dragged_by(egui::PointerButton::Primary) {
            match &mut self.drag {
                Some(Drag::Move { offset }) => *offset += response.drag_delta(),
                Some(Drag::Band { end, .. }) => {
                    if let Some(p) = ui.input(|i| i.pointer.latest_pos()) {
                        *end = to_scene(p);
                    }
                }
                None => {}
            }
        }
        if response.drag_stopped() {
            match self.drag.take() {
                Some(Drag::Move { offset }) if offset != Vec2::ZERO => {
                    let moved: Vec<Host> = plan
                        .hosts
                        .iter()
                        .filter(|h| selection.contains(&h.id))
                        .map(|h| {
                            let mut h = h.clone();
                            h.position.x += offset.x;
                            h.position.y += offset.y;
                            h
                        })
                        .collect();
                    let label = match moved.as_slice() {
                        [one] => format!("Move {}", one.name),
                        many => format!("Move {} hosts", many.len()),
                    };
                    actions.push(Action::apply(Edit::Update(moved), label));
                }
                Some(Drag::Band { start, end }) => {
                    let band = Rect::from_two_pos(start, end);
                    let inside: Vec<HostId> = plan
                        .hosts
                        .iter()
                        .filter(|h| band.intersects(card_rect(h)))
                        .map(|h| h.id)
                        .collect();
                    actions.push(if adding {
                        Action::AddToSelection(inside)
                    } else {
                        Action::Select(inside)
                    });
                }
                _ => {}
            }
        }
        if response.drag_delta() != Vec2::ZERO {
            // The cards were painted before this frame's move was known: show it.
            ui.ctx().request_repaint();
        }

        // Already in canvas coordinates: the response belongs to the scene's layer.
        let pointer = response.interact_pointer_pos();
        if response.double_clicked() {
            if let Some(p) = pointer
                && hit(p).is_none()
            {
                actions.push(Action::AddHostAt(p - CARD / 2.0, None));
            }
        } else if response.clicked()
            && let Some(p) = pointer
        {
            match (hit(p), adding) {
                (Some(h), true) => actions.push(Action::ToggleSelection(h.id)),
                (Some(h), false) => actions.push(Action::Select(vec![h.id])),
                (None, true) => {}
                (None, false) => actions.push(Action::Select(Vec::new())),
            }
        }
        if response.dnd_hover_payload::<Role>().is_some() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::Copy);
        }
        // The canvas itself, for screen readers and UI tests.
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Canvas"));
    }
}

/// The scene rectangle that shows every card, never zoomed in past 1:1 (text stays sharp),
/// nor out so far that card text gets under 9 pixels while cards still show text: a plan a
/// little too large for the view is shown from its top left (where the installer is), the
/// rest a scroll away, rather than all of it unreadable. Plans too large for text to show at
/// all are fitted whole, as plain blocks.
fn fit(cards: impl Iterator<Item = Rect>, viewport: Vec2, pixels_per_point: f32) -> Rect {
    let bounds = cards.fold(Rect::NOTHING, |acc, r| acc.union(r));
    if !bounds.is_positive() {
        return Rect::from_center_size(Pos2::ZERO + CARD / 2.0, viewport);
    }
    let bounds = bounds.expand(40.0);
    let scale = (viewport.x / bounds.width()).min(viewport.y / bounds.height());
    let readable = READABLE_PX / (SMALLEST_TEXT * pixels_per_point);
    if scale > 1.0 {
        Rect::from_center_size(bounds.center(), viewport)
    } else if scale < readable && CARD.y * scale >= DETAIL_MIN_HEIGHT {
        let size = viewport / readable;
        let start = |lo: f32, center: f32, have: f32, need: f32| {
            if have >= need {
                center - have / 2.0
            } else {
                lo
            }
        };
        let min = Pos2::new(
            start(bounds.min.x, bounds.center().x, size.x, bounds.width()),
            start(bounds.min.y, bounds.center().y, size.y, bounds.height()),
        );
        Rect::from_min_size(min, size)
    } else {
        bounds
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The zoom egui's scene shows `rect` at in `viewport`.
    fn zoom(rect: Rect, viewport: Vec2) -> f32 {
        (viewport.x / rect.width()).min(viewport.y / rect.height())
    }

    fn grid(n: usize) -> impl Iterator<Item = Rect> {
        (0..n).map(|i| {
            let at = Pos2::new((i % 3) as f32 * 220.0, (i / 3) as f32 * 140.0);
            Rect::from_min_size(at, CARD)
        })
    }

    #[test]
    fn fitting_a_small_plan_keeps_card_text_readable() {
        // The canvas's part of a 1280x800 window.
        let viewport = Vec2::new(835.0, 410.0);
        for ppp in [1.0, 1.5] {
            let z = zoom(fit(grid(10), viewport, ppp), viewport);
            assert!(
                SMALLEST_TEXT * z * ppp >= READABLE_PX - 1e-3,
                "{z} at {ppp}"
            );
            assert!(z <= 1.0);
        }
        // The rest of the plan is a scroll away: its top left is in view.
        let r = fit(grid(10), viewport, 1.0);
        assert!(r.contains(Pos2::new(0.0, 0.0)));
    }

    #[test]
    fn a_large_plan_is_fitted_whole_as_blocks() {
        let viewport = Vec2::new(835.0, 410.0);
        let r = fit(grid(600), viewport, 1.0);
        let all = grid(600).fold(Rect::NOTHING, |a, b| a.union(b));
        assert!(r.contains_rect(all));
        assert!(CARD.y * zoom(r, viewport) < DETAIL_MIN_HEIGHT);
    }
}
