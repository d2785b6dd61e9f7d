//! House rule (DESIGN §3): the core holds no process concerns. Outside its
//! tests, no code under `src-tauri/core/src` reads a clock (`Utc::now`,
//! `Local::now`, `SystemTime::now`, `Instant::now`), the environment
//! (`std::env::…`, `env::var`, `var_os`) or stdin: "now", the zone, the
//! database path and the input are arguments, resolved by the app crate's
//! config.rs and cli.rs. `env!(…)`, read when compiling, is fine.
//!
//! Test code is skipped: files named `tests.rs` or `*_tests.rs`, folders
//! named `tests`, and the item after a `#[cfg(test)]` line (a `mod tests {…}`
//! block, a helper). The `fuzzing` feature's code is not test code: it is
//! walked like the rest.

mod support;

use std::path::Path;
use support::{is_test_file, rust_files};

/// What the rule forbids, as written in the source.
const FORBIDDEN: [&str; 9] = [
    "Utc::now",
    "Local::now",
    "SystemTime::now",
    "Instant::now",
    "std::env::",
    "env::var",
    "var_os",
    "stdin(",
    "Stdin",
];

/// The exceptions, each with its reason. Matched on the line's text, so
/// that they follow their code if it moves to another file.
const ALLOWED: [(&str, &str); 2] = [
    (
        "let started = Instant::now();",
        "backup's copy_all: a monotonic timer bounding how long it waits on a busy database, not the app's clock",
    ),
    (
        "let deadline = Instant::now() + TIMEOUT;",
        "posting's fetch_page: a monotonic deadline for the HTTP fetch, not the app's clock",
    ),
];

/// The (line number, line) of each forbidden read in `source`'s non-test code.
fn violations(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut lines = source.lines().enumerate().peekable();
    while let Some((i, line)) = lines.next() {
        let code = line.trim();
        if code.starts_with("#[cfg(test)]") {
            // Skip the item it applies to: one line ending in `;`, or up to
            // the brace that closes it.
            let mut depth: i64 = 0;
            let mut opened = false;
            for (_, l) in lines.by_ref() {
                let l = strip_comment(l);
                depth += l.matches('{').count() as i64 - l.matches('}').count() as i64;
                opened |= l.contains('{');
                if (opened && depth <= 0) || (!opened && l.trim_end().ends_with(';')) {
                    break;
                }
            }
            continue;
        }
        let code = strip_comment(line);
        if FORBIDDEN.iter().any(|f| code.contains(f)) && !ALLOWED.iter().any(|(a, _)| code.trim() == *a) {
            found.push((i + 1, line.trim().to_owned()));
        }
    }
    found
}

/// The line without a trailing `//` comment (a doc comment is all comment).
fn strip_comment(line: &str) -> &str {
    match line.find("//") {
        Some(i) if !line[..i].contains('"') => &line[..i],
        _ => line,
    }
}

#[test]
fn the_core_reads_no_clock_environment_or_stdin_outside_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() > 20, "walked {}", root.display());
    let mut bad = Vec::new();
    for f in files.iter().filter(|f| !is_test_file(f.strip_prefix(&root).unwrap())) {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in violations(&text) {
            bad.push(format!("src-tauri/core/src/{}:{n}: {line}", f.strip_prefix(&root).unwrap().display()));
        }
    }
    assert!(
        bad.is_empty(),
        "the core reads a clock, the environment or stdin (pass it in from the app crate's config.rs):\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_walker_finds_reads_and_skips_tests_and_comments() {
    let src = r#"
//! Reads `std::env::var` in a comment: fine.
use chrono::Utc;
pub fn now() -> DateTime<Utc> {
    Utc::now()
}
fn tz() -> Option<String> {
    std::env::var("TZ").ok() // a comment
}
fn dir() { let _ = var_os("TZDIR"); let _ = std::io::stdin(); }
fn version() -> &'static str { env!("CARGO_PKG_VERSION") }
fn timer() {
    let started = Instant::now();
}
#[cfg(test)]
fn helper() -> DateTime<Utc> {
    Utc::now()
}
#[cfg(test)]
mod tests {
    #[test]
    fn t() {
        let _ = std::time::SystemTime::now();
        if true { let _ = Local::now(); }
    }
}
fn after() { let _ = std::time::SystemTime::now(); }
"#;
    let lines: Vec<usize> = violations(src).into_iter().map(|(n, _)| n).collect();
    assert_eq!(lines, vec![5, 8, 10, 27]);
    assert!(is_test_file(Path::new("zone/tests.rs")));
    assert!(is_test_file(Path::new("store/issue15_tests.rs")));
    assert!(is_test_file(Path::new("cadence/tests/r9.rs")));
    assert!(!is_test_file(Path::new("fuzzing.rs")));
}
