//! Reading a table file into headers and rows of cells: CSV or TSV with any
//! of the delimiters `,` `;` tab `|`, with or without a byte-order mark, in
//! UTF-8 or Windows-1252 (what German and French Excel save), and `.xlsx` /
//! `.ods` workbooks through `calamine`, whose date cells arrive as dates.

use crate::error::{Error, Result};
use chrono::NaiveDateTime;
use std::path::Path;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A spreadsheet date cell (a serial number with a date format, or an
    /// ODS date value): a local wall-clock date and time, midnight for a date.
    Date(NaiveDateTime),
}

impl Cell {
    /// The text a person sees in the cell (a date as `YYYY-MM-DD`, with the
    /// time when it has one).
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Date(d) if d.time() == chrono::NaiveTime::MIN => d.format("%Y-%m-%d").to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d %H:%M").to_string(),
        }
    }
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            Cell::Date(_) => false,
        }
    }
}

/// A table: its header row and its data rows, each with the row number a
/// spreadsheet shows (the header is row 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// What the file is, for the preview: "CSV, semicolon-separated, Windows-1252", "Excel workbook (.xlsx), sheet …".
    pub kind: String,
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<Cell>)>,
}

/// Reads the table at `path`; a file that is not a table is refused with a
/// one-line message that names it.
pub fn read_file(path: &Path) -> Result<Table> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bytes = std::fs::read(path).map_err(|e| Error::Io(format!("cannot read {name}: {e}")))?;
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    read_bytes(&bytes, &ext).map_err(|e| match e {
        Error::Invalid { message, .. } => not_a_table(&format!("{name} {message}")),
        e => e,
    })
}

fn not_a_table(message: &str) -> Error {
    Error::invalid("table", message.to_owned())
}

/// Reads a table from its bytes; `ext` (lower case, no dot) chooses between
/// a workbook and delimited text, and a zip file is read as a workbook
/// whatever its name.
pub fn read_bytes(bytes: &[u8], ext: &str) -> Result<Table> {
    let zip = bytes.starts_with(b"PK\x03\x04");
    let table = if zip || matches!(ext, "xlsx" | "xlsm" | "ods") {
        workbook(bytes, ext)?
    } else {
        delimited(bytes)?
    };
    check(table)
}

/// A table needs a header row of at least two named columns and one row.
fn check(mut t: Table) -> Result<Table> {
    while t.headers.last().is_some_and(|h| h.trim().is_empty()) {
        t.headers.pop();
    }
    let named = t.headers.iter().filter(|h| !h.trim().is_empty()).count();
    if named < 2 {
        return Err(not_a_table("is not a table: its first row should name at least two columns (Company, Role, …)."));
    }
    t.rows.retain(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    if t.rows.is_empty() {
        return Err(not_a_table("has a header row but no rows to import."));
    }
    Ok(t)
}

// ----- CSV, TSV ----------------------------------------------------------------------

/// The text of a file: UTF-8 (its BOM dropped) when it is valid UTF-8, else
/// Windows-1252. A file with NUL bytes is binary, not text.
fn decode(bytes: &[u8]) -> Result<(String, &'static str)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(not_a_table("is not a table: it is not text (a CSV, TSV, .xlsx or .ods file is)."));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), "UTF-8")),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((text.into_owned(), "Windows-1252"))
        }
    }
}

/// The delimiter of the header row: the most frequent of `,` `;` tab `|`
/// outside quotes (a comma when none appears).
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = candidates.iter().position(|c| *c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..4).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    if counts[best] == 0 { b',' } else { candidates[best] }
}

fn delimited(bytes: &[u8]) -> Result<Table> {
    let (text, encoding) = decode(bytes)?;
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut headers = None;
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| not_a_table(&format!("is not a table: row {} cannot be read ({e}).", i + 1)))?;
        let cells: Vec<String> = rec.iter().map(str::to_owned).collect();
        match headers {
            None => headers = Some(cells.iter().map(|h| h.trim().to_owned()).collect::<Vec<_>>()),
            Some(_) => rows.push((
                i + 1,
                cells.into_iter().map(|s| if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s) }).collect(),
            )),
        }
    }
    let name = match delimiter {
        b'\t' => "tab",
        b';' => "semicolon",
        b'|' => "pipe",
        _ => "comma",
    };
    Ok(Table { kind: format!("CSV, {name}-separated, {encoding}"), headers: headers.unwrap_or_default(), rows })
}

// ----- workbooks -------------------------------------------------------------------

fn workbook(bytes: &[u8], ext: &str) -> Result<Table> {
    use calamine::Reader;
    let cursor = std::io::Cursor::new(bytes.to_vec());
    let mut book = calamine::open_workbook_auto_from_rs(cursor)
        .map_err(|e| not_a_table(&format!("is not a spreadsheet that can be read ({e}).")))?;
    let kind = match &book {
        calamine::Sheets::Ods(_) => "OpenDocument spreadsheet (.ods)",
        _ if ext == "ods" => "OpenDocument spreadsheet (.ods)",
        _ => "Excel workbook (.xlsx)",
    };
    // The first sheet with something in it.
    let mut found = None;
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| not_a_table(&format!("cannot be read: sheet {name:?}: {e}.")))?;
        if !range.is_empty() {
            found = Some((name, range));
            break;
        }
    }
    let Some((sheet, range)) = found else {
        return Err(not_a_table("is an empty workbook."));
    };
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let mut rows_iter = range.rows();
    let headers: Vec<String> = rows_iter.next().map(|r| r.iter().map(|c| cell(c).display().trim().to_owned()).collect()).unwrap_or_default();
    let rows = rows_iter
        .enumerate()
        .map(|(i, r)| (first_row + i + 2, r.iter().map(cell).collect()))
        .collect();
    Ok(Table { kind: format!("{kind}, sheet {sheet:?}"), headers, rows })
}

fn cell(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Text(i.to_string()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Cell::Text(format!("{}", *f as i64)),
        Data::Float(f) => Cell::Text(f.to_string()),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(x) => match x.as_datetime() {
            Some(dt) if x.is_datetime() => Cell::Date(dt),
            _ => Cell::Text(x.as_f64().to_string()),
        },
        Data::DateTimeIso(s) => iso_cell(s),
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// An ODS date value: `2026-10-03` or `2026-10-03T14:30:00`.
fn iso_cell(s: &str) -> Cell {
    if let Ok(d) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Cell::Date(d.and_time(chrono::NaiveTime::MIN));
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Cell::Date(d);
        }
    }
    Cell::Text(s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_most_frequent_outside_quotes() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3"), b',');
        assert_eq!(sniff_delimiter("Firma;Stelle;\"a,b,c,d\"\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("a|b|c"), b'|');
        assert_eq!(sniff_delimiter("one column"), b',');
    }

    #[test]
    fn cp1252_and_bom_are_decoded() {
        let t = read_bytes(b"Firma;Stelle\nM\xfcller GmbH;Entwickler\n", "csv").unwrap();
        assert_eq!(t.rows[0].1[0], Cell::Text("Müller GmbH".into()));
        assert!(t.kind.contains("Windows-1252"), "{}", t.kind);
        let t = read_bytes("\u{feff}Company,Role\nAcme,Dev\n".as_bytes(), "csv").unwrap();
        assert_eq!(t.headers[0], "Company");
    }

    #[test]
    fn what_is_not_a_table_is_refused() {
        assert!(read_bytes(b"{\n \"afterview\": 1\n}\n", "json").is_err());
        assert!(read_bytes(b"\x00\x01binary", "csv").is_err());
        assert!(read_bytes(b"Company,Role\n", "csv").is_err());
        assert!(read_bytes(b"PK\x03\x04garbage", "xlsx").is_err());
    }
}
