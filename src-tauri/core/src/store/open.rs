//! Opening the database: creating it private, refusing one written by a
//! newer Afterview before a byte is written, the migrations of
//! `schema.rs` in one transaction, the follow-ups recomputed when the
//! machine's zone changed, and what to say when the file cannot be
//! written. Also the conversion of rusqlite's error into [`Error::Db`].

use super::*;

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its
    /// schema up to date in one transaction. A database written by a newer
    /// Afterview is refused before anything is written to it.
    pub fn open(path: &Path, tz: Tz) -> Result<Store> {
        if path.exists() {
            // Refused before this process writes a byte to it.
            files::open_read_only(path, files::Subject::Database(path), files::Fallback::None)
                .map_err(|e| explain_read_only(path, e))?;
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
        let mut store = Store::in_memory_copy(&conn, tz, path)?;
        drop(conn);
        store.migrate()?;
        store.refresh_if_zone_changed()?;
        Ok(store)
    }

    /// A store on an in-memory copy of every page of `src` (foreign keys
    /// on), not yet migrated: what a read-only open of an older file and a
    /// restore bring up to date without touching the file.
    pub(super) fn in_memory_copy(src: &Connection, tz: Tz, path: &Path) -> Result<Store> {
        let mut mem = Connection::open_in_memory()?;
        files::copy_all(src, &mut mem)?;
        mem.pragma_update(None, "foreign_keys", "ON")?;
        Ok(Store { conn: mem, tz, path: path.to_owned() })
    }

    /// An in-memory store, for tests and benchmarks.
    pub fn open_in_memory(tz: Tz) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn, tz, path: PathBuf::from(":memory:") };
        store.migrate()?;
        Ok(store)
    }

    pub(super) fn migrate(&mut self) -> Result<()> {
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
    pub(super) fn refresh_if_zone_changed(&mut self) -> Result<()> {
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

pub(super) fn too_new(version: i64) -> Error {
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
pub(super) fn unlock_leftover_shm(path: &Path) {
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

pub(super) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Turns SQLite's "unable to open database file" / "attempt to write a
/// readonly database" into what is read-only and what to do.
pub(super) fn explain_read_only(path: &Path, e: Error) -> Error {
    let Error::Db(DbError(rusqlite::Error::SqliteFailure(f, _))) = &e else { return e };
    if !matches!(f.code, rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::PermissionDenied) {
        return e;
    }
    let readonly = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly());
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // A folder on a read-only mount keeps its mode bits: ask it for a file.
    let refuses_files = |d: &Path| readonly(d) || !crate::private::takes_files(d);
    let shm = side_file(path, "-shm");
    let read_anyway = "Its data can still be read: `afterview export FILE`, `agenda`, `export-csv`, `export-ics`, `report` and `stats` open it read-only.";
    let msg = if readonly(path) {
        format!(
            "The database file {} is read-only, so Afterview cannot save changes to it. \
             Make it writable (chmod u+w), or copy it somewhere writable and open the copy. {read_anyway}",
            path.display()
        )
    } else if refuses_files(dir) {
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
