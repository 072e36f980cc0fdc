//! What portplan reads and writes on disk: plan files (with precise errors and versions),
//! catalog files, CSV inventories, the one bounded reader of every outside input (regular
//! files only, a size limit per kind) and the one atomic writer every output goes through.

pub mod atomic;
pub mod catalog_file;
pub mod csv_text;
pub mod input;
pub mod inventory;
pub mod outputs;
pub mod plan_file;
