//! The empty Tauri 2 app that tests/bench/run.mjs measures Afterview against:
//! one window, one static page, one command. Whatever Afterview costs above
//! this is ours; this much is the webview's.
//!
//! With `AFTERVIEW_BENCH=1`, the page's first paint prints
//! `AFTERVIEW_READY <ms since main>` on stdout, exactly as Afterview does
//! after painting its board (src-tauri/src/bench.rs), so that both start-up
//! times end at the same kind of mark.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();
static MARKED: AtomicBool = AtomicBool::new(false);
static PAGE_LOAD: Mutex<Option<f64>> = Mutex::new(None);

fn elapsed_ms() -> f64 {
    STARTED.get().map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0)
}

/// Also prints `AFTERVIEW_PHASES` on stderr like Afterview's, with the
/// steps both apps share (page load started, page script start, painted).
#[tauri::command]
fn bench_mark(page: Option<Vec<(String, f64)>>) {
    if std::env::var_os("AFTERVIEW_BENCH").is_none() || MARKED.swap(true, Ordering::SeqCst) {
        return;
    }
    let ms = elapsed_ms();
    let mut line = String::from("AFTERVIEW_PHASES");
    if let Some(at) = PAGE_LOAD.lock().ok().and_then(|p| *p) {
        line.push_str(&format!(" page-load-started={at:.1}"));
    }
    let page = page.unwrap_or_default();
    if let Some((_, last)) = page.last() {
        for (name, at) in &page {
            line.push_str(&format!(" {name}={:.1}", at + ms - last));
        }
    }
    eprintln!("{line}");
    let mut out = std::io::stdout().lock();
    // A closed stdout must not take the window down with it.
    let _ = writeln!(out, "AFTERVIEW_READY {ms:.1}");
    let _ = out.flush();
}

fn main() -> std::process::ExitCode {
    STARTED.get_or_init(Instant::now);
    let result = tauri::Builder::default()
        .on_page_load(|_, page| {
            if page.event() == tauri::webview::PageLoadEvent::Started {
                if let Ok(mut p) = PAGE_LOAD.lock() {
                    p.get_or_insert(elapsed_ms());
                }
            }
        })
        .invoke_handler(tauri::generate_handler![bench_mark])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("afterview-baseline: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
