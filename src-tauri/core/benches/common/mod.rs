//! What the benchmarks share: the generated application's own row, and
//! timing a query over several runs.

use afterview_core::model::{Application, Status};
use chrono::{DateTime, Utc};
use std::time::Instant;

/// Application `id`, the `i`th generated: "Engineer" at "Company {i}", with
/// no link, place, source or notes.
pub fn application(id: String, i: usize, status: Status, applied_at: DateTime<Utc>) -> Application {
    Application {
        id,
        company: format!("Company {i}"),
        role: "Engineer".into(),
        status,
        applied_at: Some(applied_at),
        job_url: None,
        location: None,
        source: None,
        notes: String::new(),
    }
}

/// Runs `f` `runs` times and prints its median, min and max in ms, with the
/// count it returned (`what`: "follow-ups", "applied"…).
pub fn measure(name: &str, runs: usize, what: &str, mut f: impl FnMut() -> usize) {
    let mut times: Vec<f64> = Vec::with_capacity(runs);
    let mut n = 0;
    for _ in 0..runs {
        let t = Instant::now();
        n = std::hint::black_box(f());
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{name:<58} median {:>9.3} ms   min {:>9.3}   max {:>9.3}   ({n} {what}, {runs} runs)",
        times[runs / 2],
        times[0],
        times[runs - 1]
    );
}
