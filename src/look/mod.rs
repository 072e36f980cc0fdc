//! The shared look: the colors of roles, phases and flows, and the diagram geometry (cards,
//! edges) and where its arrows run, which the canvas, the SVG and the PDF all draw.

pub mod diagram;
pub mod palette;
pub mod routing;
