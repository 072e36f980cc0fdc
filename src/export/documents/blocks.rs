//! A document as a list of blocks, before it is set on pages: what the change request says,
//! apart from how a PDF places it.

use super::topology::Scene;
use crate::look::palette::Rgb;

pub enum Block {
    /// A numbered section: a new page when little room is left, and an outline entry.
    Heading(String),
    Subheading(String),
    Paragraph(String),
    /// Small grey text.
    Note(String),
    /// Label: value lines.
    Fields(Vec<(String, String)>),
    Table(Table),
    /// Commands, in a monospaced font, broken where a line is too long.
    Code(String),
    Diagram(Box<Scene>),
    PageBreak,
}

pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Room to write in (the sign-off table); 0 for text height.
    pub min_row_height: f32,
}

pub struct Column {
    pub title: String,
    /// A share of the text width; the shares of a table add up to 1.
    pub width: f32,
}

#[derive(Default)]
pub struct Cell {
    pub text: String,
    pub fill: Option<Rgb>,
}

impl<S: Into<String>> From<S> for Cell {
    fn from(text: S) -> Cell {
        Cell {
            text: text.into(),
            fill: None,
        }
    }
}

impl Table {
    pub fn new(columns: &[(&str, f32)]) -> Table {
        Table {
            columns: columns
                .iter()
                .map(|(title, width)| Column {
                    title: title.to_string(),
                    width: *width,
                })
                .collect(),
            rows: Vec::new(),
            min_row_height: 0.0,
        }
    }

    pub fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(cells.into_iter().map(Cell::from).collect());
    }
}
