//! The files the user chose (issue 15): the page never names a path. A
//! native dialog opened from Rust, or a drop on the window, puts the path it
//! gave here and hands the page an opaque token, `chosen:<hex>/<file name>`
//! (the name only to show, and for the UI's by-extension checks); every
//! command that reads or writes a file takes such a token back.
//!
//! A raw path from the page is refused, so a script in the webview cannot
//! read `/etc/shadow` or replace `~/.bashrc`. Only a build with the cargo
//! feature `test-paths` (`./dev.sh test` builds the end-to-end binary with
//! it: WebDriver cannot drive a GTK file dialog) also takes absolute paths.

use afterview_core::{Error, Result};
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use tauri::{AppHandle, Emitter, Window, WindowEvent};
use tauri_plugin_dialog::DialogExt;

/// Whether this build takes raw paths from the page (end-to-end tests only).
pub const RAW_PATHS: bool = cfg!(feature = "test-paths");

static CHOSEN: Mutex<Option<HashMap<String, PathBuf>>> = Mutex::new(None);
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A file the user chose, as the page sees it.
#[derive(Serialize, Clone, Debug)]
pub struct FileRef {
    /// The token to pass back to commands.
    pub file: String,
    /// The file's name, to show.
    pub name: String,
}

pub fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// The file a command reads: the one behind the token `path` when the page
/// passed one (see [`resolve`]), else one the user picks in a native open
/// dialog showing `filter` (a name and its extensions); `None` when the
/// dialog was cancelled. With it, a fresh token for the page.
pub async fn given_or_picked(
    app: &AppHandle,
    path: Option<String>,
    field: &str,
    filter: (&str, &[&str]),
) -> Result<Option<(String, PathBuf)>> {
    let path = match path.filter(|p| !p.trim().is_empty()) {
        Some(t) => resolve(&t, field)?,
        None => {
            let chooser = app.dialog().file().add_filter(filter.0, filter.1);
            let picked = tauri::async_runtime::spawn_blocking(move || chooser.blocking_pick_file())
                .await
                .map_err(|e| Error::Io(e.to_string()))?;
            match picked.and_then(|p| p.into_path().ok()) {
                Some(p) => p,
                None => return Ok(None),
            }
        }
    };
    Ok(Some((register(path.clone()).file, path)))
}

/// An import of the file `name` refused for `e`, in one line beside the
/// button (`field`), the file named.
pub fn cannot_import(field: &str, name: &str, e: Error) -> Error {
    let msg = e.to_string();
    Error::invalid(field, format!("Cannot import {name}: {}.", msg.trim_end_matches('.')))
}

/// Remembers `path` (chosen in a native dialog or dropped by the user) and
/// returns its token. The token is unguessable: 64 random bits (the
/// process's random hash keys) plus a counter.
pub fn register(path: PathBuf) -> FileRef {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(n);
    let name = file_name(&path).replace('/', "_");
    let file = format!("chosen:{:016x}{n:x}/{name}", h.finish());
    CHOSEN.lock().unwrap_or_else(|p| p.into_inner()).get_or_insert_with(HashMap::new).insert(file.clone(), path);
    FileRef { file, name }
}

/// The path behind `arg`, a token from [`register`]; in a `test-paths`
/// build an absolute path is also taken. Anything else is refused, with
/// `field` the place the message is shown.
pub fn resolve(arg: &str, field: &str) -> Result<PathBuf> {
    resolve_with(arg, field, RAW_PATHS)
}

fn resolve_with(arg: &str, field: &str, raw_paths: bool) -> Result<PathBuf> {
    if let Some(p) = CHOSEN.lock().unwrap_or_else(|p| p.into_inner()).as_ref().and_then(|m| m.get(arg)) {
        return Ok(p.clone());
    }
    if raw_paths && Path::new(arg).is_absolute() {
        return Ok(PathBuf::from(arg));
    }
    Err(refusal(field))
}

fn refusal(field: &str) -> Error {
    Error::invalid(
        field,
        "Afterview only opens and writes files you chose in its own file dialog or dropped on its window; choose the file again.",
    )
}

/// Where a save goes when the page passed `path`: refused unless this is a
/// `test-paths` build (there the test's path replaces the save dialog).
/// `None`: no path given, the caller opens the save dialog.
pub fn save_target(path: Option<String>, field: &str) -> Result<Option<PathBuf>> {
    save_target_with(path, field, RAW_PATHS)
}

fn save_target_with(path: Option<String>, field: &str, raw_paths: bool) -> Result<Option<PathBuf>> {
    match path.filter(|p| !p.trim().is_empty()) {
        None => Ok(None),
        Some(p) if raw_paths && Path::new(&p).is_absolute() => Ok(Some(PathBuf::from(p))),
        Some(_) => Err(refusal(field)),
    }
}

/// What the page gets of a drop on the window: tokens, never paths.
#[derive(Serialize, Clone)]
struct Dropped {
    files: Vec<FileRef>,
    position: tauri::PhysicalPosition<f64>,
}

/// The window's drop of files: each path registered, then `files-dropped`
/// to the page (ui/ingest.js and ui/table-import.js listen to it; the page
/// no longer uses the paths of Tauri's own `tauri://drag-drop`).
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    if let WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, position }) = event {
        let files = paths.iter().cloned().map(register).collect();
        if let Err(e) = window.emit_to(window.label(), "files-dropped", Dropped { files, position: *position }) {
            eprintln!("afterview: cannot hand the dropped files to the window: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raw_path_from_the_page_is_refused_without_the_test_feature() {
        for p in ["/etc/shadow", "/root/.bashrc", "relative/file.json", "chosen:0000/afterview.json"] {
            let e = resolve_with(p, "import", false).unwrap_err();
            assert_eq!(e.kind(), "invalid", "{p}");
            assert!(e.to_string().contains("file dialog"), "{e}");
        }
        assert!(save_target_with(Some("/root/.bashrc".into()), "export", false).is_err());
        assert!(save_target_with(Some("/root/.config/autostart/x.desktop".into()), "export", false).is_err());
        assert_eq!(save_target_with(None, "export", false).unwrap(), None);
    }

    #[test]
    fn a_chosen_file_is_reached_by_its_token_only() {
        let r = register(PathBuf::from("/home/sam/Downloads/afterview-export.json"));
        assert_eq!(r.name, "afterview-export.json");
        assert!(r.file.ends_with("/afterview-export.json") && !r.file.contains("/home"), "{}", r.file);
        assert_eq!(resolve_with(&r.file, "import", false).unwrap(), PathBuf::from("/home/sam/Downloads/afterview-export.json"));
        // Another token, however close, is not it.
        let other = r.file.replacen("chosen:", "chosen:0", 1);
        assert!(resolve_with(&other, "import", false).is_err());
        assert_ne!(register(PathBuf::from("/a/b.json")).file, register(PathBuf::from("/a/b.json")).file);
    }

    #[test]
    fn the_test_build_takes_absolute_paths_only() {
        assert_eq!(resolve_with("/tmp/x.json", "import", true).unwrap(), PathBuf::from("/tmp/x.json"));
        assert!(resolve_with("x.json", "import", true).is_err());
        assert_eq!(save_target_with(Some("/tmp/x.csv".into()), "export", true).unwrap(), Some(PathBuf::from("/tmp/x.csv")));
    }

    /// The build `cargo test -p afterview` makes (no feature) is the shipped one.
    #[cfg(not(feature = "test-paths"))]
    #[test]
    fn the_default_build_refuses_raw_paths() {
        assert!(!RAW_PATHS);
        assert!(resolve("/etc/shadow", "import").is_err());
        assert!(save_target(Some("/root/.bashrc".into()), "export").is_err());
    }
}
