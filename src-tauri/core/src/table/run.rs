//! The import itself, as the CLI and the app both run it: checked first
//! (a refused import writes nothing, not even a backup), then a backup of
//! the current data (listed as "saved before an import"), then one
//! transaction, then a report that says how to undo it.

use super::{Options, Skip, Table};
use crate::backup::{self, BackupInfo, BackupKind};
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// What an import did.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    /// Ids of the applications added.
    pub added: Vec<String>,
    pub skipped: Vec<Skip>,
    /// Rows left out because the application is already in Afterview.
    pub duplicates_left: usize,
    /// Follow-ups of the new applications overdue right away.
    pub overdue: usize,
    pub start_clock_today: bool,
    /// The copy of the data made just before: restore it to undo the import.
    pub backup: BackupInfo,
}

/// Imports `t` into `store` after backing it up.
pub fn import_with_backup(store: &mut Store, t: &Table, opts: &Options, now: DateTime<Utc>) -> Result<Imported> {
    let plan = store.plan_table(t, opts, now)?;
    if let Some(why) = plan.blocked() {
        return Err(Error::invalid("table", format!("{why}; nothing was imported")));
    }
    if plan.summary.create == 0 {
        let why = if plan.summary.duplicates > 0 {
            "every application in it is already in Afterview (same company and role)"
        } else {
            "no row has both a company and a role"
        };
        return Err(Error::invalid("table", format!("nothing to import: {why}")));
    }
    let backup = backup::take(store.path(), BackupKind::BeforeImport, now, store.zone()).map_err(|e| {
        Error::invalid("table", format!("could not back up your data before importing: {e}; nothing was imported"))
    })?;
    let w = store.import_table(t, opts, now)?;
    let left = if w.plan.include_duplicates { 0 } else { w.plan.summary.duplicates };
    Ok(Imported {
        added: w.added,
        skipped: w.plan.skipped.clone(),
        duplicates_left: left,
        overdue: w.plan.summary.overdue,
        start_clock_today: w.plan.start_clock_today,
        backup,
    })
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The rows skipped, as "rows 4, 9 (no company)": the first ten of each reason.
pub fn skipped_text(skipped: &[Skip]) -> String {
    let mut reasons: Vec<(&str, Vec<usize>)> = Vec::new();
    for s in skipped {
        match reasons.iter_mut().find(|(r, _)| *r == s.reason) {
            Some((_, rows)) => rows.push(s.row),
            None => reasons.push((&s.reason, vec![s.row])),
        }
    }
    reasons
        .iter()
        .map(|(reason, rows)| {
            let shown: Vec<String> = rows.iter().take(10).map(usize::to_string).collect();
            let more = if rows.len() > 10 { format!(" and {} more", rows.len() - 10) } else { String::new() };
            format!("{} {}{more} ({reason})", if rows.len() == 1 { "row" } else { "rows" }, shown.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The report of an import, ending with how to undo it.
pub fn report_text(r: &Imported, tz: crate::zone::Tz) -> String {
    let mut s = format!("Imported {}.", plural(r.added.len(), "application"));
    if !r.skipped.is_empty() {
        s.push_str(&format!(" Skipped {}.", skipped_text(&r.skipped)));
    }
    if r.duplicates_left > 0 {
        s.push_str(&format!(
            " Left out {} already in Afterview (same company and role).",
            plural(r.duplicates_left, "application")
        ));
    }
    if r.start_clock_today {
        s.push_str(" The clock starts today: no follow-up is overdue.");
    } else if r.overdue > 0 {
        s.push_str(&format!(" {} overdue now, as the dates say.", if r.overdue == 1 { "1 follow-up is".to_owned() } else { format!("{} follow-ups are", r.overdue) }));
    }
    let when = r.backup.taken_at.with_timezone(&tz).format("%a %d %b %Y %H:%M");
    s.push_str(&format!(
        " To undo it, restore the backup of {when} ({}) from Settings → Restore from backup….",
        r.backup.file
    ));
    s
}
