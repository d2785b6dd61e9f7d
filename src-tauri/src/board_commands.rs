//! Commands of the board's application detail panel: read one application
//! with all its facts, edit it, its contacts, interviews and received
//! replies, and list earlier applications to a company (the duplicate
//! warning). Thin, like commands.rs: clean the input in the core, lock the
//! store, call one store function. Each write to a contact, an interview or
//! a reply answers with the panel as it now is (issue 17: one trip a change,
//! the panel and its card re-rendered from the answer).

use crate::commands::said;
use crate::AppState;
use afterview_core::input::{ApplicationEdit, ContactInput, InterviewInput, ReplyInput};
use afterview_core::model::{Application, Channel};
use afterview_core::store::facts::ApplicationDetail;
use afterview_core::backup::{self, BackupKind};
use afterview_core::store::deletion::DeletionSummary;
use afterview_core::store::{Card, Store};
use afterview_core::{Error, Result};
use chrono::{DateTime, Utc};
use serde::Serialize;
use tauri::State;

/// The detail with the app's "now", so that forms pre-fill the app's time
/// (which tests set through `AFTERVIEW_NOW`), not the webview's.
#[derive(Serialize)]
pub struct DetailView {
    #[serde(flatten)]
    detail: ApplicationDetail,
    now: DateTime<Utc>,
}

#[tauri::command]
pub async fn application_detail(state: State<'_, AppState>, id: String) -> Result<DetailView> {
    panel(&state, &*state.store()?, &id)
}

/// Application `id` as the panel shows it, at the app's now.
fn panel(state: &AppState, store: &Store, id: &str) -> Result<DetailView> {
    let now = state.config.clock.now();
    Ok(DetailView { detail: store.application_detail(id, now)?, now })
}

#[tauri::command]
pub async fn applications_to(state: State<'_, AppState>, company: String) -> Result<Vec<Application>> {
    state.store()?.applications_to(&company)
}

#[tauri::command]
pub async fn update_application(state: State<'_, AppState>, id: String, edit: ApplicationEdit) -> Result<Card> {
    let mut store = state.store()?;
    let now = state.config.clock.now();
    let clean = edit.clean_edit(now.with_timezone(&store.zone()).date_naive())?;
    said(&state, store.update_application(&id, &clean, now))
}

#[tauri::command]
pub async fn save_contact(state: State<'_, AppState>, application_id: String, contact: ContactInput) -> Result<DetailView> {
    let clean = contact.clean()?;
    written(&state, &application_id, |s| s.save_contact(&application_id, &clean))
}

#[tauri::command]
pub async fn delete_contact(state: State<'_, AppState>, application_id: String, contact_id: String) -> Result<DetailView> {
    written(&state, &application_id, |s| s.delete_contact(&application_id, &contact_id))
}

#[tauri::command]
pub async fn log_reply(state: State<'_, AppState>, application_id: String, reply: ReplyInput) -> Result<DetailView> {
    let now = state.config.clock.now();
    written(&state, &application_id, |s| {
        let clean = reply.clean(s.zone(), now)?;
        s.log_reply(&application_id, &clean)
    })
}

#[tauri::command]
pub async fn save_interview(state: State<'_, AppState>, application_id: String, interview: InterviewInput) -> Result<DetailView> {
    let now = state.config.clock.now();
    written(&state, &application_id, |s| {
        let clean = interview.clean(s.zone(), now.with_timezone(&s.zone()).date_naive())?;
        s.save_interview(&application_id, &clean)
    })
}

#[tauri::command]
pub async fn delete_interview(state: State<'_, AppState>, application_id: String, interview_id: String) -> Result<DetailView> {
    written(&state, &application_id, |s| s.delete_interview(&application_id, &interview_id))
}

/// Runs `write` on the store, then answers with the panel of application
/// `id` as it now is.
fn written<T>(state: &AppState, id: &str, write: impl FnOnce(&mut Store) -> Result<T>) -> Result<DetailView> {
    let mut store = state.store()?;
    said(state, write(&mut store))?;
    panel(state, &store, id)
}

/// What deleting an application would take with it (the confirmation names it).
#[tauri::command]
pub async fn deletion_summary(state: State<'_, AppState>, id: String) -> Result<DeletionSummary> {
    state.store()?.deletion_summary(&id)
}

/// Deletes an application entered by mistake, after a backup; the deleted
/// copy is kept (in memory, until the next deletion) for Undo.
#[tauri::command]
pub async fn delete_application(state: State<'_, AppState>, id: String) -> Result<DeletionSummary> {
    let mut store = state.store()?;
    let summary = store.deletion_summary(&id)?;
    let now = state.config.clock.now();
    backup::take(store.path(), BackupKind::BeforeDelete, now, store.zone()).map_err(|e| {
        Error::invalid("delete", format!("Could not back up your data first ({e}): {} was not deleted.", summary.company))
    })?;
    let deleted = said(&state, store.delete(&id))?;
    *state.deleted.lock().map_err(|_| Error::Io("the undo copy is unavailable".into()))? = Some(deleted);
    Ok(summary)
}

/// Undo of the last deletion: the application comes back as it was.
#[tauri::command]
pub async fn undo_delete(state: State<'_, AppState>, id: String) -> Result<Card> {
    let mut kept = state.deleted.lock().map_err(|_| Error::Io("the undo copy is unavailable".into()))?;
    let deleted = kept
        .as_ref()
        .filter(|d| d.record.application.id == id)
        .ok_or_else(|| Error::NotFound("There is nothing to undo for that application any more.".into()))?;
    let card = said(&state, state.store()?.restore_deleted(deleted, state.config.clock.now()))?;
    *kept = None;
    Ok(card)
}

/// Says how a recorded check-in went (e-mail, phone…): Done records it as "other".
#[tauri::command]
pub async fn set_sent_channel(state: State<'_, AppState>, application_id: String, key: String, channel: Channel) -> Result<()> {
    said(&state, state.store()?.set_sent_channel(&application_id, &key, channel))
}
