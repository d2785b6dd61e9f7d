//! House rule (DESIGN §3, issue 12): the store is the only place that speaks
//! SQL. This test walks the non-test Rust sources of the core
//! (`src-tauri/core/src`) and of the app (`src-tauri/src`) and fails, naming
//! file and line, on any use of `rusqlite` or any SQL string outside
//! `src-tauri/core/src/store/`.
//!
//! Not walked: test code (files named `tests.rs` or `*_tests.rs`, folders
//! named `tests`, and a `#[cfg(test)] mod … { … }` block that ends a file),
//! the benchmarks (`core/benches/`: they fill and time the store through its
//! API, and `benches/insights.rs` also times SQLite alone on the store's
//! queries, through a connection of its own to the bench file) and the
//! `fuzz/` crate (it calls `afterview_core::fuzzing`, which is walked).
//!
//! Found: the name `rusqlite` in code, a call of one of rusqlite's
//! connection methods ([`METHODS`], `.conn()` included), and SQL strings.
//! An SQL string is a string literal (raw or not) whose first word is one of
//! [`KEYWORDS`] (case-insensitive) followed by what SQL puts there, or one
//! that holds `SELECT` and ` FROM ` (a statement built with `format!`).
//! Comments are not read: a comment may name SQLite or rusqlite.

mod support;

use std::path::Path;
use support::{is_test_file, rust_files};

/// What SQL puts after each keyword that starts a statement: a string is
/// SQL when its first word is the keyword and what follows matches (so
/// "Drop off a thank-you note", an iCalendar "BEGIN" and "Select a file"
/// are prose, "DROP TABLE x" and "select id from t" are SQL).
const KEYWORDS: &[(&str, Next)] = &[
    ("SELECT", Next::Select),
    ("INSERT", Next::Word(&["INTO", "OR"])),
    ("UPDATE", Next::Then("SET")),
    ("DELETE", Next::Word(&["FROM"])),
    ("CREATE", Next::Word(&["TABLE", "INDEX", "UNIQUE", "TRIGGER", "VIEW", "TEMP", "TEMPORARY", "VIRTUAL"])),
    ("PRAGMA", Next::Ident),
    ("WITH", Next::Then("AS")),
    ("ALTER", Next::Word(&["TABLE"])),
    ("DROP", Next::Word(&["TABLE", "INDEX", "TRIGGER", "VIEW"])),
    ("BEGIN", Next::Word(&["TRANSACTION", "IMMEDIATE", "EXCLUSIVE", "DEFERRED"])),
];

/// rusqlite's connection and statement methods: called outside the store,
/// they are SQL spoken through a connection the store handed out.
const METHODS: &[&str] = &[
    "conn",
    "pragma_query_value",
    "pragma_query",
    "pragma_update",
    "pragma_update_and_check",
    "query_row",
    "query_map",
    "prepare_cached",
    "execute_batch",
    "transaction_with_behavior",
    "last_insert_rowid",
];

#[derive(Clone, Copy)]
enum Next {
    /// A column list: a number, `*`, `?`, a quote, a call (`count(`), or
    /// any text that goes on with ` FROM `.
    Select,
    /// One of these words.
    Word(&'static [&'static str]),
    /// An identifier, then this word (`UPDATE t SET`, `WITH x AS`; also
    /// `WITH RECURSIVE`).
    Then(&'static str),
    /// An identifier (`PRAGMA user_version`).
    Ident,
}

/// One thing the rule forbids: where, and what.
#[derive(Debug)]
struct Finding {
    line: usize,
    what: String,
}

fn is_sql(text: &str) -> bool {
    let upper = text.trim_start().to_ascii_uppercase();
    let mut words = upper.split_whitespace();
    let first = words.next().unwrap_or_default();
    let second = words.next().unwrap_or_default();
    let third = words.next().unwrap_or_default();
    let is_ident = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || "_.{}".contains(c));
    let starts = KEYWORDS.iter().any(|(k, next)| {
        first == *k
            && match next {
                Next::Select => {
                    upper.contains(" FROM ")
                        || second.starts_with(|c: char| c.is_ascii_digit() || "*?'{".contains(c))
                        || second.contains('(')
                }
                Next::Word(w) => w.contains(&second),
                Next::Then(w) => (is_ident(second) && third == *w) || (*k == "WITH" && second == "RECURSIVE"),
                Next::Ident => is_ident(second.split(['=', '(', ';']).next().unwrap_or_default()),
            }
    });
    // A statement built in pieces: its SELECT and FROM as the house writes them.
    starts || (text.contains("SELECT") && text.contains(" FROM "))
}

/// The source without its trailing test module: everything from a
/// `#[cfg(test)]` line followed by `mod NAME {` on.
fn without_test_module(src: &str) -> &str {
    let lines: Vec<(usize, &str)> = src
        .split_inclusive('\n')
        .scan(0, |at, l| {
            let start = *at;
            *at += l.len();
            Some((start, l))
        })
        .collect();
    for (i, (start, l)) in lines.iter().enumerate() {
        if l.trim() != "#[cfg(test)]" {
            continue;
        }
        let next = lines[i + 1..].iter().map(|(_, l)| l.trim()).find(|l| !l.is_empty());
        if next.is_some_and(|n| {
            let n = n.strip_prefix("pub ").unwrap_or(n);
            n.starts_with("mod ") && n.ends_with('{')
        }) {
            return &src[..*start];
        }
    }
    src
}

/// Reads Rust source just far enough to tell code, comments, string
/// literals and char literals apart; returns the findings.
fn scan(src: &str) -> Vec<Finding> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    // Advances over `n` bytes, counting lines.
    macro_rules! skip {
        ($to:expr) => {{
            let to = ($to).min(b.len());
            line += b[i..to].iter().filter(|&&c| c == b'\n').count();
            i = to;
        }};
    }
    while i < b.len() {
        let c = b[i];
        let prev_ident = i > 0 && ident(b[i - 1]);
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            let end = src[i..].find('\n').map_or(b.len(), |e| i + e);
            skip!(end);
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let mut depth = 0;
            let mut j = i;
            while j < b.len() {
                if b[j] == b'/' && b.get(j + 1) == Some(&b'*') {
                    depth += 1;
                    j += 2;
                } else if b[j] == b'*' && b.get(j + 1) == Some(&b'/') {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            skip!(j);
        } else if !prev_ident && (c == b'r' || (c == b'b' && b.get(i + 1) == Some(&b'r'))) && {
            let k = if c == b'b' { i + 2 } else { i + 1 };
            let hashes = b[k..].iter().take_while(|&&h| h == b'#').count();
            b.get(k + hashes) == Some(&b'"')
        } {
            // A raw string: r"…", r#"…"#, br"…".
            let k = if c == b'b' { i + 2 } else { i + 1 };
            let hashes = b[k..].iter().take_while(|&&h| h == b'#').count();
            let body = k + hashes + 1;
            let close = format!("\"{}", "#".repeat(hashes));
            let end = src[body..].find(&close).map_or(b.len(), |e| body + e);
            if is_sql(&src[body..end]) {
                out.push(Finding { line, what: format!("an SQL string: {:?}", first_line(&src[body..end])) });
            }
            skip!(end + close.len());
        } else if c == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            let body = &src[i + 1..j.min(b.len())];
            if is_sql(body) {
                out.push(Finding { line, what: format!("an SQL string: {:?}", first_line(body)) });
            }
            skip!(j + 1);
        } else if c == b'\'' {
            // A char literal ('x', '\n', '\u{1F600}', 'é') or a lifetime ('a).
            let rest = &src[i + 1..];
            if rest.starts_with('\\') {
                let end = rest[1..].find('\'').map_or(b.len(), |e| i + 1 + 1 + e + 1);
                skip!(end);
            } else if let Some(ch) = rest.chars().next() {
                if rest[ch.len_utf8()..].starts_with('\'') {
                    skip!(i + 1 + ch.len_utf8() + 1);
                } else {
                    skip!(i + 1);
                }
            } else {
                skip!(i + 1);
            }
        } else if !prev_ident && (c.is_ascii_alphabetic() || c == b'_') {
            let end = b[i..].iter().position(|&n| !ident(n)).map_or(b.len(), |e| i + e);
            let word = &src[i..end];
            let called = b.get(end) == Some(&b'(');
            let method = i > 0 && b[i - 1] == b'.' && called;
            if word == "rusqlite" {
                out.push(Finding { line, what: "uses rusqlite".into() });
            } else if method && METHODS.contains(&word) {
                out.push(Finding { line, what: format!("calls rusqlite's {word}()") });
            }
            skip!(end);
        } else {
            skip!(i + 1);
        }
    }
    out
}

fn first_line(s: &str) -> String {
    let l = s.trim_start().lines().next().unwrap_or_default();
    l.chars().take(60).collect()
}

#[test]
fn only_the_store_speaks_sql() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = core.parent().expect("src-tauri");
    let store = core.join("src").join("store");
    let mut files = Vec::new();
    rust_files(&core.join("src"), &mut files);
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 50, "the walk found only {} files", files.len());
    let mut problems = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(root).unwrap_or(f);
        if f.starts_with(&store) || is_test_file(rel) {
            continue;
        }
        let src = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for x in scan(without_test_module(&src)) {
            problems.push(format!("src-tauri/{}:{}: {}", rel.display(), x.line, x.what));
        }
    }
    assert!(
        problems.is_empty(),
        "SQL outside src-tauri/core/src/store/ (move it into the store, behind a Store method):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_scanner_tells_sql_from_comments_and_prose() {
    let src = "use rusqlite::Connection; // rusqlite in a comment\n\
               /* \"SELECT 1\" in a block comment */\n\
               let a = \"select id from t\";\n\
               let b = r#\"  PRAGMA data_version\"#; s.conn().pragma_query_value(None, \"x\", |r| r.get(0));\n\
               let c = \"Select a file\"; let d = 'x'; fn f<'a>(_: &'a str) {}\n\
               let e = [\"Drop off a note\", \"BEGIN\", \"With {}.\", \"delete\", \"count(*) FROM t\"];\n\
               let g = [\"a SELECT x FROM t\", \"UPDATE applications SET x = 1\", \"DELETE FROM t\", \"SELECT count(*)\"];\n";
    let found: Vec<(usize, String)> = scan(src).into_iter().map(|f| (f.line, f.what)).collect();
    let want: Vec<(usize, String)> = [
        (1, "uses rusqlite"),
        (3, "an SQL string: \"select id from t\""),
        (4, "an SQL string: \"PRAGMA data_version\""),
        (4, "calls rusqlite's conn()"),
        (4, "calls rusqlite's pragma_query_value()"),
        (7, "an SQL string: \"a SELECT x FROM t\""),
        (7, "an SQL string: \"UPDATE applications SET x = 1\""),
        (7, "an SQL string: \"DELETE FROM t\""),
        (7, "an SQL string: \"SELECT count(*)\""),
    ]
    .into_iter()
    .map(|(l, w)| (l, w.to_owned()))
    .collect();
    assert_eq!(found, want);
    let with_tests = "fn a() {}\n#[cfg(test)]\nmod tests {\n    const Q: &str = \"SELECT 1\";\n}\n";
    assert_eq!(without_test_module(with_tests), "fn a() {}\n");
}
