//! Backups, exports and imports in the app: the backup thread (one at
//! start, then daily while the app runs), "Restore from backup…", the export
//! buttons of the settings view, each writing through a native save dialog,
//! and the import of an Afterview export (checked first, then imported after
//! a backup).
//!
//! The work is in `afterview_core::backup`, `exports` (every export, the
//! same rendering as the command line's) and `imports` (check, backup,
//! import); here are the thread and the dialogs. A restore replaces the
//! data of the app's store in place (the backup checked into memory by
//! `Store::stage_backup`, then swapped in by `Store::replace_with_staged`),
//! so the store's commit hook, which wakes the reminder scheduler, stays
//! attached. Backups, rotation and restores are serialized by [`BUSY`], so
//! a rotation never deletes the file a restore is about to read.

use crate::commands::said;
use crate::{AppState, Clock};
use afterview_core::zone::Tz;
use afterview_core::backup::{self, BackupInfo, BackupKind};
use afterview_core::exports::{self, Export, Period};
use afterview_core::{format, imports, Error, Result};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

static BUSY: Mutex<()> = Mutex::new(());
/// Why the last automatic backup failed, shown in the settings view.
static LAST_ERROR: Mutex<Option<String>> = Mutex::new(None);

/// How often the thread looks whether the day's backup is due: the daily
/// backup is taken within this long after local midnight.
const CHECK_EVERY: Duration = Duration::from_secs(30 * 60);

pub(crate) fn busy() -> MutexGuard<'static, ()> {
    // A panic while holding it poisons nothing that matters: the guard is ().
    BUSY.lock().unwrap_or_else(|p| p.into_inner())
}

fn set_last_error(e: Option<String>) {
    *LAST_ERROR.lock().unwrap_or_else(|p| p.into_inner()) = e;
}

/// Starts the backup thread for the database at `db`: a backup right away
/// (the app's start), then one each local day while it runs. On its own
/// connections (the backup API reads without blocking the app's writes).
/// Days are local days, in the zone the store uses.
pub fn start(db: PathBuf, tz: Tz, clock: Clock) {
    let spawned = std::thread::Builder::new().name("afterview-backups".into()).spawn(move || {
        let mut first = true;
        loop {
            let outcome = {
                let _g = busy();
                let now = clock.now();
                if first {
                    backup::take(&db, BackupKind::Automatic, now, tz).map(Some)
                } else {
                    backup::take_if_due(&db, now, tz)
                }
            };
            first = false;
            match outcome {
                Ok(_) => set_last_error(None),
                Err(e) => {
                    eprintln!("afterview: automatic backup failed: {e}");
                    set_last_error(Some(e.to_string()));
                }
            }
            std::thread::sleep(CHECK_EVERY);
        }
    });
    if let Err(e) = spawned {
        eprintln!("afterview: cannot start the backup thread: {e}");
        set_last_error(Some(format!("automatic backups are not running: {e}")));
    }
}

#[derive(Serialize)]
pub struct Backups {
    folder: String,
    backups: Vec<BackupInfo>,
    /// Applications in the current database, to compare with a backup's.
    current: i64,
    last_error: Option<String>,
}

#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Result<Backups> {
    let (db, current) = {
        let store = state.store()?;
        (store.path().to_owned(), store.application_count()?)
    };
    let _g = busy();
    Ok(Backups {
        folder: backup::backup_dir(&db).display().to_string(),
        backups: backup::list(&db)?,
        current,
        last_error: LAST_ERROR.lock().unwrap_or_else(|p| p.into_inner()).clone(),
    })
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupInfo> {
    let (db, tz) = {
        let store = state.store()?;
        (store.path().to_owned(), store.zone())
    };
    let _g = busy();
    // Its own kind: a backup taken right after a mistake must not replace
    // the day's automatic copy from before it.
    let info = said(&state, backup::take(&db, BackupKind::Manual, state.config.clock.now(), tz))?;
    set_last_error(None);
    Ok(info)
}

#[derive(Serialize)]
pub struct RestoreReport {
    from: BackupInfo,
    before: BackupInfo,
    applications: i64,
}

/// Restores the backup `file`, after backing up the current data. Holds the
/// store for the whole restore, so that no command writes in between.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, file: String) -> Result<RestoreReport> {
    let _g = busy();
    let mut store = state.store()?;
    let restored = said(&state, backup::restore(&mut store, &file, state.config.clock.now()))?;
    Ok(RestoreReport { from: restored.from, before: restored.before, applications: store.application_count()? })
}

/// What an export wrote.
#[derive(Serialize)]
pub struct Exported {
    /// `None` when the user cancelled the save dialog.
    path: Option<String>,
    summary: String,
}

struct Kind {
    ext: &'static str,
    filter: &'static str,
    stem: &'static str,
    export: Which,
}

/// The export a button asks for; a report's period comes with the request.
#[derive(Clone, Copy)]
enum Which {
    Other(Export),
    Report { html: bool },
}

fn kind(format: &str) -> Result<Kind> {
    let k = |ext, filter, stem, export| Kind { ext, filter, stem, export };
    Ok(match format {
        "csv" => k("csv", "Spreadsheet (CSV)", "afterview-applications", Which::Other(Export::Applications)),
        "ics" => k("ics", "Calendar (iCalendar)", "afterview-calendar", Which::Other(Export::Calendar)),
        "json" => k("json", "Afterview export (JSON)", "afterview-export", Which::Other(Export::Everything)),
        "report-csv" => k("csv", "Spreadsheet (CSV)", "job-search-report", Which::Report { html: false }),
        "report-html" => k("html", "Web page to print (HTML)", "job-search-report", Which::Report { html: true }),
        other => return Err(Error::invalid("format", format!("unknown export format {other:?}"))),
    })
}

/// The file name the save dialog suggests: a report is named by its period
/// ("job-search-report-2026-11-01-to-2026-11-30.csv"), an export by the day
/// it was made.
fn suggested_name(k: &Kind, period: Option<(NaiveDate, NaiveDate)>, today: DateTime<Utc>) -> String {
    match period {
        Some((from, to)) => format!("{}-{}-to-{}.{}", k.stem, from.format("%Y-%m-%d"), to.format("%Y-%m-%d"), k.ext),
        None => format!("{}-{}.{}", k.stem, today.format("%Y-%m-%d"), k.ext),
    }
}

/// Asks where to save (a native dialog, suggesting `name`), unless `path`
/// is given: only a `test-paths` build takes it (picked.rs).
async fn save_path(app: &AppHandle, k: &Kind, path: Option<String>, name: String) -> Result<Option<PathBuf>> {
    if let Some(p) = crate::picked::save_target(path, "export")? {
        return Ok(Some(p));
    }
    let chooser = app
        .dialog()
        .file()
        .add_filter(k.filter, &[k.ext])
        .set_file_name(name);
    let picked = tauri::async_runtime::spawn_blocking(move || chooser.blocking_save_file())
        .await
        .map_err(|e| Error::Io(e.to_string()))?;
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| if p.extension().is_none() { p.with_extension(k.ext) } else { p }))
}

/// A date of the report's period, `YYYY-MM-DD` from a date input.
fn report_date(field: &str, label: &str, v: Option<&str>) -> Result<NaiveDate> {
    let v = v.map(str::trim).unwrap_or("");
    if v.is_empty() {
        return Err(Error::invalid(field, format!("Choose the {label} date of the period.")));
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, format!("{v:?} is not a date like 2026-11-01.")))
}

/// Exports as `format` to a file: `csv`, `ics` or `json` (everything), or
/// the job-search report between `from` and `to` (`report-csv`,
/// `report-html`).
#[tauri::command]
pub async fn export_file(
    app: AppHandle,
    state: State<'_, AppState>,
    format: String,
    path: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<Exported> {
    let k = kind(&format)?;
    // The period is checked before the dialog opens: a bad date is shown
    // beside its field, not after choosing a file.
    let export = match k.export {
        Which::Report { html } => {
            let (f, t) = (report_date("report-from", "first", from.as_deref())?, report_date("report-to", "last", to.as_deref())?);
            let period = Period::new(f, t).ok_or_else(|| Error::invalid("report-from", "The period starts after it ends."))?;
            Export::Report { period, html }
        }
        Which::Other(e) => e,
    };
    let period = match export {
        Export::Report { period, .. } => Some((period.from, period.to)),
        _ => None,
    };
    let name = suggested_name(&k, period, state.config.clock.now());
    let Some(path) = save_path(&app, &k, path, name).await? else {
        return Ok(Exported { path: None, summary: String::new() });
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.is_dir() {
            return Err(Error::invalid("export", format!("The folder {} does not exist.", dir.display())));
        }
    }
    let done = exports::render(&*state.store()?, export, state.config.clock.now())?;
    let summary = match export {
        Export::Report { .. } => format!("the report of {}", done.counted()),
        _ => done.counted(),
    };
    exports::write_atomically(&path, &done.bytes)
        .map_err(|e| Error::invalid("export", format!("Could not write {}: {e}", path.display())))?;
    Ok(Exported { path: Some(path.display().to_string()), summary })
}

// ----- import ----------------------------------------------------------------

/// An application of the file, by id and company.
#[derive(Serialize)]
pub struct Named {
    id: String,
    company: String,
}

/// What importing a file would do, asked before importing it.
#[derive(Serialize)]
pub struct ImportCheck {
    /// The file's token for `import_file` (picked.rs), never its path.
    path: String,
    /// The file's name, to show.
    name: String,
    /// Applications in the file.
    applications: usize,
    /// How many of them are new to the database.
    new: usize,
    /// Those the database already holds (same id), with the database's company: left unchanged.
    present: Vec<Named>,
    /// An empty database takes the whole file and its settings; any other merges.
    database_empty: bool,
    settings_applied: bool,
}

/// What an import did.
#[derive(Serialize)]
pub struct ImportDone {
    added: usize,
    /// Applications of the file already present, left unchanged.
    skipped: Vec<Named>,
    settings_applied: bool,
    /// The copy of the data made just before, to undo the import with "Restore from backup…".
    backup: BackupInfo,
}

/// A refused import, in one line beside the import button (`field` "import").
fn refused(name: &str, e: Error) -> Error {
    crate::picked::cannot_import("import", name, e)
}

/// The file read and parsed, with its name; every refusal names the file.
fn read_document(path: &std::path::Path) -> Result<(String, format::Document)> {
    let name = crate::picked::file_name(path);
    let text = afterview_core::private::read_input_text(path)
        .map_err(|e| Error::invalid("import", format!("Cannot read {name}: {e}.")))?;
    let doc = format::parse(&text).map_err(|e| refused(&name, e))?;
    Ok((name, doc))
}

fn named(ids: &[String], companies: &std::collections::BTreeMap<String, String>) -> Vec<Named> {
    ids.iter()
        .map(|id| Named { id: id.clone(), company: companies.get(id).cloned().unwrap_or_default() })
        .collect()
}

/// Asks for an Afterview export to import (a native dialog, unless `path`
/// is given: the token of a file chosen before, or a raw path in a
/// `test-paths` build), reads it and works out what importing it would do,
/// without writing: into an empty database the whole file with its
/// settings, else the applications whose id is new. `None` when the dialog
/// was cancelled.
#[tauri::command]
pub async fn check_import_file(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
) -> Result<Option<ImportCheck>> {
    let Some((token, path)) = crate::picked::given_or_picked(&app, path, "import", ("Afterview export (JSON)", &["json"])).await? else {
        return Ok(None);
    };
    let (name, doc) = read_document(&path)?;
    let preview = {
        let store = state.store()?;
        format::preview_import(&store, &doc).map_err(|e| refused(&name, e))?
    };
    let r = &preview.report;
    Ok(Some(ImportCheck {
        path: token,
        name,
        applications: preview.applications,
        new: r.added.len(),
        present: named(&r.skipped_existing, &r.companies),
        database_empty: preview.database_empty,
        settings_applied: r.settings_applied,
    }))
}

/// Imports the file `path` (its token, picked.rs) in one transaction: merged (the applications
/// whose id is new; the others and the settings unchanged), or, with
/// `merge` false, into an empty database with the file's settings. The file
/// is read again (it may have changed since it was checked) and the current
/// data is backed up first, so the import can be undone from the backups.
#[tauri::command]
pub async fn import_file(state: State<'_, AppState>, path: String, merge: bool) -> Result<ImportDone> {
    let mode = if merge { format::ImportMode::Merge } else { format::ImportMode::Empty };
    let (name, doc) = read_document(&crate::picked::resolve(&path, "import")?)?;
    let _g = busy();
    let mut store = state.store()?;
    let (r, backup) = imports::import(&mut store, &doc, mode, imports::Backup::First, state.config.clock.now()).map_err(|e| match e {
        // A write the disk refused, in the user's words (commands::said).
        imports::Refused::File(e) => refused(&name, crate::commands::in_user_words(e, &state.config.db)),
        imports::Refused::Backup(e) => Error::invalid(
            "import",
            format!("Could not back up your data before importing {name}: {e}; nothing was imported."),
        ),
    })?;
    let backup = backup.ok_or_else(|| Error::Io("the backup before the import is missing".into()))?;
    Ok(ImportDone {
        added: r.added.len(),
        skipped: named(&r.skipped_existing, &r.companies),
        settings_applied: r.settings_applied,
        backup,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_is_named_by_its_period_not_by_today() {
        let today = DateTime::parse_from_rfc3339("2026-12-02T09:00:00Z").unwrap().with_timezone(&Utc);
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let period = Some((d("2026-11-01"), d("2026-11-30")));
        assert_eq!(suggested_name(&kind("report-csv").unwrap(), period, today), "job-search-report-2026-11-01-to-2026-11-30.csv");
        assert_eq!(suggested_name(&kind("report-html").unwrap(), period, today), "job-search-report-2026-11-01-to-2026-11-30.html");
        assert_eq!(suggested_name(&kind("json").unwrap(), None, today), "afterview-export-2026-12-02.json");
    }
}
