//! Invitations and emails in (issue 14): the files dropped on the window or
//! chosen with "Add from a file…", and invitations pasted as text. Each file
//! is one `Store::ingest` (one transaction); the report says what it did,
//! or that it matched no application (then the UI asks which, and calls
//! again with `application`), or why it was refused.

use crate::commands::lock;
use crate::AppState;
use afterview_core::store::ingest::IngestReport;
use afterview_core::{Error, Result};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// Records each file of `paths` (to `application` when given).
#[tauri::command]
pub fn ingest_files(state: State<AppState>, paths: Vec<String>, application: Option<String>) -> Result<Vec<IngestReport>> {
    let mut store = lock(&state)?;
    let given = application.as_deref().filter(|a| !a.trim().is_empty());
    Ok(paths
        .iter()
        .map(|p| match std::fs::read(p) {
            Ok(bytes) => store.ingest(p, &bytes, given, false),
            Err(e) => {
                let mut r = store.ingest(p, b"", given, true);
                r.error = Some(format!("cannot read {p}: {e}"));
                r
            }
        })
        .collect())
}

/// Records pasted text (an iCalendar object) like a file.
#[tauri::command]
pub fn ingest_text(state: State<AppState>, text: String, application: Option<String>) -> Result<IngestReport> {
    let mut store = lock(&state)?;
    let given = application.as_deref().filter(|a| !a.trim().is_empty());
    Ok(store.ingest("pasted invitation", text.as_bytes(), given, false))
}

/// "Add from a file…": a native open dialog for invitations and emails.
/// The chosen paths, or none when cancelled.
#[tauri::command]
pub async fn pick_ingest_files(app: AppHandle) -> Result<Vec<String>> {
    let chooser = app
        .dialog()
        .file()
        .set_title("Add invitations or emails")
        .add_filter("Invitations and emails", &["ics", "eml"]);
    let picked = tauri::async_runtime::spawn_blocking(move || chooser.blocking_pick_files())
        .await
        .map_err(|e| Error::Io(e.to_string()))?;
    Ok(picked
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .map(|p| p.display().to_string())
        .collect())
}
