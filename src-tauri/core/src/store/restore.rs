//! Replacing the data of an open store with a backup's, in place.
//!
//! In place rather than by opening a new `Store`: the app keeps one store in
//! a `Mutex`, and its connection carries the commit hook that wakes the
//! reminder scheduler (and whatever else is attached to it later). Copying
//! the pages over this connection keeps all of that, and every caller sees
//! the restored data on its next read. `backup::restore` names the file and
//! takes the copy "before restore" between the two halves below.

use super::{files, notified, schema, Store};
use crate::error::{Error, Result};
use rusqlite::Connection;
use std::path::Path;

impl Store {
    /// The first half of a restore: the backup file at `path` checked
    /// ([`files::open_backup`]: an SQLite file of this schema or an older
    /// one, holding Afterview's data, sound), then copied into a temporary
    /// in-memory database and there brought up to date (a backup from an
    /// older Afterview is migrated like any old database), its follow-ups
    /// recomputed for this zone, and checked to have exactly this version's
    /// schema. The live data is not touched: a file that fails any of that
    /// (a valid SQLite file with a foreign schema) changes nothing.
    pub fn stage_backup(&self, path: &Path) -> Result<Staged> {
        let src = files::open_backup(path)?;
        self.stage(&src)
    }

    fn stage(&self, src: &Connection) -> Result<Staged> {
        let mut staged = Store::in_memory_copy(src, self.tz, &self.path)?;
        let foreign = |why: String| {
            Error::Io(format!("this file does not hold Afterview's data ({why}); nothing was changed"))
        };
        staged.migrate().map_err(|e| foreign(e.to_string()))?;
        staged.refresh_if_zone_changed().map_err(|e| foreign(e.to_string()))?;
        let fresh = Store::open_in_memory(self.tz)?;
        if schema_of(&staged.conn)? != schema_of(&fresh.conn)? {
            return Err(foreign("its tables are not the ones this Afterview keeps".into()));
        }
        let violations: i64 = staged.conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if violations > 0 {
            return Err(foreign(format!("{violations} rows refer to rows it does not hold")));
        }
        Ok(Staged(staged.conn))
    }

    /// The second half: the staged pages copied over this store's database
    /// in one write transaction (a crash leaves the old data or the new,
    /// never a mix; other connections see it as any commit). Marks of
    /// reminders already shown on this desktop are carried over, so that
    /// restoring an older state does not show them again.
    pub fn replace_with_staged(&mut self, staged: Staged) -> Result<()> {
        let marks = notified::raw_marks(&self.conn)?;
        files::copy_all(&staged.0, &mut self.conn).map_err(|e| match e {
            Error::Db(super::DbError(rusqlite::Error::SqliteFailure(f, m))) if f.code == rusqlite::ErrorCode::ReadOnly => Error::Io(format!(
                "this backup cannot be copied over the database (different page size: {}); nothing was changed",
                m.unwrap_or_default()
            )),
            e => e,
        })?;
        // Statements prepared against the old schema are not reused.
        self.conn.flush_prepared_statement_cache();
        debug_assert_eq!(
            self.conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)).ok(),
            Some(schema::VERSION)
        );
        self.refresh_if_zone_changed()?;
        self.write(|tx| notified::put_raw_marks(tx, &marks))
    }
}

/// A backup's data made ready by [`Store::stage_backup`].
pub struct Staged(Connection);

/// The schema as SQLite reports it (names and SQL of tables and indexes).
fn schema_of(c: &Connection) -> Result<Vec<(String, String)>> {
    let mut st = c.prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
