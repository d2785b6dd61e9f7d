//! R9 and `ghosted` through the public interfaces, on real database files:
//! the interchange format round-trips a ghosted application and the new
//! setting byte for byte; CSV and the report say "No answer"; and
//! `afterview settings` refuses a bound it cannot keep, with the reason,
//! leaving the database untouched. `cli::run` runs in-process with
//! TZ=Europe/Berlin.

use afterview_lib::cli;
use afterview_core::format;
use afterview_core::model::Status;
use afterview_core::report;
use afterview_core::store::Store;
use afterview_core::zone::Tz;
use chrono::{DateTime, NaiveDate, Utc};
use std::path::Path;
use std::sync::Once;

const TZ: Tz = Tz::named("Europe/Berlin");

/// Cli output: (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    static ZONE: Once = Once::new();
    ZONE.call_once(|| std::env::set_var("TZ", "Europe/Berlin"));
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cli::run(&args, &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Two applications: Acme, closed as ghosted after three unanswered
/// check-ins and a "keep waiting"; Globex, still waiting on its question.
const DOC: &str = r#"{
  "afterview": 1,
  "settings": {"checkin_cadence_days": 14, "quiet_hours": ["21:00", "08:00"],
               "physical_note_default": false, "pre_interview_minutes": 60,
               "no_answer_after_checkins": 3},
  "applications": [
    {"id": "acme", "company": "Acme", "role": "Backend Engineer", "status": "ghosted",
     "applied_at": "2026-09-07T10:00:00Z",
     "status_changes": [{"at": "2026-09-07T10:00:00Z", "from": null, "to": "applied"},
                        {"at": "2026-11-20T10:00:00Z", "from": "applied", "to": "ghosted"}],
     "messages": [
       {"at": "2026-09-21T09:30:00Z", "direction": "sent", "channel": "email", "followup_key": "check_in:acme:2026-09-21", "body": "Any news?"},
       {"at": "2026-10-05T09:30:00Z", "direction": "sent", "channel": "email", "followup_key": "check_in:acme:2026-10-05", "body": "Any news?"},
       {"at": "2026-10-19T09:30:00Z", "direction": "sent", "channel": "email", "followup_key": "check_in:acme:2026-10-19", "body": "Any news?"},
       {"at": "2026-11-16T09:30:00Z", "direction": "sent", "channel": "email", "followup_key": "check_in:acme:2026-11-16", "body": "Any news?"}],
     "decisions": [{"followup_key": "no_answer:acme:2026-11-02", "state": "done", "snoozed_until": null}]},
    {"id": "globex", "company": "Globex", "role": "Data Engineer", "status": "applied",
     "applied_at": "2026-10-05T10:00:00Z",
     "messages": [
       {"at": "2026-10-19T09:30:00Z", "direction": "sent", "channel": "email", "followup_key": "check_in:globex:2026-10-19"},
       {"at": "2026-11-02T09:30:00Z", "direction": "sent", "channel": "email", "followup_key": "check_in:globex:2026-11-02"}],
     "decisions": [{"followup_key": "no_answer:globex:2026-11-16", "state": "snoozed", "snoozed_until": "2026-11-30T08:00:00Z"}]}
  ]
}
"#;

#[test]
fn a_ghosted_application_and_the_setting_round_trip_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.json");
    // The setting away from its default, so a dropped field would show.
    std::fs::write(&file, DOC.replace("\"no_answer_after_checkins\": 3", "\"no_answer_after_checkins\": 2")).unwrap();
    let (one, two) = (dir.path().join("one.db"), dir.path().join("two.db"));
    let (code, _, err) = run(&["import", p(&file), "--db", p(&one)]);
    assert_eq!(code, 0, "{err}");
    let (code, first, err) = run(&["export", "-", "--db", p(&one)]);
    assert_eq!(code, 0, "{err}");
    assert!(first.contains("\"status\": \"ghosted\""), "{first}");
    assert!(first.contains("\"no_answer_after_checkins\": 2"), "{first}");
    assert!(first.contains("\"followup_key\": \"no_answer:acme:2026-11-02\""), "{first}");

    let back = dir.path().join("back.json");
    std::fs::write(&back, &first).unwrap();
    let (code, _, err) = run(&["import", p(&back), "--db", p(&two)]);
    assert_eq!(code, 0, "{err}");
    let (_, second, _) = run(&["export", "-", "--db", p(&two)]);
    assert_eq!(first, second, "export → import → export changed bytes");

    let store = Store::open(&two, TZ).unwrap();
    assert_eq!(store.settings().unwrap().no_answer_after_checkins, 2);
    let acme = store.record("acme").unwrap();
    assert_eq!(acme.application.status, Status::Ghosted);
    assert!(store.verify_followups().unwrap());
}

#[test]
fn a_file_without_the_setting_gets_its_default_and_bad_values_are_refused() {
    let doc = format::parse(&DOC.replace(",\n               \"no_answer_after_checkins\": 3", "")).unwrap();
    assert_eq!(doc.settings.no_answer_after_checkins, 3);
    for bad in ["1", "11", "\"3\"", "-2"] {
        let text = DOC.replace("\"no_answer_after_checkins\": 3", &format!("\"no_answer_after_checkins\": {bad}"));
        let e = format::parse(&text).unwrap_err().to_string();
        assert!(e.contains("settings") && e.contains("no_answer_after_checkins"), "{bad}: {e}");
    }
    for bad in ["no_answer:globex", "no_answer:acme:2026-11-16", "no_answer:globex:tomorrow"] {
        let text = DOC.replace("no_answer:globex:2026-11-16", bad);
        let e = format::parse(&text).unwrap_err().to_string();
        assert!(e.contains("applications[1]") && e.contains("followup_key"), "{bad}: {e}");
    }
}

#[test]
fn csv_and_the_report_say_no_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("r.db"), TZ).unwrap();
    let now: DateTime<Utc> = "2026-11-26T12:00:00Z".parse().unwrap();
    format::import(&mut store, &format::parse(DOC).unwrap(), format::ImportMode::Empty, now).unwrap();
    let csv = String::from_utf8(afterview_core::export_csv::applications_csv(&store, now).unwrap()).unwrap();
    let acme = csv.lines().find(|l| l.starts_with("Acme,")).expect("Acme in the CSV");
    assert!(acme.contains(",No answer,"), "{acme}");
    let records = store.all_records().unwrap();
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let report = String::from_utf8(report::csv(&records, day("2026-11-01"), day("2026-11-30"), TZ).unwrap()).unwrap();
    assert!(report.contains("Applied → No answer"), "{report}");
    let html = report::html(&records, day("2026-11-01"), day("2026-11-30"), TZ, now).unwrap();
    assert!(html.contains("Stage now: No answer"), "{html}");
}

#[test]
fn the_cli_refuses_a_bound_it_cannot_keep_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    for bad in ["1", "11"] {
        let (code, _, err) = run(&["settings", "--no-answer-after-checkins", bad, "--db", p(&db)]);
        assert_eq!(code, 1, "{bad}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("2 to 10 unanswered check-ins") && err.contains(&format!("got {bad}")), "{err}");
        assert!(!db.exists(), "a refused setting created the database");
    }
    let (code, _, err) = run(&["settings", "--no-answer-after-checkins", "three", "--db", p(&db)]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a whole number"), "{err}");

    let (code, out, err) = run(&["settings", "--no-answer-after-checkins", "5", "--json", "--db", p(&db)]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["no_answer_after_checkins"], 5);
    let before = std::fs::read(&db).unwrap();
    let (code, _, _) = run(&["settings", "--no-answer-after-checkins", "0", "--db", p(&db)]);
    assert_eq!(code, 1);
    assert!(std::fs::read(&db).unwrap() == before, "a refused setting changed the database");
    let (_, out, _) = run(&["settings", "--db", p(&db)]);
    assert!(out.contains("no-answer-after-checkins  5\n"), "{out}");
}

#[test]
fn the_question_reaches_the_agenda_the_reminder_and_the_calendar_in_its_own_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let file = dir.path().join("doc.json");
    std::fs::write(&file, DOC).unwrap();
    assert_eq!(run(&["import", p(&file), "--db", p(&db)]).0, 0);
    // Globex: two check-ins sent and the question snoozed; the setting at 2 asks.
    let (code, out, err) = run(&["settings", "--no-answer-after-checkins", "2", "--db", p(&db)]);
    assert_eq!(code, 0, "{err}: {out}");
    let (code, out, err) = run(&["agenda", "--json", "--now", "2026-11-30T09:00:00Z", "--db", p(&db)]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = v["followups"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{out}");
    let q = &items[0];
    assert_eq!((q["key"].as_str(), q["kind"].as_str(), q["due_at"].as_str(), q["due"].as_bool(), q["snoozed"].as_bool()),
        (Some("no_answer:globex:2026-11-16"), Some("no_answer"), Some("2026-11-30T08:00:00Z"), Some(true), Some(true)));
    assert_eq!(q["action"], "No answer — close it or keep waiting?");

    let store = Store::open(&db, TZ).unwrap();
    let now: DateTime<Utc> = "2026-11-30T09:00:00Z".parse().unwrap();
    let f = store.agenda(now).unwrap().remove(0);
    let (summary, body) = afterview_core::delivery::text(&f, afterview_core::delivery::Event::Due, TZ, now);
    assert_eq!(summary, "No answer from Globex: close it or keep waiting?");
    assert!(body.contains("Close the application, or wait for one more check-in"), "{body}");
    let (code, ics, err) = run(&["export-ics", "-", "--now", "2026-11-30T09:00:00Z", "--db", p(&db)]);
    assert_eq!(code, 0, "{err}");
    assert!(ics.contains("No answer"), "{ics}");
}
