//! Desktop notifications through notify-rust (the freedesktop D-Bus
//! service), behind the small [`Notifier`] trait so that the scheduler is
//! tested with a recording notifier.
//!
//! Two facts shape this file:
//! - notify-rust (zbus) blocks forever when the server owns the bus name but
//!   does not answer (measured: a dunst stopped with SIGSTOP). So every call
//!   runs on a thread of its own and the caller waits at most [`TIMEOUT`].
//!   While such a call is stuck, further ones are refused at once (rather
//!   than piling up threads), and when it finally returns, `on_recovered`
//!   wakes the scheduler to deliver what was held back.
//! - A notification whose handle is dropped at once may never show on GNOME
//!   46+ (notify-rust#218). The thread that showed it keeps the handle and
//!   waits for the user's action or the close, which is also how Open,
//!   Snooze 1 hour and Done come back.

use afterview_core::delivery::Reminder;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a call to the notification server may take before the caller
/// gives up waiting (the call itself carries on in its thread).
pub const TIMEOUT: Duration = Duration::from_secs(5);

/// What the user picked on a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Bring the window forward on that follow-up (or on Today for a group).
    Open,
    Snooze,
    Done,
}

pub type ActionHandler = Box<dyn FnOnce(Action) + Send + 'static>;

/// How a notification went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// The server took it.
    Shown,
    /// The request went out but the server did not answer in time (it is
    /// hung or stopped); it will show it if it ever resumes, so it is not
    /// sent again.
    Unconfirmed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotifyError {
    /// No session bus, or no notification server on it.
    Unavailable(String),
    /// An earlier call is still stuck in a server that does not answer: not
    /// tried, so that it can be tried again when the server is back.
    NotAnswering,
}

pub trait Notifier: Send + Sync + 'static {
    /// Shows `reminder`; `on_action` runs (on some thread) if the user picks
    /// one of its actions.
    fn show(&self, reminder: &Reminder, on_action: ActionHandler) -> Result<Sent, NotifyError>;
    /// Checks that a notification server is there and answers.
    fn probe(&self) -> Result<(), NotifyError>;
}

/// The real thing: notify-rust on the session bus.
pub struct DesktopNotifier {
    icon: Option<PathBuf>,
    /// Set while a call has outlived [`TIMEOUT`].
    stuck: Arc<AtomicBool>,
    on_recovered: Arc<dyn Fn() + Send + Sync>,
    /// Whether the server supports actions, once known.
    actions: Arc<Mutex<Option<bool>>>,
}

impl DesktopNotifier {
    pub fn new(icon: Option<PathBuf>, on_recovered: Arc<dyn Fn() + Send + Sync>) -> DesktopNotifier {
        DesktopNotifier { icon, stuck: Arc::new(AtomicBool::new(false)), on_recovered, actions: Arc::new(Mutex::new(None)) }
    }

    /// Runs `work` on a thread of its own and waits at most [`TIMEOUT`] for
    /// it; `then` runs on that thread with the result, however long it took.
    fn off_thread<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, String> + Send + 'static,
        then: impl FnOnce(T) + Send + 'static,
    ) -> Result<Sent, NotifyError> {
        if self.stuck.load(Ordering::SeqCst) {
            return Err(NotifyError::NotAnswering);
        }
        let call = Arc::new(Mutex::new(Call::Waiting));
        let (tx, rx) = mpsc::channel::<Result<(), String>>();
        let (stuck, on_recovered, call2) = (self.stuck.clone(), self.on_recovered.clone(), call.clone());
        let spawned = std::thread::Builder::new().name("afterview-notify".into()).spawn(move || {
            let result = work();
            // Report, unless the caller gave up waiting: then this is the
            // moment the server came back.
            let abandoned = {
                let mut c = call2.lock().unwrap_or_else(|p| p.into_inner());
                let abandoned = *c == Call::Abandoned;
                *c = Call::Answered;
                abandoned
            };
            let value = match result {
                Ok(v) => {
                    let _ = tx.send(Ok(()));
                    Some(v)
                }
                Err(e) => {
                    let _ = tx.send(Err(e));
                    None
                }
            };
            if abandoned {
                stuck.store(false, Ordering::SeqCst);
                on_recovered();
            }
            if let Some(v) = value {
                then(v);
            }
        });
        if let Err(e) = spawned {
            return Err(NotifyError::Unavailable(format!("cannot start a thread: {e}")));
        }
        match rx.recv_timeout(TIMEOUT) {
            Ok(Ok(())) => Ok(Sent::Shown),
            Ok(Err(e)) => Err(NotifyError::Unavailable(e)),
            Err(RecvTimeoutError::Disconnected) => Err(NotifyError::Unavailable("the notification thread ended".into())),
            Err(RecvTimeoutError::Timeout) => {
                let mut c = call.lock().unwrap_or_else(|p| p.into_inner());
                if *c == Call::Answered {
                    // It answered between the timeout and this lock.
                    drop(c);
                    return match rx.try_recv() {
                        Ok(Ok(())) => Ok(Sent::Shown),
                        Ok(Err(e)) => Err(NotifyError::Unavailable(e)),
                        Err(_) => Ok(Sent::Unconfirmed),
                    };
                }
                *c = Call::Abandoned;
                self.stuck.store(true, Ordering::SeqCst);
                Ok(Sent::Unconfirmed)
            }
        }
    }
}

/// Per call: did the caller stop waiting before the answer came?
#[derive(PartialEq)]
enum Call {
    Waiting,
    Answered,
    Abandoned,
}

impl Notifier for DesktopNotifier {
    fn show(&self, r: &Reminder, on_action: ActionHandler) -> Result<Sent, NotifyError> {
        let (summary, body, group) = (r.summary.clone(), r.body.clone(), r.is_group());
        let (icon, actions) = (self.icon.clone(), self.actions.clone());
        self.off_thread(
            move || show_blocking(&summary, &body, group, icon.as_deref(), &actions),
            // Keep the handle alive until the user acts or it closes.
            move |handle: notify_rust::NotificationHandle| {
                let mut on_action = Some(on_action);
                handle.wait_for_action(|id| {
                    let picked = match id {
                        "default" | "open" => Some(Action::Open),
                        "snooze" => Some(Action::Snooze),
                        "done" => Some(Action::Done),
                        _ => None, // "__closed": expired or dismissed
                    };
                    if let (Some(a), Some(f)) = (picked, on_action.take()) {
                        f(a);
                    }
                });
            },
        )
    }

    fn probe(&self) -> Result<(), NotifyError> {
        let actions = self.actions.clone();
        let sent = self.off_thread(
            move || {
                let caps = notify_rust::get_capabilities().map_err(|e| e.to_string())?;
                *actions.lock().unwrap_or_else(|p| p.into_inner()) = Some(caps.iter().any(|c| c == "actions"));
                Ok(())
            },
            |()| {},
        )?;
        match sent {
            Sent::Shown => Ok(()),
            Sent::Unconfirmed => Err(NotifyError::NotAnswering),
        }
    }
}

/// Whether the notification server parses markup in the body (asked once).
static BODY_MARKUP: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Escapes the three characters the notification markup gives meaning to.
fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

fn show_blocking(
    summary: &str,
    body: &str,
    group: bool,
    icon: Option<&std::path::Path>,
    actions: &Mutex<Option<bool>>,
) -> Result<notify_rust::NotificationHandle, String> {
    let known = *actions.lock().unwrap_or_else(|p| p.into_inner());
    let supports_actions = match (known, BODY_MARKUP.get()) {
        (Some(k), Some(_)) => k,
        _ => {
            let caps = notify_rust::get_capabilities().map_err(|e| e.to_string())?;
            let k = caps.iter().any(|c| c == "actions");
            let _ = BODY_MARKUP.set(caps.iter().any(|c| c == "body-markup"));
            *actions.lock().unwrap_or_else(|p| p.into_inner()) = Some(k);
            k
        }
    };
    // A server with "body-markup" reads the body as markup: a company named
    // `<img src=x>` must show as text, so escape it there (and only there:
    // elsewhere the entities would show literally). The summary is plain
    // text by the specification.
    let body = if BODY_MARKUP.get().copied().unwrap_or(false) { escape_markup(body) } else { body.to_owned() };
    let mut n = notify_rust::Notification::new();
    n.appname("Afterview").summary(summary).body(&body);
    if let Some(icon) = icon.and_then(|p| p.to_str()) {
        n.icon(icon);
    }
    if supports_actions {
        // "default" is what a click on the notification itself sends, and
        // servers with a menu (dunst) list it: a second "open" action showed
        // "Open" twice there.
        n.action("default", "Open");
        if !group {
            n.action("snooze", "Snooze 1 hour");
            n.action("done", "Done");
        }
    }
    n.show().map_err(|e| e.to_string())
}

/// The app icon as a file the notification server can read: the PNG built
/// into the binary, written once under the user's cache folder.
pub fn icon_file() -> Option<PathBuf> {
    const PNG: &[u8] = include_bytes!("../../icons/128x128.png");
    let dir = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?
        .join("afterview");
    let path = dir.join("afterview-128.png");
    if std::fs::read(&path).ok().as_deref() != Some(PNG) {
        std::fs::create_dir_all(&dir).ok()?;
        std::fs::write(&path, PNG).ok()?;
    }
    Some(path)
}

#[cfg(test)]
mod markup_tests {
    use super::escape_markup;

    #[test]
    fn markup_in_names_is_escaped_for_the_body() {
        assert_eq!(
            escape_markup("Thank <img src=x onerror=alert(1)> & co"),
            "Thank &lt;img src=x onerror=alert(1)&gt; &amp; co"
        );
        assert_eq!(escape_markup("Dana Reyes (Acme)"), "Dana Reyes (Acme)");
    }
}
