//! Reminders that fire with the window closed: wires the scheduler thread,
//! the desktop notifier, the tray, single instance, start at login and a
//! clean exit on SIGTERM into the app, and holds the commands the UI uses
//! for them.
//!
//! Events for the UI (ui/reminders.js listens):
//! - `reminders-status` ([`Status`]): notifications working or not, what is
//!   due (the in-app banner when notifications are unavailable);
//! - `reminder-open` (`{key}`): a notification's Open: show that follow-up;
//! - `followups-changed`: Snooze or Done from a notification changed data.

use crate::notify::{self, Action, DesktopNotifier};
use crate::scheduler::{self, OnAction, Scheduler, Status};
use crate::tray::{self, Tray};
use crate::AppState;
use afterview_core::snooze::Snooze;
use afterview_core::{Error, Result};
use serde::Serialize;
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Emitter, Manager, Runtime, State, WindowEvent};
use tauri_plugin_autostart::ManagerExt;

/// Passed by the login autostart entry: start in the tray, window hidden.
pub const HIDDEN_ARG: &str = "--hidden";

pub struct Reminders<R: Runtime> {
    pub scheduler: Scheduler,
    status: Mutex<Status>,
    tray: Option<Tray<R>>,
}

/// The plugins, registered before anything else: single-instance must come
/// first so that a second launch hands over before it opens a window or
/// starts a second scheduler. (The CLI subcommands never get here: main.rs
/// dispatches them before the GUI is built.)
pub fn plugins<R: Runtime>(b: tauri::Builder<R>) -> tauri::Builder<R> {
    b.plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| show_window(app, None)))
        .plugin(tauri_plugin_autostart::Builder::new().args([HIDDEN_ARG]).build())
}

/// Brings the main window forward; with `key`, on that follow-up.
pub fn show_window<R: Runtime>(app: &AppHandle<R>, key: Option<String>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
    if let Err(e) = app.emit("reminder-open", serde_json::json!({ "key": key })) {
        eprintln!("afterview: {e}");
    }
}

/// Starts everything; called from the builder's `setup`.
pub fn setup<R: Runtime>(app: &mut tauri::App<R>) -> std::result::Result<(), Box<dyn std::error::Error>> {
    let handle = app.handle().clone();
    let sched = Scheduler::default();

    // Every committed write (any command, present or future) wakes the scheduler.
    {
        let state = app.state::<AppState>();
        let mut store = state.store.lock().map_err(|_| "the database lock was poisoned")?;
        let s = sched.clone();
        store.on_commit(move || s.wake())?;
    }

    let tray = match tray::host_available() {
        Ok(()) => match tray::build(&handle, |app| show_window(app, None), quit) {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("afterview: no tray icon: {e}");
                None
            }
        },
        Err(why) => {
            eprintln!("afterview: no tray icon ({why}); closing the window quits");
            None
        }
    };
    let has_tray = tray.is_some();
    app.manage(Reminders { scheduler: sched.clone(), status: Mutex::new(Status::default()), tray });

    if let Some(w) = app.get_webview_window("main") {
        if has_tray {
            // Closing the window keeps the app (and its reminders) in the tray.
            let w2 = w.clone();
            w.on_window_event(move |e| {
                if let WindowEvent::CloseRequested { api, .. } = e {
                    api.prevent_close();
                    let _ = w2.hide();
                }
            });
            if std::env::args().any(|a| a == HIDDEN_ARG) {
                let _ = w.hide();
            }
        }
    }

    // A clean exit when asked (logout, `kill`, Ctrl-C in a terminal).
    let h = handle.clone();
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGHUP,
    ])?;
    std::thread::Builder::new().name("afterview-signals".into()).spawn(move || {
        if let Some(sig) = signals.forever().next() {
            eprintln!("afterview: signal {sig}, quitting");
            quit(&h);
        }
    })?;

    let waker = sched.clone();
    let notifier = DesktopNotifier::new(notify::icon_file(), Arc::new(move || waker.wake()));
    let h = handle.clone();
    let on_action: OnAction = Arc::new(move |key, action| act(&h, key, action));
    let h = handle.clone();
    std::thread::Builder::new().name("afterview-scheduler".into()).spawn(move || {
        let state = h.state::<AppState>();
        scheduler::run(
            sched,
            &state.store,
            Box::new(notifier),
            || state.clock.now(),
            on_action,
            |status| report(&h, status),
        );
    })?;
    Ok(())
}

/// Quits the app: the scheduler first, so that no pass starts on the way out.
pub fn quit<R: Runtime>(app: &AppHandle<R>) {
    if let Some(r) = app.try_state::<Reminders<R>>() {
        r.scheduler.stop();
    }
    app.exit(0);
}

/// A pass's status: to the tray, and to the UI as an event.
fn report<R: Runtime>(app: &AppHandle<R>, status: &Status) {
    let r = app.state::<Reminders<R>>();
    if let Ok(mut s) = r.status.lock() {
        *s = status.clone();
    }
    if let Some(t) = &r.tray {
        t.set_due_today(status.due_today);
    }
    if let Err(e) = app.emit("reminders-status", status) {
        eprintln!("afterview: {e}");
    }
}

/// The user acted on a notification.
fn act<R: Runtime>(app: &AppHandle<R>, key: Option<String>, action: Action) {
    let key = match (action, key) {
        (Action::Open, key) => return show_window(app, key),
        (_, None) => return show_window(app, None),
        (_, Some(k)) => k,
    };
    let state = app.state::<AppState>();
    let now = state.clock.now();
    // The same rules as the window's Done and Snooze (store::actions).
    let result = match state.store.lock() {
        Ok(mut s) => match action {
            Action::Snooze => s.snooze(&key, &Snooze::Hour, now),
            _ => s.complete(&key, now),
        },
        Err(_) => Err(Error::Io("the database lock was poisoned".into())),
    };
    match result {
        Ok(_) => {
            let _ = app.emit("followups-changed", ());
        }
        // Closed in the meantime (done in the window, say): nothing to do.
        Err(e) => eprintln!("afterview: {action:?} from a notification: {e}"),
    }
}

// ----- commands ------------------------------------------------------------

/// Whether desktop notifications work, and what is due (for the banner).
#[tauri::command]
pub fn reminder_status(reminders: State<Reminders<tauri::Wry>>) -> Result<Status> {
    reminders
        .status
        .lock()
        .map(|s| s.clone())
        .map_err(|_| Error::Io("the reminder status is unavailable".into()))
}

#[derive(Serialize)]
pub struct StartAtLogin {
    enabled: bool,
}

#[tauri::command]
pub fn get_start_at_login(app: AppHandle) -> Result<StartAtLogin> {
    let enabled = app
        .autolaunch()
        .is_enabled()
        .map_err(|e| Error::invalid("start_at_login", format!("Could not read the login items: {e}")))?;
    Ok(StartAtLogin { enabled })
}

#[tauri::command]
pub fn set_start_at_login(app: AppHandle, enabled: bool) -> Result<StartAtLogin> {
    let al = app.autolaunch();
    let r = if enabled { al.enable() } else { al.disable() };
    r.map_err(|e| Error::invalid("start_at_login", format!("Could not change the login items: {e}")))?;
    get_start_at_login(app)
}
