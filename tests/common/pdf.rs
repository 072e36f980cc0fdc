//! Reads a PDF back (lopdf, not the writer's own code): per page, every text run with its
//! position, its decoded text and its width from the embedded font's /W widths.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Document, Object};

pub struct Run {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub text: String,
}

pub struct Page {
    pub width: f32,
    pub height: f32,
    pub runs: Vec<Run>,
}

impl Page {
    /// The page's text, one run per line.
    pub fn text(&self) -> String {
        self.runs
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub struct Pdf {
    pub doc: Document,
    pub pages: Vec<Page>,
}

impl Pdf {
    pub fn text(&self) -> String {
        self.pages
            .iter()
            .map(Page::text)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The document information dictionary's `key`.
    pub fn info(&self, key: &str) -> String {
        let info = self.doc.trailer.get(b"Info").unwrap();
        let (_, info) = self.doc.dereference(info).unwrap();
        let value = info.as_dict().unwrap().get(key.as_bytes()).unwrap();
        match value {
            Object::String(bytes, _) => lopdf::decode_text_string(value)
                .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned()),
            other => format!("{other:?}"),
        }
    }
}

fn number(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        other => panic!("not a number: {other:?}"),
    }
}

/// CID -> width in text space units (1/1000 em) from a Type0 font's descendant /W array.
fn widths(doc: &Document, font: &lopdf::Dictionary) -> HashMap<u16, f32> {
    let mut out = HashMap::new();
    let Ok(desc) = font.get(b"DescendantFonts") else {
        return out;
    };
    let (_, desc) = doc.dereference(desc).unwrap();
    let first = &desc.as_array().unwrap()[0];
    let (_, cid_font) = doc.dereference(first).unwrap();
    let Ok(w) = cid_font.as_dict().unwrap().get(b"W") else {
        return out;
    };
    let (_, w) = doc.dereference(w).unwrap();
    let w = w.as_array().unwrap();
    let mut i = 0;
    while i < w.len() {
        let start = number(&w[i]) as u16;
        match &w[i + 1] {
            Object::Array(list) => {
                for (k, v) in list.iter().enumerate() {
                    out.insert(start + k as u16, number(v));
                }
                i += 2;
            }
            _ => {
                let end = number(&w[i + 1]) as u16;
                let v = number(&w[i + 2]);
                for c in start..=end {
                    out.insert(c, v);
                }
                i += 3;
            }
        }
    }
    out
}

pub fn parse(bytes: &[u8]) -> Pdf {
    let doc = Document::load_mem(bytes).expect("the PDF parses");
    let mut pages = Vec::new();
    for (_, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).unwrap();
        let mb = page.get(b"MediaBox").unwrap();
        let (_, mb) = doc.dereference(mb).unwrap();
        let mb: Vec<f32> = mb.as_array().unwrap().iter().map(number).collect();
        let fonts = doc.get_page_fonts(id).unwrap();
        let mut encodings = HashMap::new();
        let mut font_widths = HashMap::new();
        for (name, font) in &fonts {
            encodings.insert(name.clone(), font.get_font_encoding(&doc).unwrap());
            font_widths.insert(name.clone(), widths(&doc, font));
        }
        let content = Content::decode(&doc.get_page_content(id)).unwrap();
        let (mut font, mut size, mut x, mut y) = (Vec::new(), 0.0f32, 0.0f32, 0.0f32);
        let mut runs = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    font = op.operands[0].as_name().unwrap().to_vec();
                    size = number(&op.operands[1]);
                }
                "BT" => (x, y) = (0.0, 0.0),
                "Tm" => {
                    x = number(&op.operands[4]);
                    y = number(&op.operands[5]);
                }
                // Relative to the start of the line before.
                "Td" => {
                    x += number(&op.operands[0]);
                    y += number(&op.operands[1]);
                }
                "Tj" => {
                    let Object::String(bytes, _) = &op.operands[0] else {
                        panic!("Tj without a string")
                    };
                    let text = Document::decode_text(&encodings[&font], bytes).unwrap();
                    let w = &font_widths[&font];
                    let width: f32 = bytes
                        .chunks(2)
                        .map(|c| {
                            let cid = u16::from_be_bytes([c[0], c[1]]);
                            *w.get(&cid).unwrap_or_else(|| panic!("no width for {cid}"))
                        })
                        .sum::<f32>()
                        / 1000.0
                        * size;
                    runs.push(Run { x, y, width, text });
                }
                _ => {}
            }
        }
        pages.push(Page {
            width: mb[2] - mb[0],
            height: mb[3] - mb[1],
            runs,
        });
    }
    Pdf { doc, pages }
}
