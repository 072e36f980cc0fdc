//! Every integration test, one module per feature, in one test binary: on 2 cores, thirteen
//! binaries that each linked the whole GUI stack cost more to build than the tests take to
//! run (README: the numbers).
#![allow(dead_code)] // the helpers in common/ serve different modules

mod common;

mod architecture;
mod change_request;
mod cli;
mod diagram;
mod export;
mod export_injection;
#[cfg(feature = "gui")]
mod gui;
#[cfg(feature = "gui")]
mod gui_editing;
#[cfg(feature = "gui")]
mod gui_inspector;
#[cfg(feature = "gui")]
mod gui_layout;
mod inventory;
mod least_privilege;
mod outputs;
mod packaging;
mod pdf;
mod plan_file;
#[cfg(feature = "probe")]
mod probe;
mod probe_scripts;
mod profile_facts;
mod readers;
mod scripts_safety;
mod seed_facts;
mod sources;
mod text_outputs;
mod validate;
