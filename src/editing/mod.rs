//! Changing a plan: edits that each know their inverse, the undo history that groups them,
//! and the open plan that keeps its analysis current as they apply.

pub mod edit;
pub mod history;
pub mod open_plan;

pub use edit::Edit;
pub use history::History;
pub use open_plan::OpenPlan;
