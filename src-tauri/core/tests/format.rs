//! The interchange format against real SQLite files: round trips, every
//! refusal (one line naming the application and the field, nothing written),
//! merge semantics and all-or-nothing imports.

use afterview_core::format::{self, Document, ImportMode, FORMAT_VERSION};
use afterview_core::model::{FollowUp, Settings};
use afterview_core::store::Store;
use afterview_core::{Error, Result};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use afterview_core::zone::Tz;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const TZ: Tz = afterview_core::zone::Tz::named("Europe/Berlin");

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn anchor_now() -> DateTime<Utc> {
    at("2026-11-26T12:00:00Z")
}

fn sample() -> Document {
    format::parse(format::SAMPLE_JSON).unwrap()
}

/// A database file holding the sample, closed again.
fn sample_db(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let mut store = Store::open(&path, TZ).unwrap();
    format::import(&mut store, &sample(), ImportMode::Empty, anchor_now()).unwrap();
    drop(store);
    path
}

/// The database file and whatever lies beside it (write-ahead log, shared
/// memory), byte for byte; compared, never printed.
#[derive(PartialEq)]
struct Bytes(Vec<(String, Vec<u8>)>);

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let files: Vec<String> = self
            .0
            .iter()
            .map(|(n, b)| format!("{n} ({} bytes)", b.len()))
            .collect();
        write!(f, "{files:?}")
    }
}

fn db_bytes(path: &Path) -> Bytes {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().starts_with(&name))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    Bytes(files)
}

/// What `afterview import` does: parse, check read-only, then import in one transaction.
fn import_text(db: &Path, text: &str, mode: ImportMode) -> Result<format::ImportReport> {
    let doc = format::parse(text)?;
    format::check_import(db, &doc, mode)?;
    let mut store = Store::open(db, TZ)?;
    format::import(&mut store, &doc, mode, anchor_now())
}

fn agenda(path: &Path, now: DateTime<Utc>) -> Vec<FollowUp> {
    Store::open(path, TZ).unwrap().agenda(now).unwrap()
}

fn export_json(path: &Path) -> String {
    format::to_json(&format::export(&Store::open(path, TZ).unwrap()).unwrap())
}

// ----- round trip ---------------------------------------------------------------------

#[test]
fn the_sample_is_canonical() {
    // The shipped sample is exactly what export writes, so it doubles as a golden file.
    assert_eq!(format::to_json(&sample()), format::SAMPLE_JSON);
    assert_eq!(sample().afterview, FORMAT_VERSION);
}

#[test]
fn export_import_export_is_byte_identical_and_keeps_the_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let first = sample_db(dir.path(), "first.db");
    let exported = export_json(&first);
    assert_eq!(exported, format::SAMPLE_JSON);

    let second = dir.path().join("second.db");
    let report = import_text(&second, &exported, ImportMode::Empty).unwrap();
    assert_eq!(report.added.len(), 8);
    assert!(report.settings_applied);
    assert_eq!(export_json(&second), exported, "re-export differs");

    for now in [
        "2026-11-01T00:00:00Z",
        "2026-11-26T12:00:00Z",
        "2026-12-31T00:00:00Z",
    ] {
        let a = agenda(&first, at(now));
        assert_eq!(a, agenda(&second, at(now)), "agenda at {now}");
    }
    let a = agenda(&second, anchor_now());
    assert_eq!(a.len(), 11, "{a:#?}");
    assert!(Store::open(&second, TZ)
        .unwrap()
        .verify_followups()
        .unwrap());
}

#[test]
fn the_sample_agenda_has_overdue_today_and_upcoming() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path(), "s.db");
    let keys: Vec<(String, bool)> = agenda(&db, anchor_now())
        .into_iter()
        .map(|f| (f.key, f.due_at <= anchor_now()))
        .collect();
    let due: Vec<&str> = keys.iter().filter(|k| k.1).map(|k| k.0.as_str()).collect();
    assert_eq!(
        due,
        [
            "check_in:a3:2026-11-17",
            "thank_you_email:i2:c1",
            "thank_you_email:i2:c2",
            "keep_cv_on_file:a7"
        ]
    );
    let all: Vec<&str> = keys.iter().map(|k| k.0.as_str()).collect();
    for k in [
        "thank_you_note:i2",
        "check_in:a4:2026-11-27",
        "pre_interview:i4",
        "check_in:a1:2026-12-07",
    ] {
        assert!(all.contains(&k), "{k} missing from {all:?}");
    }
    // Consent no / not asked: no LinkedIn request; sent ones are closed.
    assert!(
        !all.iter().any(|k| k.starts_with("linkedin_connect")),
        "{all:?}"
    );
}

#[test]
fn the_sample_moves_to_the_week_of_today() {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2027, 2, 10).unwrap(); // a Wednesday
    let moved = format::sample_document(today).unwrap();
    let db = dir.path().join("moved.db");
    let mut store = Store::open(&db, TZ).unwrap();
    format::import(&mut store, &moved, ImportMode::Empty, anchor_now()).unwrap();
    let weeks = Duration::weeks(11); // 2026-11-26 → 2027-02-11, the Thursday of that week
    let shifted = store.agenda(anchor_now() + weeks).unwrap();
    let original = agenda(&sample_db(dir.path(), "orig.db"), anchor_now());
    assert_eq!(shifted.len(), original.len());
    for (s, o) in shifted.iter().zip(&original) {
        assert_eq!(s.due_at - weeks, o.due_at, "{} vs {}", s.key, o.key);
        assert_eq!(s.kind, o.kind);
    }
    assert!(shifted.iter().any(|f| f.key == "check_in:a3:2027-02-02"));
}

// ----- import semantics -----------------------------------------------------------------

/// A small valid document whose ids do not clash with the sample's.
fn base() -> Value {
    json!({
        "afterview": 1,
        "settings": {"checkin_cadence_days": 21, "quiet_hours": ["22:00", "07:00"],
                     "physical_note_default": true, "pre_interview_minutes": 30},
        "applications": [
            {"id": "b1", "company": "Acme", "role": "Backend Engineer", "status": "interviewing",
             "applied_at": "2026-11-02T10:00:00Z", "job_url": "https://acme.example/jobs/1",
             "contacts": [{"id": "bc1", "name": "Dana Reyes", "linkedin_consent": "yes"}],
             "interviews": [{"id": "bi1", "starts_at": "2026-11-20T14:00:00Z", "ends_at": "2026-11-20T15:00:00Z",
                             "format": "onsite", "interviewer_ids": ["bc1"], "expected_reply_by": "2026-11-27"}],
             "messages": [{"at": "2026-11-20T16:00:00Z", "direction": "sent", "channel": "email",
                           "followup_key": "thank_you_email:bi1:bc1", "contact_id": "bc1", "body": "Thanks"}]},
            {"id": "b2", "company": "Beta", "role": "SRE", "status": "applied",
             "applied_at": "2026-11-10T09:00:00Z"},
            {"id": "b3", "company": "Gamma", "role": "Data Engineer", "status": "rejected",
             "applied_at": "2026-11-03T09:00:00Z",
             "contacts": [{"id": "bc3", "name": "Tom Becker", "title": "Recruiter",
                           "email": "tom@gamma.example", "linkedin_consent": "not_asked"}],
             "interviews": [{"id": "bi3", "starts_at": "2026-11-12T13:00:00Z", "ends_at": "2026-11-12T13:45:00Z",
                             "format": "phone", "interviewer_ids": ["bc3"], "went": "okay"}],
             "status_changes": [{"at": "2026-11-24T10:00:00Z", "from": "applied", "to": "rejected"}],
             "messages": [{"at": "2026-11-24T09:55:00Z", "direction": "received", "channel": "email",
                           "contact_id": "bc3", "body": "We went with someone else."}],
             "decisions": [{"followup_key": "thank_you_email:bi3:bc3", "state": "snoozed",
                            "snoozed_until": "2026-11-27T09:00:00Z"}]}
        ]
    })
}

#[test]
fn empty_import_applies_the_files_settings() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let report = import_text(&db, &base().to_string(), ImportMode::Empty).unwrap();
    assert_eq!(report.added, ["b1", "b2", "b3"]);
    assert!(report.skipped_existing.is_empty());
    assert_eq!(
        report.to_string(),
        "Imported 3 applications. Settings now come from the file."
    );
    let store = Store::open(&db, TZ).unwrap();
    assert_eq!(store.settings().unwrap().checkin_cadence_days, 21);
    assert!(store.verify_followups().unwrap());
    assert!(store
        .agenda(anchor_now())
        .unwrap()
        .iter()
        .any(|f| f.key == "keep_cv_on_file:b3"));
}

#[test]
fn import_into_a_non_empty_database_needs_merge() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path(), "s.db");
    let before = db_bytes(&db);
    let e = import_text(&db, &base().to_string(), ImportMode::Empty).unwrap_err();
    assert!(
        e.to_string().contains("already holds 8 applications"),
        "{e}"
    );
    assert_eq!(e.field(), Some("database"));
    assert_eq!(db_bytes(&db), before);
    // Also refused inside the transaction when the read-only check is skipped.
    let mut store = Store::open(&db, TZ).unwrap();
    let doc = format::parse(&base().to_string()).unwrap();
    assert!(format::import(&mut store, &doc, ImportMode::Empty, anchor_now()).is_err());
    assert_eq!(store.application_count().unwrap(), 8);
}

#[test]
fn merge_adds_new_ids_and_reports_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path(), "s.db");
    let settings_before = Store::open(&db, TZ).unwrap().settings().unwrap();
    let mut doc = base();
    // An application already present (same id, other content) and a new one.
    doc["applications"][1]["id"] = json!("a1");
    doc["applications"][1]["company"] = json!("Renamed Robotics");
    let report = import_text(&db, &doc.to_string(), ImportMode::Merge).unwrap();
    assert_eq!(report.added, ["b1", "b3"]);
    assert_eq!(report.skipped_existing, ["a1"]);
    assert!(!report.settings_applied);
    assert_eq!(
        report.to_string(),
        "Imported 2 applications; 1 already present (same id) was left unchanged: a1 (Northwind Robotics). \
         Settings were left unchanged."
    );
    let store = Store::open(&db, TZ).unwrap();
    assert_eq!(store.application_count().unwrap(), 10);
    assert_eq!(
        store.record("a1").unwrap().application.company,
        "Northwind Robotics"
    );
    assert_eq!(store.settings().unwrap(), settings_before);
    assert!(store.verify_followups().unwrap());
    assert!(store
        .agenda(anchor_now())
        .unwrap()
        .iter()
        .any(|f| f.key == "keep_cv_on_file:b3"));

    // Merging the same file again adds nothing.
    let again = import_text(&db, &doc.to_string(), ImportMode::Merge).unwrap();
    assert!(again.added.is_empty());
    assert_eq!(again.skipped_existing, ["b1", "a1", "b3"]);
    assert!(
        again
            .to_string()
            .starts_with("Imported 0 applications; 3 already present"),
        "{again}"
    );
}

// ----- the preview the app shows before importing --------------------------------------

#[test]
fn preview_into_an_empty_database_takes_the_whole_file_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let mut store = Store::open(&db, TZ).unwrap();
    let settings_before = store.settings().unwrap();
    let doc = format::parse(&base().to_string()).unwrap();
    let p = format::preview_import(&store, &doc).unwrap();
    assert_eq!(p.applications, 3);
    assert!(p.database_empty);
    assert_eq!(p.mode(), ImportMode::Empty);
    assert_eq!(p.report.added, ["b1", "b2", "b3"]);
    assert!(p.report.skipped_existing.is_empty());
    assert!(p.report.settings_applied);
    // Nothing written by the preview.
    assert_eq!(store.application_count().unwrap(), 0);
    assert_eq!(store.settings().unwrap(), settings_before);
    // The import it announces is the one that happens.
    let done = format::import(&mut store, &doc, p.mode(), anchor_now()).unwrap();
    assert_eq!(done, p.report);
    assert_eq!(store.settings().unwrap().checkin_cadence_days, 21);
}

#[test]
fn preview_of_a_merge_counts_new_and_present_applications() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path(), "s.db");
    let mut store = Store::open(&db, TZ).unwrap();
    let before = format::to_json(&format::export(&store).unwrap());
    let mut doc = base();
    // Two applications already present (same id; the file's company differs
    // for one of them), one new.
    doc["applications"][0]["id"] = json!("a1");
    doc["applications"][0]["contacts"] = json!([]);
    doc["applications"][0]["interviews"] = json!([]);
    doc["applications"][0]["messages"] = json!([]);
    doc["applications"][1]["id"] = json!("a2");
    let doc = format::parse(&doc.to_string()).unwrap();
    let p = format::preview_import(&store, &doc).unwrap();
    assert_eq!(p.applications, 3);
    assert!(!p.database_empty);
    assert_eq!(p.mode(), ImportMode::Merge);
    assert_eq!(p.report.added, ["b3"]);
    assert_eq!(p.report.skipped_existing, ["a1", "a2"]);
    assert!(!p.report.settings_applied);
    // The database's company names the present ones, the file's the new one.
    let company = |id: &str| store.record(id).unwrap().application.company;
    assert_eq!(p.report.companies["a1"], company("a1"));
    assert_eq!(p.report.companies["a1"], "Northwind Robotics");
    assert_eq!(p.report.companies["a2"], company("a2"));
    assert_eq!(p.report.companies["b3"], "Gamma");
    assert_eq!(format::to_json(&format::export(&store).unwrap()), before);

    let done = format::import(&mut store, &doc, p.mode(), anchor_now()).unwrap();
    assert_eq!(done, p.report);
    assert_eq!(store.application_count().unwrap(), 9);
    // Previewing again: nothing new.
    let again = format::preview_import(&store, &doc).unwrap();
    assert!(again.report.added.is_empty());
    assert_eq!(again.report.skipped_existing, ["a1", "a2", "b3"]);
}

#[test]
fn preview_refuses_what_the_import_would_refuse_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path(), "s.db");
    let store = Store::open(&db, TZ).unwrap();
    let before = format::to_json(&format::export(&store).unwrap());
    // A new application whose contact id is already used in the database.
    let mut doc = base();
    doc["applications"][2]["contacts"][0]["id"] = json!("c1");
    doc["applications"][2]["interviews"][0]["interviewer_ids"] = json!(["c1"]);
    doc["applications"][2]["messages"][0]["contact_id"] = json!("c1");
    doc["applications"][2]["decisions"] = json!([]);
    let doc = format::parse(&doc.to_string()).unwrap();
    let e = format::preview_import(&store, &doc).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.starts_with("applications[2] (id \"b3\", Gamma).contacts[0].id: contact \"c1\""),
        "{msg}"
    );
    assert!(!msg.contains('\n'), "{msg}");
    assert_eq!(format::to_json(&format::export(&store).unwrap()), before);
    drop(store);
    // The same refusal as the import itself.
    let mut store = Store::open(&db, TZ).unwrap();
    let e2 = format::import(&mut store, &doc, ImportMode::Merge, anchor_now()).unwrap_err();
    assert_eq!(e2.to_string(), msg);
    assert_eq!(format::to_json(&format::export(&store).unwrap()), before);
}

#[test]
fn merge_refuses_a_new_application_whose_ids_are_taken() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path(), "s.db");
    let before = db_bytes(&db);
    for (pointer, value, field, what) in [
        (
            "/applications/2/contacts/0/id",
            "c1",
            "contacts[0].id",
            "contact \"c1\"",
        ),
        (
            "/applications/2/interviews/0/id",
            "i1",
            "interviews[0].id",
            "interview \"i1\"",
        ),
    ] {
        let mut doc = base();
        *doc.pointer_mut(pointer).unwrap() = json!(value);
        if field.starts_with("contacts") {
            doc["applications"][2]["interviews"][0]["interviewer_ids"] = json!([value]);
            doc["applications"][2]["messages"][0]["contact_id"] = json!(value);
        }
        doc["applications"][2]["decisions"] = json!([]);
        let e = import_text(&db, &doc.to_string(), ImportMode::Merge).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with(&format!(
                "applications[2] (id \"b3\", Gamma).{field}: {what}"
            )),
            "{msg}"
        );
        assert!(
            msg.contains("Northwind Robotics") && msg.contains("nothing was imported"),
            "{msg}"
        );
        assert_eq!(db_bytes(&db), before, "{field}");
    }
    // Through the transaction too: nothing of b1 and b2 is left behind.
    let mut doc = base();
    doc["applications"][2]["contacts"][0]["id"] = json!("c8");
    doc["applications"][2]["interviews"][0]["interviewer_ids"] = json!(["c8"]);
    doc["applications"][2]["messages"][0]["contact_id"] = json!("c8");
    doc["applications"][2]["decisions"] = json!([]);
    let doc = format::parse(&doc.to_string()).unwrap();
    let mut store = Store::open(&db, TZ).unwrap();
    let e = format::import(&mut store, &doc, ImportMode::Merge, anchor_now()).unwrap_err();
    assert!(e.to_string().contains("Cobalt Systems"), "{e}");
    assert_eq!(store.application_count().unwrap(), 8);
}

#[test]
fn an_import_failing_at_the_third_application_writes_nothing() {
    // Parsing refuses a blank company; build the document in code to reach
    // the database's own CHECK at the third insert, after two succeeded.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let mut store = Store::open(&db, TZ).unwrap();
    let custom = Settings {
        checkin_cadence_days: 10,
        ..Settings::default()
    };
    store.set_settings(&custom).unwrap();
    let mut doc = format::parse(&base().to_string()).unwrap();
    doc.applications[2].application.company = "   ".into();
    assert!(format::import(&mut store, &doc, ImportMode::Empty, anchor_now()).is_err());
    assert_eq!(store.application_count().unwrap(), 0);
    assert_eq!(
        store.settings().unwrap(),
        custom,
        "settings written by a failed import"
    );
    assert!(store.agenda(anchor_now()).unwrap().is_empty());
    // And the same document, fixed, goes in whole.
    doc.applications[2].application.company = "Gamma".into();
    format::import(&mut store, &doc, ImportMode::Empty, anchor_now()).unwrap();
    assert_eq!(store.application_count().unwrap(), 3);
}

#[test]
fn a_file_with_a_bad_third_application_leaves_the_database_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let mut doc = base();
    doc["applications"][2]["interviews"][0]["ends_at"] = json!("2026-11-12T12:00:00Z");
    let e = import_text(&db, &doc.to_string(), ImportMode::Empty).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("applications[2] (id \"b3\", Gamma).interviews[0].ends_at:"),
        "{e}"
    );
    assert!(!db.exists(), "a refused import created the database");
}

// ----- refusals -----------------------------------------------------------------------------

/// One refusal: a change to `base()` and what the message must say.
struct Case {
    name: &'static str,
    edit: fn(&mut Value),
    field: &'static str,
    says: &'static [&'static str],
}

/// Sets the value at a JSON pointer, adding the last key when it is missing.
fn set(v: &mut Value, pointer: &str, to: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match v
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent}"))
    {
        Value::Object(m) => {
            m.insert(key.to_owned(), to);
        }
        Value::Array(a) => a[key.parse::<usize>().unwrap()] = to,
        _ => panic!("{parent} holds no fields"),
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "newer format",
            edit: |v| set(v, "/afterview", json!(2)),
            field: "afterview",
            says: &["written by a newer Afterview (format 2); this one reads format 1"],
        },
        Case {
            name: "newer format with new fields",
            edit: |v| {
                set(v, "/afterview", json!(3));
                v["attachments"] = json!([]);
            },
            field: "afterview",
            says: &["newer Afterview (format 3)"],
        },
        Case {
            name: "missing version",
            edit: |v| {
                v.as_object_mut().unwrap().remove("afterview");
            },
            field: "afterview",
            says: &["afterview: missing", "not an Afterview export"],
        },
        Case {
            name: "version zero",
            edit: |v| set(v, "/afterview", json!(0)),
            field: "afterview",
            says: &["0 is not a format version"],
        },
        Case {
            name: "unknown status",
            edit: |v| set(v, "/applications/2/status", json!("archived")),
            field: "applications[2] (id \"b3\", Gamma).status",
            says: &["\"archived\" is not one of wishlist, applied"],
        },
        Case {
            name: "unknown consent",
            edit: |v| set(v, "/applications/2/contacts/0/linkedin_consent", json!("maybe")),
            field: "applications[2] (id \"b3\", Gamma).contacts[0].linkedin_consent",
            says: &["\"maybe\" is not one of yes, no, not_asked"],
        },
        Case {
            name: "unknown interview format",
            edit: |v| set(v, "/applications/2/interviews/0/format", json!("zoom")),
            field: "applications[2] (id \"b3\", Gamma).interviews[0].format",
            says: &["\"zoom\" is not one of phone, video, onsite"],
        },
        Case {
            name: "unknown went",
            edit: |v| set(v, "/applications/2/interviews/0/went", json!("great")),
            field: "applications[2] (id \"b3\", Gamma).interviews[0].went",
            says: &["\"great\" is not one of"],
        },
        Case {
            name: "unknown direction",
            edit: |v| set(v, "/applications/2/messages/0/direction", json!("outgoing")),
            field: "applications[2] (id \"b3\", Gamma).messages[0].direction",
            says: &["\"outgoing\" is not one of sent, received"],
        },
        Case {
            name: "unknown channel",
            edit: |v| set(v, "/applications/2/messages/0/channel", json!("fax")),
            field: "applications[2] (id \"b3\", Gamma).messages[0].channel",
            says: &["\"fax\" is not one of email"],
        },
        Case {
            name: "unknown decision state",
            edit: |v| set(v, "/applications/2/decisions/0/state", json!("later")),
            field: "applications[2] (id \"b3\", Gamma).decisions[0].state",
            says: &["\"later\" is not one of open, done, skipped, snoozed"],
        },
        Case {
            name: "unknown kind in a decision key",
            edit: |v| set(v, "/applications/2/decisions/0/followup_key", json!("coffee_chat:bc3")),
            field: "applications[2] (id \"b3\", Gamma).decisions[0].followup_key",
            says: &["\"coffee_chat:bc3\" is not a follow-up key", "\"coffee_chat\" is not one of thank_you_email"],
        },
        Case {
            name: "unknown kind in a message key",
            edit: |v| set(v, "/applications/2/messages/0/followup_key", json!("postcard:bi3")),
            field: "applications[2] (id \"b3\", Gamma).messages[0].followup_key",
            says: &["\"postcard:bi3\" is not a follow-up key"],
        },
        Case {
            name: "malformed key",
            edit: |v| set(v, "/applications/2/decisions/0/followup_key", json!("thank_you_email:bi3")),
            field: "applications[2] (id \"b3\", Gamma).decisions[0].followup_key",
            says: &["thank_you_email keys look like thank_you_email:<interview>:<contact or ->"],
        },
        Case {
            name: "check-in key of another application",
            edit: |v| set(v, "/applications/2/decisions/0/followup_key", json!("check_in:b1:2026-11-30")),
            field: "applications[2] (id \"b3\", Gamma).decisions[0].followup_key",
            says: &["is about application \"b1\", not this one (\"b3\")"],
        },
        Case {
            name: "cadence below a week",
            edit: |v| set(v, "/settings/checkin_cadence_days", json!(6)),
            field: "settings.checkin_cadence_days",
            says: &["at least 7 days", "more than once a week", "(got 6)"],
        },
        Case {
            name: "bad quiet hours",
            edit: |v| set(v, "/settings/quiet_hours", json!(["9pm", "08:00"])),
            field: "settings.quiet_hours",
            says: &["expected two times like [\"21:00\", \"08:00\"]"],
        },
        Case {
            name: "interview ends before it starts",
            edit: |v| set(v, "/applications/2/interviews/0/ends_at", json!("2026-11-12T12:59:00Z")),
            field: "applications[2] (id \"b3\", Gamma).interviews[0].ends_at",
            says: &["the interview ends before it starts (ends 2026-11-12T12:59:00Z, starts 2026-11-12T13:00:00Z)"],
        },
        Case {
            name: "interviewer not a contact",
            edit: |v| set(v, "/applications/2/interviews/0/interviewer_ids", json!(["bc3", "bc1"])),
            field: "applications[2] (id \"b3\", Gamma).interviews[0].interviewer_ids[1]",
            says: &["\"bc1\" is not one of this application's contacts (bc3)"],
        },
        Case {
            name: "interviewer listed twice",
            edit: |v| set(v, "/applications/2/interviews/0/interviewer_ids", json!(["bc3", "bc3"])),
            field: "applications[2] (id \"b3\", Gamma).interviews[0].interviewer_ids[1]",
            says: &["listed twice"],
        },
        Case {
            name: "message contact not a contact",
            edit: |v| set(v, "/applications/2/messages/0/contact_id", json!("c-unknown")),
            field: "applications[2] (id \"b3\", Gamma).messages[0].contact_id",
            says: &["\"c-unknown\" is not one of this application's contacts"],
        },
        Case {
            name: "unparseable instant",
            edit: |v| set(v, "/applications/2/applied_at", json!("2026-11-03 9am")),
            field: "applications[2] (id \"b3\", Gamma).applied_at",
            says: &["\"2026-11-03 9am\" is not an RFC 3339 instant like 2026-11-20T14:00:00Z"],
        },
        Case {
            name: "instant without an offset",
            edit: |v| set(v, "/applications/2/interviews/0/starts_at", json!("2026-11-12T13:00:00")),
            field: "applications[2] (id \"b3\", Gamma).interviews[0].starts_at",
            says: &["is not an RFC 3339 instant"],
        },
        Case {
            name: "unparseable snooze time",
            edit: |v| set(v, "/applications/2/decisions/0/snoozed_until", json!("tomorrow")),
            field: "applications[2] (id \"b3\", Gamma).decisions[0].snoozed_until",
            says: &["\"tomorrow\" is not an RFC 3339 instant"],
        },
        Case {
            name: "impossible date",
            edit: |v| set(v, "/applications/2/interviews/0/expected_reply_by", json!("2026-11-31")),
            field: "applications[2] (id \"b3\", Gamma).interviews[0].expected_reply_by",
            says: &["\"2026-11-31\" is not a date like 2026-11-27"],
        },
        Case {
            name: "instant where a date belongs",
            edit: |v| set(v, "/applications/2/interviews/0/expected_reply_by", json!("2026-11-27T00:00:00Z")),
            field: "applications[2] (id \"b3\", Gamma).interviews[0].expected_reply_by",
            says: &["a calendar date, no time"],
        },
        Case {
            name: "blank company",
            edit: |v| set(v, "/applications/2/company", json!("  ")),
            field: "applications[2] (id \"b3\").company",
            says: &["Company is required"],
        },
        Case {
            name: "missing role",
            edit: |v| {
                v["applications"][2].as_object_mut().unwrap().remove("role");
            },
            field: "applications[2] (id \"b3\", Gamma).role",
            says: &["role: missing (required)"],
        },
        Case {
            name: "blank role",
            edit: |v| set(v, "/applications/2/role", json!("")),
            field: "applications[2] (id \"b3\", Gamma).role",
            says: &["Role is required"],
        },
        Case {
            name: "duplicate application id",
            edit: |v| set(v, "/applications/2/id", json!("b1")),
            field: "applications[2] (id \"b1\", Gamma).id",
            says: &["\"b1\" is already the id of applications[0] (id \"b1\", Acme)"],
        },
        Case {
            name: "duplicate contact id across applications",
            edit: |v| {
                set(v, "/applications/2/contacts/0/id", json!("bc1"));
                set(v, "/applications/2/interviews/0/interviewer_ids", json!(["bc1"]));
            },
            field: "applications[2] (id \"b3\", Gamma).contacts[0].id",
            says: &["contact id \"bc1\" is already used by applications[0] (id \"b1\", Acme)"],
        },
        Case {
            name: "duplicate interview id across applications",
            edit: |v| set(v, "/applications/2/interviews/0/id", json!("bi1")),
            field: "applications[2] (id \"b3\", Gamma).interviews[0].id",
            says: &["interview id \"bi1\" is already used by applications[0] (id \"b1\", Acme)"],
        },
        Case {
            name: "id with a colon",
            edit: |v| set(v, "/applications/2/id", json!("b:3")),
            field: "applications[2] (id \"b:3\", Gamma).id",
            says: &["no spaces or ':'"],
        },
        Case {
            name: "snoozed without a time",
            edit: |v| set(v, "/applications/2/decisions/0/snoozed_until", Value::Null),
            field: "applications[2] (id \"b3\", Gamma).decisions[0].snoozed_until",
            says: &["a snoozed follow-up needs the time"],
        },
        Case {
            name: "job url not http",
            edit: |v| set(v, "/applications/0/job_url", json!("javascript:alert(1)")),
            field: "applications[0] (id \"b1\", Acme).job_url",
            says: &["http:// or https://", "javascript:alert(1)"],
        },
        Case {
            name: "job url ftp",
            edit: |v| set(v, "/applications/0/job_url", json!("ftp://acme.example/jobs")),
            field: "applications[0] (id \"b1\", Acme).job_url",
            says: &["http:// or https://"],
        },
        Case {
            name: "bad e-mail",
            edit: |v| set(v, "/applications/2/contacts/0/email", json!("tom at gamma")),
            field: "applications[2] (id \"b3\", Gamma).contacts[0].email",
            says: &["is not an e-mail address"],
        },
        Case {
            name: "unknown top-level field",
            edit: |v| v["exported_by"] = json!("someone"),
            field: "exported_by",
            says: &["top level: unknown field \"exported_by\"", "refuses the file rather than drop it"],
        },
        Case {
            name: "unknown application field",
            edit: |v| {
                v["applications"][2]["colour"] = json!("red");
                v["applications"][2]["salary"] = json!(1);
            },
            field: "applications[2] (id \"b3\", Gamma).colour",
            says: &[
                "applications[2] (id \"b3\", Gamma): unknown fields \"colour\", \"salary\"",
                "known: id, company, role",
            ],
        },
        Case {
            name: "unknown contact field",
            edit: |v| v["applications"][2]["contacts"][0]["phone"] = json!("+49"),
            field: "applications[2] (id \"b3\", Gamma).contacts[0].phone",
            says: &["applications[2] (id \"b3\", Gamma).contacts[0]: unknown field \"phone\""],
        },
        Case {
            name: "unknown interview field",
            edit: |v| v["applications"][2]["interviews"][0]["room"] = json!("4.12"),
            field: "applications[2] (id \"b3\", Gamma).interviews[0].room",
            says: &["applications[2] (id \"b3\", Gamma).interviews[0]: unknown field \"room\""],
        },
        Case {
            name: "unknown message field",
            edit: |v| v["applications"][2]["messages"][0]["subject"] = json!("Re:"),
            field: "applications[2] (id \"b3\", Gamma).messages[0].subject",
            says: &["applications[2] (id \"b3\", Gamma).messages[0]: unknown field \"subject\""],
        },
        Case {
            name: "unknown decision field",
            edit: |v| v["applications"][2]["decisions"][0]["why"] = json!("busy"),
            field: "applications[2] (id \"b3\", Gamma).decisions[0].why",
            says: &["applications[2] (id \"b3\", Gamma).decisions[0]: unknown field \"why\""],
        },
        Case {
            name: "unknown status-change field",
            edit: |v| v["applications"][2]["status_changes"][0]["by"] = json!("me"),
            field: "applications[2] (id \"b3\", Gamma).status_changes[0].by",
            says: &["applications[2] (id \"b3\", Gamma).status_changes[0]: unknown field \"by\""],
        },
        Case {
            name: "unknown settings field",
            edit: |v| v["settings"]["theme"] = json!("dark"),
            field: "settings.theme",
            says: &["settings: unknown field \"theme\""],
        },
        Case {
            name: "wrong type",
            edit: |v| set(v, "/applications/2/interviews/0/physical_note", json!("yes")),
            field: "applications[2] (id \"b3\", Gamma).interviews[0].physical_note",
            says: &["expected true or false, found \"yes\""],
        },
        Case {
            name: "missing interview end",
            edit: |v| {
                v["applications"][2]["interviews"][0].as_object_mut().unwrap().remove("ends_at");
            },
            field: "applications[2] (id \"b3\", Gamma).interviews[0].ends_at",
            says: &["missing (required)"],
        },
        Case {
            name: "application not an object",
            edit: |v| set(v, "/applications/2", json!("b3")),
            field: "applications[2]",
            says: &["expected an object, found \"b3\""],
        },
    ]
}

/// Runs a refusal against a database holding the sample, as a merge (so
/// that the base document alone would go in), and checks that the file is
/// unchanged, byte for byte.
fn refuse(db: &Path, text: &str) -> Error {
    let before = db_bytes(db);
    let e = import_text(db, text, ImportMode::Merge).unwrap_err();
    assert_eq!(
        db_bytes(db),
        before,
        "a refused import changed the database"
    );
    e
}

#[test]
fn the_base_document_itself_merges() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path(), "s.db");
    assert_eq!(
        import_text(&db, &base().to_string(), ImportMode::Merge)
            .unwrap()
            .added
            .len(),
        3
    );
}

#[test]
fn every_refusal_names_the_place_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path(), "s.db");
    let export_before = export_json(&db);
    let mut failures = Vec::new();
    for case in cases() {
        let mut doc = base();
        (case.edit)(&mut doc);
        let e = refuse(&db, &serde_json::to_string_pretty(&doc).unwrap());
        let msg = e.to_string();
        let ok = e.kind() == "invalid"
            && e.field() == Some(case.field)
            // The message starts with the field, or with the object holding unknown fields.
            && (msg.starts_with(case.field) || msg.starts_with(case.says[0]))
            && !msg.contains('\n')
            && case.says.iter().all(|s| msg.contains(s));
        if !ok {
            failures.push(format!(
                "{}: field {:?}, message {msg}",
                case.name,
                e.field()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    assert_eq!(export_json(&db), export_before);
}

#[test]
fn truncated_or_malformed_json_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path(), "s.db");
    let text = serde_json::to_string_pretty(&base()).unwrap();
    let truncated = &text[..text.len() / 2];
    let e = refuse(&db, truncated);
    assert!(
        e.to_string()
            .starts_with("the file is truncated or not valid JSON: EOF while parsing"),
        "{e}"
    );
    assert!(
        e.to_string().contains(" line ") && e.to_string().contains(" column "),
        "{e}"
    );

    let malformed = text.replacen("\"status\": \"applied\"", "\"status\": \"applied\",,", 1);
    let e = refuse(&db, &malformed);
    let line = malformed.lines().position(|l| l.contains(",,")).unwrap() + 1;
    assert!(
        e.to_string().contains(&format!("at line {line} column")),
        "{e}"
    );

    let twice = text.replacen(
        "\"status\": \"applied\"",
        "\"status\": \"applied\", \"status\": \"offer\"",
        1,
    );
    let e = refuse(&db, &twice);
    assert!(
        e.to_string()
            .contains("the field \"status\" appears twice in one object at line"),
        "{e}"
    );

    for bad in ["", "[]", "null", "{\"afterview\": \"one\"}"] {
        let e = refuse(&db, bad);
        assert!(
            !e.to_string().is_empty() && !e.to_string().contains('\n'),
            "{bad:?}: {e}"
        );
    }
}

#[test]
fn missing_parts_take_their_defaults() {
    let doc = format::parse(r#"{"afterview": 1}"#).unwrap();
    assert_eq!(doc.settings, Settings::default());
    assert!(doc.applications.is_empty());

    let doc = format::parse(
        r#"{"afterview": 1, "settings": {"physical_note_default": true},
            "applications": [{"id": "x", "company": " Acme ", "role": "Dev", "status": "interviewing",
              "job_url": null, "notes": null,
              "contacts": [{"id": "k", "name": "Kim"}],
              "interviews": [{"id": "v", "starts_at": "2026-11-20T15:00:00+01:00",
                              "ends_at": "2026-11-20T15:30:00.750+01:00", "format": "video"}]}]}"#,
    )
    .unwrap();
    assert_eq!(doc.settings.checkin_cadence_days, 14);
    let r = &doc.applications[0];
    assert_eq!(r.application.company, "Acme");
    assert_eq!(
        r.contacts[0].linkedin_consent,
        afterview_core::model::Consent::NotAsked
    );
    // The interview's physical note defaults from the settings; instants are
    // kept in UTC, to the second.
    assert!(r.interviews[0].physical_note);
    assert_eq!(r.interviews[0].starts_at, at("2026-11-20T14:00:00Z"));
    assert_eq!(r.interviews[0].ends_at, at("2026-11-20T14:30:00Z"));
}

/// Issue 15, finding 2: on merge, a new application's decision whose key
/// names an interview the database holds under another application is
/// refused (it would be kept under the wrong application), nothing written.
#[test]
fn merge_refuses_a_decision_keyed_on_another_applications_interview() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path(), "s.db");
    let before = db_bytes(&db);
    let mut doc = base();
    doc["applications"][2]["decisions"] = json!([{
        "followup_key": "thank_you_note:i1", "state": "done", "snoozed_until": null,
        "draft": null, "decided_at": "2026-11-20T10:00:00Z"
    }]);
    let e = import_text(&db, &doc.to_string(), ImportMode::Merge).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.starts_with("applications[2] (id \"b3\", Gamma).decisions[0].followup_key: \"thank_you_note:i1\" names"),
        "{msg}"
    );
    assert!(msg.contains("Northwind Robotics") && msg.contains("nothing was imported"), "{msg}");
    assert_eq!(db_bytes(&db), before);
}

/// Issue 15: the import runs the detail panel's checks (edit.rs,
/// validate.rs) on everything it would store: lengths, control characters,
/// an interview longer than a day, a reply expected before the interview.
/// Each refusal is one short line naming the application and the field, and
/// writes nothing.
#[test]
fn the_import_refuses_what_the_detail_panel_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path(), "s.db");
    let export_before = export_json(&db);
    let long_company = "A".repeat(10_000);
    let cut = format!("{}…", "A".repeat(59));
    let acme = "applications[0] (id \"b1\", Acme)";
    let cases: Vec<(&str, Box<dyn Fn(&mut Value)>, String, &str)> = vec![
        ("interview of 30 hours",
         Box::new(|v| set(v, "/applications/0/interviews/0/ends_at", json!("2026-11-21T20:00:00Z"))),
         format!("{acme}.interviews[0].ends_at"), "an interview lasts at most a day"),
        ("reply expected before the interview",
         Box::new(|v| set(v, "/applications/0/interviews/0/expected_reply_by", json!("2026-11-18"))),
         format!("{acme}.interviews[0].expected_reply_by"), "is before the interview"),
        ("company of 10,000 characters",
         Box::new(move |v| set(v, "/applications/0/company", json!(long_company.clone()))),
         format!("applications[0] (id \"b1\", {cut}).company"), "at most 200 characters"),
        ("company on two lines",
         Box::new(|v| set(v, "/applications/0/company", json!("Acme\nCorp"))),
         "applications[0] (id \"b1\", Acme Corp).company".into(), "must be a single line"),
        ("contact name with a bell",
         Box::new(|v| set(v, "/applications/0/contacts/0/name", json!("Dana\u{7} Reyes"))),
         format!("{acme}.contacts[0].name"), "must be a single line"),
        ("next steps of 201 characters",
         Box::new(|v| set(v, "/applications/0/interviews/0/next_steps", json!("x".repeat(201)))),
         format!("{acme}.interviews[0].next_steps"), "at most 200 characters"),
        ("next steps with a control character",
         Box::new(|v| set(v, "/applications/0/interviews/0/next_steps", json!("call\u{1b}back"))),
         format!("{acme}.interviews[0].next_steps"), "must be a single line"),
        ("message of 20,001 characters",
         Box::new(|v| set(v, "/applications/0/messages/0/body", json!("x".repeat(20_001)))),
         format!("{acme}.messages[0].body"), "at most 20000 characters"),
        ("draft of 20,001 characters",
         Box::new(|v| set(v, "/applications/2/decisions/0/draft", json!("x".repeat(20_001)))),
         "applications[2] (id \"b3\", Gamma).decisions[0].draft".into(), "at most 20000 characters"),
    ];
    let mut failures = Vec::new();
    for (name, edit, field, says) in &cases {
        let mut doc = base();
        edit(&mut doc);
        let e = refuse(&db, &doc.to_string());
        let msg = e.to_string();
        let ok = e.kind() == "invalid"
            && e.field() == Some(field.as_str())
            && msg.starts_with(field.as_str())
            && msg.contains(says)
            && !msg.contains('\n')
            && msg.chars().count() < 300;
        if !ok {
            let short: String = msg.chars().take(300).collect();
            failures.push(format!("{name}: field {:?}, message {short}", e.field()));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    assert_eq!(export_json(&db), export_before);
}

/// The limits themselves go in: a company of 200 characters, an interview
/// of exactly a day, next steps of 200 characters, a message and a draft of
/// 20,000, and a reply date that is the interview's day west of UTC (the
/// file names no zone, so only a date before the interview everywhere is
/// refused).
#[test]
fn the_import_takes_values_at_the_detail_panels_limits() {
    let dir = tempfile::tempdir().unwrap();
    let db = sample_db(dir.path(), "s.db");
    let mut doc = base();
    set(&mut doc, "/applications/0/company", json!("C".repeat(200)));
    set(&mut doc, "/applications/0/interviews/0/starts_at", json!("2026-11-20T02:00:00Z"));
    set(&mut doc, "/applications/0/interviews/0/ends_at", json!("2026-11-21T02:00:00Z"));
    set(&mut doc, "/applications/0/interviews/0/expected_reply_by", json!("2026-11-19"));
    set(&mut doc, "/applications/0/interviews/0/next_steps", json!("n".repeat(200)));
    set(&mut doc, "/applications/0/messages/0/body", json!(format!("Thanks\n\n{}", "x".repeat(19_992))));
    set(&mut doc, "/applications/2/decisions/0/draft", json!("d".repeat(20_000)));
    let report = import_text(&db, &doc.to_string(), ImportMode::Merge).unwrap();
    assert_eq!(report.added.len(), 3);
    let out: Value = serde_json::from_str(&export_json(&db)).unwrap();
    let b1 = out["applications"].as_array().unwrap().iter().find(|a| a["id"] == "b1").unwrap();
    assert_eq!(b1["company"].as_str().unwrap().chars().count(), 200);
    assert_eq!(b1["interviews"][0]["expected_reply_by"], "2026-11-19");
    // A message's body is kept as written, blank lines and all.
    assert!(b1["messages"][0]["body"].as_str().unwrap().starts_with("Thanks\n\nx"));
}
