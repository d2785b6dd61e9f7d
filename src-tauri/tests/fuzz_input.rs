//! Property tests without a framework: thousands of mutated import documents,
//! form inputs and command lines, generated from a fixed seed (replay one
//! with AFTERVIEW_FUZZ_SEED=<n>). Whatever the input: no panic; either it is
//! accepted, or it is refused with a one-line message and nothing is written.

use afterview_core::format::{self, ImportMode, SAMPLE_JSON};
use afterview_core::store::Store;
use afterview_core::input::NewApplication;
use chrono::{TimeZone, Utc};
#[allow(non_upper_case_globals)]
const Berlin: afterview_core::zone::Tz = afterview_core::zone::Tz::named("Europe/Berlin");

#[path = "../core/src/fuzzing/rng.rs"]
mod rng;
use rng::Rng;

fn seed() -> u64 {
    std::env::var("AFTERVIEW_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_cafe_f00d_0001)
}

const ODD: &[&str] = &[
    "", " ", "\"", "\\", "null", "true", "-1", "1e309", "0", "[]", "{}", "\"x\"", "\u{0}", "é", "👋🏽",
    "2026-02-30", "2026-11-26T25:00:00Z", "<img src=x onerror=alert(1)>", "applied", "rejected",
    "\"check_in:a1:2026-13-01\"", "\"interviewing\"", "99", "\"yes\"", "\"not_asked\"",
];

/// One random edit of `text`, on characters (so the result stays UTF-8).
fn mutate(rng: &mut Rng, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len());
    let mut out: Vec<char> = chars.clone();
    match rng.below(6) {
        0 => out.truncate(at),
        1 => {
            out.remove(at.min(out.len().saturating_sub(1)));
        }
        2 => {
            let c = char::from_u32(32 + rng.below(95) as u32).unwrap_or('x');
            let i = at.min(out.len() - 1);
            out[i] = c;
        }
        3 => {
            // Replace the value after a random colon with an odd token.
            if let Some(colon) = chars[at..].iter().position(|&c| c == ':').map(|p| p + at) {
                let end = chars[colon + 1..]
                    .iter()
                    .position(|&c| c == ',' || c == '}' || c == ']')
                    .map_or(chars.len(), |p| p + colon + 1);
                let odd: Vec<char> = ODD[rng.below(ODD.len())].chars().collect();
                out.splice(colon + 1..end, odd);
            }
        }
        4 => {
            let len = rng.below(40);
            let slice: Vec<char> = chars[at..(at + len).min(chars.len())].to_vec();
            let to = rng.below(out.len());
            out.splice(to..to, slice);
        }
        _ => {
            let odd: Vec<char> = ODD[rng.below(ODD.len())].chars().collect();
            out.splice(at..at, odd);
        }
    }
    out.into_iter().collect()
}

#[test]
fn mutated_documents_are_imported_whole_or_refused_with_nothing_written() {
    let mut rng = Rng(seed());
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap();
    let (mut accepted, mut refused) = (0, 0);
    for round in 0..1500 {
        let mut text = SAMPLE_JSON.to_owned();
        for _ in 0..1 + rng.below(3) {
            text = mutate(&mut rng, &text);
        }
        match format::parse(&text) {
            Err(e) => {
                refused += 1;
                let msg = e.to_string();
                assert!(!msg.is_empty() && !msg.contains('\n'), "round {round}: message {msg:?}");
            }
            Ok(doc) => {
                let mut store = Store::open_in_memory(Berlin).unwrap();
                match format::import(&mut store, &doc, ImportMode::Empty, now) {
                    Ok(_) => {
                        accepted += 1;
                        assert!(store.verify_followups().unwrap(), "round {round}");
                    }
                    Err(e) => {
                        refused += 1;
                        assert!(!e.to_string().contains('\n'), "round {round}: {e}");
                        assert_eq!(store.application_count().unwrap(), 0, "round {round}: refused but wrote");
                    }
                }
            }
        }
    }
    // Both outcomes must occur, or the mutations test nothing.
    assert!(accepted > 50 && refused > 50, "accepted {accepted}, refused {refused}");
}

#[test]
fn form_input_never_panics_and_names_a_field_when_refused() {
    let mut rng = Rng(seed() ^ 0xff);
    let pick = |rng: &mut Rng| -> String {
        let mut s = String::new();
        for _ in 0..rng.below(4) {
            s.push_str(ODD[rng.below(ODD.len())]);
        }
        if rng.below(5) == 0 {
            s.push_str(&"x".repeat(rng.below(400)));
        }
        s
    };
    for _ in 0..3000 {
        let input = NewApplication {
            company: pick(&mut rng),
            role: pick(&mut rng),
            job_url: Some(pick(&mut rng)),
            location: Some(pick(&mut rng)),
            source: Some(pick(&mut rng)),
            notes: Some(pick(&mut rng)),
            status: None,
            applied_on: Some(pick(&mut rng)),
        };
        if let Err(e) = input.clean() {
            assert!(e.field().is_some(), "{e}");
        }
    }
}

#[test]
fn random_command_lines_never_panic_and_refuse_in_one_line() {
    let mut rng = Rng(seed() ^ 0xabc);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("afterview.db");
    let words = [
        "agenda", "export", "import", "settings", "--json", "--now", "--db", "--merge", "--sample", "-",
        "--checkin-cadence-days", "6", "7", "abc", "--quiet-hours", "25:00-08:00", "21:00-08:00",
        "--physical-note-default", "maybe", "--pre-interview-minutes", "-5", "2026-11-26T10:00:00Z", "nonsense",
    ];
    for _ in 0..400 {
        let mut args: Vec<String> = vec![["agenda", "settings", "export", "import"][rng.below(4)].to_owned()];
        for _ in 0..rng.below(5) {
            args.push(words[rng.below(words.len())].to_owned());
        }
        // Never read stdin or write outside the temp dir.
        if args.iter().any(|a| a == "-") || args[0] != "agenda" && args[0] != "settings" {
            continue;
        }
        args.push("--db".into());
        args.push(db.display().to_string());
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = afterview_lib::cli::run(&args, &mut out, &mut err);
        let err = String::from_utf8_lossy(&err);
        if code == 1 {
            assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        }
    }
    // A refused cadence never reached the database.
    let store = Store::open(&db, Berlin).unwrap();
    assert!(store.settings().unwrap().checkin_cadence_days >= 7);
}
