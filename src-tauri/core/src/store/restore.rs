//! Replacing the data of an open store with a backup's, in place.
//!
//! In place rather than by opening a new `Store`: the app keeps one store in
//! a `Mutex`, and its connection carries the commit hook that wakes the
//! reminder scheduler (and whatever else is attached to it later). Copying
//! the pages over this connection keeps all of that, and every caller sees
//! the restored data on its next read.

use super::{schema, Store};
use crate::error::{Error, Result};
use rusqlite::Connection;

impl Store {
    /// Copies `src` into a temporary in-memory database first, and there
    /// brings its schema up to date (a backup from an older Afterview is
    /// migrated like any old database), recomputes the follow-ups for this
    /// zone, and checks that the result has exactly this version's schema.
    /// Only then are its pages copied over this store's database, in one
    /// write transaction (a crash leaves the old data or the new, never a
    /// mix). A file that fails any of that (a valid SQLite file with a
    /// foreign schema) leaves the live data untouched. The caller checks
    /// `src` first (`backup::restore` does).
    pub fn replace_with(&mut self, src: &Connection) -> Result<()> {
        let staged = self.stage(src)?;
        self.replace_with_staged(staged)
    }

    /// The first half of [`Store::replace_with`]: `src` copied into memory,
    /// migrated, recomputed and checked, the live data not yet touched.
    pub fn stage(&self, src: &Connection) -> Result<Staged> {
        let mut temp = Connection::open_in_memory()?;
        crate::backup::copy_all(src, &mut temp)?;
        temp.pragma_update(None, "foreign_keys", "ON")?;
        let mut staged = Store { conn: temp, tz: self.tz, path: self.path.clone() };
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

    /// The second half of [`Store::replace_with`]: the staged pages copied
    /// over this store's database in one write transaction.
    pub fn replace_with_staged(&mut self, staged: Staged) -> Result<()> {
        crate::backup::copy_all(&staged.0, &mut self.conn)?;
        // Statements prepared against the old schema are not reused.
        self.conn.flush_prepared_statement_cache();
        debug_assert_eq!(
            self.conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0)).ok(),
            Some(schema::VERSION)
        );
        self.refresh_if_zone_changed()
    }
}

/// A backup's data made ready by [`Store::stage`].
pub struct Staged(Connection);

/// The schema as SQLite reports it (names and SQL of tables and indexes).
fn schema_of(c: &Connection) -> Result<Vec<(String, String)>> {
    let mut st = c.prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
