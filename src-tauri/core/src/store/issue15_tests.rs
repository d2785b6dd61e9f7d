//! Issue 15. Finding 1: a read-only database can be read, and an open of a
//! current database writes nothing. The tests run as root in CI, where
//! `chmod` does not stop a write: they check the file's bytes (which moved
//! on every open before) and open files through SQLite's read-only flags.

use super::*;
use crate::test_support::{t, Berlin, New_York};
use crate::input::NewApplication;

/// A database file with one applied application, closed (its WAL folded in).
fn saved_db(dir: &Path) -> PathBuf {
    let path = dir.join("afterview.db");
    let mut s = Store::open(&path, Berlin).unwrap();
    let app = NewApplication {
        company: "Northwind".into(),
        role: "Backend Engineer".into(),
        status: Some(Status::Applied),
        ..Default::default()
    }
    .clean()
    .unwrap();
    s.add_application(&app, t("2026-11-02T10:00:00Z")).unwrap();
    drop(s);
    path
}

/// The header's file change counter (bytes 24..28).
fn change_counter(bytes: &[u8]) -> u32 {
    u32::from_be_bytes(bytes[24..28].try_into().unwrap())
}

#[test]
fn opening_a_current_database_leaves_its_bytes_and_change_counter_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_db(dir.path());
    let before = std::fs::read(&path).unwrap();
    for _ in 0..2 {
        let s = Store::open(&path, Berlin).unwrap();
        assert_eq!(s.application_count().unwrap(), 1);
        drop(s);
    }
    let after = std::fs::read(&path).unwrap();
    assert_eq!(change_counter(&before), change_counter(&after), "the change counter moved");
    assert!(before == after, "opening a current database changed its file");
}

#[test]
fn the_read_only_open_writes_nothing_even_when_the_zone_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_db(dir.path());
    let before = std::fs::read(&path).unwrap();
    // Another zone: the follow-ups are recomputed, in memory only.
    let s = Store::open_read_only(&path, New_York).unwrap();
    assert_eq!(s.application_count().unwrap(), 1);
    assert!(s.verify_followups().unwrap());
    let agenda = s.agenda(t("2027-01-01T00:00:00Z")).unwrap();
    assert!(!agenda.is_empty());
    drop(s);
    assert!(std::fs::read(&path).unwrap() == before, "the read-only open changed the file");
    let stored: Option<String> = Connection::open(&path)
        .unwrap()
        .query_row("SELECT value FROM settings WHERE key = 'zone'", [], |r| r.get(0))
        .optional()
        .unwrap();
    assert_eq!(stored.as_deref(), Some(Berlin.name()));
}

#[test]
fn a_database_on_read_only_media_opens_through_sqlite_s_immutable_read_only_flags() {
    // A folder whose name needs escaping in a file: URI.
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("backup ?#% é");
    std::fs::create_dir(&odd).unwrap();
    let path = saved_db(&odd);
    let before = std::fs::read(&path).unwrap();
    let c = files::immutable_connection(&path).unwrap();
    // SQLite itself refuses writes on this connection, root or not.
    let e = c.execute("DELETE FROM applications", []).unwrap_err();
    assert!(e.to_string().contains("readonly"), "{e}");
    let store = Store { conn: c, tz: Berlin, path: path.clone() };
    assert_eq!(store.all_records().unwrap()[0].application.company, "Northwind");
    let doc = crate::format::export(&store).unwrap();
    assert_eq!(doc.applications.len(), 1);
    drop(store);
    assert!(std::fs::read(&path).unwrap() == before);
    assert!(!side_file(&path, "-shm").exists() && !side_file(&path, "-wal").exists());
}

// `reading_commands_work_in_a_read_only_folder_and_leave_the_file_unchanged`
// moved with the command line to src-tauri/tests/read_only_cli.rs.

#[cfg(unix)]
#[test]
fn a_read_only_folder_file_or_shm_is_named_in_the_message() {
    use std::os::unix::fs::PermissionsExt;
    let cant_open = || Error::from(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN), None));
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("mounted");
    std::fs::create_dir(&folder).unwrap();
    let path = saved_db(&folder);

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let m = explain_read_only(&path, cant_open()).to_string();
    assert!(m.contains(&format!("The database file {} is read-only", path.display())), "{m}");
    assert!(m.contains("afterview export"), "{m}");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();

    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let e = explain_read_only(&path, cant_open());
    assert_eq!(e.kind(), "read_only");
    assert!(e.to_string().contains(&format!("The folder {} is read-only", folder.display())), "{e}");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();

    // Not a read-only problem: left as it was.
    let busy = Error::from(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY), None));
    assert_eq!(explain_read_only(&path, busy).kind(), "database");
}

#[cfg(unix)]
#[test]
fn a_leftover_read_only_shm_is_made_writable_once_the_database_is() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = saved_db(dir.path());
    let shm = side_file(&path, "-shm");
    std::fs::write(&shm, b"").unwrap();
    std::fs::set_permissions(&shm, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut s = Store::open(&path, Berlin).unwrap();
    assert!(!std::fs::metadata(&shm).unwrap().permissions().readonly());
    s.set_settings(&s.settings().unwrap()).unwrap();
}

// ----- issue 15, finding 2: decisions keyed by (key, application) ----------

#[test]
fn a_decision_held_under_another_application_does_not_stop_closing_the_real_follow_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("afterview.db"), Berlin).unwrap();
    let applied = |c: &str| {
        NewApplication { company: c.into(), role: "Dev".into(), status: Some(Status::Applied), ..Default::default() }
            .clean()
            .unwrap()
    };
    let now = t("2026-11-02T10:00:00Z");
    let a1 = s.add_application(&applied("Acme"), now).unwrap().application.id;
    let a2 = s.add_application(&applied("Globex"), now).unwrap().application.id;
    let later = t("2027-06-01T00:00:00Z");
    let key = s.agenda(later).unwrap().into_iter().find(|f| f.application_id == a1).unwrap().key;
    // What an import of a decision under the wrong application left behind.
    s.conn()
        .execute(
            "INSERT INTO decisions(followup_key, application_id, state, updated_at) VALUES (?1, ?2, 'open', ?3)",
            params![key, a2, ts(now)],
        )
        .unwrap();
    s.decide(&key, DecisionState::Done, None, later).unwrap();
    assert!(!s.agenda(later).unwrap().iter().any(|f| f.key == key), "the real follow-up stayed open");
    assert!(s.verify_followups().unwrap());
}

#[test]
fn migration_8_keys_decisions_and_note_options_by_key_and_application_keeping_every_row() {
    let (_dir, path) = super::tests::database_at(
        7,
        "INSERT INTO applications(id, company, role, status, applied_at, created_at, updated_at)
         VALUES ('a1', 'Acme', 'Dev', 'applied', '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z');
         INSERT INTO decisions(followup_key, application_id, state, snoozed_until, draft, updated_at, decided_at)
         VALUES ('check_in:a1:2026-11-16', 'a1', 'done', NULL, 'hello', '2026-11-16T09:00:00Z', '2026-11-16T09:00:00Z');
         INSERT INTO note_options(followup_key, application_id, delivery, layout, envelope, address, updated_at)
         VALUES ('thank_you_note:i1', 'a1', 'post', 'card_a2', 1, 'Main St 1', '2026-11-16T09:00:00Z');",
    );
    let s = Store::open(&path, Berlin).unwrap();
    let c = s.conn();
    for table in ["decisions", "note_options"] {
        let pk: Vec<String> = c
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(pk, ["followup_key", "application_id"], "{table}");
    }
    let d = &s.record("a1").unwrap().decisions;
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].followup_key.as_str(), d[0].draft.as_deref()), ("check_in:a1:2026-11-16", Some("hello")));
    assert_eq!(d[0].decided_at, Some(t("2026-11-16T09:00:00Z")));
    let address: String = c.query_row("SELECT address FROM note_options", [], |r| r.get(0)).unwrap();
    assert_eq!(address, "Main St 1");
}

// ----- issue 15, finding 5: a done check-in stays done across zones ---------

#[test]
fn a_check_in_marked_done_stays_done_when_the_zone_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("afterview.db");
    // Sent at 23:30 UTC: Tuesday 3 Nov in Berlin, Monday 2 Nov in New York.
    let sent = t("2026-11-02T23:30:00Z");
    let app = NewApplication { company: "Acme".into(), role: "Dev".into(), status: Some(Status::Applied), ..Default::default() }
        .clean()
        .unwrap();
    let mut s = Store::open(&path, Berlin).unwrap();
    let id = s.add_application(&app, sent).unwrap().application.id;
    let far = t("2027-06-01T00:00:00Z");
    let first = s.agenda(far).unwrap().into_iter().find(|f| f.kind == Kind::CheckIn).unwrap();
    let done_at = first.due_at + chrono::Duration::hours(1);
    s.decide(&first.key, DecisionState::Done, None, done_at).unwrap();
    let check = first.due_at + chrono::Duration::days(2);
    let overdue = |s: &Store| -> Vec<String> {
        s.agenda(check).unwrap().into_iter().filter(|f| f.kind == Kind::CheckIn && f.due_at <= check).map(|f| f.key).collect()
    };
    assert!(overdue(&s).is_empty());
    drop(s);
    for tz in [New_York, Berlin] {
        let s = Store::open(&path, tz).unwrap();
        assert!(overdue(&s).is_empty(), "{}: the done check-in came back: {:?}", tz.name(), overdue(&s));
        assert!(s.verify_followups().unwrap());
        // Still one decision, done, when it was done.
        let d = &s.record(&id).unwrap().decisions;
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].state, d[0].decided_at), (DecisionState::Done, Some(done_at)));
        drop(s);
    }
}
