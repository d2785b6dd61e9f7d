//! Automatic backups of the database, and restoring one of them.
//!
//! Backups are taken with SQLite's online backup API, never by copying the
//! file: the live database is in WAL mode, so its newest commits may sit in
//! `afterview.db-wal`, and a copy made while a transaction commits can tear.
//! The backup API copies the pages under one read transaction (we ask for all
//! pages in one step; with several steps a write by another connection would
//! restart the copy), so a backup is always one committed state, even while
//! the app writes. Each backup is checked (`PRAGMA integrity_check`) and
//! turned into a single self-contained file (rollback journal, no `-wal`)
//! before it is renamed into place: a backup that is listed is complete.
//! That SQL side (the copy, the check, opening a backup to restore it) is
//! the store's, in store/files.rs and store/restore.rs; this module names,
//! finds, lists and rotates the files.
//!
//! Where: `<folder of the database>/backups/`, named by the UTC instant they
//! were taken, `afterview-20261126T101500Z.db`; the copy of the current
//! database made before a restore ends in `-before-restore.db`, the one made
//! before an import in `-before-import.db`.
//!
//! Rotation ([`keep`], pure) follows restic's `--keep-daily 7 --keep-weekly 4`:
//! the newest automatic backup of each of the 7 most recent local days that
//! have one, and the newest of each of the 4 most recent ISO weeks that have
//! one; the two sets overlap, so at most 11 files cover about a month.
//! Copies made before a restore are not rotated with them (a restore must
//! stay undoable even when several automatic backups follow it): the newest
//! [`KEEP_BEFORE_RESTORE`] are kept, and as many copies made before an import,
//! as many made before a deletion and as many taken with "Back up now" (never
//! counted as an automatic one, so it cannot push the day's start-up copy out).

use crate::error::{Error, Result};
use crate::store::{files, Store};
use crate::zone::Tz;
use chrono::{DateTime, Datelike, NaiveDateTime, TimeZone, Utc};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
pub const KEEP_BEFORE_RESTORE: usize = 5;

const PREFIX: &str = "afterview-";
const STAMP: &str = "%Y%m%dT%H%M%S";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// Taken at start and daily while the app runs; rotated.
    Automatic,
    /// The current database, copied just before a restore replaced it.
    BeforeRestore,
    /// The current database, copied just before an import added to it.
    BeforeImport,
    /// The current database, copied just before an application was deleted.
    BeforeDelete,
    /// "Back up now": kept apart from the automatic ones, so that a backup
    /// taken right after a mistake never replaces the day's good copy.
    Manual,
}

impl BackupKind {
    const ALL: [BackupKind; 5] = [
        BackupKind::Automatic,
        BackupKind::BeforeRestore,
        BackupKind::BeforeImport,
        BackupKind::BeforeDelete,
        BackupKind::Manual,
    ];

    /// What a file name of this kind ends with, after its time stamp.
    fn suffix(self) -> &'static str {
        match self {
            BackupKind::Automatic => "Z.db",
            BackupKind::BeforeRestore => "Z-before-restore.db",
            BackupKind::BeforeImport => "Z-before-import.db",
            BackupKind::BeforeDelete => "Z-before-delete.db",
            BackupKind::Manual => "Z-manual.db",
        }
    }
}

/// One backup file, as the settings view lists it.
#[derive(Debug, Clone, Serialize)]
pub struct BackupInfo {
    /// The file name inside the backups folder (what [`restore`] takes).
    pub file: String,
    pub taken_at: DateTime<Utc>,
    pub kind: BackupKind,
    /// Applications it holds; `None` when the file cannot be read.
    pub applications: Option<i64>,
    pub bytes: u64,
    /// Why the file cannot be restored, when it cannot.
    pub problem: Option<String>,
}

/// The backups folder of the database at `db`.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

pub fn file_name(at: DateTime<Utc>, kind: BackupKind) -> String {
    format!("{PREFIX}{}{}", at.format(STAMP), kind.suffix())
}

/// The instant and kind a backup's file name records; `None` for any other
/// name (so a stray or crafted name, `../x.db` included, is never a backup).
pub fn parse_file_name(name: &str) -> Option<(DateTime<Utc>, BackupKind)> {
    let rest = name.strip_prefix(PREFIX)?;
    // No suffix ends another: at most one matches.
    let (stamp, kind) = BackupKind::ALL.iter().find_map(|&k| Some((rest.strip_suffix(k.suffix())?, k)))?;
    if stamp.len() != 15 || !stamp.bytes().all(|b| b.is_ascii_digit() || b == b'T') {
        return None;
    }
    let t = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    Some((Utc.from_utc_datetime(&t), kind))
}

/// Which automatic backups rotation keeps (pure): the newest of each of the
/// [`KEEP_DAILY`] most recent local days that have one, and the newest of
/// each of the [`KEEP_WEEKLY`] most recent ISO weeks that have one.
pub fn keep(taken: &[DateTime<Utc>], tz: Tz) -> BTreeSet<DateTime<Utc>> {
    let mut newest_first = taken.to_vec();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    newest_first.dedup();
    let mut kept = BTreeSet::new();
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    for t in newest_first {
        let day = t.with_timezone(&tz).date_naive();
        if !days.contains(&day) {
            if days.len() < KEEP_DAILY {
                kept.insert(t);
            }
            days.push(day);
        }
        let w = day.iso_week();
        let week = (w.year(), w.week());
        if !weeks.contains(&week) {
            if weeks.len() < KEEP_WEEKLY {
                kept.insert(t);
            }
            weeks.push(week);
        }
    }
    kept
}

/// True when an automatic backup is due at `now`: none was taken yet on
/// `now`'s local day (the daily backup of a running app).
pub fn is_due(last_automatic: Option<DateTime<Utc>>, now: DateTime<Utc>, tz: Tz) -> bool {
    match last_automatic {
        None => true,
        Some(t) => t.with_timezone(&tz).date_naive() < now.with_timezone(&tz).date_naive(),
    }
}

/// Backs up the database at `db` now, then rotates the folder. Works while
/// the app (or anyone) writes to it.
pub fn take(db: &Path, kind: BackupKind, now: DateTime<Utc>, tz: Tz) -> Result<BackupInfo> {
    let src = files::Live::open(db)?;
    let dir = backup_dir(db);
    crate::private::create_dir(&dir)
        .map_err(|e| Error::Io(format!("cannot create {}: {e}", dir.display())))?;
    let name = file_name(now, kind);
    let path = dir.join(&name);
    src.copy_to(&path)?;
    drop(src);
    rotate(&dir, tz)?;
    Ok(describe(&dir, &name, now, kind))
}

/// Takes the automatic backup when one is due (see [`is_due`]); returns it.
pub fn take_if_due(db: &Path, now: DateTime<Utc>, tz: Tz) -> Result<Option<BackupInfo>> {
    let last = names(&backup_dir(db))?
        .into_iter()
        .filter(|(_, _, k)| *k == BackupKind::Automatic)
        .map(|(_, t, _)| t)
        .max();
    if is_due(last, now, tz) {
        take(db, BackupKind::Automatic, now, tz).map(Some)
    } else {
        Ok(None)
    }
}

/// The backups in `dir`: (file name, instant, kind), in no order.
fn names(dir: &Path) -> Result<Vec<(String, DateTime<Utc>, BackupKind)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::Io(format!("cannot read {}: {e}", dir.display()))),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((t, k)) = parse_file_name(&name) {
            if entry.file_type().map(|f| f.is_file()).unwrap_or(false) {
                out.push((name, t, k));
            }
        }
    }
    Ok(out)
}

/// Deletes the backups rotation does not keep, and copies left half-written
/// by a crash; returns the names deleted.
pub fn rotate(dir: &Path, tz: Tz) -> Result<Vec<String>> {
    let all = names(dir)?;
    let autos: Vec<DateTime<Utc>> =
        all.iter().filter(|(_, _, k)| *k == BackupKind::Automatic).map(|(_, t, _)| *t).collect();
    let kept = keep(&autos, tz);
    let newest = |kind: BackupKind| {
        let mut t: Vec<DateTime<Utc>> = all.iter().filter(|(_, _, k)| *k == kind).map(|(_, t, _)| *t).collect();
        t.sort_unstable_by(|a, b| b.cmp(a));
        t.truncate(KEEP_BEFORE_RESTORE);
        t
    };
    let before = newest(BackupKind::BeforeRestore);
    let before_import = newest(BackupKind::BeforeImport);
    let before_delete = newest(BackupKind::BeforeDelete);
    let manual = newest(BackupKind::Manual);
    let mut removed = Vec::new();
    for (name, t, kind) in all {
        let keep_it = match kind {
            BackupKind::Automatic => kept.contains(&t),
            BackupKind::BeforeRestore => before.contains(&t),
            BackupKind::BeforeImport => before_import.contains(&t),
            BackupKind::BeforeDelete => before_delete.contains(&t),
            BackupKind::Manual => manual.contains(&t),
        };
        if !keep_it {
            std::fs::remove_file(dir.join(&name))
                .map_err(|e| Error::Io(format!("cannot delete the old backup {name}: {e}")))?;
            removed.push(name);
        }
    }
    // A `.partial` file is a backup that a crash interrupted; one older than
    // ten minutes is no longer being written.
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let stale = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age > Duration::from_secs(600));
            if name.starts_with(&format!(".{PREFIX}")) && name.ends_with(".partial") && stale {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok(removed)
}

fn describe(dir: &Path, name: &str, taken_at: DateTime<Utc>, kind: BackupKind) -> BackupInfo {
    let path = dir.join(name);
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let (applications, problem) = match files::count_applications(&path) {
        Ok(n) => (Some(n), None),
        Err(e) => (None, Some(format!("cannot be read: {e}"))),
    };
    BackupInfo { file: name.to_owned(), taken_at, kind, applications, bytes, problem }
}

/// The backups of the database at `db`, newest first.
pub fn list(db: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir(db);
    let mut all = names(&dir)?;
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(all.into_iter().map(|(name, t, kind)| describe(&dir, &name, t, kind)).collect())
}

/// What a restore did.
pub struct Restored {
    /// The backup restored.
    pub from: BackupInfo,
    /// The copy of the database as it was just before.
    pub before: BackupInfo,
}

/// Replaces the data of `store` with the backup `file` (a name from
/// [`list`]), after backing the current data up; the store stays open and
/// shows the restored data (migrated when the backup came from an older
/// Afterview), see [`Store::stage_backup`] and [`Store::replace_with_staged`].
///
/// The pages are copied in one write transaction: a crash mid-restore leaves
/// the old data or the restored data, never a mix, and other connections
/// see the change as any commit. Marks of reminders already shown on this
/// desktop are carried over, so restoring an older state does not show
/// them again.
pub fn restore(store: &mut Store, file: &str, now: DateTime<Utc>) -> Result<Restored> {
    let (db, tz) = (store.path().to_owned(), store.zone());
    let db = db.as_path();
    let Some((taken_at, kind)) = parse_file_name(file) else {
        return Err(Error::invalid("backup", format!("{file:?} is not one of Afterview's backups")));
    };
    let dir = backup_dir(db);
    let path = dir.join(file);
    if !path.is_file() {
        return Err(Error::NotFound(format!("the backup {file} is no longer in {}", dir.display())));
    }
    let from = describe(&dir, file, taken_at, kind);
    // Checked, migrated and checked again in memory before anything is
    // written: a file that is not Afterview's data changes nothing (issue 15).
    let staged = store.stage_backup(&path).map_err(|e| match e {
        Error::Io(m) | Error::TooNew(m) => Error::invalid("backup", format!("Cannot restore {file}: {m}.")),
        e => e,
    })?;

    // The restore replaces the data; it can itself be undone from this copy.
    let mut before = take(db, BackupKind::BeforeRestore, now, tz)?;
    if before.file == file {
        // Restoring the copy just made (same second): nothing would change.
        before = describe(&dir, file, taken_at, kind);
    }

    store.replace_with_staged(staged)?;
    Ok(Restored { from, before })
}

#[cfg(test)]
mod tests;
