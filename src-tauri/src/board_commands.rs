//! Commands of the board's application detail panel: read one application
//! with all its facts, edit it, its contacts, interviews and received
//! replies, and list earlier applications to a company (the duplicate
//! warning). Thin, like commands.rs: clean the input in the core, lock the
//! store, call one store function.

use crate::commands::lock;
use crate::AppState;
use afterview_core::edit::{ApplicationEdit, ContactInput, InterviewInput, ReplyInput};
use afterview_core::model::Application;
use afterview_core::store::facts::ApplicationDetail;
use afterview_core::store::Card;
use afterview_core::Result;
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
pub fn application_detail(state: State<AppState>, id: String) -> Result<DetailView> {
    let store = lock(&state)?;
    let now = state.clock.now();
    Ok(DetailView { detail: store.application_detail(&id, now)?, now })
}

#[tauri::command]
pub fn applications_to(state: State<AppState>, company: String) -> Result<Vec<Application>> {
    lock(&state)?.applications_to(&company)
}

#[tauri::command]
pub fn update_application(state: State<AppState>, id: String, edit: ApplicationEdit) -> Result<Card> {
    let mut store = lock(&state)?;
    let now = state.clock.now();
    let clean = edit.clean(now.with_timezone(&store.zone()).date_naive())?;
    store.update_application(&id, &clean, now)
}

#[tauri::command]
pub fn save_contact(state: State<AppState>, application_id: String, contact: ContactInput) -> Result<String> {
    let clean = contact.clean()?;
    lock(&state)?.save_contact(&application_id, &clean)
}

#[tauri::command]
pub fn delete_contact(state: State<AppState>, application_id: String, contact_id: String) -> Result<()> {
    lock(&state)?.delete_contact(&application_id, &contact_id)
}

#[tauri::command]
pub fn save_interview(state: State<AppState>, application_id: String, interview: InterviewInput) -> Result<String> {
    let mut store = lock(&state)?;
    let clean = interview.clean(store.zone())?;
    store.save_interview(&application_id, &clean)
}

#[tauri::command]
pub fn delete_interview(state: State<AppState>, application_id: String, interview_id: String) -> Result<()> {
    lock(&state)?.delete_interview(&application_id, &interview_id)
}

#[tauri::command]
pub fn log_reply(state: State<AppState>, application_id: String, reply: ReplyInput) -> Result<()> {
    let mut store = lock(&state)?;
    let clean = reply.clean(store.zone(), state.clock.now())?;
    store.log_reply(&application_id, &clean)
}
