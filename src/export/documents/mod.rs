//! The documents for people: the change request (its content as [`blocks`], set on pages by
//! [`pdf`]) and the topology diagram ([`topology`], drawn into the PDF and as [`svg`]), set in
//! the bundled [`fonts`].

pub mod blocks;
pub mod change_request;
pub mod fonts;
pub mod pdf;
pub mod svg;
pub mod topology;
