//! The start-up mark for the benchmark (tests/bench/run.mjs): the UI calls
//! `bench_mark` once its first board has been painted (ui/bench.js), and with
//! `AFTERVIEW_BENCH=1` this prints `AFTERVIEW_READY <ms since run()>` on
//! stdout, where the benchmark waits for it. The empty baseline app
//! (tests/baseline) prints the same line the same way, so both start-up
//! times end at the same kind of mark. Without the variable it does nothing:
//! normal runs print nothing and pay one no-op call.
//!
//! Where the time goes is printed beside it, on one line,
//! `AFTERVIEW_PHASES name=ms …`: the backend's own steps (`phase`) and the
//! page's (`performance.now()` values sent with the mark, put on the same
//! clock by the instant of the call).

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();
static MARKED: AtomicBool = AtomicBool::new(false);
static PHASES: Mutex<Vec<(&'static str, f64)>> = Mutex::new(Vec::new());

fn elapsed_ms() -> f64 {
    STARTED.get().map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0)
}

/// Notes when the app started (called first thing in `run`).
pub fn started() {
    STARTED.get_or_init(Instant::now);
}

/// Notes that a start-up step ended now (a few bytes; printed only with the mark).
pub fn phase(name: &'static str) {
    if let Ok(mut p) = PHASES.lock() {
        if p.len() < 32 && !p.iter().any(|(n, _)| *n == name) {
            p.push((name, elapsed_ms()));
        }
    }
}

/// `page`: the page's own steps, `[name, performance.now()]`, the last one
/// taken just before this call.
#[tauri::command]
pub fn bench_mark(page: Option<Vec<(String, f64)>>) {
    // Only the first paint counts: a reload of the page must not print again.
    if std::env::var_os("AFTERVIEW_BENCH").is_none() || MARKED.swap(true, Ordering::SeqCst) {
        return;
    }
    let ms = elapsed_ms();
    let mut line = String::from("AFTERVIEW_PHASES");
    if let Ok(p) = PHASES.lock() {
        for (name, at) in p.iter() {
            line.push_str(&format!(" {name}={at:.1}"));
        }
    }
    let page = page.unwrap_or_default();
    if let Some((_, last)) = page.last() {
        let offset = ms - last;
        for (name, at) in &page {
            let name: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(32).collect();
            line.push_str(&format!(" {name}={:.1}", at + offset));
        }
    }
    eprintln!("{line}");
    let mut out = std::io::stdout().lock();
    // A closed stdout must not take the window down with it.
    let _ = writeln!(out, "AFTERVIEW_READY {ms:.1}");
    let _ = out.flush();
}
