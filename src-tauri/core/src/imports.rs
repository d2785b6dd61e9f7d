//! Importing an Afterview export (the interchange document), the same steps
//! for the app's "Import…" and `afterview import`: checked in the store
//! first, so that a refused file leaves nothing behind (not even a
//! backup); then, for the app, the current data backed up
//! (`BackupKind::BeforeImport`), so that the import can be undone from the
//! backups; then imported in one transaction.
//!
//! `afterview import` has never taken a backup (its contract; `import-table`
//! does): it passes [`Backup::No`].

use crate::backup::{self, BackupInfo, BackupKind};
use crate::format::{self, Document, ImportMode, ImportReport};
use crate::store::Store;
use crate::Error;
use chrono::{DateTime, Utc};

/// Whether to back the data up before importing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backup {
    First,
    No,
}

/// Why nothing was imported.
#[derive(Debug)]
pub enum Refused {
    /// The file does not fit the database (or the database failed).
    File(Error),
    /// The backup before it could not be made.
    Backup(Error),
}

/// Imports `doc` into `store` in `mode`, after a backup when asked; the
/// report, and the backup made.
pub fn import(
    store: &mut Store,
    doc: &Document,
    mode: ImportMode,
    backup: Backup,
    now: DateTime<Utc>,
) -> Result<(ImportReport, Option<BackupInfo>), Refused> {
    // Refused before the backup, so that a refused import leaves nothing behind.
    format::check_import_in(store, doc, mode).map_err(Refused::File)?;
    let taken = match backup {
        Backup::First => Some(
            backup::take(store.path(), BackupKind::BeforeImport, now, store.zone()).map_err(Refused::Backup)?,
        ),
        Backup::No => None,
    };
    let report = format::import(store, doc, mode, now).map_err(Refused::File)?;
    Ok((report, taken))
}
