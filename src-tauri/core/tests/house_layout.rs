//! House rule (DESIGN §3): no source file over 500 lines. A file that grows
//! past it holds more than one job and splits by job, named after what it
//! holds. Tests don't count: `tests.rs`, `*_tests.rs`, anything in a `tests/`
//! folder, and a file's inline `#[cfg(test)] mod tests { … }` block.
//!
//! Counted: Rust under `src-tauri/**/src/`, JavaScript under `ui/`.

use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 500;

/// Files still being split by issue 12 on other branches. The list can only
/// shrink: a file named here that is no longer over the limit fails the test
/// too, so that its name is taken off. Empty once issue 12 is merged.
const NOT_YET_SPLIT: &[&str] = &[
];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file below `dir` whose name ends in `ext`, skipping test files and
/// `tests/` folders.
fn sources(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if name != "tests" && name != "target" && name != "node_modules" {
                sources(&path, ext, out);
            }
        } else if name.ends_with(ext) && !is_test_file(&name) {
            out.push(path);
        }
    }
}

fn is_test_file(name: &str) -> bool {
    name == "tests.rs" || name.ends_with("_tests.rs") || name.ends_with(".test.js")
}

/// The `src` folders under src-tauri (the app crate's, the core's, and any
/// crate added later).
fn rust_src_dirs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        match entry.file_name().to_str() {
            Some("src") => out.push(path),
            Some("target" | "tests" | "gen") => {}
            _ => rust_src_dirs(&path, out),
        }
    }
}

/// Lines that are not test code: all of them, less an inline
/// `#[cfg(test)] mod tests { … }` block (from its attribute to the `}` that
/// closes it at the same indentation).
fn non_test_lines(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let mut count = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let next = lines.get(i + 1).map(|l| l.trim());
        if line.trim() == "#[cfg(test)]" && next.is_some_and(|n| n.starts_with("mod ") && n.ends_with('{')) {
            let indent = &line[..line.len() - line.trim_start().len()];
            let close = format!("{indent}}}");
            match lines[i + 2..].iter().position(|l| *l == close) {
                Some(end) => i += 2 + end + 1,
                None => i = lines.len(),
            }
            continue;
        }
        count += 1;
        i += 1;
    }
    count
}

/// `(path, non-test lines)` of each file over the limit, paths from the repo root.
fn over_the_limit(files: &[PathBuf]) -> Vec<(String, usize)> {
    let root = repo_root().canonicalize().unwrap_or_else(|_| repo_root());
    let mut long = Vec::new();
    for path in files {
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let n = non_test_lines(&text);
        if n > MAX_LINES {
            let shown = path.canonicalize().unwrap_or_else(|_| path.clone());
            let shown = shown.strip_prefix(&root).unwrap_or(&shown).display().to_string();
            long.push((shown, n));
        }
    }
    long.sort();
    long
}

#[test]
fn no_source_file_is_over_500_lines() {
    let root = repo_root();
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    rust_src_dirs(&root.join("src-tauri"), &mut dirs);
    assert!(dirs.len() >= 2, "expected the app's and the core's src folders, found {dirs:?}");
    for dir in &dirs {
        sources(dir, ".rs", &mut files);
    }
    let rust = files.len();
    sources(&root.join("ui"), ".js", &mut files);
    assert!(rust > 20 && files.len() > rust + 10, "too few files found: {rust} Rust, {} JS", files.len() - rust);
    let long = over_the_limit(&files);
    let new: Vec<String> = long
        .iter()
        .filter(|(path, _)| !NOT_YET_SPLIT.contains(&path.as_str()))
        .map(|(path, n)| format!("{path}: {n} lines"))
        .collect();
    assert!(
        new.is_empty(),
        "{} source file(s) over {MAX_LINES} lines (not counting tests); split each by job:\n  {}",
        new.len(),
        new.join("\n  ")
    );
    let split: Vec<&&str> = NOT_YET_SPLIT.iter().filter(|p| !long.iter().any(|(path, _)| path == **p)).collect();
    assert!(split.is_empty(), "no longer over {MAX_LINES} lines, take them off NOT_YET_SPLIT: {split:?}");
}

#[test]
fn inline_test_blocks_are_not_counted() {
    let text = "fn a() {}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn t() {\n    }\n}\n";
    assert_eq!(non_test_lines(text), 2);
    // A `mod tests;` line pointing at tests.rs is counted like any line.
    assert_eq!(non_test_lines("fn a() {}\n#[cfg(test)]\nmod tests;\n"), 3);
    // A nested test module ends at the brace of its own indentation.
    let nested = "mod x {\n    #[cfg(test)]\n    mod tests {\n        fn t() {\n        }\n    }\n    fn after() {}\n}\n";
    assert_eq!(non_test_lines(nested), 3);
}
