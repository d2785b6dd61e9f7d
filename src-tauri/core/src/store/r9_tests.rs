//! R9 and the `ghosted` status in the store: the migration that widens the
//! status CHECK (from every earlier version, every row kept), and the
//! question's life through the store's own writes, on real SQLite files.

use super::*;
use super::tests::schema_of;
use crate::test_support::{t, Berlin};
use crate::templates::Template;

fn tables(c: &Connection) -> Vec<String> {
    let mut st = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap();
    st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

/// Rows per table of `names`; the follow-ups are recomputed on opening (and
/// checked on their own), and the zone the store notes in `settings` is not data.
fn counts(c: &Connection, names: &[String]) -> Vec<(String, i64)> {
    names
        .iter()
        .filter(|n| *n != "followups")
        .map(|n| {
            let sql = format!("SELECT count(*) FROM {n}{}", if n == "settings" { " WHERE key <> 'zone'" } else { "" });
            (n.clone(), c.query_row(&sql, [], |r| r.get(0)).unwrap())
        })
        .collect()
}

/// One row in every table the database has at its version: an application
/// with three check-ins sent and no answer, as version 1 already allowed.
fn fill(c: &Connection) {
    let have = tables(c);
    c.execute_batch(
        "INSERT INTO applications(id, company, role, status, applied_at, created_at, updated_at)
         VALUES ('a1', 'Acme', 'Dev', 'applied', '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z'),
                ('a2', 'Globex', 'Dev', 'withdrawn', NULL, '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z');
         INSERT INTO contacts(id, application_id, name) VALUES ('c1', 'a1', 'Dana');
         INSERT INTO interviews(id, application_id, starts_at, ends_at, format)
             VALUES ('i1', 'a2', '2026-11-05T10:00:00Z', '2026-11-05T11:00:00Z', 'video');
         INSERT INTO interview_contacts(interview_id, contact_id) VALUES ('i1', 'c1');
         INSERT INTO status_changes(application_id, at, from_status, to_status)
             VALUES ('a1', '2026-11-02T10:00:00Z', NULL, 'applied');
         INSERT INTO messages(application_id, at, direction, channel, followup_key, contact_id)
             VALUES ('a1', '2026-11-16T09:30:00Z', 'sent', 'email', 'check_in:a1:2026-11-16', 'c1'),
                    ('a1', '2026-11-30T09:30:00Z', 'sent', 'email', 'check_in:a1:2026-11-30', 'c1'),
                    ('a1', '2026-12-14T09:30:00Z', 'sent', 'email', 'check_in:a1:2026-12-14', 'c1');
         INSERT INTO decisions(followup_key, application_id, state, draft, updated_at)
             VALUES ('thank_you_email:i1:c1', 'a2', 'open', 'Dear Dana', '2026-11-05T12:00:00Z');
         INSERT INTO settings(key, value) VALUES ('settings',
             '{\"checkin_cadence_days\":14,\"quiet_hours\":[\"21:00\",\"08:00\"],\"physical_note_default\":false,\"pre_interview_minutes\":60}');
         INSERT INTO notified(followup_key, event, due_at, at)
             VALUES ('check_in:a1:2026-11-16', 'due', '2026-11-16T08:00:00Z', '2026-11-16T08:00:01Z');",
    )
    .unwrap();
    if have.iter().any(|n| n == "note_options") {
        c.execute_batch(
            "INSERT INTO note_options(followup_key, application_id, delivery, layout, updated_at)
             VALUES ('thank_you_note:i1', 'a2', 'post', 'card', '2026-11-05T12:00:00Z');",
        )
        .unwrap();
    }
}

/// The index of R9's entry in the migration list (merged among others').
fn r9_entry() -> usize {
    schema::MIGRATIONS.iter().position(|m| m.contains("'ghosted'")).unwrap()
}

#[test]
fn every_earlier_version_migrates_keeping_every_row_and_learns_ghosted() {
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = Store::open(&fresh_dir.path().join("fresh.db"), Berlin).unwrap();
    let want = schema_of(fresh.conn());
    assert!(want.iter().any(|(n, sql)| n == "applications" && sql.contains("'ghosted'")), "{want:?}");
    for from in 1..schema::VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let (before, names) = {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "foreign_keys", "ON").unwrap();
            for sql in &schema::MIGRATIONS[..from as usize] {
                c.execute_batch(sql).unwrap();
            }
            c.pragma_update(None, "user_version", from).unwrap();
            fill(&c);
            if (from as usize) <= r9_entry() {
                let refused = c.execute("UPDATE applications SET status = 'ghosted' WHERE id = 'a1'", []);
                assert!(refused.is_err(), "version {from} already knew ghosted");
            }
            let names = tables(&c);
            (counts(&c, &names), names)
        };
        // A connection that read the old schema before the migration.
        let other = Connection::open(&path).unwrap();
        other.query_row("SELECT count(*) FROM applications", [], |r| r.get::<_, i64>(0)).unwrap();
        let mut store = Store::open(&path, Berlin).unwrap();
        let c = store.conn();
        assert_eq!(schema_of(c), want, "from version {from}");
        assert_eq!(counts(c, &names), before, "from version {from}: rows lost or added");
        let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok", "from version {from}");
        let dangling: i64 = c.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
        assert_eq!(dangling, 0, "from version {from}");
        // The follow-ups were recomputed with R9: three check-ins unanswered.
        assert!(store.verify_followups().unwrap(), "from version {from}");
        let kinds: Vec<_> = store.agenda(t("2026-12-20T00:00:00Z")).unwrap().into_iter().map(|f| (f.kind, f.key)).collect();
        assert!(kinds.contains(&(Kind::NoAnswer, "no_answer:a1:2026-12-28".into())), "from version {from}: {kinds:?}");
        // The wider CHECK takes ghosted, and still refuses anything else.
        store.move_application("a1", Status::Ghosted, None, t("2026-12-28T10:00:00Z")).unwrap();
        let e = store.conn().execute("UPDATE applications SET status = 'gone' WHERE id = 'a1'", []);
        assert!(e.is_err(), "from version {from}: the CHECK was lost");
        // It sees the new schema: the migration moved the schema cookie.
        other.execute("UPDATE applications SET status = 'ghosted' WHERE id = 'a2'", []).unwrap();
    }
}

#[test]
fn opening_a_migrated_database_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.db");
    Store::open(&path, Berlin).unwrap();
    let once = schema_of(Store::open(&path, Berlin).unwrap().conn());
    // Running the R9 entry on a schema that has it already is harmless too.
    let c = Connection::open(&path).unwrap();
    c.execute_batch(schema::MIGRATIONS[r9_entry()]).unwrap();
    assert_eq!(schema_of(&c), once);
}

/// Three check-ins sent through "Mark as sent", two weeks apart, no reply.
fn silent_store() -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("r9.db"), Berlin).unwrap();
    let app = crate::input::NewApplication { company: "Acme".into(), role: "Dev".into(), ..Default::default() }
        .clean()
        .unwrap();
    let id = s.add_application(&app, t("2026-11-02T10:00:00Z")).unwrap().application.id;
    let body = Template { subject: "Checking in".into(), body: "Any news?".into() };
    for at in ["2026-11-16T09:30:00Z", "2026-11-30T09:30:00Z", "2026-12-14T09:30:00Z"] {
        let f = s.agenda(t(at)).unwrap().into_iter().find(|f| f.kind == Kind::CheckIn).expect("a check-in");
        s.mark_sent(&f.key, &body, false, t(at)).unwrap();
    }
    (dir, s, id)
}

fn slot(s: &Store, now: &str) -> Vec<(Kind, String)> {
    s.agenda(t(now))
        .unwrap()
        .into_iter()
        .filter(|f| matches!(f.kind, Kind::CheckIn | Kind::NoAnswer))
        .map(|f| (f.kind, f.key))
        .collect()
}

#[test]
fn keep_waiting_brings_one_check_in_back_and_undo_asks_again() {
    let (_dir, mut s, id) = silent_store();
    let ask = format!("no_answer:{id}:2026-12-28");
    assert_eq!(slot(&s, "2026-12-28T09:00:00Z"), [(Kind::NoAnswer, ask.clone())]);
    s.decide(&ask, DecisionState::Done, None, t("2026-12-28T09:00:00Z")).unwrap();
    assert_eq!(slot(&s, "2026-12-28T09:00:00Z"), [(Kind::CheckIn, format!("check_in:{id}:2027-01-11"))]);
    s.decide(&ask, DecisionState::Open, None, t("2026-12-28T09:01:00Z")).unwrap();
    assert_eq!(slot(&s, "2026-12-28T09:01:00Z"), [(Kind::NoAnswer, ask)]);
    assert!(s.verify_followups().unwrap());
}

#[test]
fn close_archives_as_no_answer_and_undo_or_restore_bring_it_back() {
    let (_dir, mut s, id) = silent_store();
    let now = t("2026-12-28T09:00:00Z");
    let card = s.card(&id, now).unwrap();
    let moved = s.move_application(&id, Status::Ghosted, None, now).unwrap();
    assert!(s.cards(now, false).unwrap().iter().all(|c| c.application.id != id), "still on the board");
    let archived = s.cards(now, true).unwrap();
    assert_eq!(archived.iter().map(|c| (c.application.id.as_str(), c.application.status)).collect::<Vec<_>>(), [(id.as_str(), Status::Ghosted)]);
    assert!(s.agenda(now).unwrap().is_empty(), "a ghosted application has no follow-ups");

    s.undo_move(&id, moved.change_id, Status::Applied, card.position, now).unwrap();
    assert_eq!(slot(&s, "2026-12-28T09:00:00Z"), [(Kind::NoAnswer, format!("no_answer:{id}:2026-12-28"))]);

    // Closed, then restored from the archive a day later: that is keep waiting.
    s.move_application(&id, Status::Ghosted, None, now).unwrap();
    s.move_application(&id, Status::Applied, None, t("2026-12-29T09:00:00Z")).unwrap();
    assert_eq!(slot(&s, "2026-12-29T09:00:00Z"), [(Kind::CheckIn, format!("check_in:{id}:2027-01-11"))]);
    assert!(s.verify_followups().unwrap());
}

#[test]
fn the_setting_is_stored_bounded_and_reschedules() {
    let (_dir, mut s, id) = silent_store();
    let mut settings = s.settings().unwrap();
    assert_eq!(settings.no_answer_after_checkins, 3);
    settings.no_answer_after_checkins = 4;
    s.set_settings(&settings).unwrap();
    assert_eq!(slot(&s, "2026-12-28T09:00:00Z"), [(Kind::CheckIn, format!("check_in:{id}:2026-12-28"))]);
    for bad in [0, 1, 11, 100] {
        settings.no_answer_after_checkins = bad;
        let e = s.set_settings(&settings).unwrap_err();
        assert_eq!(e.field(), Some("no_answer_after_checkins"), "{bad}: {e}");
        assert!(e.to_string().contains("2 to 10"), "{e}");
    }
    assert_eq!(s.settings().unwrap().no_answer_after_checkins, 4, "a refused value changed nothing");
}
