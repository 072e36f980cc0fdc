//! What portplan reads and writes on disk: plan files (with precise errors and versions),
//! CSV inventories, and the one atomic writer every output goes through.

pub mod atomic;
pub mod inventory;
pub mod plan_file;
