//! "Import a table": a spreadsheet or another tracker's CSV export read into
//! applications, with the columns mapped to Afterview's fields (guessed from
//! a preset, every guess changeable), the status words and the date order
//! asked about when they cannot be told, the rows without a company listed
//! as skipped, and those already in Afterview (same company and role)
//! flagged. The CLI (`afterview import-table`) and the app's dialog both go
//! through [`plan`] and [`crate::store::table_import`]. docs/IMPORT.md is the
//! user's description.

pub mod dates;
pub mod map;
pub mod presets;
pub mod read;
pub mod run;

pub use dates::DateOrder;
pub use map::{plan, records};
pub use presets::{Field, Preset};
pub use read::{read_bytes, read_file, Cell, Table};

use crate::model::Status;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The user's answers: every one optional, the guesses stand for the rest.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Options {
    /// `None` = recognised from the header row.
    pub preset: Option<Preset>,
    /// Header → field, over the preset's guesses.
    pub map: BTreeMap<String, Field>,
    pub date_order: Option<DateOrder>,
    /// A status word of the sheet (as written) → Afterview's status.
    pub statuses: BTreeMap<String, Status>,
    /// Import the rows that look like applications already in Afterview.
    pub include_duplicates: bool,
    /// "Start the clock today": follow-ups that the sheet's dates would make
    /// overdue at once are snoozed to when they would fall for an
    /// application added today (DESIGN §8). The facts stay as the sheet says.
    pub start_clock_today: bool,
}

/// One column of the file: its header, the field it fills (`None`: not
/// used) and a few of its values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub header: String,
    pub field: Option<Field>,
    /// Whether the field is the preset's guess (false: the user's choice).
    pub guessed: bool,
    pub samples: Vec<String>,
}

/// A status word of the sheet and what it becomes (`None`: to be asked).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusWord {
    pub value: String,
    pub rows: usize,
    pub status: Option<Status>,
}

/// One application the import would create.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub row: usize,
    pub company: String,
    pub role: String,
    /// `None` while the sheet's status word is not mapped.
    pub status: Option<Status>,
    pub applied_at: Option<DateTime<Utc>>,
    pub job_url: Option<String>,
    pub location: Option<String>,
    pub source: Option<String>,
    pub notes: String,
    pub contact: Option<ContactCell>,
    /// The application already in Afterview with the same company and role.
    pub duplicate_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactCell {
    pub name: String,
    pub email: Option<String>,
}

/// A row that is not imported, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skip {
    pub row: usize,
    pub reason: String,
}

/// A value the import cannot take: the import is refused until it is fixed
/// in the file (or its column mapped to something else).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub row: usize,
    pub column: String,
    pub message: String,
}

/// What the import would create.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Applications it creates (duplicates only with `include_duplicates`).
    pub create: usize,
    pub by_status: BTreeMap<String, usize>,
    pub contacts: usize,
    pub duplicates: usize,
    /// Open follow-ups the new applications would have.
    pub followups: usize,
    /// Of those, how many would be overdue at once, with the clock chosen.
    pub overdue: usize,
    /// How many would be overdue "as the dates say" (what "start the clock
    /// today" avoids).
    pub overdue_as_dates: usize,
}

/// Everything the preview shows, and what the import writes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// What the file is: "CSV, semicolon-separated, Windows-1252", "Excel workbook (.xlsx), sheet …".
    pub kind: String,
    pub preset: Preset,
    pub preset_label: &'static str,
    /// The preset the header row looks like.
    pub detected: Preset,
    pub columns: Vec<Column>,
    pub applications: Vec<Row>,
    pub skipped: Vec<Skip>,
    pub statuses: Vec<StatusWord>,
    /// The date order in force (given, proved by the values, or the preset's).
    pub date_order: Option<DateOrder>,
    /// Dates like 03/04/2026 were found and no order is known: ask.
    pub date_order_needed: bool,
    pub problems: Vec<Problem>,
    pub summary: Summary,
    pub start_clock_today: bool,
    pub include_duplicates: bool,
}

impl Plan {
    /// The rows the import writes: all but the duplicates, unless asked.
    pub fn to_import(&self) -> impl Iterator<Item = &Row> {
        self.applications.iter().filter(|r| self.include_duplicates || r.duplicate_of.is_none())
    }

    /// Why the import cannot run yet, in one sentence; `None` when it can.
    pub fn blocked(&self) -> Option<String> {
        if let Some(p) = self.problems.first() {
            let more = match self.problems.len() {
                1 => String::new(),
                n => format!(" ({} more problem{} in the file)", n - 1, if n == 2 { "" } else { "s" }),
            };
            return Some(format!("row {}, column {:?}: {}{more}", p.row, p.column, p.message));
        }
        if !self.columns.iter().any(|c| c.field == Some(Field::Company)) {
            return Some("no column is mapped to the company".into());
        }
        if !self.columns.iter().any(|c| c.field == Some(Field::Role)) {
            return Some("no column is mapped to the role".into());
        }
        if self.date_order_needed {
            return Some("the applied dates could be day-first or month-first (like 03/04/2026): say which with the date order".into());
        }
        let unknown: Vec<String> = self.statuses.iter().filter(|s| s.status.is_none()).map(|s| format!("{:?}", s.value)).collect();
        if !unknown.is_empty() {
            return Some(format!("the status {} {} not known: say which Afterview status each is", unknown.join(", "), if unknown.len() == 1 { "is" } else { "are" }));
        }
        None
    }
}
