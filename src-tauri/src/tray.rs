//! The tray icon: Open, how many follow-ups are due today, Quit.
//!
//! Only built where a tray host is there to show it: a StatusNotifier
//! watcher on the session bus (KDE, XFCE, GNOME with the AppIndicator
//! extension, …) and the appindicator library loadable. Without a host,
//! closing the window keeps the app running in the background instead
//! (reminders.rs): launching it again shows the window, Ctrl+Q or Settings'
//! Quit ends it. libappindicator panics when its library is
//! missing, and the release profile aborts on panic, so it is looked for
//! first rather than caught.

use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Runtime};

pub struct Tray<R: Runtime> {
    due: MenuItem<R>,
}

impl<R: Runtime> Tray<R> {
    pub fn set_due_today(&self, n: usize) {
        let text = match n {
            0 => "Nothing due today".to_owned(),
            1 => "1 follow-up due today".to_owned(),
            n => format!("{n} follow-ups due today"),
        };
        if let Err(e) = self.due.set_text(text) {
            eprintln!("afterview: tray: {e}");
        }
    }
}

/// Is anything on this desktop able to show a tray icon?
pub fn host_available() -> Result<(), String> {
    // SAFETY: loading a system library by its soname runs its initialisers,
    // which is exactly what libappindicator itself does moments later.
    let lib = ["libayatana-appindicator3.so.1", "libappindicator3.so.1"]
        .iter()
        .any(|name| unsafe { libloading::Library::new(name) }.is_ok());
    if !lib {
        return Err("the appindicator library is not installed".into());
    }
    // Ask the bus on a thread of its own: a session bus that does not answer
    // must not delay the window.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("afterview-tray-probe".into())
        .spawn(move || {
            let r = (|| -> Result<bool, String> {
                let c = zbus::blocking::Connection::session().map_err(|e| e.to_string())?;
                let dbus = zbus::blocking::fdo::DBusProxy::new(&c).map_err(|e| e.to_string())?;
                let name = zbus::names::BusName::try_from("org.kde.StatusNotifierWatcher").map_err(|e| e.to_string())?;
                dbus.name_has_owner(name).map_err(|e| e.to_string())
            })();
            let _ = tx.send(r);
        })
        .map_err(|e| e.to_string())?;
    match rx.recv_timeout(std::time::Duration::from_secs(2)) {
        Ok(Ok(true)) => Ok(()),
        Ok(Ok(false)) => Err("no tray host (StatusNotifier watcher) on the session bus".into()),
        Ok(Err(e)) => Err(format!("no session bus ({e})")),
        Err(_) => Err("the session bus does not answer".into()),
    }
}

/// Builds the tray; `open` and `quit` run from its menu.
pub fn build<R: Runtime>(
    app: &AppHandle<R>,
    open: impl Fn(&AppHandle<R>) + Send + Sync + 'static,
    quit: impl Fn(&AppHandle<R>) + Send + Sync + 'static,
) -> tauri::Result<Tray<R>> {
    let open_item = MenuItem::with_id(app, "open", "Open Afterview", true, None::<&str>)?;
    let due = MenuItem::with_id(app, "due", "Nothing due today", true, None::<&str>)?;
    let quit_item = MenuItem::with_id(app, "quit", "Quit Afterview", true, None::<&str>)?;
    let sep = PredefinedMenuItem::separator(app)?;
    let menu = Menu::with_items(app, &[&open_item, &due, &sep, &quit_item])?;
    let mut b = TrayIconBuilder::with_id("afterview").menu(&menu).tooltip("Afterview");
    if let Some(icon) = app.default_window_icon() {
        b = b.icon(icon.clone());
    }
    b.on_menu_event(move |app, e| match e.id.as_ref() {
        "open" | "due" => open(app),
        "quit" => quit(app),
        _ => {}
    })
    .build(app)?;
    Ok(Tray { due })
}
