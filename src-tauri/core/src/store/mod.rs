//! All SQL lives here. The store owns one connection; every write runs in an
//! IMMEDIATE transaction through [`Store::write`], and the functions that do
//! the work take the transaction (`&Connection`) as their first argument, so
//! that a command composes several of them atomically.
//!
//! Alongside the facts, the store keeps each application's open follow-ups in
//! the `followups` table, recomputed by the cadence rules in the same
//! transaction as any write to that application. The agenda is then one
//! indexed scan, whatever the length of the history; `verify_followups`
//! checks that the stored result equals a fresh computation.

pub mod actions;
pub mod deletion;
pub mod facts;
pub mod files;
pub mod ingest;
pub mod insights;
pub mod interchange;
pub mod notified;
pub mod profile;
pub mod restore;
pub mod schema;
pub mod table_import;
pub mod templates;

use crate::cadence;
use crate::error::{Error, Result};
use crate::model::*;
use crate::validate::CleanApplication;
use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use crate::zone::Tz;
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The default database file: `$XDG_DATA_HOME/afterview/afterview.db`
/// (usually `~/.local/share/afterview/afterview.db`).
pub fn default_path() -> PathBuf {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    data.join("afterview").join("afterview.db")
}

/// Instants are stored as fixed-width RFC 3339 UTC text, so that text order
/// is time order.
pub fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn parse_ts(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    if let Some(t) = parse_stored_ts(s).or_else(|| parse_signed_ts(s)) {
        return Ok(t);
    }
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// The one form `ts` writes, `2026-11-26T10:00:00Z`, read without the
/// general RFC 3339 parser: the agenda reads two per follow-up, 20,000 at a
/// time at the worst (benches/agenda.rs). Anything else: `None`.
fn parse_stored_ts(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
        return None;
    }
    let n = |from: usize, len: usize| -> Option<u32> {
        b[from..from + len].iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    let date = chrono::NaiveDate::from_ymd_opt(n(0, 4)? as i32, n(5, 2)?, n(8, 2)?)?;
    let time = chrono::NaiveTime::from_hms_opt(n(11, 2)?, n(14, 2)?, n(17, 2)?)?;
    Some(date.and_time(time).and_utc())
}

/// `+10000-01-01T08:00:00Z`: what `ts` wrote for a year past 9999 before
/// such instants were kept out of the store. Read, so that a database that
/// holds one still opens.
fn parse_signed_ts(s: &str) -> Option<DateTime<Utc>> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (year, rest) = rest.split_once('-')?;
    let year: i32 = year.parse().ok()?;
    let t = DateTime::parse_from_rfc3339(&format!("2000-{rest}")).ok()?.with_timezone(&Utc);
    let date = chrono::NaiveDate::from_ymd_opt(sign * year, t.month(), t.day())?;
    Some(date.and_time(t.time()).and_utc())
}

/// Whether `ts` writes `t` in its fixed-width form (years 0000–9999), whose
/// text order is time order.
fn storable(t: DateTime<Utc>) -> bool {
    (0..=9999).contains(&t.year())
}

fn parse_opt_ts(s: Option<String>) -> rusqlite::Result<Option<DateTime<Utc>>> {
    s.as_deref().map(parse_ts).transpose()
}

fn parse_wire<T: std::str::FromStr<Err = String>>(s: &str) -> rusqlite::Result<T> {
    s.parse::<T>().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })
}

/// A card of the board: the application, its place in its column, its next
/// open follow-up and the last time anyone was in touch.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    #[serde(flatten)]
    pub application: Application,
    pub position: f64,
    pub next: Option<FollowUp>,
    pub open_followups: u32,
    pub last_contact: Option<DateTime<Utc>>,
    /// Names of the application's contacts, so the board's filter finds them.
    pub contacts: Vec<String>,
}

/// What a move of a card did, so that it can be undone.
#[derive(Debug, Clone, Serialize)]
pub struct Moved {
    pub card: Card,
    pub from: Status,
    pub to: Status,
    pub change_id: Option<i64>,
}

pub struct Store {
    conn: Connection,
    tz: Tz,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its
    /// schema up to date in one transaction. A database written by a newer
    /// Afterview is refused before anything is written to it.
    pub fn open(path: &Path, tz: Tz) -> Result<Store> {
        if path.exists() {
            // Refused before this process writes a byte to it.
            files::open_read_only(path, files::Subject::Database(path), files::Fallback::None)?;
        } else {
            // Private from the first write: the folder 0700, the file 0600
            // (SQLite gives its -wal and -shm the file's mode).
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                crate::private::create_dir(dir)
                    .map_err(|e| Error::Io(format!("cannot create {}: {e}", dir.display())))?;
            }
            crate::private::create_file(path)
                .map_err(|e| Error::Io(format!("cannot create {}: {e}", path.display())))?;
        }
        unlock_leftover_shm(path);
        let opened = (|| -> Result<Store> {
            let conn = Connection::open(path)?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "FULL")?;
            conn.pragma_update(None, "foreign_keys", "ON")?;
            let mut store = Store { conn, tz, path: path.to_owned() };
            store.migrate()?;
            store.refresh_if_zone_changed()?;
            Ok(store)
        })();
        opened.map_err(|e| explain_read_only(path, e))
    }

    /// Opens the database at `path` for reading only (the CLI's agenda,
    /// exports, report and stats): nothing is written to it, so a job
    /// search on read-only media (a mounted backup, a 444 file, a 555
    /// folder) can still be read. When its schema is older or its
    /// follow-ups were computed in another zone, it is copied into memory
    /// and brought up to date there. A missing file is created as by
    /// [`Store::open`].
    pub fn open_read_only(path: &Path, tz: Tz) -> Result<Store> {
        if !path.exists() {
            return Store::open(path, tz);
        }
        let (conn, version) = files::open_read_only(path, files::Subject::Database(path), files::Fallback::Immutable)?;
        let zone: Option<String> = if version == schema::VERSION {
            conn.query_row("SELECT value FROM settings WHERE key = 'zone'", [], |r| r.get(0)).optional()?
        } else {
            None
        };
        if version == schema::VERSION && zone.as_deref() == Some(tz.name()) {
            return Ok(Store { conn, tz, path: path.to_owned() });
        }
        let mut mem = Connection::open_in_memory()?;
        files::copy_all(&conn, &mut mem)?;
        drop(conn);
        mem.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn: mem, tz, path: path.to_owned() };
        store.migrate()?;
        store.refresh_if_zone_changed()?;
        Ok(store)
    }

    /// An in-memory store, for tests and benchmarks.
    pub fn open_in_memory(tz: Tz) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn, tz, path: PathBuf::from(":memory:") };
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
    pub fn zone(&self) -> Tz {
        self.tz
    }
    /// The connection, for the store's own modules only: nothing outside
    /// `store/` speaks SQL (tests/house_sql.rs).
    fn conn(&self) -> &Connection {
        &self.conn
    }

    fn migrate(&mut self) -> Result<()> {
        // A current schema is left alone: no transaction, no write (an open
        // must not move the file's change counter, nor fail on read-only media).
        let version: i64 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version == schema::VERSION {
            return Ok(());
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > schema::VERSION {
            return Err(too_new(version));
        }
        for sql in schema::MIGRATIONS.iter().skip(version as usize) {
            tx.execute_batch(sql)?;
        }
        if version < schema::VERSION {
            // Follow-ups are derived: after any migration (version 2 added their
            // table, 4 when decisions were made, 5 rule R9's status) compute
            // them afresh from the facts.
            let settings = get_settings(&tx)?;
            refresh_all(&tx, &settings, self.tz)?;
        }
        tx.pragma_update(None, "user_version", schema::VERSION)?;
        tx.commit()?;
        Ok(())
    }

    /// Follow-ups depend on the local zone (09:00 local): recompute them all
    /// when the machine's zone differs from the one they were computed in.
    fn refresh_if_zone_changed(&mut self) -> Result<()> {
        let tz = self.tz;
        let stored: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = 'zone'", [], |r| r.get(0))
            .optional()?;
        if stored.as_deref() != Some(tz.name()) {
            self.write(|tx| {
                let settings = get_settings(tx)?;
                if stored.is_some() {
                    carry_dated_decisions(tx, &settings, tz)?;
                }
                refresh_all(tx, &settings, tz)?;
                tx.execute(
                    "INSERT INTO settings(key, value) VALUES ('zone', ?1)
                     ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [tz.name()],
                )?;
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Runs `f` in an IMMEDIATE transaction: committed when it returns Ok,
    /// rolled back (nothing written) when it returns an error.
    pub fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    // ----- reads -------------------------------------------------------

    pub fn settings(&self) -> Result<Settings> {
        get_settings(&self.conn)
    }

    pub fn application_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM applications", [], |r| r.get(0))?)
    }

    pub fn record(&self, id: &str) -> Result<ApplicationRecord> {
        load_record(&self.conn, id)
    }

    /// Every application with all its facts, in board order.
    pub fn all_records(&self) -> Result<Vec<ApplicationRecord>> {
        load_all_records(&self.conn)
    }

    /// Every follow-up open at `now`, sorted by due time.
    pub fn agenda(&self, now: DateTime<Utc>) -> Result<Vec<FollowUp>> {
        agenda(&self.conn, now)
    }

    /// Of the agenda at `now`: how many are due, and the next instant one
    /// falls due. Counted by SQLite, without reading the follow-ups (stored
    /// instants are all in `ts` form, so their text order is time order).
    pub fn agenda_summary(&self, now: DateTime<Utc>) -> Result<(usize, Option<DateTime<Utc>>)> {
        let mut st = self.conn.prepare_cached(
            "SELECT count(*) FILTER (WHERE due_at <= ?1), min(due_at) FILTER (WHERE due_at > ?1)
             FROM followups WHERE closes_at IS NULL OR closes_at > ?1",
        )?;
        let (due, next): (i64, Option<String>) = st.query_row([ts(now)], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok((due as usize, next.as_deref().map(parse_ts).transpose()?))
    }

    /// The board (or, with `archived`, the archive): every card with its next
    /// follow-up at `now`.
    pub fn cards(&self, now: DateTime<Utc>, archived: bool) -> Result<Vec<Card>> {
        cards(&self.conn, now, archived, None)
    }

    pub fn card(&self, id: &str, now: DateTime<Utc>) -> Result<Card> {
        cards(&self.conn, now, true, Some(id))?
            .into_iter()
            .next()
            .ok_or_else(|| Error::NotFound(format!("no application with id {id}")))
    }

    /// True when the stored follow-ups equal a fresh computation from the facts.
    pub fn verify_followups(&self) -> Result<bool> {
        let settings = self.settings()?;
        let mut fresh: Vec<cadence::Planned> = self
            .all_records()?
            .iter()
            .flat_map(|r| cadence::followups(r, &settings, self.tz))
            .filter(|p| storable(p.followup.due_at) && p.closes_at.is_none_or(storable))
            .collect();
        fresh.sort_by(|a, b| a.followup.key.cmp(&b.followup.key));
        let mut stored = stored_followups(&self.conn, None)?;
        stored.sort_by(|a, b| a.followup.key.cmp(&b.followup.key));
        Ok(fresh == stored)
    }

    // ----- writes ------------------------------------------------------

    pub fn set_settings(&mut self, settings: &Settings) -> Result<()> {
        if let Some(p) = settings.problem() {
            return Err(Error::invalid(p.field, p.message()));
        }
        settings.check().map_err(|(field, m)| Error::invalid(field, m))?;
        let tz = self.tz;
        self.write(|tx| {
            put_settings(tx, settings)?;
            refresh_all(tx, settings, tz)
        })
    }

    pub fn add_application(&mut self, app: &CleanApplication, now: DateTime<Utc>) -> Result<Card> {
        let tz = self.tz;
        // "Applied on" today (the form's default) is now; an earlier day is its local noon.
        let today = now.with_timezone(&tz).date_naive();
        let applied_at = match app.applied_on {
            _ if app.status == Status::Wishlist => None,
            Some(d) if d > today => return Err(Error::invalid("applied_on", "Applied on cannot be in the future.")),
            Some(d) if d < today => Some(crate::edit::applied_instant(d, tz)),
            _ => Some(now),
        };
        let id = self.write(|tx| {
            let id = new_id(tx, "a")?;
            insert_application(tx, &id, app, applied_at, now)?;
            refresh(tx, &id, tz)?;
            Ok(id)
        })?;
        self.card(&id, now)
    }

    /// Moves an application to `to`, at `position` within that column (end
    /// of the column when `None`), recording the status change with its time.
    pub fn move_application(
        &mut self,
        id: &str,
        to: Status,
        position: Option<f64>,
        now: DateTime<Utc>,
    ) -> Result<Moved> {
        let tz = self.tz;
        let (from, change_id) = self.write(|tx| {
            let from: Status = current_status(tx, id)?;
            let position = match position {
                Some(p) if p.is_finite() => facts::make_room(tx, to, id, p)?,
                _ => next_position(tx, to)?,
            };
            let mut change_id = None;
            if from != to {
                tx.execute(
                    "INSERT INTO status_changes(application_id, at, from_status, to_status) VALUES (?1, ?2, ?3, ?4)",
                    params![id, ts(now), from.as_str(), to.as_str()],
                )?;
                change_id = Some(tx.last_insert_rowid());
                if to == Status::Applied {
                    tx.execute(
                        "UPDATE applications SET applied_at = ?2 WHERE id = ?1 AND applied_at IS NULL",
                        params![id, ts(now)],
                    )?;
                }
            }
            tx.execute(
                "UPDATE applications SET status = ?2, position = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, to.as_str(), position, ts(now)],
            )?;
            refresh(tx, id, tz)?;
            Ok((from, change_id))
        })?;
        Ok(Moved { card: self.card(id, now)?, from, to, change_id })
    }

    /// Undoes a move: deletes the status change it recorded and puts the
    /// card back where it was.
    pub fn undo_move(&mut self, id: &str, change_id: Option<i64>, back_to: Status, position: f64, now: DateTime<Utc>) -> Result<Card> {
        let tz = self.tz;
        self.write(|tx| {
            current_status(tx, id)?;
            if let Some(cid) = change_id {
                tx.execute("DELETE FROM status_changes WHERE id = ?1 AND application_id = ?2", params![cid, id])?;
            }
            tx.execute(
                "UPDATE applications SET status = ?2, position = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, back_to.as_str(), position, ts(now)],
            )?;
            refresh(tx, id, tz)
        })?;
        self.card(id, now)
    }

    /// Records the user's decision about a follow-up (done, skipped, snoozed
    /// until an instant, or open again), keeping any edited draft.
    pub fn decide(
        &mut self,
        key: &str,
        state: DecisionState,
        snoozed_until: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        if state == DecisionState::Snoozed && snoozed_until.is_none() {
            return Err(Error::invalid("snoozed_until", "Choose when to be reminded again."));
        }
        let tz = self.tz;
        self.write(|tx| {
            let app = application_of_key(tx, key)?;
            tx.execute(
                "INSERT INTO decisions(followup_key, application_id, state, snoozed_until, updated_at, decided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT(followup_key, application_id) DO UPDATE SET state = excluded.state,
                     snoozed_until = excluded.snoozed_until, updated_at = excluded.updated_at,
                     decided_at = excluded.decided_at",
                params![key, app, state.as_str(), snoozed_until.map(ts), ts(now),
                        (state != DecisionState::Open).then(|| ts(now))],
            )?;
            refresh(tx, &app, tz)
        })
    }

    /// Test support: inserts `records` as given (and `settings` first),
    /// without the import's checks, and computes their follow-ups. The app
    /// loads its sample through the import (`format::load_sample`).
    #[cfg(test)]
    pub fn insert_records(&mut self, records: &[ApplicationRecord], settings: Option<&Settings>, now: DateTime<Utc>) -> Result<()> {
        let tz = self.tz;
        self.write(|tx| {
            if let Some(s) = settings {
                put_settings(tx, s)?;
            }
            for r in records {
                insert_record(tx, r, now)?;
            }
            let settings = get_settings(tx)?;
            for r in records {
                refresh_with(tx, &r.application.id, &settings, tz)?;
            }
            Ok(())
        })
    }
}

/// An error of SQLite, as the store met it: what [`Error::Db`] holds, in
/// SQLite's words (through rusqlite).
#[derive(Debug)]
pub struct DbError(pub(crate) rusqlite::Error);

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DbError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Db(DbError(e))
    }
}

fn too_new(version: i64) -> Error {
    Error::TooNew(format!(
        "This database was written by a newer version of Afterview (schema {version}; this one knows up to {}). \
         It has not been changed: open it with the newer Afterview, or export from there.",
        schema::VERSION
    ))
}

/// The `-shm` file SQLite keeps beside a WAL database is only a shared cache.
/// Left read-only (copied from read-only media, or an earlier `chmod`), it
/// keeps the database unwritable after the database itself is writable
/// again: made writable (owner only) when this user owns it.
fn unlock_leftover_shm(path: &Path) {
    let shm = side_file(path, "-shm");
    if let Ok(meta) = std::fs::metadata(&shm) {
        if meta.permissions().readonly() && std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly()) {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(&shm, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
}

fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Turns SQLite's "unable to open database file" / "attempt to write a
/// readonly database" into what is read-only and what to do.
fn explain_read_only(path: &Path, e: Error) -> Error {
    let Error::Db(DbError(rusqlite::Error::SqliteFailure(f, _))) = &e else { return e };
    if !matches!(f.code, rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::PermissionDenied) {
        return e;
    }
    let readonly = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly());
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let shm = side_file(path, "-shm");
    let read_anyway = "Its data can still be read: `afterview export FILE`, `agenda`, `export-csv`, `export-ics`, `report` and `stats` open it read-only.";
    let msg = if readonly(path) {
        format!(
            "The database file {} is read-only, so Afterview cannot save changes to it. \
             Make it writable (chmod u+w), or copy it somewhere writable and open the copy. {read_anyway}",
            path.display()
        )
    } else if readonly(dir) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        format!(
            "The folder {} is read-only: SQLite must create its journal files ({name}-wal, {name}-shm) beside the database there. \
             Make the folder writable (chmod u+w), or copy the database somewhere writable and open the copy. {read_anyway}",
            dir.display(),
        )
    } else if readonly(&shm) {
        format!(
            "{} (SQLite's shared-memory file beside the database) is read-only and is not this user's to change. \
             With Afterview closed, delete it (it holds no data) or make it writable. {read_anyway}",
            shm.display()
        )
    } else {
        format!(
            "The database {} cannot be written (is it on a read-only disk or mount, or owned by another user?). \
             Copy it somewhere writable and open the copy. {read_anyway} ({e})",
            path.display()
        )
    };
    Error::ReadOnly(msg)
}

// ----- settings ------------------------------------------------------------

pub fn get_settings(c: &Connection) -> Result<Settings> {
    let raw: Option<String> =
        c.query_row("SELECT value FROM settings WHERE key = 'settings'", [], |r| r.get(0)).optional()?;
    let Some(raw) = raw else { return Ok(Settings::default()) };
    // Overlay the stored values on the defaults, so that a setting added in a
    // later version gets its default.
    let mut value = serde_json::to_value(Settings::default()).map_err(|e| Error::Io(e.to_string()))?;
    let stored: serde_json::Value = serde_json::from_str(&raw).map_err(|e| Error::Io(format!("stored settings: {e}")))?;
    if let (Some(base), Some(over)) = (value.as_object_mut(), stored.as_object()) {
        for (k, v) in over {
            base.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(value).map_err(|e| Error::Io(format!("stored settings: {e}")))
}

fn put_settings(c: &Connection, s: &Settings) -> Result<()> {
    s.check().map_err(|(field, m)| Error::invalid(field, m))?;
    let json = serde_json::to_string(s).map_err(|e| Error::Io(e.to_string()))?;
    c.execute(
        "INSERT INTO settings(key, value) VALUES ('settings', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [json],
    )?;
    Ok(())
}

// ----- applications ----------------------------------------------------------

/// A fresh id such as `a-3f9c2e1b7d04`, unique in its table.
fn new_id(c: &Connection, prefix: &str) -> Result<String> {
    Ok(c.query_row("SELECT ?1 || '-' || lower(hex(randomblob(6)))", [prefix], |r| r.get(0))?)
}

fn next_position(c: &Connection, status: Status) -> Result<f64> {
    Ok(c.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM applications WHERE status = ?1",
        [status.as_str()],
        |r| r.get(0),
    )?)
}

fn current_status(c: &Connection, id: &str) -> Result<Status> {
    let s: Option<String> =
        c.query_row("SELECT status FROM applications WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    let s = s.ok_or_else(|| Error::NotFound(format!("no application with id {id}")))?;
    Ok(parse_wire(&s)?)
}

/// Inserts a new application, applied at `applied_at` (`None` for not yet).
fn insert_application(
    c: &Connection,
    id: &str,
    app: &CleanApplication,
    applied_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<()> {
    let applied_at = applied_at.map(ts);
    c.execute(
        "INSERT INTO applications(id, company, role, status, applied_at, job_url, location, source, notes,
                                  position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            id,
            app.company,
            app.role,
            app.status.as_str(),
            applied_at,
            app.job_url,
            app.location,
            app.source,
            app.notes,
            next_position(c, app.status)?,
            ts(now)
        ],
    )?;
    c.execute(
        "INSERT INTO status_changes(application_id, at, from_status, to_status) VALUES (?1, ?2, NULL, ?3)",
        params![id, ts(now), app.status.as_str()],
    )?;
    Ok(())
}

/// Inserts one application with all its facts, as given.
pub fn insert_record(c: &Connection, r: &ApplicationRecord, now: DateTime<Utc>) -> Result<()> {
    let a = &r.application;
    c.execute(
        "INSERT INTO applications(id, company, role, status, applied_at, job_url, location, source, notes,
                                  position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            a.id,
            a.company,
            a.role,
            a.status.as_str(),
            a.applied_at.map(ts),
            a.job_url,
            a.location,
            a.source,
            a.notes,
            next_position(c, a.status)?,
            ts(now)
        ],
    )?;
    for (i, ct) in r.contacts.iter().enumerate() {
        c.execute(
            "INSERT INTO contacts(id, application_id, name, title, email, linkedin_url, linkedin_consent, ord)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![ct.id, a.id, ct.name, ct.title, ct.email, ct.linkedin_url, ct.linkedin_consent.as_str(), i as i64],
        )?;
    }
    for iv in &r.interviews {
        c.execute(
            "INSERT INTO interviews(id, application_id, starts_at, ends_at, format, went, physical_note,
                                    next_steps, expected_reply_by, calendar_uid, calendar_sequence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                iv.id,
                a.id,
                ts(iv.starts_at),
                ts(iv.ends_at),
                iv.format.as_str(),
                iv.went.map(Went::as_str),
                iv.physical_note,
                iv.next_steps,
                iv.expected_reply_by.map(|d| d.to_string()),
                iv.calendar.as_ref().map(|c| &c.uid),
                iv.calendar.as_ref().map(|c| c.sequence)
            ],
        )?;
        for (i, cid) in iv.interviewer_ids.iter().enumerate() {
            c.execute(
                "INSERT INTO interview_contacts(interview_id, contact_id, ord) VALUES (?1, ?2, ?3)",
                params![iv.id, cid, i as i64],
            )?;
        }
    }
    for s in &r.status_changes {
        c.execute(
            "INSERT INTO status_changes(application_id, at, from_status, to_status) VALUES (?1, ?2, ?3, ?4)",
            params![a.id, ts(s.at), s.from.map(Status::as_str), s.to.as_str()],
        )?;
    }
    for m in &r.messages {
        insert_message(c, &a.id, m)?;
    }
    for d in &r.decisions {
        c.execute(
            "INSERT INTO decisions(followup_key, application_id, state, snoozed_until, draft, updated_at, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![d.followup_key, a.id, d.state.as_str(), d.snoozed_until.map(ts), d.draft, ts(now),
                    d.decided_at.map(ts)],
        )?;
    }
    Ok(())
}

pub fn insert_message(c: &Connection, application_id: &str, m: &Message) -> Result<()> {
    c.execute(
        "INSERT INTO messages(application_id, at, direction, channel, followup_key, contact_id, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![application_id, ts(m.at), m.direction.as_str(), m.channel.as_str(), m.followup_key, m.contact_id, m.body],
    )?;
    Ok(())
}

/// Deletes an application and everything about it (the foreign keys
/// cascade): the step of [`Store::delete`], the UI's delete, which first
/// keeps a copy for Undo.
pub(super) fn delete_application(c: &Connection, id: &str) -> Result<()> {
    c.execute("DELETE FROM applications WHERE id = ?1", [id])?;
    Ok(())
}

const APP_COLS: &str =
    "id, company, role, status, applied_at, job_url, location, source, notes, position";

fn app_from_row(r: &Row) -> rusqlite::Result<(Application, f64)> {
    Ok((
        Application {
            id: r.get(0)?,
            company: r.get(1)?,
            role: r.get(2)?,
            status: parse_wire(&r.get::<_, String>(3)?)?,
            applied_at: parse_opt_ts(r.get(4)?)?,
            job_url: r.get(5)?,
            location: r.get(6)?,
            source: r.get(7)?,
            notes: r.get(8)?,
        },
        r.get(9)?,
    ))
}

fn empty_record(a: Application) -> ApplicationRecord {
    ApplicationRecord {
        application: a,
        contacts: vec![],
        interviews: vec![],
        status_changes: vec![],
        messages: vec![],
        decisions: vec![],
    }
}

pub fn load_record(c: &Connection, id: &str) -> Result<ApplicationRecord> {
    let mut recs = load_records(c, Some(id))?;
    recs.pop().ok_or_else(|| Error::NotFound(format!("no application with id {id}")))
}

pub fn load_all_records(c: &Connection) -> Result<Vec<ApplicationRecord>> {
    load_records(c, None)
}

/// Loads one application (`only`) or all of them, one query per table.
fn load_records(c: &Connection, only: Option<&str>) -> Result<Vec<ApplicationRecord>> {
    let filter = |col: &str| match only {
        Some(_) => format!("WHERE {col} = ?1"),
        None => "WHERE ?1 IS NULL".to_owned(),
    };
    let mut recs: Vec<ApplicationRecord> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    {
        let mut st = c.prepare(&format!(
            "SELECT {APP_COLS} FROM applications {} ORDER BY status, position, id",
            filter("id")
        ))?;
        let rows = st.query_map([only], app_from_row)?;
        for row in rows {
            let (a, _) = row?;
            index.insert(a.id.clone(), recs.len());
            recs.push(empty_record(a));
        }
    }
    if recs.is_empty() {
        return Ok(recs);
    }
    let mut st = c.prepare(&format!(
        "SELECT application_id, id, name, title, email, linkedin_url, linkedin_consent FROM contacts {}
         ORDER BY application_id, ord, id",
        filter("application_id")
    ))?;
    let mut rows = st.query([only])?;
    while let Some(r) = rows.next()? {
        let app: String = r.get(0)?;
        if let Some(&i) = index.get(&app) {
            recs[i].contacts.push(Contact {
                id: r.get(1)?,
                name: r.get(2)?,
                title: r.get(3)?,
                email: r.get(4)?,
                linkedin_url: r.get(5)?,
                linkedin_consent: parse_wire(&r.get::<_, String>(6)?)?,
            });
        }
    }
    let mut interviewers: HashMap<String, Vec<String>> = HashMap::new();
    {
        let sql = match only {
            Some(_) => "SELECT ic.interview_id, ic.contact_id FROM interview_contacts ic
                        JOIN interviews i ON i.id = ic.interview_id WHERE i.application_id = ?1
                        ORDER BY ic.interview_id, ic.ord",
            None => "SELECT interview_id, contact_id FROM interview_contacts WHERE ?1 IS NULL
                     ORDER BY interview_id, ord",
        };
        let mut st = c.prepare(sql)?;
        let mut rows = st.query([only])?;
        while let Some(r) = rows.next()? {
            interviewers.entry(r.get(0)?).or_default().push(r.get(1)?);
        }
    }
    let mut st = c.prepare(&format!(
        "SELECT application_id, id, starts_at, ends_at, format, went, physical_note, next_steps, expected_reply_by,
                calendar_uid, calendar_sequence
         FROM interviews {} ORDER BY application_id, starts_at, id",
        filter("application_id")
    ))?;
    let mut rows = st.query([only])?;
    while let Some(r) = rows.next()? {
        let app: String = r.get(0)?;
        let id: String = r.get(1)?;
        let Some(&i) = index.get(&app) else { continue };
        let went: Option<String> = r.get(5)?;
        let reply: Option<String> = r.get(8)?;
        recs[i].interviews.push(Interview {
            interviewer_ids: interviewers.remove(&id).unwrap_or_default(),
            id,
            starts_at: parse_ts(&r.get::<_, String>(2)?)?,
            ends_at: parse_ts(&r.get::<_, String>(3)?)?,
            format: parse_wire(&r.get::<_, String>(4)?)?,
            went: went.as_deref().map(parse_wire).transpose()?,
            physical_note: r.get(6)?,
            next_steps: r.get(7)?,
            expected_reply_by: reply
                .as_deref()
                .map(|d| {
                    NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(8, rusqlite::types::Type::Text, Box::new(e))
                    })
                })
                .transpose()?,
            calendar: match (r.get::<_, Option<String>>(9)?, r.get::<_, Option<u32>>(10)?) {
                (Some(uid), seq) => Some(CalendarRef { uid, sequence: seq.unwrap_or(0) }),
                (None, _) => None,
            },
        });
    }
    let mut st = c.prepare(&format!(
        "SELECT application_id, at, from_status, to_status FROM status_changes {} ORDER BY application_id, at, id",
        filter("application_id")
    ))?;
    let mut rows = st.query([only])?;
    while let Some(r) = rows.next()? {
        let app: String = r.get(0)?;
        let Some(&i) = index.get(&app) else { continue };
        let from: Option<String> = r.get(2)?;
        recs[i].status_changes.push(StatusChange {
            at: parse_ts(&r.get::<_, String>(1)?)?,
            from: from.as_deref().map(parse_wire).transpose()?,
            to: parse_wire(&r.get::<_, String>(3)?)?,
        });
    }
    let mut st = c.prepare(&format!(
        "SELECT application_id, at, direction, channel, followup_key, contact_id, body FROM messages {}
         ORDER BY application_id, at, id",
        filter("application_id")
    ))?;
    let mut rows = st.query([only])?;
    while let Some(r) = rows.next()? {
        let app: String = r.get(0)?;
        let Some(&i) = index.get(&app) else { continue };
        recs[i].messages.push(Message {
            at: parse_ts(&r.get::<_, String>(1)?)?,
            direction: parse_wire(&r.get::<_, String>(2)?)?,
            channel: parse_wire(&r.get::<_, String>(3)?)?,
            followup_key: r.get(4)?,
            contact_id: r.get(5)?,
            body: r.get(6)?,
        });
    }
    let mut st = c.prepare(&format!(
        "SELECT application_id, followup_key, state, snoozed_until, draft, decided_at FROM decisions {}
         ORDER BY application_id, followup_key",
        filter("application_id")
    ))?;
    let mut rows = st.query([only])?;
    while let Some(r) = rows.next()? {
        let app: String = r.get(0)?;
        let Some(&i) = index.get(&app) else { continue };
        recs[i].decisions.push(Decision {
            followup_key: r.get(1)?,
            state: parse_wire(&r.get::<_, String>(2)?)?,
            snoozed_until: parse_opt_ts(r.get(3)?)?,
            draft: r.get(4)?,
            decided_at: parse_opt_ts(r.get(5)?)?,
        });
    }
    Ok(recs)
}

// ----- follow-ups ------------------------------------------------------------

/// Recomputes one application's stored follow-ups from its facts.
pub fn refresh(c: &Connection, application_id: &str, tz: Tz) -> Result<()> {
    let settings = get_settings(c)?;
    refresh_with(c, application_id, &settings, tz)
}

fn refresh_with(c: &Connection, application_id: &str, settings: &Settings, tz: Tz) -> Result<()> {
    c.execute("DELETE FROM followups WHERE application_id = ?1", [application_id])?;
    let rec = match load_record(c, application_id) {
        Ok(r) => r,
        Err(Error::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e),
    };
    store_planned(c, &cadence::followups(&rec, settings, tz))
}

fn refresh_all(c: &Connection, settings: &Settings, tz: Tz) -> Result<()> {
    c.execute("DELETE FROM followups", [])?;
    for rec in load_all_records(c)? {
        store_planned(c, &cadence::followups(&rec, settings, tz))?;
    }
    Ok(())
}

/// After a change of zone: a check-in's (or R9 question's) key holds its
/// local due date, which may move with the zone (an application sent at
/// 23:30 UTC is on another day in New York than in Berlin, and a weekend
/// then moves it to Monday). A decision about such a follow-up is carried
/// over to the key it has now: the follow-up computed in the new zone that
/// has no decision takes the decision, of the same application and kind,
/// whose key is at most three days away and is no longer computed. Check-ins
/// are at least a week apart, so at most one decision is that close.
fn carry_dated_decisions(c: &Connection, settings: &Settings, tz: Tz) -> Result<()> {
    for mut rec in load_all_records(c)? {
        let id = rec.application.id.clone();
        for _ in 0..=rec.decisions.len() {
            let planned = cadence::followups(&rec, settings, tz);
            let mut moved = None;
            'find: for p in &planned {
                let key = &p.followup.key;
                if !matches!(p.followup.kind, Kind::CheckIn | Kind::NoAnswer)
                    || rec.decisions.iter().any(|d| &d.followup_key == key)
                {
                    continue;
                }
                let Some((prefix, date)) = key.rsplit_once(':') else { continue };
                let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d") else { continue };
                for delta in [-1i64, 1, -2, 2, -3, 3] {
                    let Some(near) = date.checked_add_signed(chrono::Duration::days(delta)) else { continue };
                    let old = format!("{prefix}:{}", near.format("%Y-%m-%d"));
                    if let Some(i) = rec.decisions.iter().position(|d| d.followup_key == old) {
                        if !planned.iter().any(|q| q.followup.key == old) {
                            moved = Some((i, key.clone()));
                            break 'find;
                        }
                    }
                }
            }
            let Some((i, to)) = moved else { break };
            c.execute(
                "UPDATE decisions SET followup_key = ?3 WHERE followup_key = ?1 AND application_id = ?2",
                params![rec.decisions[i].followup_key, id, to],
            )?;
            rec.decisions[i].followup_key = to;
        }
    }
    Ok(())
}

fn store_planned(c: &Connection, planned: &[cadence::Planned]) -> Result<()> {
    let mut st = c.prepare_cached(
        "INSERT INTO followups(key, application_id, kind, company, contact_id, contact_name, interview_id,
                               due_at, snoozed, closes_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for p in planned {
        let f = &p.followup;
        // A follow-up due after the year 9999 will never come due: it is not
        // stored (its text would sort before every other and read as overdue).
        if !storable(f.due_at) || p.closes_at.is_some_and(|t| !storable(t)) {
            continue;
        }
        st.execute(params![
            f.key,
            f.application_id,
            f.kind.as_str(),
            f.company,
            f.contact_id,
            f.contact_name,
            f.interview_id,
            ts(f.due_at),
            f.snoozed,
            p.closes_at.map(ts)
        ])?;
    }
    Ok(())
}

const FOLLOWUP_COLS: &str =
    "key, kind, application_id, company, contact_id, contact_name, interview_id, due_at, snoozed, closes_at";

fn planned_from_row(r: &Row) -> rusqlite::Result<cadence::Planned> {
    Ok(cadence::Planned {
        followup: FollowUp {
            key: r.get(0)?,
            kind: parse_wire(r.get_ref(1)?.as_str()?)?,
            application_id: r.get(2)?,
            company: r.get(3)?,
            contact_id: r.get(4)?,
            contact_name: r.get(5)?,
            interview_id: r.get(6)?,
            due_at: parse_ts(r.get_ref(7)?.as_str()?)?,
            snoozed: r.get(8)?,
        },
        closes_at: r.get_ref(9)?.as_str_or_null()?.map(parse_ts).transpose()?,
    })
}

fn stored_followups(c: &Connection, application_id: Option<&str>) -> Result<Vec<cadence::Planned>> {
    // Through the index on application_id when there is one (`?1 IS NULL OR …` would scan).
    let scope = if application_id.is_some() { "application_id = ?1" } else { "?1 IS NULL" };
    let mut st = c.prepare(&format!("SELECT {FOLLOWUP_COLS} FROM followups WHERE {scope} ORDER BY due_at, key"))?;
    let rows = st.query_map([application_id], planned_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn agenda(c: &Connection, now: DateTime<Utc>) -> Result<Vec<FollowUp>> {
    let mut st = c.prepare_cached(&format!(
        "SELECT {FOLLOWUP_COLS} FROM followups WHERE closes_at IS NULL OR closes_at > ?1 ORDER BY due_at, key"
    ))?;
    let rows = st.query_map([ts(now)], |r| planned_from_row(r).map(|p| p.followup))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The open follow-ups of one application at `now`.
pub fn application_followups(c: &Connection, application_id: &str, now: DateTime<Utc>) -> Result<Vec<FollowUp>> {
    Ok(stored_followups(c, Some(application_id))?
        .into_iter()
        .filter(|p| p.closes_at.is_none_or(|t| t > now))
        .map(|p| p.followup)
        .collect())
}

/// The application a follow-up key belongs to: from the open follow-ups,
/// else from an earlier decision about it.
fn application_of_key(c: &Connection, key: &str) -> Result<String> {
    let found: Option<String> = c
        .query_row(
            "SELECT application_id FROM followups WHERE key = ?1
             UNION ALL SELECT application_id FROM decisions WHERE followup_key = ?1 LIMIT 1",
            [key],
            |r| r.get(0),
        )
        .optional()?;
    found.ok_or_else(|| Error::NotFound(format!("no follow-up {key}: it may have been closed already")))
}

fn cards(c: &Connection, now: DateTime<Utc>, archived: bool, only: Option<&str>) -> Result<Vec<Card>> {
    let mut out = Vec::new();
    let mut index = HashMap::new();
    // One card (after a write) reads its rows through the indexes on
    // application_id; `?1 IS NULL OR col = ?1` would scan every table.
    let of = |col: &str| match only {
        Some(_) => format!("{col} = ?1"),
        None => "?1 IS NULL".to_owned(),
    };
    {
        let cond = match (only, archived) {
            (Some(_), _) => "id = ?1",
            (None, false) => "?1 IS NULL AND status NOT IN ('accepted','withdrawn','ghosted')",
            (None, true) => "?1 IS NULL AND status IN ('accepted','withdrawn','ghosted')",
        };
        let mut st = c.prepare(&format!("SELECT {APP_COLS} FROM applications WHERE {cond} ORDER BY status, position, id"))?;
        let rows = st.query_map([only], app_from_row)?;
        for row in rows {
            let (application, position) = row?;
            index.insert(application.id.clone(), out.len());
            out.push(Card { application, position, next: None, open_followups: 0, last_contact: None, contacts: vec![] });
        }
    }
    if out.is_empty() {
        return Ok(out);
    }
    {
        let mut st = c.prepare(&format!(
            "SELECT {FOLLOWUP_COLS} FROM followups
             WHERE {} AND (closes_at IS NULL OR closes_at > ?2)
             ORDER BY due_at, key",
            of("application_id")
        ))?;
        let rows = st.query_map(params![only, ts(now)], planned_from_row)?;
        for row in rows {
            let f = row?.followup;
            if let Some(&i) = index.get(&f.application_id) {
                let card = &mut out[i];
                card.open_followups += 1;
                if card.next.is_none() {
                    card.next = Some(f);
                }
            }
        }
    }
    {
        // Last contact: the latest message, or past interview end, or the application date.
        let mut st = c.prepare(&format!(
            "SELECT application_id, max(at) FROM (
                 SELECT application_id, at FROM messages WHERE {m}
                 UNION ALL SELECT application_id, ends_at FROM interviews
                     WHERE {m} AND ends_at <= ?2
                 UNION ALL SELECT id, applied_at FROM applications
                     WHERE {a} AND applied_at IS NOT NULL)
             GROUP BY application_id",
            m = of("application_id"),
            a = of("id"),
        ))?;
        let mut rows = st.query(params![only, ts(now)])?;
        while let Some(r) = rows.next()? {
            let app: String = r.get(0)?;
            if let Some(&i) = index.get(&app) {
                out[i].last_contact = parse_opt_ts(r.get(1)?)?;
            }
        }
    }
    {
        let mut st = c.prepare(&format!(
            "SELECT application_id, name FROM contacts WHERE {} ORDER BY application_id, ord",
            of("application_id")
        ))?;
        let mut rows = st.query([only])?;
        while let Some(r) = rows.next()? {
            let app: String = r.get(0)?;
            if let Some(&i) = index.get(&app) {
                out[i].contacts.push(r.get(1)?);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod r9_tests;
#[cfg(test)]
mod issue15_tests;
