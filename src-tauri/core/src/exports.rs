//! The exports, rendered once for both their callers: the command line
//! (`afterview export`, `export-csv`, `export-ics`, `report`) and the
//! Settings view's export buttons (the app's backups.rs). Which export is a
//! value ([`Export`]), and what it holds is counted on the data it was
//! rendered from, never by reading the text back.
//!
//! The formats themselves are in `format` (the interchange JSON),
//! `export_csv`, `ics` and `report`; here is the choice between them and the
//! one way a file is written ([`write_atomically`]).

use crate::store::Store;
use crate::{format, ics, report, Result};
use chrono::{DateTime, NaiveDate, Utc};
use std::io::Write;
use std::path::Path;

/// A period of local dates, both included; `from` is never after `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// None when `from` is after `to`: each caller says so in its own words.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Period> {
        (from <= to).then_some(Period { from, to })
    }
}

/// One of the exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// Everything, as one interchange document (docs/FORMAT.md).
    Everything,
    /// One CSV row per application.
    Applications,
    /// Interviews and open follow-ups, iCalendar.
    Calendar,
    /// The job-search report of a period: CSV, or HTML to print.
    Report { period: Period, html: bool },
}

/// An export's bytes and what they hold.
#[derive(Debug)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// How many [`Rendered::noun`]s: applications (the report's: those with
    /// activity in the period), or calendar events.
    pub count: usize,
    pub noun: &'static str,
}

impl Rendered {
    /// "1 application", "9 events".
    pub fn counted(&self) -> String {
        plural(self.count, self.noun)
    }
}

/// `n` and `what`, plural unless `n` is 1.
pub fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Renders `export` of the data in `store`; `now` decides which follow-ups
/// are open and stamps the calendar and the printed report.
pub fn render(store: &Store, export: Export, now: DateTime<Utc>) -> Result<Rendered> {
    let rendered = |bytes: Vec<u8>, count: usize, noun: &'static str| Rendered { bytes, count, noun };
    Ok(match export {
        Export::Everything => {
            let doc = format::export(store)?;
            rendered(format::to_json(&doc).into_bytes(), doc.applications.len(), "application")
        }
        Export::Applications => {
            let n = usize::try_from(store.application_count()?).unwrap_or(0);
            rendered(crate::export_csv::applications_csv(store, now)?, n, "application")
        }
        Export::Calendar => {
            let records = store.all_records()?;
            let followups = store.agenda(now)?;
            // One event per interview and per open follow-up (ics::build).
            let n = records.iter().map(|r| r.interviews.len()).sum::<usize>() + followups.len();
            rendered(ics::build(&records, &followups, now).into_bytes(), n, "event")
        }
        Export::Report { period: Period { from, to }, html } => {
            let records = store.all_records()?;
            let tz = store.zone();
            let n = report::entries(&records, from, to, tz)?.len();
            let bytes = if html { report::html(&records, from, to, tz, now)?.into_bytes() } else { report::csv(&records, from, to, tz)? };
            rendered(bytes, n, "application")
        }
    })
}

/// Writes `bytes` to `path` so that a reader never sees half of it: into a
/// new temporary file (unpredictable name, mode 0600) in the same folder,
/// synced, renamed over `path` (a symlink at `path` is replaced, never
/// followed), then the folder synced so that the rename survives a power cut.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut tmp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zone::Tz;

    #[test]
    fn counts_come_from_the_data() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("a.db"), Tz::named("Europe/Berlin")).unwrap();
        let now = DateTime::parse_from_rfc3339("2026-11-26T12:00:00Z").unwrap().with_timezone(&Utc);
        let doc = format::sample_document(now.date_naive()).unwrap();
        format::import(&mut store, &doc, format::ImportMode::Empty, now).unwrap();
        let cal = render(&store, Export::Calendar, now).unwrap();
        let text = String::from_utf8(cal.bytes.clone()).unwrap();
        assert_eq!(cal.count, text.matches("BEGIN:VEVENT\r\n").count());
        assert!(cal.count > 0);
        assert_eq!(cal.counted(), format!("{} events", cal.count));
        let all = render(&store, Export::Everything, now).unwrap();
        assert_eq!((all.count, all.noun), (doc.applications.len(), "application"));
        let csv = render(&store, Export::Applications, now).unwrap();
        assert_eq!(csv.count, doc.applications.len());
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(Period::new(d("2026-11-02"), d("2026-11-01")), None);
        let period = Period::new(d("2026-11-01"), d("2026-11-30")).unwrap();
        let r = render(&store, Export::Report { period, html: false }, now).unwrap();
        assert_eq!(r.count, report::entries(&store.all_records().unwrap(), period.from, period.to, store.zone()).unwrap().len());
        assert_eq!(plural(1, "application"), "1 application");
    }
}
