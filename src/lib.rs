//! portplan: plan the firewall openings of a ScaleIO / PowerFlex deployment.
//!
//! Data flows one way: a [`model::Plan`] and a [`model::Catalog`] go into an
//! [`analysis::Analysis`] (the per-host matrix, the flows, the findings), which the reports,
//! exports and views read.
//!
//! ```
//! use portplan::analysis::{Analysis, Phase};
//! use portplan::model::{Catalog, Os, Plan, Role, RoleSet};
//!
//! let mut plan = Plan::new("lab");
//! plan.add_host("installer", "10.0.0.5", Os::Windows, RoleSet::EMPTY.with(Role::Installer));
//! plan.add_host("tb", "10.0.0.13", Os::Windows, RoleSet::EMPTY.with(Role::Tb));
//! let analysis = Analysis::new(&plan, &Catalog::builtin());
//!
//! // The seed: "If the target is a TB it needs: 135, 445, 9011 and WMI."
//! let tb = &analysis.cells(1);
//! let ports: Vec<String> = tb.iter().map(|c| format!("{} {}", c.port, c.phase)).collect();
//! assert_eq!(ports, ["135 install-only", "445 install-only", "9011 permanent", "24158 install-only"]);
//! // Install-only rules admit the installer alone.
//! let sources: Vec<&str> = analysis.source_addresses(1, &tb[0]).collect();
//! assert_eq!(sources, ["10.0.0.5"]);
//! assert_eq!(tb[0].phase, Phase::InstallOnly);
//! ```

pub mod analysis;
pub mod editing;
pub mod export;
pub mod files;
#[cfg(feature = "gui")]
pub mod gui;
pub mod look;
pub mod model;
pub mod probe;
pub mod quote;
pub mod report;
