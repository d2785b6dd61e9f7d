//! Reminders that fire with the window closed: wires the scheduler thread,
//! the desktop notifier, the tray, single instance, start at login and a
//! clean exit on SIGTERM into the app, and holds the commands the UI uses
//! for them.
//!
//! Events for the UI (ui/reminders.js listens):
//! - `reminders-status` ([`Status`]): notifications working or not, what is
//!   due (the in-app banner when notifications are unavailable, and the
//!   Today count: the window reads nothing more for it);
//! - `reminder-open` (`{key}`): a notification's Open: show that follow-up;
//! - `followups-changed` (store::actions::Outcome, with the application's
//!   card): Snooze or Done from a notification changed it.

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

/// Passed by the login autostart entry: start in the background, window hidden.
pub const HIDDEN_ARG: &str = "--hidden";
/// Added by a second launch to the arguments it hands over: the database it
/// was asked to open, so that the running one can say it kept its own.
const HANDOVER_DB_ARG: &str = "--handover-db=";
/// tauri-plugin-single-instance's D-Bus name, path and interface (its
/// linux.rs), built from the identifier in tauri.conf.json.
const INSTANCE_NAME: &str = "app.afterview.desktop.SingleInstance";
const INSTANCE_PATH: &str = "/app/afterview/desktop/SingleInstance";
const INSTANCE_IFACE: &str = "org.SingleInstance.DBus";

/// The database this instance opened (for the second launch's message).
static OWN_DB: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

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
    b.plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
        show_window(app, None);
        other_database(app, &argv);
    }))
    .plugin(tauri_plugin_autostart::Builder::new().args([HIDDEN_ARG]).build())
}

/// What [`hand_over`] did.
pub enum HandOver {
    /// No Afterview runs on this session: this one starts.
    First,
    /// The running one showed its window: this one exits.
    Done,
    /// One runs but did not take the launch.
    Failed(String),
}

/// A second launch: asks the running instance (tauri-plugin-single-instance's
/// D-Bus name) to show its window, before this process opens the store,
/// takes a backup or recomputes anything. The plugin makes the same check
/// later, once the app is built; this one runs first so that a second launch
/// touches nothing (issue 15). Without a session bus there is nobody to hand
/// over to.
pub fn hand_over(db: &std::path::Path) -> HandOver {
    let db = absolute(db);
    let _ = OWN_DB.set(db.clone());
    let mut argv: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    argv.push(format!("{HANDOVER_DB_ARG}{}", db.display()));
    let cwd = std::env::current_dir().unwrap_or_default().to_string_lossy().into_owned();
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new().name("afterview-handover".into()).spawn(move || {
        let r = (|| -> std::result::Result<bool, String> {
            let Ok(c) = zbus::blocking::Connection::session() else { return Ok(false) };
            let dbus = zbus::blocking::fdo::DBusProxy::new(&c).map_err(|e| e.to_string())?;
            let name = zbus::names::BusName::try_from(INSTANCE_NAME).map_err(|e| e.to_string())?;
            if !dbus.name_has_owner(name).map_err(|e| e.to_string())? {
                return Ok(false);
            }
            c.call_method(Some(INSTANCE_NAME), INSTANCE_PATH, Some(INSTANCE_IFACE), "ExecuteCallback", &(argv, cwd))
                .map_err(|e| e.to_string())?;
            Ok(true)
        })();
        let _ = tx.send(r);
    });
    if spawned.is_err() {
        return HandOver::First;
    }
    match rx.recv_timeout(std::time::Duration::from_secs(5)) {
        Ok(Ok(true)) => {
            eprintln!("afterview: Afterview is already running: its window is shown");
            HandOver::Done
        }
        Ok(Ok(false)) => HandOver::First,
        Ok(Err(e)) => HandOver::Failed(format!("Afterview is already running but did not take this launch: {e}")),
        Err(_) => HandOver::Failed("Afterview is already running but does not answer; quit it and start again".into()),
    }
}

fn absolute(p: &std::path::Path) -> std::path::PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // The same file under another spelling (a symlinked folder, `..`).
    match (abs.parent().and_then(|d| d.canonicalize().ok()), abs.file_name()) {
        (Some(dir), Some(name)) => dir.join(name),
        _ => abs,
    }
}

/// The second launch asked for another database: this one keeps its own,
/// and says so where the user is looking (the window just shown).
fn other_database<R: Runtime>(app: &AppHandle<R>, argv: &[String]) {
    let Some(asked) = argv.iter().find_map(|a| a.strip_prefix(HANDOVER_DB_ARG)) else { return };
    let Some(own) = OWN_DB.get() else { return };
    if std::path::Path::new(asked) == own.as_path() {
        return;
    }
    use tauri_plugin_dialog::DialogExt;
    eprintln!("afterview: a second launch asked for {asked}; this one keeps {}", own.display());
    app.dialog()
        .message(format!(
            "Afterview is already open on {}.\n\nIt cannot open {asked} at the same time. To switch, quit Afterview \
             (Ctrl+Q, or Quit Afterview in Settings) and start it again with that database.",
            own.display()
        ))
        .title("Afterview is already running")
        .show(|_| {});
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
        let mut store = state.store()?;
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
            eprintln!("afterview: no tray icon ({why}); closing the window keeps Afterview running in the background");
            None
        }
    };
    let has_tray = tray.is_some();
    app.manage(Reminders { scheduler: sched.clone(), status: Mutex::new(Status::default()), tray });

    if let Some(w) = app.get_webview_window("main") {
        // Closing the window keeps the app (and its reminders) running: in
        // the tray where there is one, in the background elsewhere (stock
        // GNOME). Launching it again shows the window (the single-instance
        // callback); Quit in the tray, in Settings or Ctrl+Q ends it.
        let (w2, h2) = (w.clone(), handle.clone());
        w.on_window_event(move |e| {
            if let WindowEvent::CloseRequested { api, .. } = e {
                api.prevent_close();
                let _ = w2.hide();
                if !has_tray {
                    in_background(&h2);
                }
            }
        });
        if std::env::args().any(|a| a == HIDDEN_ARG) {
            let _ = w.hide();
            if !has_tray {
                in_background(&handle);
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
            || state.config.clock.now(),
            on_action,
            |status| report(&h, status),
        );
    })?;
    Ok(())
}

/// The window went away on a desktop without a tray: ask the Background
/// portal to let Afterview run (GNOME then lists it under Background Apps,
/// with a way to stop it), once per run, and say once (ever) that it keeps
/// running and how to quit.
fn in_background<R: Runtime>(app: &AppHandle<R>) {
    static ASKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if ASKED.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let _ = std::thread::Builder::new().name("afterview-background".into()).spawn(|| {
        if let Err(e) = request_background() {
            eprintln!("afterview: background portal: {e}");
        }
    });
    let marker = told_marker();
    if marker.as_ref().is_some_and(|m| m.exists()) {
        return;
    }
    let h = app.clone();
    let _ = std::thread::Builder::new().name("afterview-told".into()).spawn(move || {
        const SUMMARY: &str = "Afterview keeps running to remind you";
        const BODY: &str = "Your follow-up reminders still arrive with the window closed. Start Afterview again \
            to see it; to quit, press Ctrl+Q in its window or use Quit Afterview in Settings.";
        let (tx, rx) = std::sync::mpsc::channel();
        // notify-rust blocks for ever on a hung server: its own thread, a timeout.
        let _ = std::thread::Builder::new().name("afterview-told-notify".into()).spawn(move || {
            let r = notify_rust::Notification::new()
                .appname("Afterview")
                .summary(SUMMARY)
                .body(BODY)
                .show()
                .map(|_| ())
                .map_err(|e| e.to_string());
            let _ = tx.send(r);
        });
        match rx.recv_timeout(notify::TIMEOUT) {
            Ok(Ok(())) => {}
            // No notification server: a dialog says it instead.
            _ => {
                use tauri_plugin_dialog::DialogExt;
                h.dialog().message(BODY).title(SUMMARY).show(|_| {});
            }
        }
        if let Some(m) = marker {
            if let Some(dir) = m.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = std::fs::write(&m, b"");
        }
    });
}

/// Where "said once" is remembered: $XDG_STATE_HOME/afterview/told-background.
fn told_marker() -> Option<std::path::PathBuf> {
    Some(crate::config::xdg_dir("XDG_STATE_HOME", ".local/state")?.join("afterview").join("told-background"))
}

/// org.freedesktop.portal.Background.RequestBackground, where a portal runs
/// (not started on demand: a session without one has nothing to show it).
fn request_background() -> std::result::Result<(), String> {
    use std::collections::HashMap;
    use zbus::zvariant::Value;
    const PORTAL: &str = "org.freedesktop.portal.Desktop";
    let c = zbus::blocking::Connection::session().map_err(|e| e.to_string())?;
    let dbus = zbus::blocking::fdo::DBusProxy::new(&c).map_err(|e| e.to_string())?;
    let name = zbus::names::BusName::try_from(PORTAL).map_err(|e| e.to_string())?;
    if !dbus.name_has_owner(name).map_err(|e| e.to_string())? {
        return Ok(());
    }
    let mut options: HashMap<&str, Value> = HashMap::new();
    options.insert("reason", Value::from("Afterview keeps running to remind you of your follow-ups"));
    options.insert("autostart", Value::from(false));
    c.call_method(Some(PORTAL), "/org/freedesktop/portal/desktop", Some("org.freedesktop.portal.Background"), "RequestBackground", &("", options))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Quit Afterview (Settings' button, Ctrl+Q in the window).
#[tauri::command]
pub fn quit_app(app: AppHandle) {
    quit(&app);
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
    let now = state.config.clock.now();
    // The same rules as the window's Done and Snooze (store::actions).
    let result = state.store().and_then(|mut s| match action {
        Action::Snooze => s.snooze(&key, &Snooze::Hour, now),
        _ => s.complete(&key, now),
    });
    match result {
        // What changed, with the application's card: the window puts it in place.
        Ok(outcome) => {
            let _ = app.emit("followups-changed", outcome);
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
