//! XLSX (rust_xlsxwriter): a Flows sheet (one row per flow) and a Matrix sheet (one row per
//! host, one column per port, cells colored by phase), headers frozen, columns sized.

use rust_xlsxwriter::{Color, Format, Workbook, XlsxError};

use crate::analysis::{Analysis, Flow, FlowKind, Phase};
use crate::export::error::ExportError;
use crate::export::options::Inputs;
use crate::export::progress::{Counter, Progress};
use crate::quote::spreadsheet_cell;
use crate::report;

/// Excel's rows per sheet, less the header.
const MAX_ROWS: usize = 1_048_575;

/// The app's phase colors (gui::style), as RGB numbers: exports use no GUI types.
const INSTALL: u32 = 0xE8A317;
const PERMANENT: u32 = 0x3BA55C;
const PERMANENT_LATE: u32 = 0x9CD6A9;

/// The export's file: the flows of the options' kind and the matrix.
pub fn file(i: &Inputs) -> Result<Vec<u8>, ExportError> {
    workbook_paged(i.analysis, i.options.kind, MAX_ROWS, i.progress).map_err(|e| match e {
        // Said by `too_long`, with the host or the flow it is about.
        XlsxError::ParameterError(message) => ExportError::Xlsx(message),
        e => ExportError::Xlsx(e.to_string()),
    })
}

/// Excel's refusal of a text over 32,767 characters, which names no cell, turned into one
/// that names the host (or the flow) and the column, so the user knows what to shorten.
fn too_long(e: XlsxError, whose: impl FnOnce() -> String, column: &str) -> XlsxError {
    match e {
        XlsxError::MaxStringLengthExceeded => XlsxError::ParameterError(format!(
            "{}: the {column} is longer than the 32,767 characters a workbook cell holds",
            whose()
        )),
        e => e,
    }
}

pub fn workbook(a: &Analysis, kind: Option<FlowKind>) -> Result<Vec<u8>, XlsxError> {
    workbook_paged(a, kind, MAX_ROWS, None)
}

/// The workbook with at most `rows_per_sheet` flows on a sheet: a plan with more flows than
/// Excel has rows (a few thousand hosts) continues on "Flows 2", "Flows 3", ... so no flow is
/// dropped.
fn workbook_paged(
    a: &Analysis,
    kind: Option<FlowKind>,
    rows_per_sheet: usize,
    progress: Option<&Progress>,
) -> Result<Vec<u8>, XlsxError> {
    let flows = a.flow_count_of(kind) as u64;
    // Counted in flows; zipping the sheets at the end takes about a tenth more (measured on
    // 2,000 hosts), counted when it is done; and one step for the matrix sheet, so a plan
    // without flows has work to show too.
    let zipping = flows / 10;
    if let Some(p) = progress {
        p.start(flows + zipping + 1);
    }
    let mut counter = Counter::new(progress);
    let mut book = Workbook::new();
    let header = Format::new().set_bold();
    let install = Format::new().set_background_color(Color::RGB(INSTALL));
    let permanent = Format::new().set_background_color(Color::RGB(PERMANENT));
    let late = Format::new().set_background_color(Color::RGB(PERMANENT_LATE));

    let mut shown = a.flows_of(kind).peekable();
    for n in 1.. {
        let name = if n == 1 {
            "Flows".to_string()
        } else {
            format!("Flows {n}")
        };
        let rows = shown.by_ref().take(rows_per_sheet);
        let rows = rows.inspect(|_| counter.advance(1));
        flows_sheet(&mut book, &name, rows, &header, [&install, &permanent])?;
        if shown.peek().is_none() {
            break;
        }
    }

    let matrix = book.add_worksheet();
    matrix.set_name("Matrix")?;
    for (col, title) in ["Host", "Address", "OS", "Roles"].iter().enumerate() {
        matrix.write_string_with_format(0, col as u16, *title, &header)?;
    }
    for (i, (port, protocol)) in a.columns.iter().enumerate() {
        matrix.write_string_with_format(0, 4 + i as u16, format!("{port}/{protocol}"), &header)?;
    }
    for (r, h) in a.hosts.iter().enumerate() {
        let row = r as u32 + 1;
        let host = || format!("host '{}'", crate::quote::terminal(&shortened(&h.name)));
        matrix
            .write_string(row, 0, spreadsheet_cell(&h.name))
            .map_err(|e| too_long(e, host, "name"))?;
        matrix
            .write_string(row, 1, spreadsheet_cell(&h.address))
            .map_err(|e| too_long(e, host, "address"))?;
        matrix.write_string(row, 2, h.os.name())?;
        matrix.write_string(row, 3, h.roles.joined(", "))?;
        for (i, column) in a.columns.iter().enumerate() {
            let Some(cell) = a.cell(r, *column) else {
                continue;
            };
            let (text, fill) = match (cell.phase, cell.during_install) {
                (Phase::InstallOnly, _) => ("install-only", &install),
                (Phase::Permanent, true) => ("permanent", &permanent),
                (Phase::Permanent, false) => ("permanent, not for install", &late),
            };
            matrix.write_string_with_format(row, 4 + i as u16, text, fill)?;
        }
    }
    matrix.set_freeze_panes(1, 1)?;
    matrix.set_autofit_max_width(300);
    matrix.autofit();
    drop(counter);
    let bytes = book.save_to_buffer();
    if let Some(p) = progress {
        p.finish();
    }
    bytes
}

/// One sheet of flows, written row by row in "low memory" mode: a million flows would
/// otherwise hold about 1.5 GB of cells until the file is written. Rows cannot be revisited,
/// so no autofit: the widths are measured as the rows go. The last argument is the install
/// and the operation fill.
fn flows_sheet<'a>(
    book: &mut Workbook,
    name: &str,
    flows: impl Iterator<Item = Flow<'a>>,
    header: &Format,
    [install, operation]: [&Format; 2],
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet_with_low_memory()?;
    sheet.set_name(name)?;
    let mut widths = report::flows::CSV_HEADER.map(str::len);
    // Ports have at most five digits.
    widths[4] = widths[4].max(5);
    for (col, title) in report::flows::CSV_HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, header)?;
    }
    for (row, f) in (1u32..).zip(flows) {
        let fill = match f.kind {
            FlowKind::Install => install,
            FlowKind::Operation => operation,
        };
        let (roles, reason) = (f.cell.roles.joined(", "), f.reason());
        for (col, text) in [
            (0, f.source.name.as_str()),
            (1, &f.source.address),
            (2, &f.destination.name),
            (3, &f.destination.address),
            (6, f.cell.protocol.name()),
            (9, &roles),
            (10, &reason),
        ] {
            // Strings, never formulas; and the same leading ' as the CSV before a formula
            // character, so a cell edited in Excel does not become one either.
            let text = spreadsheet_cell(text);
            let flow = || {
                format!(
                    "flow '{}' -> '{}' port {}",
                    crate::quote::terminal(&shortened(&f.source.name)),
                    crate::quote::terminal(&shortened(&f.destination.name)),
                    f.cell.port
                )
            };
            let column = report::flows::CSV_HEADER[usize::from(col)];
            sheet
                .write_string(row, col, &*text)
                .map_err(|e| too_long(e, flow, column))?;
            widths[usize::from(col)] = widths[usize::from(col)].max(text.chars().count());
        }
        sheet.write_number(row, 4, f.cell.port.start)?;
        if let Some(end) = f.cell.port.end_if_range() {
            sheet.write_number(row, 5, end)?;
        }
        sheet.write_string_with_format(row, 7, f.kind.name(), fill)?;
        widths[7] = widths[7].max(f.kind.name().len());
        sheet.write_boolean(row, 8, f.cell.during_install)?;
    }
    for (col, chars) in widths.into_iter().enumerate() {
        // Characters, as Excel counts column widths, with a margin; at most 60, so a long
        // reason is cut off at the sheet's edge rather than pushing the others off the screen.
        sheet.set_column_width(col as u16, chars.min(60) as f64 + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A name as the workbook's refusals quote it: its first 60 characters.
fn shortened(name: &str) -> std::borrow::Cow<'_, str> {
    crate::quote::shortened(name, 60)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::model::Catalog;

    #[test]
    fn flows_beyond_a_sheet_continue_on_the_next_and_none_is_dropped() {
        let plan = crate::files::plan_file::example();
        let a = Analysis::new(&plan, &Catalog::builtin());
        let total = a.flow_count();
        assert_eq!(total, 97);
        let bytes = workbook_paged(&a, None, 10, None).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut read = |name: &str| {
            let mut s = String::new();
            zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
            s
        };
        let book = read("xl/workbook.xml");
        let names: Vec<&str> = book
            .split("<sheet name=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(
            names,
            [
                "Flows", "Flows 2", "Flows 3", "Flows 4", "Flows 5", "Flows 6", "Flows 7",
                "Flows 8", "Flows 9", "Flows 10", "Matrix"
            ]
        );
        // Every sheet has its header row; the data rows add up to every flow.
        let rows: Vec<usize> = (1..=10)
            .map(|i| {
                read(&format!("xl/worksheets/sheet{i}.xml"))
                    .matches("<row ")
                    .count()
                    - 1
            })
            .collect();
        assert_eq!(rows, [10, 10, 10, 10, 10, 10, 10, 10, 10, 7]);
        // Exactly full sheets leave no empty one behind.
        let bytes = workbook_paged(&a, None, 97, None).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut book = String::new();
        zip.by_name("xl/workbook.xml")
            .unwrap()
            .read_to_string(&mut book)
            .unwrap();
        assert_eq!(book.matches("<sheet name=").count(), 2);
    }

    #[test]
    fn a_text_no_cell_can_hold_is_refused_naming_its_host() {
        // Plan files and inventories cap names at 255 characters; a plan made in code does
        // not, and the workbook must still say which host it could not write.
        let mut plan = crate::files::plan_file::example();
        let long = format!("sds-{}", "x".repeat(40_000));
        plan.hosts[3].name = long.clone();
        let catalog = Catalog::builtin();
        let a = Analysis::new(&plan, &catalog);
        let options = crate::export::options::Options::default();
        let inputs = Inputs::new(&plan, &catalog, &a, &options);
        let err = file(&inputs).unwrap_err().to_string();
        assert!(err.contains(&format!("'{}…'", &long[..60])), "{err}");
        assert!(err.contains("32,767"), "{err}");
        assert!(err.len() < 300, "{err}");
    }
}
