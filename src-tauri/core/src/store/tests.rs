//! Store tests on real SQLite files in temporary directories.

use super::*;
use crate::test_support::{t, Berlin};
use crate::input::NewApplication;
use chrono::TimeZone;

fn new_app(company: &str) -> CleanApplication {
    NewApplication { company: company.into(), role: "Backend Engineer".into(), ..Default::default() }
        .clean()
        .unwrap()
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("afterview.db"), Berlin).unwrap();
    (dir, store)
}

/// A database file at schema version `version` (its first migrations
/// only), holding what `rows` (SQL run after them) inserts.
pub(super) fn database_at(version: usize, rows: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("v{version}.db"));
    let c = Connection::open(&path).unwrap();
    for sql in &schema::MIGRATIONS[..version] {
        c.execute_batch(sql).unwrap();
    }
    c.pragma_update(None, "user_version", version as i64).unwrap();
    c.execute_batch(rows).unwrap();
    (dir, path)
}

/// The schema as SQLite reports it, to compare databases built different ways.
pub(super) fn schema_of(c: &Connection) -> Vec<(String, String)> {
    let mut st = c
        .prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn a_new_file_gets_every_migration_wal_and_foreign_keys() {
    let (_dir, store) = temp_store();
    let c = store.conn();
    let v: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v, schema::VERSION);
    let mode: String = c.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = c.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn every_earlier_version_migrates_to_the_fresh_schema_keeping_data() {
    let (_fresh_dir, fresh) = temp_store();
    let want = schema_of(fresh.conn());
    for from in 0..schema::VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let c = Connection::open(&path).unwrap();
            for sql in &schema::MIGRATIONS[..from as usize] {
                c.execute_batch(sql).unwrap();
            }
            c.pragma_update(None, "user_version", from).unwrap();
            if from >= 1 {
                c.execute_batch(
                    "INSERT INTO applications(id, company, role, status, applied_at, created_at, updated_at)
                     VALUES ('a1', 'Acme', 'Dev', 'applied', '2026-11-02T10:00:00Z',
                             '2026-11-02T10:00:00Z', '2026-11-02T10:00:00Z');",
                )
                .unwrap();
            }
        }
        let store = Store::open(&path, Berlin).unwrap();
        assert_eq!(schema_of(store.conn()), want, "migrating from version {from}");
        if from >= 1 {
            assert_eq!(store.application_count().unwrap(), 1);
            // The follow-ups table added in version 2 was filled from the facts.
            assert!(store.verify_followups().unwrap());
            assert!(!store.agenda(t("2026-11-03T00:00:00Z")).unwrap().is_empty());
        }
    }
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE future(x); INSERT INTO future VALUES (1);").unwrap();
        c.pragma_update(None, "user_version", schema::VERSION + 1).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, Berlin).err().expect("must refuse");
    assert_eq!(err.kind(), "too_new");
    assert!(err.to_string().contains("newer version of Afterview"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("newer.db")], "no -wal or -shm left behind");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "just some text, long enough to not look like an empty database file").unwrap();
    let err = Store::open(&path, Berlin).err().expect("must refuse");
    assert!(err.to_string().contains("not an Afterview database"), "{err}");
}

#[test]
fn a_write_that_fails_midway_leaves_nothing_behind() {
    let (_dir, mut store) = temp_store();
    let now = t("2026-11-20T10:00:00Z");
    let err = store
        .write(|tx| {
            insert_application(tx, "a1", &new_app("Acme"), Some(now), now)?;
            refresh(tx, "a1", Berlin)?;
            // A contact for an application that does not exist: a foreign-key error.
            tx.execute(
                "INSERT INTO contacts(id, application_id, name) VALUES ('c1', 'missing', 'Dana')",
                [],
            )?;
            Ok(())
        })
        .unwrap_err();
    assert_eq!(err.kind(), "database");
    assert_eq!(store.application_count().unwrap(), 0);
    let n: i64 = store.conn().query_row("SELECT count(*) FROM status_changes", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
    assert!(store.agenda(now).unwrap().is_empty());
}

#[test]
fn adding_an_application_persists_across_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("afterview.db");
    let now = t("2026-11-20T10:00:00Z");
    let id = {
        let mut store = Store::open(&path, Berlin).unwrap();
        let card = store.add_application(&new_app("Acme"), now).unwrap();
        assert_eq!(card.application.status, Status::Applied);
        assert_eq!(card.application.applied_at, Some(now));
        card.application.id
    };
    let store = Store::open(&path, Berlin).unwrap();
    let cards = store.cards(now, false).unwrap();
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].application.id, id);
    assert_eq!(cards[0].application.company, "Acme");
    let rec = store.record(&id).unwrap();
    assert_eq!(rec.status_changes.len(), 1);
    assert_eq!(rec.status_changes[0].to, Status::Applied);
    // An application alone gets its first check-in, shown on the card.
    let next = cards[0].next.as_ref().expect("a check-in");
    assert_eq!(next.kind, Kind::CheckIn);
}

#[test]
fn cards_come_in_column_order_with_positions() {
    let (_dir, mut store) = temp_store();
    let now = t("2026-11-20T10:00:00Z");
    let a = store.add_application(&new_app("Acme"), now).unwrap();
    let b = store.add_application(&new_app("Globex"), now).unwrap();
    assert!(b.position > a.position);
    // Put Globex first.
    store.move_application(&b.application.id, Status::Applied, Some(a.position - 1.0), now).unwrap();
    let order: Vec<_> = store.cards(now, false).unwrap().into_iter().map(|c| c.application.company).collect();
    assert_eq!(order, ["Globex", "Acme"]);
}

#[test]
fn a_move_records_the_change_and_undo_removes_it() {
    let (_dir, mut store) = temp_store();
    let now = t("2026-11-20T10:00:00Z");
    let card = store.add_application(&new_app("Acme"), now).unwrap();
    let id = card.application.id.clone();
    let moved = store.move_application(&id, Status::Rejected, None, t("2026-11-23T10:00:00Z")).unwrap();
    assert_eq!((moved.from, moved.to), (Status::Applied, Status::Rejected));
    let rec = store.record(&id).unwrap();
    assert_eq!(rec.status_changes.last().unwrap().to, Status::Rejected);
    let kinds: Vec<_> = store.agenda(now).unwrap().into_iter().map(|f| f.kind).collect();
    assert_eq!(kinds, [Kind::KeepCvOnFile], "rejection stops check-ins");

    store.undo_move(&id, moved.change_id, Status::Applied, card.position, now).unwrap();
    let rec = store.record(&id).unwrap();
    assert_eq!(rec.application.status, Status::Applied);
    assert_eq!(rec.status_changes.len(), 1);
    assert!(store.verify_followups().unwrap());
}

#[test]
fn decisions_close_and_snooze_follow_ups() {
    let (_dir, mut store) = temp_store();
    let now = t("2026-11-20T10:00:00Z");
    store.add_application(&new_app("Acme"), now).unwrap();
    let f = store.agenda(now).unwrap().remove(0);
    let later = Utc.with_ymd_and_hms(2026, 12, 24, 8, 0, 0).unwrap();
    store.decide(&f.key, DecisionState::Snoozed, Some(later), now).unwrap();
    let g = store.agenda(now).unwrap().remove(0);
    assert_eq!((g.key.as_str(), g.due_at, g.snoozed), (f.key.as_str(), later, true));

    store.decide(&f.key, DecisionState::Done, None, now).unwrap();
    assert!(store.agenda(now).unwrap().iter().all(|x| x.key != f.key));
    assert!(store.verify_followups().unwrap());

    let e = store.decide(&f.key, DecisionState::Snoozed, None, now).unwrap_err();
    assert_eq!(e.field(), Some("snoozed_until"));
    let e = store.decide("check_in:nope:2026-01-01", DecisionState::Done, None, now).unwrap_err();
    assert_eq!(e.kind(), "not_found");
}

#[test]
fn settings_below_a_week_are_refused_and_nothing_changes() {
    let (_dir, mut store) = temp_store();
    let mut s = store.settings().unwrap();
    assert_eq!(s, Settings::default());
    s.checkin_cadence_days = 6;
    let e = store.set_settings(&s).unwrap_err();
    assert_eq!(e.field(), Some("checkin_cadence_days"));
    assert!(e.to_string().starts_with("At least 7 days: checking in more than once a week"), "{e}");
    assert_eq!(store.settings().unwrap(), Settings::default());
    s.checkin_cadence_days = 21;
    store.set_settings(&s).unwrap();
    assert_eq!(store.settings().unwrap().checkin_cadence_days, 21);
}

#[test]
fn changing_the_cadence_reschedules_every_check_in() {
    let (_dir, mut store) = temp_store();
    let now = t("2026-11-20T10:00:00Z");
    store.add_application(&new_app("Acme"), now).unwrap();
    let before = store.agenda(now).unwrap().remove(0).due_at;
    let mut s = store.settings().unwrap();
    s.checkin_cadence_days = 28;
    store.set_settings(&s).unwrap();
    let after = store.agenda(now).unwrap().remove(0).due_at;
    assert_eq!((after - before).num_days(), 14);
    assert!(store.verify_followups().unwrap());
}

#[test]
fn reopening_in_another_zone_recomputes_local_times() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("afterview.db");
    let now = t("2026-11-20T10:00:00Z");
    Store::open(&path, Berlin).unwrap().add_application(&new_app("Acme"), now).unwrap();
    let ny = Store::open(&path, crate::zone::Tz::named("America/New_York")).unwrap();
    let due = ny.agenda(now).unwrap().remove(0).due_at;
    assert_eq!(due.with_timezone(&crate::zone::Tz::named("America/New_York")).format("%H:%M").to_string(), "09:00");
    assert!(ny.verify_followups().unwrap());
}

#[test]
fn deleting_an_application_removes_all_its_facts() {
    let (_dir, mut store) = temp_store();
    let now = t("2026-11-20T10:00:00Z");
    let id = store.add_application(&new_app("Acme"), now).unwrap().application.id;
    store.write(|tx| delete_application(tx, &id)).unwrap();
    for table in ["applications", "status_changes", "followups"] {
        let n: i64 = store.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0, "{table}");
    }
}

/// The stored follow-ups always equal a fresh computation from the facts,
/// whatever sequence of writes led there (a deterministic pseudo-random walk
/// over every kind of write, checked after each step).
#[test]
fn stored_follow_ups_always_equal_a_fresh_computation() {
    let (_dir, mut store) = temp_store();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut now = t("2026-11-02T09:00:00Z");
    for step in 0..300 {
        now += chrono::Duration::minutes(37 * (1 + next(300) as i64));
        let ids: Vec<String> = store.cards(now, true).unwrap().into_iter().map(|c| c.application.id).collect();
        let board: Vec<String> = store.cards(now, false).unwrap().into_iter().map(|c| c.application.id).collect();
        match next(7) {
            0 | 1 if ids.len() < 12 || board.is_empty() => {
                store.add_application(&new_app(&format!("Company {step}")), now).unwrap();
            }
            0 | 1 => {
                let id = &ids[next(ids.len())];
                let to = Status::ALL[next(Status::ALL.len())];
                store.move_application(id, to, None, now).unwrap();
            }
            2 | 3 => {
                let open = store.agenda(now).unwrap();
                if let Some(f) = open.get(next(open.len().max(1))) {
                    let (state, until) = match next(3) {
                        0 => (DecisionState::Done, None),
                        1 => (DecisionState::Skipped, None),
                        _ => (DecisionState::Snoozed, Some(now + chrono::Duration::hours(next(100) as i64))),
                    };
                    store.decide(&f.key, state, until, now).unwrap();
                }
            }
            4 | 5 if !ids.is_empty() => {
                let id = ids[next(ids.len())].clone();
                let key = store.agenda(now).unwrap().into_iter().find(|f| f.application_id == id).map(|f| f.key);
                let m = Message {
                    at: now,
                    direction: if next(2) == 0 { Direction::Sent } else { Direction::Received },
                    channel: Channel::Email,
                    followup_key: key.filter(|_| next(2) == 0),
                    contact_id: None,
                    body: String::new(),
                };
                store.write(|tx| {
                    insert_message(tx, &id, &m)?;
                    refresh(tx, &id, Berlin)
                })
                .unwrap();
            }
            _ => {
                let mut s = store.settings().unwrap();
                s.checkin_cadence_days = 7 + next(30) as u32;
                store.set_settings(&s).unwrap();
            }
        }
        assert!(store.verify_followups().unwrap(), "after step {step}");
    }
}

#[test]
fn one_card_read_alone_equals_its_card_on_the_whole_board() {
    // `card` reads through the indexes on application_id, `cards` scans:
    // both must give the same card, with its follow-ups, last contact and contacts.
    let (_d, mut s) = temp_store();
    let today = crate::format::sample_anchor();
    let doc = crate::format::sample_document(today).unwrap();
    let now = t("2026-11-26T10:00:00Z");
    crate::format::import(&mut s, &doc, crate::format::ImportMode::Empty, now).unwrap();
    for archived in [false, true] {
        for card in s.cards(now, archived).unwrap() {
            let alone = s.card(&card.application.id, now).unwrap();
            assert_eq!(serde_json::to_value(&alone).unwrap(), serde_json::to_value(&card).unwrap(), "{}", card.application.company);
        }
    }
    let board = s.cards(now, false).unwrap();
    assert!(board.iter().any(|c| c.next.is_some() && c.last_contact.is_some() && !c.contacts.is_empty()), "the sample exercises every part");
}

#[test]
fn stored_instants_read_back_exactly_by_the_fast_path_and_others_by_rfc_3339() {
    let mut at = t("1999-12-31T23:59:59Z");
    for _ in 0..2_000 {
        let text = ts(at);
        assert_eq!(parse_stored_ts(&text), Some(at), "{text}");
        assert_eq!(parse_ts(&text).unwrap(), at);
        at += chrono::Duration::seconds(7_919 * 61 + 13);
    }
    // Other RFC 3339 forms (older files, hand edits) still read, through the general parser.
    assert_eq!(parse_stored_ts("2026-11-26T11:00:00+01:00"), None);
    assert_eq!(parse_ts("2026-11-26T11:00:00+01:00").unwrap(), t("2026-11-26T10:00:00Z"));
    for bad in ["2026-02-30T10:00:00Z", "2026-11-26T24:00:00Z", "2026-11-2xT10:00:00Z", "2026-11-26 10:00:00Z"] {
        assert_eq!(parse_stored_ts(bad), None, "{bad}");
    }
    assert!(parse_ts("2026-02-30T10:00:00Z").is_err());
}

#[test]
fn the_agenda_summary_counts_what_the_agenda_lists() {
    let (_d, mut s) = temp_store();
    let doc = crate::format::sample_document(crate::format::sample_anchor()).unwrap();
    crate::format::import(&mut s, &doc, crate::format::ImportMode::Empty, t("2026-11-26T10:00:00Z")).unwrap();
    let mut seen_due = 0;
    let mut now = t("2026-11-01T00:00:00Z");
    while now < t("2027-01-15T00:00:00Z") {
        let items = s.agenda(now).unwrap();
        let due = items.iter().filter(|f| f.due_at <= now).count();
        let next = items.iter().map(|f| f.due_at).filter(|&d| d > now).min();
        assert_eq!(s.agenda_summary(now).unwrap(), (due, next), "at {now}");
        seen_due = seen_due.max(due);
        now += chrono::Duration::hours(7);
    }
    assert!(seen_due > 1, "the sample has several follow-ups due at once somewhere");
}

/// Issue 15's poisoned database: an expected reply on 9999-12-31 made the
/// check-in due on 10000-01-01, stored as "+10000-…", which no read could
/// parse; every agenda, export and the board failed until a restore.
#[test]
fn a_far_future_date_never_poisons_the_store_and_a_database_holding_one_still_opens() {
    let poisoned = r#"{"afterview": 1, "applications": [{
        "id": "a1", "company": "Acme", "role": "Dev", "status": "interviewing",
        "applied_at": "2026-11-02T10:00:00Z",
        "interviews": [{"id": "i1", "starts_at": "2026-11-19T14:00:00Z", "ends_at": "2026-11-19T15:00:00Z",
                        "format": "onsite", "expected_reply_by": "9999-12-31"}]}]}"#;
    // A file: refused, naming the field.
    let e = crate::format::parse(poisoned).unwrap_err();
    assert!(e.to_string().contains("expected_reply_by"), "{e}");
    assert!(e.to_string().contains("between 1970 and 2199"), "{e}");

    // Facts that got in some other way: the year-10000 check-in is not stored,
    // and everything still reads.
    let doc = crate::format::parse(&poisoned.replace("9999-12-31", "2026-11-27")).unwrap();
    let mut rec = doc.applications[0].clone();
    rec.interviews[0].expected_reply_by = chrono::NaiveDate::from_ymd_opt(9999, 12, 31);
    let (_dir, mut s) = temp_store();
    s.insert_records(&[rec], None, t("2026-11-20T10:00:00Z")).unwrap();
    let agenda = s.agenda(t("2026-11-20T10:00:00Z")).unwrap();
    assert!(agenda.iter().all(|f| f.kind != Kind::CheckIn), "{agenda:?}");
    assert!(!agenda.is_empty(), "the thank-you is still there");
    assert!(s.verify_followups().unwrap());
    assert!(s.cards(t("2026-11-20T10:00:00Z"), false).is_ok());

    // A database that already holds one (written by an earlier version) opens and reads.
    s.conn().execute("UPDATE followups SET due_at = '+10000-01-01T08:00:00Z' WHERE kind = 'thank_you_email'", []).unwrap();
    let f = s.agenda(t("2026-11-20T10:00:00Z")).unwrap().into_iter().find(|f| f.kind == Kind::ThankYouEmail).unwrap();
    assert_eq!(f.due_at.year(), 10000);
    assert!(crate::format::export(&s).is_ok());
}

/// Issue 15: the database and its folder were created 0644/0755 under the
/// usual umask 022, readable by every local user.
#[test]
fn the_database_its_wal_and_shm_its_folder_and_backups_are_private_from_the_first_write() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("share/afterview");
    let db = data.join("afterview.db");
    let mut s = Store::open(&db, Berlin).unwrap();
    s.add_application(&new_app("Acme"), t("2026-11-20T10:00:00Z")).unwrap();
    assert_eq!(mode(&dir.path().join("share")), 0o700);
    assert_eq!(mode(&data), 0o700);
    for f in ["afterview.db", "afterview.db-wal", "afterview.db-shm"] {
        assert_eq!(mode(&data.join(f)), 0o600, "{f}");
    }
    let b = crate::backup::take(&db, crate::backup::BackupKind::Automatic, t("2026-11-20T10:00:00Z"), Berlin).unwrap();
    assert_eq!(mode(&data.join("backups")), 0o700);
    assert_eq!(mode(&data.join("backups").join(&b.file)), 0o600);
}

#[test]
fn applied_on_sets_when_the_application_was_sent() {
    let (_dir, mut store) = temp_store();
    let now = t("2026-11-20T10:00:00Z");
    let with = |d: &str| {
        let mut a = new_app("Acme");
        a.applied_on = NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        a
    };
    // Today (the form's default) is the moment of adding; an earlier day its local noon.
    assert_eq!(store.add_application(&with("2026-11-20"), now).unwrap().application.applied_at, Some(now));
    let earlier = store.add_application(&with("2026-11-02"), now).unwrap();
    assert_eq!(earlier.application.applied_at, Some(t("2026-11-02T11:00:00Z")));
    // The first check-in counts from that day, not from today.
    assert!(earlier.next.is_some_and(|f| f.due_at < t("2026-11-20T00:00:00Z")));
    let e = store.add_application(&with("2026-11-21"), now).unwrap_err();
    assert_eq!(e.field(), Some("applied_on"));
    assert_eq!(store.application_count().unwrap(), 2, "nothing stored for the refused one");
    let mut wish = with("2026-11-02");
    wish.status = Status::Wishlist;
    assert_eq!(store.add_application(&wish, now).unwrap().application.applied_at, None);
}

#[test]
fn settings_errors_name_their_field_in_the_users_words() {
    let (_dir, mut store) = temp_store();
    let mut s = store.settings().unwrap();
    s.checkin_cadence_days = 366;
    let e = store.set_settings(&s).unwrap_err();
    assert_eq!((e.field(), e.to_string().as_str()), (Some("checkin_cadence_days"), "At most 365 days."));
    s.checkin_cadence_days = 14;
    s.pre_interview_minutes = 1441;
    let e = store.set_settings(&s).unwrap_err();
    assert_eq!((e.field(), e.to_string().as_str()), (Some("pre_interview_minutes"), "At most 1440 minutes (a day) before."));
    // A file or the command line still hears the value it gave.
    assert_eq!(s.validate().unwrap_err(), "the pre-interview reminder must be at most 1440 minutes (a day) before (got 1441)");
    assert_eq!(store.settings().unwrap(), Settings::default());
}
