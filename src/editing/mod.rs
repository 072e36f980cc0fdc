//! Changing a plan: edits that each know their inverse, the undo history that groups them,
//! the open plan that keeps its analysis current as they apply, and new hosts several at a
//! time (duplicates, pasted rows, a series).

pub mod edit;
pub mod history;
pub mod new_hosts;
pub mod open_plan;

pub use edit::Edit;
pub use history::History;
pub use open_plan::OpenPlan;
