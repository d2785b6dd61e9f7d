//! The commands the UI invokes (all through ui/api.js). Each one takes the
//! store ([`AppState::store`]), calls the core and returns its answer; no
//! SQL here, and the rules are the core's (the agenda view: agenda.rs; the
//! snooze choices and their checks: snooze.rs and store::actions).
//! Errors reach the UI as `{kind, message, field}`.
//!
//! Every command that touches the store is `async` (issue 15): Tauri runs it
//! on its async runtime, not on the GTK main thread, so a long import or
//! restore holding the store, or a busy database, leaves the window
//! responsive; only the commands that need GTK (the clipboard, printing)
//! run on the main thread.

use crate::AppState;
use afterview_core::agenda::Agenda;
use afterview_core::model::{Settings, Status};
use afterview_core::snooze::{Choices, Snooze};
use afterview_core::store::actions::Outcome;
use afterview_core::store::{After, Card, Choice, Column, Moved};
use afterview_core::input::NewApplication;
use afterview_core::{format, Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tauri::State;

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    db_path: String,
    zone: String,
    /// Why `zone` is not the one asked for or the system's (config.rs).
    zone_warning: Option<String>,
    now: DateTime<Utc>,
    /// Every status and follow-up label the UI shows (ui/labels.js).
    labels: afterview_core::labels::Labels,
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo> {
    let store = state.store()?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        db_path: store.path().display().to_string(),
        zone: store.zone().name().to_owned(),
        zone_warning: state.config.zone_warning.clone(),
        now: state.config.clock.now(),
        labels: afterview_core::labels::labels(),
    })
}

/// Cards per column in a read of the board when the page does not say (as
/// ui/board.js PAGE: what a column shows on a 900 px window), and the most it may ask for.
const PAGE: u32 = 8;
const MOST: u32 = 200;

fn page_size(limit: Option<u32>) -> u32 {
    limit.unwrap_or(PAGE).clamp(1, MOST)
}

#[derive(Serialize)]
pub struct Board {
    now: DateTime<Utc>,
    /// The five columns: their counts and first cards (store/pages.rs).
    columns: Vec<Column>,
    /// Applications in the whole database, archived ones included.
    total: i64,
    /// The machine's date format (a BCP 47 tag), for every date the UI shows.
    locale: Option<String>,
}

/// The board: each column's counts and its first `limit` cards matching `query` (issue 17).
#[tauri::command]
pub async fn board(state: State<'_, AppState>, query: Option<String>, limit: Option<u32>) -> Result<Board> {
    let store = state.store()?;
    let now = state.config.clock.now();
    Ok(Board {
        now,
        columns: store.board_columns(now, query.as_deref().unwrap_or(""), page_size(limit))?,
        total: store.application_count()?,
        locale: state.locale.clone(),
    })
}

/// A page of a column the UI asks for: the cards of `status` matching
/// `query` after `after` (from the top without it), at most `limit`.
#[derive(Deserialize)]
pub struct PageOf {
    status: Status,
    query: Option<String>,
    after: Option<After>,
    limit: Option<u32>,
}

/// The next cards of a column, with its counts.
#[tauri::command]
pub async fn board_column(state: State<'_, AppState>, page: PageOf) -> Result<Column> {
    let store = state.store()?;
    let now = state.config.clock.now();
    store.column_page(now, page.status, page.query.as_deref().unwrap_or(""), page.after.as_ref(), page_size(page.limit))
}

#[derive(Serialize)]
pub struct Archive {
    now: DateTime<Utc>,
    cards: Vec<Card>,
}

/// The archived applications (Accepted, Withdrawn, No answer), all of them.
#[tauri::command]
pub async fn archive(state: State<'_, AppState>) -> Result<Archive> {
    let store = state.store()?;
    let now = state.config.clock.now();
    Ok(Archive { now, cards: store.cards(now, true)? })
}

/// Every application, for a list that picks one.
#[tauri::command]
pub async fn application_choices(state: State<'_, AppState>) -> Result<Vec<Choice>> {
    state.store()?.application_choices()
}

#[tauri::command]
pub async fn add_application(state: State<'_, AppState>, input: NewApplication) -> Result<Card> {
    let clean = input.clean()?;
    let mut store = state.store()?;
    said(&state, store.add_application(&clean, state.config.clock.now()))
}

/// Where a dropped card goes: right after card `after`, or at the top without one.
#[derive(Deserialize)]
pub struct Place {
    after: Option<String>,
}

/// Moves a card to `to`: at `place`, or at the end of the column without one.
#[tauri::command]
pub async fn move_application(state: State<'_, AppState>, id: String, to: Status, place: Option<Place>) -> Result<Moved> {
    let mut store = state.store()?;
    let position = match place {
        Some(p) => Some(store.position_after(to, &id, p.after.as_deref())?),
        None => None,
    };
    said(&state, store.move_application(&id, to, position, state.config.clock.now()))
}

#[tauri::command]
pub async fn undo_move(state: State<'_, AppState>, id: String, change_id: Option<i64>, to: Status, position: f64) -> Result<Card> {
    let mut store = state.store()?;
    said(&state, store.undo_move(&id, change_id, to, position, state.config.clock.now()))
}

/// The Today view (afterview_core::agenda, the same view as `afterview agenda`).
#[tauri::command]
pub async fn agenda(state: State<'_, AppState>) -> Result<Agenda> {
    Agenda::of(&*state.store()?, state.config.clock.now())
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
pub async fn agenda_summary(state: State<'_, AppState>) -> Result<AgendaSummary> {
    let store = state.store()?;
    let now = state.config.clock.now();
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
pub async fn decide(state: State<'_, AppState>, key: String, decision: Decided) -> Result<Outcome> {
    let mut store = state.store()?;
    let now = state.config.clock.now();
    said(&state, match decision {
        Decided::Done => store.complete(&key, now),
        Decided::Skipped => store.skip(&key, now),
    })
}

/// Undo of a Done, Skip, Snooze or Mark as sent.
#[tauri::command]
pub async fn undo_followup(state: State<'_, AppState>, key: String, message_id: Option<i64>) -> Result<Outcome> {
    said(&state, state.store()?.undo(&key, message_id, state.config.clock.now()))
}

/// The snooze choices that postpone this follow-up (a snooze never brings one forward).
#[tauri::command]
pub async fn snooze_choices(state: State<'_, AppState>, key: String) -> Result<Choices> {
    state.store()?.snooze_choices(&key, state.config.clock.now())
}

#[tauri::command]
pub async fn snooze(state: State<'_, AppState>, key: String, until: Snooze) -> Result<Outcome> {
    said(&state, state.store()?.snooze(&key, &until, state.config.clock.now()))
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<Settings> {
    state.store()?.settings()
}

#[tauri::command]
pub async fn save_settings(state: State<'_, AppState>, settings: Settings) -> Result<Settings> {
    let mut store = state.store()?;
    said(&state, store.set_settings(&settings))?;
    store.settings()
}

/// Loads the sample job search shipped with the app, into an empty database only.
#[tauri::command]
pub async fn load_sample(state: State<'_, AppState>) -> Result<usize> {
    said(&state, format::load_sample(&mut *state.store()?, state.config.clock.now()))
}

/// A write that failed because of the disk, in the user's words (issue 15):
/// what happened and that nothing was saved, instead of SQLite's "attempt
/// to write a readonly database". `db` is the database file. Other errors
/// are returned unchanged.
pub(crate) fn in_user_words(e: Error, db: &std::path::Path) -> Error {
    if matches!(e, Error::Invalid { .. } | Error::NotFound(_) | Error::TooNew(_) | Error::ReadOnly(_)) {
        return e;
    }
    let dir = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(db);
    let trouble = disk_trouble(&e.to_string()).or_else(|| {
        // SQLite could not create a file beside the database (its journal):
        // read-only only if the folder really refuses a new file.
        let cannot_open = e.to_string().contains("unable to open database file");
        (cannot_open && !afterview_core::private::takes_files(dir)).then_some(Disk::ReadOnly)
    });
    match trouble {
        Some(Disk::Full) => Error::Io(
            "The disk is full: nothing was saved. Free some space, then try again.".into(),
        ),
        Some(Disk::ReadOnly) => {
            Error::Io(format!(
                "The folder {} is read-only: nothing was saved. Make it writable, then try again.",
                dir.display()
            ))
        }
        None => e,
    }
}

/// Why reminders stopped, for the window's banner (issue 15): a pass that
/// cannot record what it shows does not show it, so until the disk takes
/// writes again nothing is notified, and the user must know.
pub(crate) fn reminders_paused(e: &Error, db: &std::path::Path) -> String {
    let dir = db.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(db);
    match disk_trouble(&e.to_string()) {
        Some(Disk::Full) => "Reminders are paused: the disk is full, so Afterview cannot record what it reminds you of. \
             Free some space; reminders resume by themselves within a minute. What is due is in Today."
            .into(),
        Some(Disk::ReadOnly) => format!(
            "Reminders are paused: the folder {} is read-only, so Afterview cannot record what it reminds you of. \
             Make it writable; reminders resume by themselves within a minute. What is due is in Today.",
            dir.display()
        ),
        None if matches!(e, Error::ReadOnly(_)) => format!("Reminders are paused: {e}"),
        None => format!("Reminders are paused: {e}. Afterview tries again every minute; what is due is in Today."),
    }
}

#[derive(Debug, PartialEq)]
pub(crate) enum Disk {
    Full,
    ReadOnly,
}

/// What SQLite or the system says when the disk refuses a write.
pub(crate) fn disk_trouble(message: &str) -> Option<Disk> {
    let m = message.to_ascii_lowercase();
    if m.contains("database or disk is full") || m.contains("no space left") || m.contains("os error 28") {
        Some(Disk::Full)
    } else if m.contains("readonly database") || m.contains("read-only file system") || m.contains("os error 30") {
        Some(Disk::ReadOnly)
    } else {
        None
    }
}

/// The result of a command that writes, its disk failures in the user's words.
pub(crate) fn said<T>(state: &AppState, r: Result<T>) -> Result<T> {
    r.map_err(|e| in_user_words(e, &state.config.db))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disk_that_refuses_a_write_is_said_in_words() {
        let db = std::path::Path::new("/home/sam/.local/share/afterview/afterview.db");
        let ro = in_user_words(Error::Io("database error: attempt to write a readonly database".into()), db);
        assert_eq!(ro.to_string(), "The folder /home/sam/.local/share/afterview is read-only: nothing was saved. Make it writable, then try again.");
        let full = in_user_words(Error::Io("database or disk is full".into()), db);
        assert!(full.to_string().starts_with("The disk is full: nothing was saved."), "{full}");
        assert_eq!(disk_trouble("Could not write x: No space left on device (os error 28)"), Some(Disk::Full));
        assert_eq!(disk_trouble("Read-only file system (os error 30)"), Some(Disk::ReadOnly));
        // Anything else is left as it was.
        let other = in_user_words(Error::invalid("company", "Type the company."), db);
        assert_eq!(other.to_string(), "Type the company.");
        assert_eq!(in_user_words(Error::Io("boom".into()), db).to_string(), "boom");
    }

    #[test]
    fn cannot_open_is_read_only_only_when_the_folder_refuses_files() {
        let err = || Error::Io("database error: unable to open database file".into());
        // A writable folder: SQLite's words are kept (something else is wrong).
        let dir = std::env::temp_dir().join(format!("afterview-words-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("afterview.db");
        assert_eq!(in_user_words(err(), &db).to_string(), "database error: unable to open database file");
        assert!(std::fs::read_dir(&dir).unwrap().next().is_none(), "the probe file was removed");
        // /sys takes no files, for root too (EACCES, or EROFS where it is mounted read-only).
        let sys_db = std::path::Path::new("/sys/afterview.db");
        let said = in_user_words(err(), sys_db).to_string();
        assert!(said.starts_with("The folder /sys is read-only: nothing was saved."), "{said}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn paused_reminders_say_why_and_that_they_resume() {
        let db = std::path::Path::new("/home/sam/.local/share/afterview/afterview.db");
        let full = reminders_paused(&Error::Io("database or disk is full".into()), db);
        assert!(full.starts_with("Reminders are paused: the disk is full"), "{full}");
        let ro = reminders_paused(&Error::Io("attempt to write a readonly database".into()), db);
        assert!(ro.contains("the folder /home/sam/.local/share/afterview is read-only"), "{ro}");
        assert!(ro.contains("resume by themselves"), "{ro}");
        let other = reminders_paused(&Error::Io("boom".into()), db);
        assert_eq!(other, "Reminders are paused: boom. Afterview tries again every minute; what is due is in Today.");
    }
}
