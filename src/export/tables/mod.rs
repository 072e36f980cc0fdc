//! The flows as tables: CSV for tools, an xlsx workbook for people.

pub mod csv;
pub mod xlsx;
