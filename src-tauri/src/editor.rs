//! Commands of the note editor (ui/editor.js, through ui/api.js): open a
//! follow-up's draft, autosave it, mark it sent, edit the templates, and
//! hand a message to the user's own mail client, browser or clipboard.
//!
//! Thin, like commands.rs: each one locks the store and calls one core
//! function. The opener and the clipboard are used from here rather than
//! from JavaScript, so the webview needs no plugin permission at all and a
//! URL is checked before the system sees it. The clipboard is GTK's own
//! (the toolkit the window already runs on, X11 or Wayland): no second
//! clipboard stack (arboard with its X11, Wayland and image crates) in the
//! binary.

use crate::commands::said;
use crate::AppState;
use afterview_core::model::Kind;
use afterview_core::note::NoteOptions;
use afterview_core::store::actions::Outcome;
use afterview_core::store::templates::{Compose, TemplateEntry};
use afterview_core::templates::Template;
use afterview_core::{Error, Result};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

/// What the editor shows for the follow-up `key`.
#[tauri::command]
pub async fn compose(state: State<'_, AppState>, key: String) -> Result<Compose> {
    state.store()?.compose(&key, state.config.clock.now())
}

/// Autosave: the editor's subject and body as the follow-up's draft, or
/// `None` to go back to the template.
#[tauri::command]
pub async fn save_draft(state: State<'_, AppState>, key: String, draft: Option<Template>) -> Result<()> {
    let mut store = state.store()?;
    said(&state, store.save_draft(&key, draft.as_ref(), state.config.clock.now()))
}

/// Records the message as sent now; the follow-up closes.
#[tauri::command]
pub async fn mark_sent(state: State<'_, AppState>, key: String, draft: Template, early_ok: Option<bool>) -> Result<Outcome> {
    let mut store = state.store()?;
    said(&state, store.mark_sent(&key, &draft, early_ok.unwrap_or(false), state.config.clock.now()))
}

#[tauri::command]
pub async fn save_note_options(state: State<'_, AppState>, key: String, options: NoteOptions) -> Result<NoteOptions> {
    let mut store = state.store()?;
    said(&state, store.set_note_options(&key, &options, state.config.clock.now()))
}

#[tauri::command]
pub async fn list_templates(state: State<'_, AppState>) -> Result<Vec<TemplateEntry>> {
    state.store()?.templates()
}

#[tauri::command]
pub async fn save_template(state: State<'_, AppState>, kind: Kind, template: Template) -> Result<Template> {
    said(&state, state.store()?.set_template(kind, &template))
}

#[tauri::command]
pub async fn reset_template(state: State<'_, AppState>, kind: Kind) -> Result<Template> {
    said(&state, state.store()?.reset_template(kind))
}

/// The user's name, signed under every message ("Your name" in Settings).
#[tauri::command]
pub async fn get_your_name(state: State<'_, AppState>) -> Result<Option<String>> {
    state.store()?.your_name()
}

#[tauri::command]
pub async fn set_your_name(state: State<'_, AppState>, name: String) -> Result<Option<String>> {
    said(&state, state.store()?.set_your_name(&name))
}

/// Longest URL handed to the system: far above a long email in a mailto:,
/// well below what a command line may carry.
const MAX_URL: usize = 64 * 1024;

/// Only what the editor needs leaves the app: a mailto: for the mail client,
/// or a web page (a LinkedIn profile) for the browser. Never a file, a
/// script or another scheme a crafted contact URL could name.
pub fn check_external(url: &str) -> Result<&str> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let allowed = lower.starts_with("mailto:") || lower.starts_with("https://") || lower.starts_with("http://");
    if !allowed || url.len() > MAX_URL || url.chars().any(char::is_control) {
        return Err(Error::invalid("url", "Afterview only opens email drafts (mailto:) and web pages (https://)."));
    }
    Ok(url)
}

/// What the user reads when the system could not open `url`: what is
/// missing and what to do instead, never the URL itself (a whole encoded
/// message) or the opener's exit status.
pub fn open_failed(url: &str) -> Error {
    let message = if url.trim_start().to_ascii_lowercase().starts_with("mailto:") {
        "No mail app is set up: copy it instead."
    } else {
        "No web browser is set up: copy the address instead."
    };
    Error::Io(message.into())
}

#[tauri::command]
pub fn open_external(app: AppHandle, url: String) -> Result<()> {
    let url = check_external(&url)?;
    app.opener().open_url(url, None::<&str>).map_err(|e| {
        // The details are for a bug report, on stderr; the user gets what to do.
        eprintln!("afterview: opening a {} link failed: {e}", url.split(':').next().unwrap_or(""));
        open_failed(url)
    })
}

#[tauri::command]
pub fn copy_text(app: AppHandle, text: String) -> Result<()> {
    // GTK objects live on the main thread; the command may not run there.
    app.run_on_main_thread(move || {
        #[cfg(target_os = "linux")]
        {
            let clipboard = gtk::Clipboard::get(&gtk::gdk::SELECTION_CLIPBOARD);
            clipboard.set_text(&text);
            // Offer it to a clipboard manager, so that it outlives the app.
            clipboard.store();
        }
        #[cfg(not(target_os = "linux"))]
        let _ = text;
    })
    .map_err(|e| Error::Io(format!("Could not copy to the clipboard: {e}")))
}

#[cfg(test)]
mod tests {
    use super::check_external;

    #[test]
    fn a_failed_open_says_what_is_missing_without_the_url() {
        let mail = super::open_failed("mailto:dana@acme.example?subject=Thank%20you&body=Dear%20Dana%2C%0D%0A").to_string();
        assert_eq!(mail, "No mail app is set up: copy it instead.");
        let web = super::open_failed("https://acme.example/jobs/1").to_string();
        assert_eq!(web, "No web browser is set up: copy the address instead.");
        for m in [mail, web] {
            assert!(!m.contains("%20") && !m.contains("ExitStatus") && !m.contains("acme"), "{m}");
        }
    }

    #[test]
    fn only_mail_and_web_urls_leave_the_app() {
        for ok in ["mailto:dana@acme.example?subject=Hi", "https://www.linkedin.com/in/dana", "MAILTO:x@y.z"] {
            assert!(check_external(ok).is_ok(), "{ok}");
        }
        for bad in ["file:///etc/passwd", "javascript:alert(1)", "/usr/bin/xterm", "smb://host/share", "https://x\n.example", ""] {
            assert!(check_external(bad).is_err(), "{bad}");
        }
    }
}
