//! The topology diagram alone, as SVG (for slides and wikis): the same drawing as the change
//! request's, through an SVG [`Pen`].

use std::fmt::Write;

use super::fonts::Style;
use super::topology::{Frame, Pen, Scene};
use crate::analysis::Analysis;
use crate::export::error::ExportError;
use crate::export::options::Inputs;
use crate::look::palette::Rgb;
use crate::model::Plan;

struct Svg {
    body: String,
}

/// Text for XML character data and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 allows no other control characters, not even as references.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

impl Pen for Svg {
    fn rect(&mut self, f: Frame, fill: Option<Rgb>, stroke: Option<(Rgb, f32)>) {
        let fill = fill.map_or("none".to_string(), Rgb::hex);
        let stroke = stroke.map_or(String::new(), |(c, w)| {
            format!(" stroke=\"{}\" stroke-width=\"{w:.2}\"", c.hex())
        });
        let _ = writeln!(
            self.body,
            "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" rx=\"{:.2}\" fill=\"{fill}\"{stroke}/>",
            f.x,
            f.y,
            f.w,
            f.h,
            (f.h * 0.08).min(4.0)
        );
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), color: Rgb, width: f32) {
        let _ = writeln!(
            self.body,
            "<line x1=\"{:.2}\" y1=\"{:.2}\" x2=\"{:.2}\" y2=\"{:.2}\" stroke=\"{}\" stroke-width=\"{width:.2}\"/>",
            from.0,
            from.1,
            to.0,
            to.1,
            color.hex()
        );
    }

    fn triangle(&mut self, p: [(f32, f32); 3], fill: Rgb) {
        let _ = writeln!(
            self.body,
            "<polygon points=\"{:.2},{:.2} {:.2},{:.2} {:.2},{:.2}\" fill=\"{}\"/>",
            p[0].0,
            p[0].1,
            p[1].0,
            p[1].1,
            p[2].0,
            p[2].1,
            fill.hex()
        );
    }

    fn text(&mut self, at: (f32, f32), text: &str, style: Style, size: f32, color: Rgb) {
        let weight = if style == Style::Bold {
            " font-weight=\"bold\""
        } else {
            ""
        };
        let _ = writeln!(
            self.body,
            "<text x=\"{:.2}\" y=\"{:.2}\" font-family=\"{}\" font-size=\"{size:.2}\"{weight} fill=\"{}\">{}</text>",
            at.0,
            at.1,
            style.css_family(),
            color.hex(),
            escape(text)
        );
    }
}

/// The export's file.
pub fn file(i: &Inputs) -> Result<Vec<u8>, ExportError> {
    Ok(diagram(i.plan, i.analysis).into_bytes())
}

/// The plan's topology as an SVG document, one unit per canvas unit.
pub fn diagram(plan: &Plan, a: &Analysis) -> String {
    let scene = Scene::new(plan, a);
    // At the canvas's own scale: cards, text and arrows as large as in the app.
    let (w, h) = scene.size();
    let width = (w + 20.0).max(400.0);
    let height = h + 20.0 + 20.0;
    let mut svg = Svg {
        body: String::new(),
    };
    scene.draw(
        Frame {
            x: 10.0,
            y: 10.0,
            w: width - 20.0,
            h: height - 20.0,
        },
        &mut svg,
    );
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\">\n\
         <title>{}</title>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n{}</svg>\n",
        escape(&format!(
            "{}: topology (portplan {})",
            plan.name,
            env!("CARGO_PKG_VERSION")
        )),
        svg.body
    )
}
