//! The nouns of a deployment, plain data (serde only): addresses, roles, hosts, ports, the
//! catalog of what each role needs, the plan, the change request's fields and dates, and the
//! auto layout of the canvas. Nothing here reads the GUI, runs a probe or writes a file.

pub mod address;
pub mod auto_layout;
pub mod catalog;
pub mod change_request;
pub mod change_window;
pub mod host;
pub mod plan;
pub mod port;
pub mod role;
pub mod timestamp;

pub use address::Address;
pub use catalog::{Catalog, CatalogError, Evidence, PortEntry, RoleEntry};
pub use change_request::{Approver, ChangeCategory, ChangeRequest, ChangeType};
pub use host::{Host, HostId, HostKind, Os, Position};
pub use plan::{Plan, Settings, SourcePolicy, WmiMode, WmiSetting};
pub use port::{PortRange, PortSpec, Protocol};
pub use role::{Role, RoleSet};
