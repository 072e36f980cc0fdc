//! Sets [`Block`]s on pages: wrapping, tables whose header repeats on every page they run
//! onto, headings kept with what follows. The result is plain positioned items, measured with
//! the fonts' own metrics, so a test can check that nothing leaves its cell or its page.

use crate::export::documents::blocks::{Block, Table};
use crate::export::documents::fonts::{self, Style};
use crate::export::documents::topology::{Frame, Pen, Scene};
use crate::export::options::Paper;
use crate::look::palette::Rgb;

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `y` is the baseline, from the top of the page; `right` is where the text's box
    /// (cell, column or page) ends.
    Text {
        x: f32,
        y: f32,
        text: String,
        style: Style,
        size: f32,
        color: Rgb,
        right: f32,
    },
    Rect {
        frame: Frame,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        color: Rgb,
        width: f32,
    },
    Triangle {
        points: [(f32, f32); 3],
        fill: Rgb,
    },
}

#[derive(Default)]
pub struct Page {
    pub items: Vec<Item>,
}

pub struct Laid {
    pub paper: Paper,
    pub pages: Vec<Page>,
    /// Section headings and the page (from 0) each starts on.
    pub outline: Vec<(String, usize)>,
}

pub const MARGIN_X: f32 = 48.0;
pub const TOP: f32 = 58.0;
pub const BOTTOM_MARGIN: f32 = 52.0;
const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const CODE: f32 = 7.0;
/// The smallest a command is set to fit its line, before it is broken.
const CODE_MIN: f32 = 4.5;
const PAD: f32 = 3.0;
/// The smallest a table header is set so that its words fit their columns whole.
const HEADER_MIN: f32 = 5.0;
pub const TEXT: Rgb = Rgb(0x1B, 0x1B, 0x1B);
pub const GREY: Rgb = Rgb(0x66, 0x66, 0x66);
pub const RULE: Rgb = Rgb(0xBB, 0xBB, 0xBB);
const HEADER_FILL: Rgb = Rgb(0xE6, 0xE9, 0xEE);

fn line_height(size: f32) -> f32 {
    size * 1.3
}

struct Writer {
    paper: Paper,
    width: f32,
    bottom: f32,
    pages: Vec<Page>,
    y: f32,
    outline: Vec<(String, usize)>,
}

impl Writer {
    fn left(&self) -> f32 {
        MARGIN_X
    }

    fn right(&self) -> f32 {
        MARGIN_X + self.width
    }

    fn items(&mut self) -> &mut Vec<Item> {
        &mut self.pages.last_mut().expect("a page").items
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    fn room(&self) -> f32 {
        self.bottom - self.y
    }

    /// Starts a new page unless `h` fits on this one.
    fn ensure(&mut self, h: f32) {
        if h > self.room() && self.y > TOP {
            self.new_page();
        }
    }

    fn is_empty_page(&self) -> bool {
        self.pages.last().is_none_or(|p| p.items.is_empty())
    }

    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        x: f32,
        y: f32,
        text: &str,
        style: Style,
        size: f32,
        color: Rgb,
        right: f32,
    ) {
        if text.is_empty() {
            return;
        }
        self.items().push(Item::Text {
            x,
            y,
            text: text.to_string(),
            style,
            size,
            color,
            right,
        });
    }

    fn lines(&mut self, text: &str, style: Style, size: f32, color: Rgb, indent: f32) {
        let lh = line_height(size);
        let (x, right) = (self.left() + indent, self.right());
        for line in fonts::wrap(&fonts::printable(text, style), style, size, right - x) {
            self.ensure(lh);
            self.y += lh;
            self.text(x, self.y - lh * 0.25, &line, style, size, color, right);
        }
    }

    fn heading(&mut self, text: &str) {
        // Kept with at least a few lines of what follows.
        if self.room() < 140.0 {
            self.new_page();
        }
        if self.y > TOP {
            self.y += 10.0;
        }
        self.outline.push((text.to_string(), self.pages.len() - 1));
        self.lines(text, Style::Bold, 14.0, TEXT, 0.0);
        self.y += 3.0;
        let (l, r, y) = (self.left(), self.right(), self.y);
        self.items().push(Item::Line {
            from: (l, y),
            to: (r, y),
            color: RULE,
            width: 0.8,
        });
        self.y += 6.0;
    }

    fn subheading(&mut self, text: &str) {
        if self.room() < 70.0 {
            self.new_page();
        }
        self.y += 5.0;
        self.lines(text, Style::Bold, 10.5, TEXT, 0.0);
        self.y += 2.0;
    }

    fn fields(&mut self, fields: &[(String, String)]) {
        let label_w = 125.0;
        let lh = line_height(BODY);
        let (x, right) = (self.left() + label_w, self.right());
        for (label, value) in fields {
            let value = fonts::wrap(
                &fonts::printable(value, Style::Regular),
                Style::Regular,
                BODY,
                right - x,
            );
            let label_lines = fonts::wrap(label, Style::Bold, BODY, label_w - 8.0);
            let n = value.len().max(label_lines.len());
            for k in 0..n {
                self.ensure(lh);
                self.y += lh;
                let base = self.y - lh * 0.25;
                if let Some(l) = label_lines.get(k) {
                    let left = self.left();
                    self.text(left, base, l, Style::Bold, BODY, GREY, x - 8.0);
                }
                if let Some(v) = value.get(k) {
                    self.text(x, base, v, Style::Regular, BODY, TEXT, right);
                }
            }
            self.y += 1.5;
        }
        self.y += 4.0;
    }

    fn table(&mut self, t: &Table) {
        let size = SMALL;
        let lh = line_height(size);
        let total: f32 = t.columns.iter().map(|c| c.width).sum();
        let widths: Vec<f32> = t
            .columns
            .iter()
            .map(|c| c.width / total * self.width)
            .collect();
        let wrap_row = |cells: &mut dyn Iterator<Item = (&str, Style)>| -> Vec<Vec<String>> {
            cells
                .zip(&widths)
                .map(|((text, style), w)| {
                    fonts::wrap(&fonts::printable(text, style), style, size, w - 2.0 * PAD)
                })
                .collect()
        };
        // A header breaks between words, never inside one ("Operatio / n"): where a word is
        // wider than its column, the whole header is set smaller until every word fits.
        let header_size = t
            .columns
            .iter()
            .zip(&widths)
            .flat_map(|(c, w)| {
                let room = w - 2.0 * PAD;
                c.title.split_whitespace().map(move |word| {
                    let word = fonts::printable(word, Style::Bold);
                    let wide = fonts::metrics(Style::Bold).width(&word, size);
                    if wide > room {
                        size * room / wide
                    } else {
                        size
                    }
                })
            })
            .fold(size, f32::min)
            .max(HEADER_MIN);
        let header_lh = line_height(header_size);
        let header: Vec<Vec<String>> = t
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                let text = fonts::printable(&c.title, Style::Bold);
                fonts::wrap(&text, Style::Bold, header_size, w - 2.0 * PAD)
            })
            .collect();
        let header_h = rows_height(&header, header_lh);
        let show_header = t.columns.iter().any(|c| !c.title.is_empty());
        let draw_header = |w: &mut Writer| {
            if show_header {
                w.row(
                    &header,
                    &widths,
                    0,
                    (header_h, header_lh, header_size),
                    Style::Bold,
                    Some(HEADER_FILL),
                    &[],
                );
            }
        };
        // A table starts where its header and first row fit (a header alone at the foot of
        // a page would only repeat on the next).
        let first = t.rows.first().map_or(0.0, |row| {
            rows_height(
                &wrap_row(&mut row.iter().map(|c| (c.text.as_str(), Style::Regular))),
                lh,
            )
            .max(t.min_row_height)
        });
        self.ensure((header_h + first).min(self.bottom - TOP));
        draw_header(self);
        for row in &t.rows {
            let cells = wrap_row(&mut row.iter().map(|c| (c.text.as_str(), Style::Regular)));
            let fills: Vec<Option<Rgb>> = row.iter().map(|c| c.fill).collect();
            let full = rows_height(&cells, lh).max(t.min_row_height);
            if full > self.room() && self.y > TOP + header_h + 1.0 {
                let fits_fresh = full <= self.bottom - TOP - header_h;
                let some_fit = self.room() >= lh * 3.0 + 2.0 * PAD;
                if fits_fresh || !some_fit {
                    self.new_page();
                    draw_header(self);
                }
            }
            // A row taller than the room splits, its lines running onto the next page.
            let lines = cells.iter().map(Vec::len).max().unwrap_or(0);
            let mut from = 0;
            loop {
                let fit = (((self.room() - 2.0 * PAD) / lh).floor() as usize).max(1);
                let to = lines.min(from + fit);
                let h = if from == 0 && to == lines {
                    full
                } else {
                    (to - from) as f32 * lh + 2.0 * PAD
                };
                let shape = (h, lh, size);
                self.row(&cells, &widths, from, shape, Style::Regular, None, &fills);
                from = to;
                if from >= lines {
                    break;
                }
                self.new_page();
                draw_header(self);
            }
        }
        self.y += 8.0;
    }

    /// Draws lines `from..` of each cell in a row of height `h` at the cursor.
    #[allow(clippy::too_many_arguments)]
    /// One row of a table: `(h, lh, size)` are its height, line height and font size.
    fn row(
        &mut self,
        cells: &[Vec<String>],
        widths: &[f32],
        from: usize,
        (h, lh, size): (f32, f32, f32),
        style: Style,
        fill: Option<Rgb>,
        fills: &[Option<Rgb>],
    ) {
        let top = self.y;
        let lines = (((h - 2.0 * PAD) / lh).round() as usize).max(1);
        let mut x = self.left();
        for (n, (cell, w)) in cells.iter().zip(widths).enumerate() {
            let frame = Frame {
                x,
                y: top,
                w: *w,
                h,
            };
            let f = fills.get(n).copied().flatten().or(fill);
            self.items().push(Item::Rect {
                frame,
                fill: f,
                stroke: Some((RULE, 0.5)),
            });
            for (k, line) in cell.iter().skip(from).take(lines).enumerate() {
                let base = top + PAD + (k as f32 + 1.0) * lh - lh * 0.25;
                self.text(x + PAD, base, line, style, size, TEXT, x + w - PAD);
            }
            x += w;
        }
        self.y = top + h;
    }

    fn code(&mut self, text: &str) {
        let lh = line_height(CODE) * 0.95;
        let indent = 8.0;
        let (x, right) = (self.left() + indent, self.right());
        let mut start = self.y;
        for source_line in text.lines() {
            let printable = fonts::printable(source_line, Style::Mono);
            // A command a little too long for the line is set smaller rather than broken:
            // a command broken over two lines is not safe to copy and paste.
            let room = right - x - 8.0;
            let full = fonts::metrics(Style::Mono).width(&printable, CODE);
            let size = if full > room {
                (CODE * room / full * 0.98).max(CODE_MIN)
            } else {
                CODE
            };
            for (k, line) in fonts::wrap(&printable, Style::Mono, size, room)
                .iter()
                .enumerate()
            {
                if lh > self.room() {
                    self.code_bar(start);
                    self.new_page();
                    start = self.y;
                }
                self.y += lh;
                // Continuation lines are indented under their command.
                let cx = if k == 0 { x } else { x + 8.0 };
                self.text(cx, self.y - lh * 0.25, line, Style::Mono, size, TEXT, right);
            }
        }
        self.code_bar(start);
        self.y += 6.0;
    }

    fn code_bar(&mut self, start: f32) {
        let (x, y) = (self.left() + 2.0, self.y);
        if y > start {
            self.items().push(Item::Line {
                from: (x, start + 1.0),
                to: (x, y),
                color: RULE,
                width: 2.0,
            });
        }
    }

    fn diagram(&mut self, scene: &Scene) {
        let want = (self.width / scene.aspect() + 24.0).clamp(160.0, self.bottom - TOP);
        if want > self.room() {
            self.new_page();
        }
        let frame = Frame {
            x: self.left(),
            y: self.y + 4.0,
            w: self.width,
            h: want - 4.0,
        };
        scene.draw(frame, self);
        self.y += want + 6.0;
    }
}

fn rows_height(cells: &[Vec<String>], lh: f32) -> f32 {
    cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * lh + 2.0 * PAD
}

impl Pen for Writer {
    fn rect(&mut self, frame: Frame, fill: Option<Rgb>, stroke: Option<(Rgb, f32)>) {
        self.items().push(Item::Rect {
            frame,
            fill,
            stroke,
        });
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), color: Rgb, width: f32) {
        self.items().push(Item::Line {
            from,
            to,
            color,
            width,
        });
    }

    fn triangle(&mut self, points: [(f32, f32); 3], fill: Rgb) {
        self.items().push(Item::Triangle { points, fill });
    }

    fn text(&mut self, at: (f32, f32), text: &str, style: Style, size: f32, color: Rgb) {
        let right = self.right();
        Writer::text(self, at.0, at.1, text, style, size, color, right);
    }
}

pub fn lay_out(blocks: &[Block], paper: Paper) -> Laid {
    let (w, h) = paper.size();
    let mut wr = Writer {
        paper,
        width: w - 2.0 * MARGIN_X,
        bottom: h - BOTTOM_MARGIN,
        pages: Vec::new(),
        y: TOP,
        outline: Vec::new(),
    };
    wr.new_page();
    for b in blocks {
        match b {
            Block::Heading(t) => wr.heading(t),
            Block::Subheading(t) => wr.subheading(t),
            Block::Paragraph(t) => {
                wr.lines(t, Style::Regular, BODY, TEXT, 0.0);
                wr.y += 4.0;
            }
            Block::Note(t) => {
                wr.lines(t, Style::Regular, SMALL, GREY, 0.0);
                wr.y += 4.0;
            }
            Block::Fields(f) => wr.fields(f),
            Block::Table(t) => wr.table(t),
            Block::Code(c) => wr.code(c),
            Block::Diagram(s) => wr.diagram(s),
            Block::PageBreak => {
                if !wr.is_empty_page() {
                    wr.new_page();
                }
            }
        }
    }
    Laid {
        paper: wr.paper,
        pages: wr.pages,
        outline: wr.outline,
    }
}
