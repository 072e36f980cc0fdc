//! The views over the open plan, one file each, all of one shape ([`View`]): a view owns its
//! view state (scroll, filters, sort, caches), reads the plan through a [`ViewContext`], and
//! asks for changes by pushing [`Action`]s, which the app applies after the frame (so data
//! flows one way).

pub mod canvas;
pub mod catalog;
pub mod change_request;
pub mod connectivity;
pub mod export_dialog;
pub mod flows;
pub mod inspector;
pub mod matrix;

use std::collections::HashSet;

use super::action::Action;
use super::connectivity_test::ConnectivityTest;
use crate::editing::OpenPlan;
use crate::model::HostId;

/// What every view may read, and where it asks for changes.
pub struct ViewContext<'a> {
    pub doc: &'a OpenPlan,
    pub selection: &'a HashSet<HostId>,
    pub test: &'a ConnectivityTest,
    pub actions: &'a mut Vec<Action>,
}

/// A view: one frame of its UI.
pub trait View {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>);
}
