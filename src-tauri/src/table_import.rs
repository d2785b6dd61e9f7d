//! "Import a spreadsheet…" in the app: the file chosen in a native dialog
//! (or dropped on the window, or given by a test), its preview worked out
//! again each time the user changes an answer, and the import: checked,
//! backed up, one transaction. The work is in `afterview_core::table` and
//! `store::table_import`, the same code `afterview import-table` runs.

use crate::backups::busy;
use crate::commands::said;
use crate::AppState;
use afterview_core::table::{self, run, Field, Options, Plan, Preset};
use afterview_core::{model::Status, Error, Result};
use serde::Serialize;
use std::path::Path;
use tauri::{AppHandle, State};

/// The extensions the dialog offers and a drop accepts.
pub const EXTENSIONS: &[&str] = &["csv", "tsv", "txt", "xlsx", "ods"];

/// What the mapping dialog shows.
#[derive(Serialize)]
pub struct TablePreview {
    /// The file's token for `import_table_file` (picked.rs), never its path.
    path: String,
    name: String,
    plan: Plan,
    /// Why Import cannot run yet, to show beside the button.
    blocked: Option<String>,
    /// The choices of each column's menu and of each status word's.
    fields: Vec<&'static str>,
    statuses: Vec<&'static str>,
    presets: Vec<(&'static str, &'static str)>,
}

/// What an import did, and the report to show (with how to undo it).
#[derive(Serialize)]
pub struct TableDone {
    imported: run::Imported,
    report: String,
}

/// A refusal, in one line beside the import button (`field` "table-import").
fn refused(name: &str, e: Error) -> Error {
    crate::picked::cannot_import("table-import", name, e)
}

/// The file read; a file that is not a table says so, naming it, and
/// nothing was written.
fn read(path: &Path) -> Result<table::Table> {
    table::read_file(path).map_err(|e| {
        let msg = e.to_string();
        Error::invalid("table-import", format!("{}. Nothing was imported.", msg.trim_end_matches('.')))
    })
}

/// Reads the table `path` (a token of a chosen or dropped file, picked.rs;
/// a raw path only in a `test-paths` build) (a native open dialog asks when it is `None`;
/// `None` back when cancelled) and works out the import with `options`,
/// without writing.
#[tauri::command]
pub async fn preview_table_file(
    app: AppHandle,
    state: State<'_, AppState>,
    path: Option<String>,
    options: Option<Options>,
) -> Result<Option<TablePreview>> {
    let Some((token, path)) = crate::picked::given_or_picked(&app, path, "table-import", ("Spreadsheet (CSV, TSV, .xlsx, .ods)", EXTENSIONS)).await? else {
        return Ok(None);
    };
    let t = read(&path)?;
    let plan = {
        let store = state.store()?;
        store.plan_table(&t, &options.unwrap_or_default(), state.config.clock.now())?
    };
    Ok(Some(TablePreview {
        path: token,
        name: crate::picked::file_name(&path),
        blocked: plan.blocked(),
        plan,
        fields: Field::ALL.iter().map(|f| f.as_str()).collect(),
        statuses: Status::ALL.iter().map(|s| s.as_str()).collect(),
        presets: Preset::ALL.iter().map(|p| (p.as_str(), p.label())).collect(),
    }))
}

/// Imports the table at `path` with the user's answers: the file is read
/// again, the current data backed up, then one transaction.
#[tauri::command]
pub async fn import_table_file(state: State<'_, AppState>, path: String, options: Options) -> Result<TableDone> {
    let path = crate::picked::resolve(&path, "table-import")?;
    let t = read(&path)?;
    let _g = busy();
    let mut store = state.store()?;
    let imported = said(&state, run::import_with_backup(&mut store, &t, &options, state.config.clock.now()))
        .map_err(|e| refused(&crate::picked::file_name(&path), e))?;
    let report = run::report_text(&imported, store.zone());
    Ok(TableDone { imported, report })
}
