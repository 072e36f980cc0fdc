//! The fonts the documents are set in (DejaVu, shipped under `assets/fonts/` with its
//! license) and their metrics, so text is measured before it is placed: nothing is allowed to
//! run out of its cell.

use std::sync::OnceLock;

use ttf_parser::Face;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
    /// For commands.
    Mono,
}

impl Style {
    pub const ALL: [Style; 3] = [Style::Regular, Style::Bold, Style::Mono];

    pub fn bytes(self) -> &'static [u8] {
        match self {
            Style::Regular => include_bytes!("../../../assets/fonts/DejaVuSans.ttf"),
            Style::Bold => include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf"),
            Style::Mono => include_bytes!("../../../assets/fonts/DejaVuSansMono.ttf"),
        }
    }

    /// The family an SVG names, with fallbacks of the same build.
    pub fn css_family(self) -> &'static str {
        match self {
            Style::Regular | Style::Bold => "DejaVu Sans, Verdana, sans-serif",
            Style::Mono => "DejaVu Sans Mono, monospace",
        }
    }
}

/// One face's advance widths, in em.
pub struct Metrics {
    face: Face<'static>,
    units_per_em: f32,
    /// The advances of ASCII, looked up once: nearly all text of a plan is ASCII.
    ascii: [f32; 128],
}

impl Metrics {
    fn load(style: Style) -> Metrics {
        let face = Face::parse(style.bytes(), 0).expect("the bundled fonts parse");
        let units_per_em = f32::from(face.units_per_em());
        let mut m = Metrics {
            face,
            units_per_em,
            ascii: [0.0; 128],
        };
        for c in 0..128u8 {
            m.ascii[c as usize] = m.lookup(c as char).unwrap_or(0.0);
        }
        m
    }

    fn lookup(&self, c: char) -> Option<f32> {
        let g = self.face.glyph_index(c)?;
        Some(f32::from(self.face.glyph_hor_advance(g)?) / self.units_per_em)
    }

    pub fn has(&self, c: char) -> bool {
        c.is_ascii() || self.face.glyph_index(c).is_some()
    }

    /// The width of one character at size 1.
    pub fn advance(&self, c: char) -> f32 {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.lookup(c).unwrap_or(0.0)
        }
    }

    /// The width of `text` at `size` (in the size's unit).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }
}

pub fn metrics(style: Style) -> &'static Metrics {
    static FACES: OnceLock<[Metrics; 3]> = OnceLock::new();
    let faces = FACES.get_or_init(|| Style::ALL.map(Metrics::load));
    &faces[style as usize]
}

/// `text` with every character the fonts lack written as `<U+XXXX>`, so a host name in a
/// script the fonts do not cover still prints, and prints exactly. (DejaVu covers Latin,
/// Greek, Cyrillic, Armenian, Georgian, Hebrew and Arabic; not CJK.)
pub fn printable(text: &str, style: Style) -> std::borrow::Cow<'_, str> {
    let m = metrics(style);
    if text.chars().all(|c| m.has(c) && !c.is_control()) {
        return text.into();
    }
    let mut out = String::new();
    for c in text.chars() {
        if c.is_control() {
            out.push(' ');
        } else if m.has(c) {
            out.push(c);
        } else {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        }
    }
    out.into()
}

/// `text` cut to fit `width` at `size`, with "…" where it was cut.
pub fn ellipsize(text: &str, style: Style, size: f32, width: f32) -> String {
    let m = metrics(style);
    if m.width(text, size) <= width {
        return text.to_string();
    }
    let room = width - m.advance('…') * size;
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        used += m.advance(c) * size;
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Breaks `text` into lines no wider than `width`: at spaces where it can, inside a word
/// where a word alone is too wide (addresses and host names have no spaces). Newlines in
/// the text end lines.
pub fn wrap(text: &str, style: Style, size: f32, width: f32) -> Vec<String> {
    let m = metrics(style);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in paragraph.split(' ') {
            let word_w = m.width(word, size);
            let space = if line.is_empty() {
                0.0
            } else {
                m.advance(' ') * size
            };
            if line_w + space + word_w <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_w += space + word_w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0.0;
            }
            // The word starts a line; break it where it is wider than a line.
            for c in word.chars() {
                let w = m.advance(c) * size;
                if line_w + w > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += w;
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_and_wraps_within_the_width() {
        let m = metrics(Style::Regular);
        // DejaVu Sans: 'M' is wider than 'i'; a space is about 0.32 em.
        assert!(m.width("M", 10.0) > m.width("i", 10.0));
        assert!((m.advance(' ') - 0.32).abs() < 0.01);
        let text = "a very long host name without-any-spaces-at-all-that-must-break and more";
        for width in [20.0, 50.0, 120.0, 400.0] {
            let lines = wrap(text, Style::Regular, 9.0, width);
            for l in &lines {
                assert!(
                    m.width(l, 9.0) <= width + 0.01 || l.chars().count() == 1,
                    "{l}"
                );
            }
            assert_eq!(lines.join("").replace(' ', ""), text.replace(' ', ""));
        }
        assert_eq!(wrap("a\nb", Style::Regular, 9.0, 100.0), ["a", "b"]);
    }

    #[test]
    fn names_outside_the_fonts_stay_readable() {
        assert_eq!(
            printable("Zürich-сервер-Ω", Style::Regular),
            "Zürich-сервер-Ω"
        );
        assert_eq!(
            printable("服务器1", Style::Regular),
            "<U+670D><U+52A1><U+5668>1"
        );
        assert_eq!(printable("a\tb", Style::Regular), "a b");
        let cut = ellipsize("abcdefghijklmnopqrstuvwxyz", Style::Bold, 10.0, 50.0);
        assert!(cut.ends_with('…') && metrics(Style::Bold).width(&cut, 10.0) <= 50.0);
    }
}
