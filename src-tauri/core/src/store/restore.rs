//! Replacing the data of an open store with a backup's, in place.
//!
//! In place rather than by opening a new `Store`: the app keeps one store in
//! a `Mutex`, and its connection carries the commit hook that wakes the
//! reminder scheduler (and whatever else is attached to it later). Copying
//! the pages over this connection keeps all of that, and every caller sees
//! the restored data on its next read.

use super::Store;
use crate::error::Result;
use rusqlite::Connection;

impl Store {
    /// Copies every page of `src` over this store's database in one write
    /// transaction (a crash leaves the old data or the new, never a mix),
    /// then brings the schema up to date (a backup from an older Afterview
    /// is migrated like any old database) and recomputes the follow-ups if
    /// the backup was made in another time zone. The caller checks `src`
    /// first (`backup::restore` does).
    pub fn replace_with(&mut self, src: &Connection) -> Result<()> {
        crate::backup::copy_all(src, &mut self.conn)?;
        // Statements prepared against the old schema are not reused.
        self.conn.flush_prepared_statement_cache();
        self.migrate()?;
        self.refresh_if_zone_changed()
    }
}
