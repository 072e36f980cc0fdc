//! Connectivity tests: which planned ports actually answer. The targets come from the
//! analysis; the engine connects to each (tokio lives here and nowhere else, behind the
//! `probe` feature), a [`session`] runs it in the background for the app; results can also
//! come from probe scripts run on other hosts and imported, as [`evidence`].

#[cfg(feature = "probe")]
pub mod engine;
pub mod evidence;
pub mod results;
pub mod script;
#[cfg(feature = "probe")]
pub mod session;
pub mod stale;
pub mod targets;

#[cfg(feature = "probe")]
pub use engine::{Cancel, Options};
pub use evidence::Evidence;
pub use results::{ProbeResult, Report, Status, Summary};
pub use stale::stale_hosts;
pub use targets::Target;
