//! The start-up mark for the benchmark (tests/bench/run.mjs): the UI calls
//! `bench_mark` once its first board has been painted (ui/bench.js), and with
//! `AFTERVIEW_BENCH=1` this prints `AFTERVIEW_READY <ms since run()>` on
//! stdout, where the benchmark waits for it. The empty baseline app
//! (tests/baseline) prints the same line the same way, so both start-up
//! times end at the same kind of mark. Without the variable it does nothing:
//! normal runs print nothing and pay one no-op call.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();
static MARKED: AtomicBool = AtomicBool::new(false);

/// Notes when the app started (called first thing in `run`).
pub fn started() {
    STARTED.get_or_init(Instant::now);
}

#[tauri::command]
pub fn bench_mark() {
    // Only the first paint counts: a reload of the page must not print again.
    if std::env::var_os("AFTERVIEW_BENCH").is_none() || MARKED.swap(true, Ordering::SeqCst) {
        return;
    }
    let ms = STARTED.get().map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0);
    let mut out = std::io::stdout().lock();
    // A closed stdout must not take the window down with it.
    let _ = writeln!(out, "AFTERVIEW_READY {ms:.1}");
    let _ = out.flush();
}
