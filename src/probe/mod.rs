//! Connectivity tests: which planned ports actually answer. The targets come from the
//! analysis; the engine (tokio, kept out of the core) connects to each; results can also come
//! from probe scripts run on other hosts and imported.

pub mod engine;
pub mod results;
pub mod script;
pub mod targets;

pub use engine::{Cancel, Options};
pub use results::{ProbeResult, Report, Status, Summary};
pub use targets::Target;
