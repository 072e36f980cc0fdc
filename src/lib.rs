//! portplan: plan the firewall openings of a ScaleIO / PowerFlex deployment.
//!
//! Data flows one way: a [`plan::Plan`] and a [`catalog::Catalog`] go into an
//! [`analysis::Analysis`] (the per-host matrix, the flows, the findings), which the reports,
//! exports and views read.

pub mod address;
pub mod analysis;
pub mod catalog;
pub mod inventory;
pub mod layout;
pub mod plan;
pub mod plan_file;
pub mod report;
pub mod role;
