//! `afterview ingest` (issue 14's CLI contract), in-process on real
//! database files: the `{"files": [...]}` shape, one transaction per file,
//! `--application`, `--dry-run`, exit status.

use afterview_lib::cli;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    format!("{}/../tests/fixtures/ingest/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    std::env::set_var("TZ", "Europe/Berlin");
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cli::run(&args, &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

/// A database with Acme (job URL on careers.acme.example), Initech (Jonas a
/// contact) and Umbrella (nothing to match by); your address set.
fn database(dir: &Path) -> PathBuf {
    let db = dir.join("a.db");
    let doc = json!({
        "afterview": 1,
        "settings": {"my_emails": ["sam.lee@mail.example"]},
        "applications": [
            {"id": "acme", "company": "Acme", "role": "Backend Engineer", "status": "applied",
             "applied_at": "2026-11-10T10:00:00Z", "job_url": "https://careers.acme.example/jobs/42"},
            {"id": "initech", "company": "Initech", "role": "Platform Engineer", "status": "interviewing",
             "applied_at": "2026-11-05T10:00:00Z",
             "contacts": [{"id": "jonas", "name": "Jonas Weber", "email": "jonas.weber@initech.example", "linkedin_consent": "not_asked"}]},
            {"id": "umbrella", "company": "Umbrella", "role": "SRE", "status": "applied", "applied_at": "2026-11-12T10:00:00Z"}
        ]
    });
    let file = dir.join("seed.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let (code, _, err) = run(&["import", file.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    db
}

fn export(db: &Path) -> Value {
    let (code, out, err) = run(&["export", "-", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn json_reports_every_file_and_a_bad_one_writes_nothing_for_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let (g, bad, rej, cal) = (fixture("google-invite.ics"), fixture("not-a-mail.txt"), fixture("rejection-base64.eml"), fixture("calendly-invite.ics"));
    let (code, out, err) = run(&["ingest", &g, &bad, &rej, &cal, "--json", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 1, "one file was refused");
    assert_eq!(err.trim(), "afterview: 1 of 4 files refused, nothing written for it");
    let v: Value = serde_json::from_str(&out).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 4);
    let f = &files[0];
    assert_eq!((f["file"].as_str(), f["kind"].as_str(), f["application_id"].as_str(), f["matched_by"].as_str()), (Some(g.as_str()), Some("invitation"), Some("acme"), Some("domain")));
    let iv = &f["interview"];
    assert_eq!((iv["starts_at"].as_str(), iv["ends_at"].as_str(), iv["format"].as_str(), iv["change"].as_str()), (Some("2026-12-01T15:00:00Z"), Some("2026-12-01T16:00:00Z"), Some("video"), Some("new")));
    assert_eq!(iv["interviewer_ids"].as_array().unwrap().len(), 2);
    let keys = |o: &Value| o.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&f["contacts_added"][0]), vec!["email", "id", "name"]);
    assert_eq!(keys(iv), vec!["change", "ends_at", "format", "id", "interviewer_ids", "starts_at"]);
    assert_eq!((f["message"].clone(), f["proposals"].clone(), f["error"].clone()), (Value::Null, json!([]), Value::Null));

    assert_eq!(files[1]["kind"], Value::Null);
    assert_eq!(files[1]["error"], json!("neither a calendar invitation (.ics) nor an email (.eml)"));

    let r = &files[2];
    assert_eq!((r["kind"].as_str(), r["application_id"].as_str(), r["matched_by"].as_str()), (Some("email"), Some("initech"), Some("domain")));
    assert_eq!(keys(&r["message"]), vec!["at", "contact_id", "direction", "followup_key", "subject"]);
    assert_eq!((r["message"]["at"].as_str(), r["message"]["direction"].as_str()), (Some("2026-12-07T16:31:09Z"), Some("received")));
    assert_eq!(r["proposals"][0]["kind"], json!("status"));
    assert_eq!(r["proposals"][0]["to"], json!("rejected"));
    assert!(r["proposals"][0]["why"].as_str().unwrap().contains("other candidates"));

    // Unmatched: reported, written nowhere.
    assert_eq!((files[3]["application_id"].clone(), files[3]["matched_by"].clone(), files[3]["interview"].clone()), (Value::Null, Value::Null, Value::Null));

    let doc = export(&db);
    let app = |id: &str| doc["applications"].as_array().unwrap().iter().find(|a| a["id"] == id).unwrap().clone();
    assert_eq!(app("acme")["interviews"].as_array().unwrap().len(), 1);
    assert_eq!(app("initech")["messages"].as_array().unwrap().len(), 1);
    assert_eq!(app("initech")["status"], json!("interviewing"), "the proposal is not applied");
    assert!(app("umbrella")["interviews"].as_array().unwrap().is_empty());

    // Assigned with --application: matched_by "given".
    let (code, out, _) = run(&["ingest", &cal, "--application", "umbrella", "--json", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((v["files"][0]["matched_by"].as_str(), v["files"][0]["interview"]["format"].as_str()), (Some("given"), Some("phone")));
}

#[test]
fn dry_run_writes_nothing_and_text_output_reads_as_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let before = export(&db);
    let (code, out, err) = run(&["ingest", &fixture("outlook-invite.ics"), &fixture("unmatched.eml"), "--dry-run", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].contains("outlook-invite.ics: would log interview new (video, Thu 03 Dec 2026 14:00 to Thu 03 Dec 2026 15:00) for Initech (matched by a contact's address), 1 contact added"), "{out}");
    assert!(lines[1].ends_with("unmatched.eml: matches no application, nothing written (give --application ID to log it)"), "{out}");
    assert_eq!(export(&db), before);

    // A dry run on a database that does not exist creates none.
    let none = dir.path().join("none.db");
    let (code, out, _) = run(&["ingest", &fixture("outlook-invite.ics"), "--dry-run", "--json", "--db", none.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("\"application_id\": null"));
    assert!(!none.exists());

    let (code, _, err) = run(&["ingest", "--db", db.to_str().unwrap()]);
    assert_eq!((code, err.lines().next().unwrap()), (2, "afterview: ingest needs at least one FILE (an .ics invitation or an .eml email)"));
    let (code, out, _) = run(&["ingest", &dir.path().join("missing.eml").display().to_string(), "--db", db.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("refused: cannot read"), "{out}");
}

#[test]
fn my_emails_are_set_from_the_settings_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let d = db.to_str().unwrap();
    let (code, out, err) = run(&["settings", "--my-emails", " Sam@Mail.example, sam@work.example", "--db", d]);
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with("my-emails                 sam@mail.example, sam@work.example\n"), "{out}");
    let (code, _, err) = run(&["settings", "--my-emails", "sam at work", "--db", d]);
    assert_eq!((code, err.trim()), (1, "afterview: my_emails: \"sam at work\" is not an email address like you@example.org"));
    let (code, out, _) = run(&["settings", "--my-emails", "", "--json", "--db", d]);
    assert_eq!(code, 0);
    assert!(!out.contains("my_emails"), "cleared: {out}");
}

#[test]
fn the_rejection_proposal_and_the_move_are_shown_in_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let (code, out, _) = run(&["ingest", &fixture("rejection-base64.eml"), "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("This looks like a rejection (the email says \"move forward with other candidates\"): move Initech to Rejected?"), "{out}");
}
