//! The commands the UI invokes (all through ui/api.js). Each one locks the
//! store, calls one core function and returns; no SQL and no rules here.
//! Errors reach the UI as `{kind, message, field}`.

use crate::AppState;
use afterview_core::model::{FollowUp, Settings, Status};
use afterview_core::snooze::{Choices, Snooze};
use afterview_core::store::actions::Outcome;
use afterview_core::store::{Card, Moved};
use afterview_core::validate::NewApplication;
use afterview_core::{format, Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::sync::MutexGuard;
use tauri::State;

pub(crate) fn lock<'a>(state: &'a State<AppState>) -> Result<MutexGuard<'a, afterview_core::store::Store>> {
    state.store.lock().map_err(|_| Error::Io("the database is unavailable after an earlier failure; restart Afterview".into()))
}

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    db_path: String,
    zone: String,
    now: DateTime<Utc>,
}

#[tauri::command]
pub fn app_info(state: State<AppState>) -> Result<AppInfo> {
    let store = lock(&state)?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: store.path().display().to_string(),
        zone: store.zone().name().to_owned(),
        now: state.clock.now(),
    })
}

#[derive(Serialize)]
pub struct Board {
    now: DateTime<Utc>,
    cards: Vec<Card>,
    /// Applications in the whole database, archived ones included.
    total: i64,
    /// The machine's date format (a BCP 47 tag), for every date the UI shows.
    locale: Option<String>,
}

#[tauri::command]
pub fn board(state: State<AppState>, archived: Option<bool>) -> Result<Board> {
    let store = lock(&state)?;
    let now = state.clock.now();
    Ok(Board {
        now,
        cards: store.cards(now, archived.unwrap_or(false))?,
        total: store.application_count()?,
        locale: state.locale.clone(),
    })
}

#[tauri::command]
pub fn add_application(state: State<AppState>, input: NewApplication) -> Result<Card> {
    let clean = input.clean()?;
    let mut store = lock(&state)?;
    store.add_application(&clean, state.clock.now())
}

#[tauri::command]
pub fn move_application(state: State<AppState>, id: String, to: Status, position: Option<f64>) -> Result<Moved> {
    let mut store = lock(&state)?;
    store.move_application(&id, to, position, state.clock.now())
}

#[tauri::command]
pub fn undo_move(state: State<AppState>, id: String, change_id: Option<i64>, to: Status, position: f64) -> Result<Card> {
    let mut store = lock(&state)?;
    store.undo_move(&id, change_id, to, position, state.clock.now())
}

/// One line of the Today view: the follow-up and what to do about it.
#[derive(Serialize)]
pub struct AgendaItem {
    #[serde(flatten)]
    followup: FollowUp,
    action: &'static str,
    due: bool,
}

#[derive(Serialize)]
pub struct Agenda {
    now: DateTime<Utc>,
    zone: String,
    items: Vec<AgendaItem>,
}

#[tauri::command]
pub fn agenda(state: State<AppState>) -> Result<Agenda> {
    let store = lock(&state)?;
    let now = state.clock.now();
    let items = store
        .agenda(now)?
        .into_iter()
        .map(|f| AgendaItem { action: f.kind.action(), due: f.due_at <= now, followup: f })
        .collect();
    Ok(Agenda { now, zone: store.zone().name().to_owned(), items })
}

/// The Today count and the next instant a follow-up falls due: all the UI
/// needs of the agenda while the Today view is not shown. At 5,000
/// applications the whole agenda is ~1.5 MB of JSON; this is a few bytes.
#[derive(Serialize)]
pub struct AgendaSummary {
    now: DateTime<Utc>,
    due: usize,
    next_due_at: Option<DateTime<Utc>>,
}

#[tauri::command]
pub fn agenda_summary(state: State<AppState>) -> Result<AgendaSummary> {
    let store = lock(&state)?;
    let now = state.clock.now();
    let (due, next_due_at) = store.agenda_summary(now)?;
    Ok(AgendaSummary { now, due, next_due_at })
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decided {
    Done,
    Skipped,
}

/// Done or Skip (store::actions has the rules); the answer says what changed.
#[tauri::command]
pub fn decide(state: State<AppState>, key: String, decision: Decided) -> Result<Outcome> {
    let mut store = lock(&state)?;
    let now = state.clock.now();
    match decision {
        Decided::Done => store.complete(&key, now),
        Decided::Skipped => store.skip(&key, now),
    }
}

/// Undo of a Done, Skip, Snooze or Mark as sent.
#[tauri::command]
pub fn undo_followup(state: State<AppState>, key: String, message_id: Option<i64>) -> Result<Outcome> {
    lock(&state)?.undo(&key, message_id, state.clock.now())
}

/// The snooze choices that postpone this follow-up (a snooze never brings one forward).
#[tauri::command]
pub fn snooze_choices(state: State<AppState>, key: String) -> Result<Choices> {
    lock(&state)?.snooze_choices(&key, state.clock.now())
}

#[tauri::command]
pub fn snooze(state: State<AppState>, key: String, until: Snooze) -> Result<Outcome> {
    lock(&state)?.snooze(&key, &until, state.clock.now())
}

#[tauri::command]
pub fn get_settings(state: State<AppState>) -> Result<Settings> {
    lock(&state)?.settings()
}

#[tauri::command]
pub fn save_settings(state: State<AppState>, settings: Settings) -> Result<Settings> {
    let mut store = lock(&state)?;
    store.set_settings(&settings)?;
    store.settings()
}

/// Loads the sample job search shipped with the app, into an empty database only.
#[tauri::command]
pub fn load_sample(state: State<AppState>) -> Result<usize> {
    let mut store = lock(&state)?;
    if store.application_count()? > 0 {
        return Err(Error::invalid("sample", "The sample can only be loaded into an empty board."));
    }
    let now = state.clock.now();
    let doc = format::sample_document(now.with_timezone(&store.zone()).date_naive())?;
    store.insert_records(&doc.applications, Some(&doc.settings), now)?;
    Ok(doc.applications.len())
}
