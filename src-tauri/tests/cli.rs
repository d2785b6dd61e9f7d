//! `cli::run` in-process, on real database files. The whole binary runs with
//! TZ=Europe/Berlin and AFTERVIEW_DB pointing into a temporary folder, set
//! once before any test reads them; every other test passes `--db`.

mod support;

use afterview_lib::cli;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use support::{run_cli, Run};

const NOW: &str = "2026-11-26T12:00:00Z";

/// The folder AFTERVIEW_DB points into (kept for the whole run).
fn env() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        std::env::set_var("TZ", "Europe/Berlin");
        std::env::set_var("AFTERVIEW_DB", dir.join("from-env.db"));
        dir
    })
}

fn run(args: &[&str]) -> Run {
    env();
    run_cli(args)
}

fn sample_path() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/sample.json").to_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A database holding the sample, imported through the CLI.
fn sample_db(dir: &Path) -> PathBuf {
    let db = dir.join("a.db");
    let r = run(&["import", &sample_path(), "--db", s(&db)]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        r.out,
        "Imported 8 applications. Settings now come from the file.\n"
    );
    db
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

fn one_line_error(r: &Run) {
    assert_eq!(r.err.lines().count(), 1, "{:?}", r.err);
    assert!(r.err.starts_with("afterview: "), "{:?}", r.err);
}

#[test]
fn agenda_json_has_the_contract_shape_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let r = run(&["agenda", "--json", "--now", NOW, "--db", s(&db)]);
    assert_eq!(r.code, 0, "{}", r.err);
    let v: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["now"], NOW);
    let items = v["followups"].as_array().unwrap();
    assert_eq!(items.len(), 11);
    let mut last = String::new();
    for f in items {
        for k in [
            "key",
            "kind",
            "application_id",
            "company",
            "contact_id",
            "due_at",
            "due",
        ] {
            assert!(f.get(k).is_some(), "{k} missing in {f}");
        }
        let due_at = f["due_at"].as_str().unwrap();
        assert!(due_at.ends_with('Z') && due_at.len() == 20, "{due_at}");
        assert!(due_at >= last.as_str(), "not sorted by due time");
        assert_eq!(f["due"], due_at <= NOW, "{f}");
        assert!(f["key"]
            .as_str()
            .unwrap()
            .starts_with(f["kind"].as_str().unwrap()));
        last = due_at.to_owned();
    }
    assert_eq!(items[0]["key"], "check_in:a3:2026-11-17");
    assert_eq!(items[0]["contact_id"], Value::Null);
    assert_eq!(items[1]["key"], "thank_you_email:i2:c1");
    assert_eq!(items[1]["contact_id"], "c1");
    assert_eq!(items[1]["contact_name"], "Dana Reyes");
    assert_eq!(items[1]["action"], "Send a thank-you email");
    assert_eq!(items.iter().filter(|f| f["due"] == true).count(), 4);

    // A --now with an offset is the same instant, printed in UTC.
    let r2 = run(&[
        "agenda",
        "--json",
        "--now=2026-11-26T13:00:00+01:00",
        "--db",
        s(&db),
    ]);
    assert_eq!(r2.out, r.out);
}

#[test]
fn agenda_text_groups_by_local_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    // --db before the subcommand works too.
    let r = run(&["--db", s(&db), "agenda", "--now", NOW]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        r.out,
        "\
Overdue (3)
  Tue 17 Nov 09:00  Tidewater Logistics: Check in on your application
  Wed 25 Nov 16:30  Northwind Robotics (Dana Reyes): Send a thank-you email
  Wed 25 Nov 16:30  Northwind Robotics (Priya Natarajan): Send a thank-you email

Today (2)
  Thu 26 Nov 09:00  Cobalt Systems: Reply and ask them to keep your CV on file
  Thu 26 Nov 17:00  Northwind Robotics: Drop off a thank-you note (snoozed)

Upcoming (6)
  Fri 27 Nov 09:00  Brightline Studio: Check in on your application
  Tue 01 Dec 14:00  Lumen Health: Prepare for the interview
  Tue 01 Dec 16:00  Lumen Health (Marcus Okafor): Send a thank-you email
  Tue 01 Dec 16:00  Lumen Health (Sofia Lindqvist): Send a thank-you email
  Mon 07 Dec 09:00  Northwind Robotics: Check in on your application
  Tue 15 Dec 09:00  Lumen Health: Check in on your application
"
    );
    // Just after local midnight (00:30 on Friday in Berlin) everything due
    // on Thursday is overdue, and Friday's check-in is today.
    let r = run(&["agenda", "--now", "2026-11-26T23:30:00Z", "--db", s(&db)]);
    assert!(r.out.starts_with("Overdue (5)\n"), "{}", r.out);
    assert!(
        r.out
            .contains("Today (1)\n  Fri 27 Nov 09:00  Brightline Studio"),
        "{}",
        r.out
    );
    assert!(r.out.contains("Upcoming (5)"), "{}", r.out);
}

#[test]
fn empty_agenda_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(&["agenda", "--db", s(&dir.path().join("empty.db"))]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.starts_with("Nothing to follow up."), "{}", r.out);
    let r = run(&[
        "agenda",
        "--json",
        "--now",
        NOW,
        "--db",
        s(&dir.path().join("empty.db")),
    ]);
    let v: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v, serde_json::json!({"now": NOW, "followups": []}));
}

#[test]
fn export_then_import_into_a_fresh_database_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let file = dir.path().join("out.json");
    let r = run(&["export", s(&file), "--db", s(&db)]);
    assert_eq!(
        (r.code, r.out.as_str()),
        (
            0,
            format!("Exported 8 applications to {}.\n", s(&file)).as_str()
        )
    );
    let exported = std::fs::read_to_string(&file).unwrap();
    assert_eq!(exported, std::fs::read_to_string(sample_path()).unwrap());
    // "-" writes the same to stdout.
    assert_eq!(run(&["export", "-", "--db", s(&db)]).out, exported);

    let fresh = dir.path().join("fresh.db");
    assert_eq!(run(&["import", s(&file), "--db", s(&fresh)]).code, 0);
    let agenda = |db: &Path| run(&["agenda", "--json", "--now", NOW, "--db", s(db)]).out;
    assert_eq!(agenda(&db), agenda(&fresh));
    assert_eq!(run(&["export", "-", "--db", s(&fresh)]).out, exported);
}

#[test]
fn import_into_a_non_empty_database_suggests_merge_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let before = bytes(&db);
    let r = run(&["import", &sample_path(), "--db", s(&db)]);
    assert_eq!(r.code, 1);
    one_line_error(&r);
    assert!(
        r.err
            .contains("already holds 8 applications; nothing was imported")
            && r.err.contains("--merge"),
        "{}",
        r.err
    );
    assert!(bytes(&db) == before, "the database changed");
    assert!(!dir.path().join("a.db-wal").exists());

    let r = run(&["import", &sample_path(), "--merge", "--db", s(&db)]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.starts_with("Imported 0 applications; 8 already present (same id) were left unchanged: a1 (Northwind Robotics), a2 (Lumen Health)"), "{}", r.out);
}

#[test]
fn a_refused_file_names_the_application_and_field_and_leaves_the_database_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path());
    let before = bytes(&db);
    let text = std::fs::read_to_string(sample_path())
        .unwrap()
        .replace("\"id\": \"a1\"", "\"id\": \"n1\"")
        .replacen(
            "\"ends_at\": \"2026-11-12T15:00:00Z\"",
            "\"ends_at\": \"2026-11-12T13:00:00Z\"",
            1,
        );
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, text).unwrap();
    let r = run(&["import", s(&bad), "--merge", "--db", s(&db)]);
    assert_eq!(r.code, 1);
    one_line_error(&r);
    assert!(
        r.err.contains("applications[0] (id \"n1\", Northwind Robotics).interviews[0].ends_at: the interview ends before it starts"),
        "{}",
        r.err
    );
    assert!(bytes(&db) == before, "the database changed");

    // Into a database that does not exist yet: it is not created.
    let none = dir.path().join("none.db");
    assert_eq!(run(&["import", s(&bad), "--db", s(&none)]).code, 1);
    assert!(!none.exists());

    // Unreadable and truncated files.
    let r = run(&[
        "import",
        s(&dir.path().join("missing.json")),
        "--db",
        s(&db),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.err.starts_with("afterview: cannot read "), "{}", r.err);
    std::fs::write(&bad, "{\"afterview\": 1, \"applications\": [").unwrap();
    let r = run(&["import", s(&bad), "--db", s(&db)]);
    one_line_error(&r);
    assert!(
        r.err.contains("truncated") && r.err.contains("line 1 column"),
        "{}",
        r.err
    );
    assert!(bytes(&db) == before);
}

#[test]
fn usage_errors_exit_2_with_the_usage() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["export"],
        &["import"],
        &["import", "a.json", "b.json"],
        &["agenda", "--verbose"],
        &["agenda", "--now", "yesterday"],
        &["agenda", "--now"],
        &["agenda", "--db"],
        &["export", "x.json", "--merge"],
        &["settings", "--checkin-cadence-days", "often"],
        &["settings", "--quiet-hours", "9pm-8am"],
        &["settings", "--physical-note-default", "maybe"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.err);
        assert!(r.err.starts_with("afterview: "), "{args:?}: {}", r.err);
        assert!(
            r.err.contains("usage: afterview agenda"),
            "{args:?}: {}",
            r.err
        );
        assert!(r.out.is_empty());
    }
}

#[test]
fn help_and_version() {
    for h in ["help", "--help", "-h"] {
        let r = run(&[h]);
        assert_eq!(r.code, 0);
        assert!(
            r.out.contains("usage: afterview agenda") && r.out.contains("AFTERVIEW_DB"),
            "{}",
            r.out
        );
    }
    assert_eq!(run(&["import", "--help"]).code, 0);
    let r = run(&["--version"]);
    assert_eq!(
        (r.code, r.out.as_str()),
        (0, concat!("afterview ", env!("CARGO_PKG_VERSION"), "\n"))
    );
    for w in [
        "agenda",
        "export",
        "import",
        "settings",
        "help",
        "--help",
        "-h",
        "--version",
    ] {
        assert!(cli::is_subcommand(w), "{w}");
    }
    for w in ["--db", "/tmp/x.db", "", "gui"] {
        assert!(!cli::is_subcommand(w), "{w}");
    }
}

#[test]
fn settings_refuse_a_cadence_below_a_week_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let r = run(&["settings", "--checkin-cadence-days", "6", "--db", s(&db)]);
    assert_eq!(r.code, 1);
    one_line_error(&r);
    assert!(
        r.err.contains("at least 7 days") && r.err.contains("more than once a week"),
        "{}",
        r.err
    );
    assert!(!db.exists(), "a refused setting created the database");

    let db = sample_db(dir.path());
    let before = bytes(&db);
    assert_eq!(run(&["settings", "--cadence", "3", "--db", s(&db)]).code, 1);
    assert!(bytes(&db) == before);

    let r = run(&[
        "settings",
        "--checkin-cadence-days",
        "7",
        "--quiet-hours",
        "22:00-07:30",
        "--physical-note-default",
        "yes",
        "--pre-interview-minutes=90",
        "--no-answer-after-checkins",
        "4",
        "--db",
        s(&db),
    ]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(
        r.out,
        "checkin-cadence-days      7\nquiet-hours               22:00-07:30\nphysical-note-default     yes\n\
         pre-interview-minutes     90\nno-answer-after-checkins  4\n"
    );
    let r = run(&["settings", "--json", "--db", s(&db)]);
    let v: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"checkin_cadence_days": 7, "quiet_hours": ["22:00", "07:30"],
                           "physical_note_default": true, "pre_interview_minutes": 90,
                           "no_answer_after_checkins": 4})
    );
    // The follow-ups were recomputed: the pre-interview reminder is now 90 minutes ahead.
    let r = run(&["agenda", "--json", "--now", NOW, "--db", s(&db)]);
    assert!(
        r.out.contains("\"due_at\": \"2026-12-01T12:30:00Z\""),
        "{}",
        r.out
    );
    // And the export carries them.
    assert!(run(&["export", "-", "--db", s(&db)])
        .out
        .contains("\"checkin_cadence_days\": 7"));
}

#[test]
fn the_database_comes_from_afterview_db_unless_db_is_given() {
    let dir = env();
    let r = run(&["import", &sample_path()]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(dir.join("from-env.db").exists());
    let r = run(&["export", "-"]);
    assert_eq!(r.out, std::fs::read_to_string(sample_path()).unwrap());
    let other = tempfile::tempdir().unwrap();
    let r = run(&["export", "-", "--db", s(&other.path().join("other.db"))]);
    assert!(r.out.contains("\"applications\": []"), "{}", r.out);
}

/// Issue 15: `afterview import /dev/zero` grew to 2 GB before failing, and a
/// FIFO hung for ever. Both are refused in one line, before reading, with
/// nothing written.
#[test]
fn endless_inputs_are_refused_in_one_line_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let r = run(&["import", "/dev/zero", "--db", s(&db)]);
    assert_eq!((r.code, r.err.as_str()), (1, "afterview: cannot read /dev/zero: it is not a regular file (a device, a pipe or a folder)\n"));
    let fifo = dir.path().join("fifo");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let r = run(&["import", s(&fifo), "--db", s(&db)]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("not a regular file"), "{}", r.err);
    assert!(!db.exists(), "nothing written");
}
