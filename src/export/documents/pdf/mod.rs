//! The change request as a PDF (printpdf): [`pages`] sets the blocks of
//! [`super::change_request`] on pages; this module adds the running header and "Page X of
//! Y", embeds the fonts (subset) and writes the file.

pub mod pages;

use std::collections::HashMap;

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, TextItem, TextMatrix,
    WindingOrder,
};

use super::change_request;
use super::fonts::{self, Style};
use crate::export::error::ExportError;
use crate::export::options::Inputs;
use pages::{Item, Laid, lay_out};

/// The export's file: the change request on the options' paper.
pub fn file(inputs: &Inputs) -> Result<Vec<u8>, ExportError> {
    change_request(inputs)
}

/// The whole document: blocks, pages, bytes.
pub fn change_request(inputs: &Inputs) -> Result<Vec<u8>, ExportError> {
    // Counted in steps of the whole, by stage: the blocks, the pages laid out, each page's
    // drawing, the file (fonts, compression). Stage shares are rough, from the 50,000-host
    // benchmark; what matters to a reader is that it moves.
    let progress = inputs.progress;
    let advance = |n: u64| {
        if let Some(p) = progress {
            p.advance(n)
        }
    };
    if let Some(p) = progress {
        p.start(PROGRESS_STEPS);
    }
    let blocks = change_request::blocks(inputs)?;
    advance(PROGRESS_STEPS / 5);
    let mut laid = lay_out(&blocks, inputs.options.paper);
    add_running_text(&mut laid, inputs);
    advance(PROGRESS_STEPS / 5);
    let bytes = render(&laid, inputs);
    if let Some(p) = progress {
        p.finish();
    }
    Ok(bytes)
}

/// The change request's progress: 1,000 steps, the last fifth for writing the file.
const PROGRESS_STEPS: u64 = 1000;

/// The header (from the second page) and the footer of every page.
fn add_running_text(laid: &mut Laid, inputs: &Inputs) {
    let cr = &inputs.plan.change_request;
    let (w, h) = laid.paper.size();
    let total = laid.pages.len();
    let size = 7.5;
    let (left, right) = (pages::MARGIN_X, w - pages::MARGIN_X);
    let title = if cr.id.is_empty() {
        format!("Firewall change request: {}", inputs.plan.name)
    } else {
        format!("Firewall change request {}: {}", cr.id, cr.title)
    };
    let title = fonts::printable(&title, Style::Regular).into_owned();
    for (n, page) in laid.pages.iter_mut().enumerate() {
        let number = format!("Page {} of {total}", n + 1);
        let nw = fonts::metrics(Style::Regular).width(&number, size);
        let text = |x: f32, y: f32, text: String, right: f32| Item::Text {
            x,
            y,
            text,
            style: Style::Regular,
            size,
            color: pages::GREY,
            right,
        };
        let footer_y = h - pages::BOTTOM_MARGIN + 26.0;
        page.items.push(text(right - nw, footer_y, number, right));
        let generated = format!(
            "portplan {}, {}",
            env!("CARGO_PKG_VERSION"),
            crate::model::timestamp::utc(inputs.generated)
        );
        let room = right - nw - 20.0 - left;
        page.items.push(text(
            left,
            footer_y,
            fonts::ellipsize(&generated, Style::Regular, size, room),
            left + room,
        ));
        if n > 0 {
            let t = fonts::ellipsize(&title, Style::Regular, size, right - left);
            page.items.push(text(left, 34.0, t, right));
            page.items.push(Item::Line {
                from: (left, 40.0),
                to: (right, 40.0),
                color: pages::RULE,
                width: 0.5,
            });
        }
    }
}

fn color(c: crate::look::palette::Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

/// Writes the pages: shapes first, then all text on top in one text section per page.
fn render(laid: &Laid, inputs: &Inputs) -> Vec<u8> {
    let cr = &inputs.plan.change_request;
    let title = if cr.id.is_empty() {
        format!("Firewall change request: {}", inputs.plan.name)
    } else {
        format!("{}: {}", cr.id, cr.title)
    };
    let mut doc = PdfDocument::new(&title);
    let info = &mut doc.metadata.info;
    info.author = cr.requester.clone();
    info.creator = format!("portplan {}", env!("CARGO_PKG_VERSION"));
    info.producer = "portplan (printpdf)".into();
    info.subject = format!("Firewall openings for the plan {}", inputs.plan.name);
    info.keywords = vec!["firewall".into(), "change request".into(), "ScaleIO".into()];
    info.identifier = cr.id.clone();
    if let Ok(t) = printpdf::OffsetDateTime::from_unix_timestamp(inputs.generated) {
        info.creation_date = t;
        info.modification_date = t;
        info.metadata_date = t;
    }
    let mut ids: HashMap<Style, FontId> = HashMap::new();
    let used: Vec<Style> = Style::ALL
        .into_iter()
        .filter(|s| {
            laid.pages.iter().any(|p| {
                p.items
                    .iter()
                    .any(|i| matches!(i, Item::Text { style, .. } if style == s))
            })
        })
        .collect();
    for style in used {
        let font = ParsedFont::from_bytes(style.bytes(), 0, &mut Vec::new())
            .expect("the bundled fonts parse");
        // Short, fixed resource names (printpdf's own are 32 random letters, repeated at
        // every font change): smaller files, and the same bytes for the same plan.
        let id = FontId(format!("F{}", style as usize + 1));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(font));
        ids.insert(style, id);
    }
    let (w, h) = laid.paper.size();
    // The pages' share of the progress: two fifths, a page at a time.
    let share = PROGRESS_STEPS * 2 / 5;
    let n = laid.pages.len().max(1) as u64;
    let pages = laid
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            if let Some(p) = inputs.progress {
                let i = i as u64;
                p.advance(share * (i + 1) / n - share * i / n);
            }
            PdfPage::new(Mm::from(Pt(w)), Mm::from(Pt(h)), page_ops(page, h, &ids))
        })
        .collect();
    doc.with_pages(pages);
    for (name, page) in &laid.outline {
        doc.add_bookmark(name, page + 1);
    }
    doc.save(&PdfSaveOptions::default(), &mut Vec::new())
}

/// The graphics state a page's ops have set, so that colors and widths are written only
/// when they change (a rule table has thousands of cells).
#[derive(Default)]
struct Pens {
    fill: Option<crate::look::palette::Rgb>,
    stroke: Option<(crate::look::palette::Rgb, f32)>,
}

impl Pens {
    fn fill(&mut self, ops: &mut Vec<Op>, c: crate::look::palette::Rgb) {
        if self.fill != Some(c) {
            ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }

    fn stroke(&mut self, ops: &mut Vec<Op>, c: crate::look::palette::Rgb, width: f32) {
        if self.stroke.is_none_or(|(sc, _)| sc != c) {
            ops.push(Op::SetOutlineColor { col: color(c) });
        }
        if self.stroke.is_none_or(|(_, sw)| sw != width) {
            ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        }
        self.stroke = Some((c, width));
    }
}

/// One page: shapes first, then all text on top in one text section.
fn page_ops(page: &pages::Page, h: f32, ids: &HashMap<Style, FontId>) -> Vec<Op> {
    let pt = |x: f32, y: f32| Point {
        x: Pt(x),
        y: Pt(h - y),
    };
    let point = |x: f32, y: f32| LinePoint {
        p: pt(x, y),
        bezier: false,
    };
    let mut ops = Vec::new();
    let mut pens = Pens::default();
    for item in &page.items {
        match item {
            Item::Rect {
                frame,
                fill,
                stroke,
            } => {
                if let Some(f) = fill {
                    pens.fill(&mut ops, *f);
                }
                if let Some((s, width)) = stroke {
                    pens.stroke(&mut ops, *s, *width);
                }
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    (None, Some(_)) => PaintMode::Stroke,
                    (None, None) => continue,
                };
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(frame.x),
                        y: Pt(h - frame.y - frame.h),
                        width: Pt(frame.w),
                        height: Pt(frame.h),
                        mode: Some(mode),
                        winding_order: None,
                    },
                });
            }
            Item::Line {
                from,
                to,
                color: c,
                width,
            } => {
                pens.stroke(&mut ops, *c, *width);
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(from.0, from.1), point(to.0, to.1)],
                        is_closed: false,
                    },
                });
            }
            Item::Triangle { points, fill } => {
                pens.fill(&mut ops, *fill);
                ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing {
                            points: points.iter().map(|p| point(p.0, p.1)).collect(),
                        }],
                        mode: PaintMode::Fill,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
            Item::Text { .. } => {}
        }
    }
    ops.push(Op::StartTextSection);
    let mut font: Option<(Style, f32)> = None;
    let mut line: Option<(f32, f32)> = None;
    for item in &page.items {
        let Item::Text {
            x,
            y,
            text,
            style,
            size,
            color: c,
            ..
        } = item
        else {
            continue;
        };
        if font != Some((*style, *size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(ids[style].clone()),
                size: Pt(*size),
            });
            font = Some((*style, *size));
        }
        pens.fill(&mut ops, *c);
        // The first line is placed absolutely, the others by their offset from the line
        // before: a column of lines repeats "0 -8.3 Td", which compresses to nearly nothing
        // (a PDF of thousands of pages is mostly such columns).
        let at = (*x, h - y);
        match line {
            None => ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(at.0), Pt(at.1)),
            }),
            Some((lx, ly)) => ops.push(Op::SetTextCursor {
                pos: Point {
                    x: Pt(at.0 - lx),
                    y: Pt(at.1 - ly),
                },
            }),
        }
        line = Some(at);
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.clone())],
        });
    }
    ops.push(Op::EndTextSection);
    ops
}
