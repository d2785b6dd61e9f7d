//! `afterview import-table` in-process (`cli::run`) on the real fixture
//! files of tests/fixtures/table (written by its make.py: openpyxl and odfpy
//! for the workbooks) and real database files. The whole test binary runs
//! with TZ=America/New_York, so a sheet's 3 Oct must stay 3 Oct there, and
//! AFTERVIEW_NOW=2026-12-01T12:00:00Z.

mod support;

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use support::{run_cli, Run};

const NOW: &str = "2026-12-01T12:00:00Z";

fn env() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        std::env::set_var("TZ", "America/New_York");
        std::env::set_var("AFTERVIEW_NOW", NOW);
        std::env::remove_var("AFTERVIEW_DB");
    });
}

fn run(args: &[&str]) -> Run {
    env();
    run_cli(args)
}

fn fixture(name: &str) -> String {
    format!("{}/core/tests/fixtures/table/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A fresh folder, removed when dropped, and a database path in it.
fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    (dir, db)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `--dry-run --json` of a fixture, which must succeed.
fn preview(file: &str, extra: &[&str], db: &Path) -> Value {
    let mut args = vec!["import-table", file, "--dry-run", "--json", "--db", s(db)];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.err);
    serde_json::from_str(&r.out).unwrap()
}

/// `--dry-run --json` of a fixture against a database that does not exist,
/// and does not after it either.
fn dry(file: &str) -> Value {
    let (_dir, db) = scratch();
    let v = preview(&fixture(file), &[], &db);
    assert!(!db.exists(), "a dry run creates no database");
    v
}

/// Each `(company, field, value)` is what the preview `v` holds.
fn holds(v: &Value, want: &[(&str, &str, Value)]) {
    for (company, field, value) in want {
        assert_eq!(&by_company(v, company)[*field], value, "{company}.{field}");
    }
}

fn apps(v: &Value) -> &Vec<Value> {
    v["applications"].as_array().unwrap()
}

fn by_company<'a>(v: &'a Value, company: &str) -> &'a Value {
    apps(v).iter().find(|a| a["company"] == company).unwrap_or_else(|| panic!("no {company} in {v}"))
}

fn agenda(db: &Path) -> Value {
    let r = run(&["agenda", "--json", "--now", NOW, "--db", s(db)]);
    assert_eq!(r.code, 0, "{}", r.err);
    serde_json::from_str(&r.out).unwrap()
}

fn count(db: &Path) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap()
}

#[test]
fn linkedin_job_applications_csv() {
    let v = dry("Job Applications.csv");
    assert_eq!(v["preset"], "linkedin");
    assert_eq!(v["columns"]["Application Date"], "applied_at");
    assert_eq!(v["columns"]["Company Name"], "company");
    assert_eq!(v["columns"]["Contact Phone Number"], "notes");
    assert_eq!(apps(&v).len(), 3);
    assert_eq!(v["skipped"], serde_json::json!([{"row": 5, "reason": "no company"}]));
    let acme = by_company(&v, "Acme");
    // 10/3/26, 9:05 PM New York (EDT, UTC-4).
    assert_eq!(acme["applied_at"], "2026-10-04T01:05:00Z");
    assert_eq!(acme["status"], "applied");
    assert_eq!(acme["source"], "LinkedIn");
    assert_eq!(acme["contact"], serde_json::json!({"name": "dana@acme.example", "email": "dana@acme.example"}));
    let notes = acme["notes"].as_str().unwrap();
    assert!(notes.contains("Question And Answers: Years of Rust?: 4, mostly backend\nWilling to relocate?: No"), "{notes}");
    assert!(notes.contains("Contact Phone Number: +1 555 0100"), "{notes}");
    assert_eq!(by_company(&v, "Globex, Inc.")["role"], "Platform Engineer");
}

#[test]
fn jobsync_jobs_csv_with_na_and_its_statuses() {
    let v = dry("jobs.csv");
    assert_eq!(v["preset"], "jobsync");
    assert_eq!(v["columns"]["createdAt"], Value::Null, "createdAt is not used");
    holds(&v, &[
        // N/A is empty.
        ("Umbrella", "location", Value::Null),
        ("Umbrella", "source", json!("Indeed")),
        ("Umbrella", "applied_at", json!("2026-09-02T16:00:00Z")),
        ("Hooli", "status", json!("interviewing")),
        ("Hooli", "location", json!("Palo Alto, CA")),
        ("Vandelay", "status", json!("wishlist")),
        ("Vandelay", "applied_at", Value::Null),
        ("Cyberdyne", "status", json!("withdrawn")),
        ("Wonka", "status", json!("offer")),
        ("Wonka", "notes", json!("jobType: Part-time\nworkplaceType: On-site")),
    ]);
}

#[test]
fn huntr_and_teal_exports() {
    let (_dir, db) = scratch();
    let h = preview(&fixture("huntr.csv"), &[], &db);
    assert_eq!(h["preset"], "huntr");
    assert_eq!(h["columns"]["List"], "status");
    assert_eq!(by_company(&h, "Wayne Enterprises")["status"], "wishlist");
    assert_eq!(by_company(&h, "Oscorp")["status"], "interviewing");
    assert_eq!(by_company(&h, "Oscorp")["notes"], "Two rounds, then a take-home");

    // Teal's "Ghosted" is no status Afterview knows: asked, and the import refused until answered.
    let file = fixture("teal.csv");
    let r = run(&["import-table", &file, "--dry-run", "--json", "--db", s(&db)]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("\"Ghosted\"") && r.err.contains("nothing was imported"), "{}", r.err);
    let t: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(t["preset"], "teal");
    assert_eq!(by_company(&t, "Bachmanity")["status"], Value::Null);
    assert_eq!(by_company(&t, "Raviga")["status"], "rejected");
    assert_eq!(by_company(&t, "Aviato")["status"], "wishlist");
    let pp = by_company(&t, "Pied Piper");
    assert_eq!(pp["notes"], "Salary: $150,000\nExcitement: 5\nMiddle-out");
    let r = run(&["import-table", &file, "--status", "Ghosted=applied", "--db", s(&db)]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(count(&db), 4);
}

#[test]
fn a_cp1252_semicolon_file_with_day_first_dates() {
    let (_dir, db) = scratch();
    let file = fixture("bewerbungen-cp1252.csv");
    let v = preview(&file, &["--status", "Beworben=applied"], &db);
    assert_eq!(v["preset"], "generic");
    let m = by_company(&v, "Müller GmbH");
    assert_eq!(m["applied_at"], "2026-04-03T16:00:00Z", "03.04.2026 is 3 April");
    assert_eq!(m["location"], "Zürich");
    assert_eq!(m["notes"], "Gehalt; 90.000 CHF\r\nAnsprechpartner: Frau Schäfer");
    assert_eq!(by_company(&v, "Société Générale")["status"], "interviewing");
    assert_eq!(by_company(&v, "Société Générale")["applied_at"], "2026-10-15T16:00:00Z");
}

#[test]
fn an_ambiguous_date_order_is_asked_and_then_followed() {
    let (_dir, db) = scratch();
    let file = fixture("ambiguous-bom.tsv");
    let r = run(&["import-table", &file, "--db", s(&db)]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("--date-order") || r.err.contains("date order"), "{}", r.err);
    assert!(!db.exists(), "refused before the database is opened");
    let dmy = preview(&file, &["--date-order", "dmy"], &db);
    assert_eq!(dmy["columns"]["Employer"], "company", "the BOM is not part of the first header");
    assert_eq!(by_company(&dmy, "Initrode")["applied_at"], "2026-04-03T16:00:00Z");
    assert_eq!(by_company(&dmy, "Initrode")["status"], "interviewing");
    assert_eq!(by_company(&dmy, "Initrode")["notes"], "Salary: 80k");
    let mdy = preview(&file, &["--date-order", "mdy"], &db);
    assert_eq!(by_company(&mdy, "Initrode")["applied_at"], "2026-03-04T17:00:00Z");
}

#[test]
fn pipes_with_quoted_delimiters_and_a_contact() {
    let v = dry("pipes.csv");
    let t = by_company(&v, "Tyrell | Corp");
    assert_eq!(t["contact"], serde_json::json!({"name": "Eldon Tyrell", "email": "eldon@tyrell.example"}));
    assert_eq!(t["status"], "offer");
    assert_eq!(by_company(&v, "Weyland")["role"], "Android | QA");
    assert_eq!(by_company(&v, "Weyland")["contact"], Value::Null);
}

#[test]
fn xlsx_and_ods_date_cells_are_dates_and_stay_on_their_day() {
    let x = dry("applications.xlsx");
    // A date cell of 3 Oct is 3 Oct in New York: local noon, 16:00 UTC.
    assert_eq!(by_company(&x, "Acme")["applied_at"], "2026-10-03T16:00:00Z");
    assert_eq!(by_company(&x, "Globex")["applied_at"], "2026-11-02T19:30:00Z", "14:30 local (EST)");
    assert_eq!(by_company(&x, "Acme")["notes"], "Salary: 95000");
    assert_eq!(by_company(&x, "Acme")["contact"]["name"], "Dana Reyes");
    assert_eq!(x["skipped"], serde_json::json!([{"row": 5, "reason": "no company"}]));
    let o = dry("applications.ods");
    assert_eq!(by_company(&o, "Acme")["applied_at"], "2026-10-03T16:00:00Z");
    assert_eq!(by_company(&o, "Acme")["status"], "offer");
    assert_eq!(by_company(&o, "Hooli")["location"], "Remote");
}

#[test]
fn a_file_that_is_not_a_table_is_refused_in_one_line() {
    let (_dir, db) = scratch();
    let json = format!("{}/../samples/sample.json", env!("CARGO_MANIFEST_DIR"));
    let png = format!("{}/../docs/screenshots/board.png", env!("CARGO_MANIFEST_DIR"));
    for f in [json.as_str(), png.as_str()] {
        let r = run(&["import-table", f, "--db", s(&db)]);
        assert_eq!(r.code, 1, "{f}");
        assert_eq!(r.err.trim_end().lines().count(), 1, "{}", r.err);
        assert!(r.err.contains("not a table") || r.err.contains("not text"), "{}", r.err);
        assert!(r.out.is_empty());
    }
    assert!(!db.exists(), "nothing written");
}

#[test]
fn an_import_backs_up_first_reports_the_undo_and_flags_duplicates() {
    let (dir, db) = scratch();
    let file = fixture("applications.xlsx");
    let r = run(&["import-table", &file, "--db", s(&db)]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.starts_with("Imported 3 applications. Skipped row 5 (no company)."), "{}", r.out);
    assert!(r.out.contains("To undo it, restore the backup of"), "{}", r.out);
    let backups: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(backups.iter().any(|b| b.ends_with("-before-import.db")), "{backups:?}");
    assert_eq!(count(&db), 3);
    // Rejected Initech gets its keep-my-CV reply; Acme and Globex their check-ins.
    let kinds: Vec<String> = agenda(&db)["followups"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap().to_owned()).collect();
    assert!(kinds.contains(&"keep_cv_on_file".to_owned()) && kinds.contains(&"check_in".to_owned()), "{kinds:?}");

    // The same file again: every row is already here.
    let v = preview(&file, &[], &db);
    assert!(apps(&v).iter().all(|a| a["duplicate_of"].as_str().is_some_and(|id| id.starts_with("a-"))), "{v}");
    let r = run(&["import-table", &file, "--db", s(&db)]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("already in Afterview"), "{}", r.err);
    assert_eq!(count(&db), 3);
    let r = run(&["import-table", &file, "--include-duplicates", "--db", s(&db)]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(count(&db), 6);
}

#[test]
fn start_the_clock_today_snoozes_what_the_dates_make_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let file = fixture("jobs.csv");
    let r = run(&["import-table", &file, "--dry-run", "--db", s(&a)]);
    assert!(r.out.contains("overdue at once"), "{}", r.out);
    assert_eq!(run(&["import-table", &file, "--db", s(&a)]).code, 0);
    let due = |v: &Value| v["followups"].as_array().unwrap().iter().filter(|f| f["due"] == true).count();
    let overdue = due(&agenda(&a));
    assert!(overdue >= 3, "old applications are overdue as the dates say: {overdue}");
    let r = run(&["import-table", &file, "--start-clock", "today", "--db", s(&b)]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("The clock starts today"), "{}", r.out);
    let v = agenda(&b);
    assert_eq!(due(&v), 0, "{v}");
    // The same follow-ups, snoozed; the facts (applied dates) unchanged.
    assert_eq!(v["followups"].as_array().unwrap().len(), agenda(&a)["followups"].as_array().unwrap().len());
    assert!(v["followups"].as_array().unwrap().iter().all(|f| f["snoozed"] == true));
    let applied = |db: &Path| -> Vec<Option<String>> {
        let c = rusqlite::Connection::open(db).unwrap();
        let mut st = c.prepare("SELECT applied_at FROM applications ORDER BY company").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert_eq!(applied(&a), applied(&b));
}

#[test]
fn map_overrides_a_guess_and_bad_flags_are_usage_errors() {
    let (_dir, db) = scratch();
    let file = fixture("huntr.csv");
    let v = preview(&file, &["--map", "Notes=ignore", "--map", "Location=source"], &db);
    assert_eq!(v["columns"]["Notes"], Value::Null);
    assert_eq!(by_company(&v, "Oscorp")["notes"], "");
    assert_eq!(by_company(&v, "Oscorp")["source"], "New York");
    let v = preview(&file, &["--preset", "generic"], &db);
    assert_eq!(v["preset"], "generic");
    assert_eq!(v["columns"]["List"], Value::Null, "List means nothing to the generic preset");
    for bad in [&["--map", "Nope=company"][..], &["--map", "Notes=salary"], &["--preset", "excel"], &["--date-order", "dym"]] {
        let mut args = vec!["import-table", file.as_str(), "--dry-run", "--db", s(&db)];
        args.extend_from_slice(bad);
        assert_eq!(run(&args).code, 2, "{bad:?}");
    }
}

/// A CSV of `n` applications, dated over the past year; `bad` puts a value
/// that is no date in that data row.
fn big_csv(dir: &Path, n: usize, bad: Option<usize>) -> PathBuf {
    let mut s = String::from("Company,Role,Status,Date applied,URL,Notes\n");
    for i in 1..=n {
        let date = if Some(i) == bad { "next Tuesday".to_owned() } else { format!("2026-{:02}-{:02}", 1 + i % 11, 1 + i % 28) };
        let status = ["Applied", "Interview", "Rejected", "Offer", "Wishlist"][i % 5];
        s.push_str(&format!("Company {i},Engineer {i},{status},{date},https://jobs.example/{i},\"note {i}, with a comma\"\n"));
    }
    let p = dir.join(format!("big-{n}.csv"));
    std::fs::write(&p, s).unwrap();
    p
}

#[test]
fn a_bad_row_mid_file_imports_nothing() {
    let (dir, db) = scratch();
    assert_eq!(run(&["import-table", &fixture("pipes.csv"), "--db", s(&db)]).code, 0);
    let file = big_csv(dir.path(), 3000, Some(1500));
    let r = run(&["import-table", s(&file), "--db", s(&db)]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("row 1501") && r.err.contains("next Tuesday") && r.err.contains("nothing was imported"), "{}", r.err);
    assert_eq!(count(&db), 2);

    // A failure inside the transaction, at row 2000 of 3000: rolled back whole.
    let good = big_csv(dir.path(), 3000, None);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER boom BEFORE INSERT ON applications WHEN NEW.company = 'Company 2000'
             BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;",
        )
        .unwrap();
    let r = run(&["import-table", s(&good), "--db", s(&db)]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("disk on fire"), "{}", r.err);
    assert_eq!(count(&db), 2);
}

#[test]
fn five_thousand_rows() {
    let (dir, db) = scratch();
    let file = big_csv(dir.path(), 5000, None);
    // The preview alone (what the app's dialog asks again on every answer).
    let started = std::time::Instant::now();
    assert_eq!(run(&["import-table", s(&file), "--dry-run", "--json", "--db", s(&db)]).code, 0);
    eprintln!("import-table: 5,000 rows read and planned (--dry-run --json) in {:?}", started.elapsed());
    let started = std::time::Instant::now();
    let r = run(&["import-table", s(&file), "--db", s(&db)]);
    let took = started.elapsed();
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(count(&db), 5000);
    // Measured, not asserted (BENCHMARKS.md has the figure).
    eprintln!("import-table: 5,000 rows read, planned, backed up and imported in {took:?}");
}

/// Issue 15: a row's contact gets the contact form's checks (a name on one
/// line of at most 200 characters, an e-mail address that is one): a bad one
/// is a problem naming the row and the column, and nothing is imported.
#[test]
fn a_rows_contact_gets_the_contact_forms_checks() {
    let (dir, db) = scratch();
    let long = "N".repeat(201);
    for (name, email, column, says) in [
        ("Dana\u{7} Reyes", "dana@acme.example", "Contact Name", "single line"),
        (long.as_str(), "dana@acme.example", "Contact Name", "at most 200 characters"),
        ("Dana Reyes", "dana at acme", "Contact Email", "is not an e-mail address"),
    ] {
        let file = dir.path().join("contacts.csv");
        std::fs::write(&file, format!("Company,Role,Contact Name,Contact Email\nBeta,SRE,Lee Park,lee@beta.example\nAcme,Engineer,{name},{email}\n"))
            .unwrap();
        let r = run(&["import-table", s(&file), "--db", s(&db)]);
        assert_eq!(r.code, 1, "{name:?} {email:?} was imported");
        assert!(
            r.err.contains(&format!("row 3, column {column:?}")) && r.err.contains(says) && r.err.contains("nothing was imported"),
            "{}",
            r.err
        );
        assert!(!db.exists() || count(&db) == 0);
    }
    // A good contact goes in, as the cells say.
    let file = dir.path().join("good.csv");
    std::fs::write(&file, "Company,Role,Contact Name,Contact Email\nAcme,Engineer,Dana Reyes,dana@acme.example\n").unwrap();
    let r = run(&["import-table", s(&file), "--db", s(&db)]);
    assert_eq!(r.code, 0, "{}", r.err);
    let c = rusqlite::Connection::open(&db).unwrap();
    let (n, e): (String, String) = c.query_row("SELECT name, email FROM contacts", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((n.as_str(), e.as_str()), ("Dana Reyes", "dana@acme.example"));
}
