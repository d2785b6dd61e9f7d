//! Invitations and emails in (issue 14): the files dropped on the window or
//! chosen with "Add from a file…", and invitations pasted as text. Each file
//! is one `Store::ingest` (one transaction); the report says what it did,
//! or that it matched no application (then the UI asks which, and calls
//! again with `application`), or why it was refused.

use crate::AppState;
use afterview_core::store::ingest::IngestReport;
use afterview_core::{Error, Result};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// Records each file of `paths` (to `application` when given): tokens of
/// files chosen in "Add from a file…" or dropped on the window (picked.rs;
/// raw paths only in a `test-paths` build). Each report's `file` is the
/// token given, so that "which application?" can send it again.
#[tauri::command]
pub async fn ingest_files(state: State<'_, AppState>, paths: Vec<String>, application: Option<String>) -> Result<Vec<IngestReport>> {
    // Every token checked before anything is recorded.
    let files = paths
        .iter()
        .map(|t| crate::picked::resolve(t, "ingest").map(|p| (t, p)))
        .collect::<Result<Vec<_>>>()?;
    let mut store = state.store()?;
    let given = application.as_deref().filter(|a| !a.trim().is_empty());
    Ok(files
        .into_iter()
        .map(|(t, p)| match std::fs::read(&p) {
            Ok(bytes) => store.ingest(t, &bytes, given, false),
            Err(e) => {
                let mut r = store.ingest(t, b"", given, true);
                r.error = Some(format!("cannot read {}: {e}", crate::picked::file_name(&p)));
                r
            }
        })
        .collect())
}

/// Records pasted text (an iCalendar object) like a file.
#[tauri::command]
pub async fn ingest_text(state: State<'_, AppState>, text: String, application: Option<String>) -> Result<IngestReport> {
    let mut store = state.store()?;
    let given = application.as_deref().filter(|a| !a.trim().is_empty());
    Ok(store.ingest("pasted invitation", text.as_bytes(), given, false))
}

/// "Add from a file…": a native open dialog for invitations and emails.
/// The chosen files' tokens (picked.rs), or none when cancelled.
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
        .map(|p| crate::picked::register(p).file)
        .collect())
}
