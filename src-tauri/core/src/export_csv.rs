//! CSV export of the applications: one row each, for a spreadsheet.
//!
//! Written to open cleanly in LibreOffice Calc and Excel by a double click:
//! UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the ANSI
//! code page, and "Zürich" turns into "ZÃ¼rich"), CRLF line ends, RFC 4180
//! quoting by the `csv` crate (a note with commas, quotes or line breaks
//! stays one cell), dates as ISO `YYYY-MM-DD` / `YYYY-MM-DD HH:MM` in local
//! time, which both recognise as dates. A cell that a spreadsheet would run
//! as a formula (starting with `=`, `+`, `-`, `@`, tab or CR: OWASP's "CSV
//! injection") gets a leading `'`, so a company name pasted from a hostile
//! job ad cannot start a command on the user's machine.

use crate::error::{Error, Result};
use crate::model::ApplicationRecord;
use crate::store::{Card, Store};
use chrono::{DateTime, Utc};
use crate::zone::Tz;
use std::borrow::Cow;
use std::collections::HashMap;

/// The header row, in column order.
pub const HEADERS: [&str; 10] = [
    "Company",
    "Role",
    "Status",
    "Applied",
    "Interviews",
    "Last contact",
    "Next follow-up",
    "Next follow-up due",
    "Location",
    "Job URL",
];

/// The UTF-8 byte-order mark that tells Excel the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// A cell as written: text that a spreadsheet would evaluate is neutralised.
pub fn cell(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

pub fn local_date(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d").to_string()
}

pub fn local_minute(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// A CSV writer with the settings above, into memory.
pub fn writer() -> csv::Writer<Vec<u8>> {
    let mut buf = Vec::new();
    buf.extend_from_slice(BOM.as_bytes());
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(buf)
}

/// The finished file's bytes.
pub fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>> {
    w.into_inner().map_err(|e| Error::Io(format!("cannot write the CSV: {}", e.error())))
}

pub fn write_row<I, S>(w: &mut csv::Writer<Vec<u8>>, row: I) -> Result<()>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let cells: Vec<String> = row.into_iter().map(|s| cell(s.as_ref()).into_owned()).collect();
    w.write_record(&cells).map_err(|e| Error::Io(format!("cannot write the CSV: {e}")))
}

/// Every application (board and archive), sorted by company then role.
pub fn applications_csv(store: &Store, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let tz = store.zone();
    let mut cards: Vec<Card> = store.cards(now, false)?;
    cards.extend(store.cards(now, true)?);
    let records: HashMap<String, ApplicationRecord> =
        store.all_records()?.into_iter().map(|r| (r.application.id.clone(), r)).collect();
    cards.sort_by(|a, b| {
        let key = |c: &Card| (c.application.company.to_lowercase(), c.application.role.to_lowercase());
        key(a).cmp(&key(b)).then_with(|| a.application.applied_at.cmp(&b.application.applied_at))
    });
    let mut w = writer();
    write_row(&mut w, HEADERS)?;
    for card in &cards {
        let a = &card.application;
        let interviews = records
            .get(&a.id)
            .map(|r| {
                let mut starts: Vec<_> = r.interviews.iter().map(|i| i.starts_at).collect();
                starts.sort();
                starts.iter().map(|t| local_minute(*t, tz)).collect::<Vec<_>>().join("; ")
            })
            .unwrap_or_default();
        let (next, due) = match &card.next {
            Some(f) => {
                let what = match &f.contact_name {
                    Some(n) => format!("{} ({n})", f.kind.action()),
                    None => f.kind.action().to_owned(),
                };
                (what, local_minute(f.due_at, tz))
            }
            None => (String::new(), String::new()),
        };
        write_row(
            &mut w,
            [
                a.company.clone(),
                a.role.clone(),
                a.status.label().to_owned(),
                a.applied_at.map(|t| local_date(t, tz)).unwrap_or_default(),
                interviews,
                card.last_contact.map(|t| local_minute(t, tz)).unwrap_or_default(),
                next,
                due,
                a.location.clone().unwrap_or_default(),
                a.job_url.clone().unwrap_or_default(),
            ],
        )?;
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_the_rest_is_untouched() {
        for (typed, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1 555", "'+1 555"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("Acme, Inc.", "Acme, Inc."),
            ("", ""),
        ] {
            assert_eq!(cell(typed), written, "{typed}");
        }
    }

    #[test]
    fn quoting_bom_and_crlf() {
        let mut w = writer();
        write_row(&mut w, ["a,b", "say \"hi\"", "two\nlines"]).unwrap();
        let bytes = finish(w).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "\u{feff}\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }
}
