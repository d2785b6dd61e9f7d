//! Backups against real SQLite files: the rotation keeps the right files,
//! a restore gives back exactly the data backed up (and can be undone), and
//! a backup taken while another connection writes is one committed state.

use afterview_core::backup::{self, BackupKind};
use afterview_core::format::{self, ImportMode};
use afterview_core::model::Status;
use afterview_core::store::{files, Store};
use afterview_core::input::NewApplication;
use afterview_core::Error;
use chrono::{DateTime, Duration, Utc};
use afterview_core::zone::Tz;
use rusqlite::{Connection, OpenFlags};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

const TZ: Tz = afterview_core::zone::Tz::named("Europe/Berlin");

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn now() -> DateTime<Utc> {
    at("2026-11-26T12:00:00Z")
}

fn sample_store(dir: &Path) -> (Store, PathBuf) {
    let db = dir.join("afterview.db");
    let mut store = Store::open(&db, TZ).unwrap();
    let doc = format::parse(format::SAMPLE_JSON).unwrap();
    format::import(&mut store, &doc, ImportMode::Empty, now()).unwrap();
    (store, db)
}

/// The sample in a fresh folder: the folder, the store, its file and its
/// backups folder (created, empty).
fn sample_with_backups() -> (tempfile::TempDir, Store, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (store, db) = sample_store(dir.path());
    let bdir = backup::backup_dir(&db);
    std::fs::create_dir_all(&bdir).unwrap();
    (dir, store, db, bdir)
}

fn add(store: &mut Store, company: &str) -> String {
    let input = NewApplication { company: company.into(), role: "Engineer".into(), ..Default::default() };
    store.add_application(&input.clean().unwrap(), now()).unwrap().application.id
}

fn export_json(store: &Store) -> String {
    format::to_json(&format::export(store).unwrap())
}

fn backup_files(db: &Path) -> BTreeSet<String> {
    std::fs::read_dir(backup::backup_dir(db))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn rotation_keeps_the_right_files() {
    let dir = tempfile::tempdir().unwrap();
    let (store, db) = sample_store(dir.path());
    // Three backups a day (08:00, 13:00, 18:00 UTC) for 40 days, as the app
    // would take them at start and daily; rotation runs after each.
    let start = at("2026-10-20T08:00:00Z");
    let mut taken = Vec::new();
    for day in 0..40 {
        for hour in [0, 5, 10] {
            let t = start + Duration::days(day) + Duration::hours(hour);
            backup::take(&db, BackupKind::Automatic, t, TZ).unwrap();
            taken.push(t);
        }
    }
    let expected: BTreeSet<String> = backup::keep(&taken, TZ)
        .into_iter()
        .map(|t| backup::file_name(t, BackupKind::Automatic))
        .collect();
    assert_eq!(backup_files(&db), expected);
    // 7 daily (the 18:00 ones of 22–28 Nov) + the newest of the 3 weeks before.
    let names: Vec<&str> = expected.iter().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "afterview-20261108T180000Z.db",
            "afterview-20261115T180000Z.db",
            "afterview-20261122T180000Z.db",
            "afterview-20261123T180000Z.db",
            "afterview-20261124T180000Z.db",
            "afterview-20261125T180000Z.db",
            "afterview-20261126T180000Z.db",
            "afterview-20261127T180000Z.db",
            "afterview-20261128T180000Z.db",
        ]
    );
    // Copies made before a restore are kept apart: the newest five.
    for i in 0..8 {
        backup::take(&db, BackupKind::BeforeRestore, now() + Duration::minutes(i), TZ).unwrap();
    }
    let before: Vec<_> = backup_files(&db).into_iter().filter(|n| n.ends_with("-before-restore.db")).collect();
    assert_eq!(before.len(), backup::KEEP_BEFORE_RESTORE);
    assert!(before[0].contains("T120300Z"), "{before:?}");
    // The automatic ones were not touched by those.
    assert_eq!(backup_files(&db).len(), expected.len() + backup::KEEP_BEFORE_RESTORE);
    // Nor by copies made before an import, kept apart in turn: the newest five.
    for i in 0..7 {
        let info = backup::take(&db, BackupKind::BeforeImport, now() + Duration::minutes(10 + i), TZ).unwrap();
        assert_eq!(info.kind, BackupKind::BeforeImport);
        assert!(info.file.ends_with("-before-import.db"), "{}", info.file);
    }
    let before_import: Vec<_> = backup_files(&db).into_iter().filter(|n| n.ends_with("-before-import.db")).collect();
    assert_eq!(before_import.len(), backup::KEEP_BEFORE_RESTORE);
    assert!(before_import[0].contains("T121200Z"), "{before_import:?}");
    assert_eq!(backup_files(&db).len(), expected.len() + 2 * backup::KEEP_BEFORE_RESTORE);
    drop(store);
}

#[test]
fn a_daily_backup_is_taken_once_per_local_day() {
    let dir = tempfile::tempdir().unwrap();
    let (_store, db) = sample_store(dir.path());
    assert!(backup::take_if_due(&db, at("2026-11-26T07:00:00Z"), TZ).unwrap().is_some());
    assert!(backup::take_if_due(&db, at("2026-11-26T20:00:00Z"), TZ).unwrap().is_none());
    // 23:30 UTC is already 27 Nov in Berlin.
    assert!(backup::take_if_due(&db, at("2026-11-26T23:30:00Z"), TZ).unwrap().is_some());
    assert_eq!(backup_files(&db).len(), 2);
}

#[test]
fn a_backup_is_one_self_contained_checked_file() {
    let dir = tempfile::tempdir().unwrap();
    let (store, db) = sample_store(dir.path());
    let info = backup::take(&db, BackupKind::Automatic, now(), TZ).unwrap();
    assert_eq!(info.applications, Some(store.application_count().unwrap()));
    assert!(info.bytes > 0 && info.problem.is_none());
    // No -wal or -shm beside it, and it opens read-only in rollback mode.
    assert_eq!(backup_files(&db), BTreeSet::from([info.file.clone()]));
    let path = backup::backup_dir(&db).join(&info.file);
    let c = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mode: String = c.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete");
    assert_eq!(files::integrity(&c), Ok(()));
    let listed = backup::list(&db).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].taken_at, listed[0].kind, listed[0].applications), (now(), BackupKind::Automatic, info.applications));
}

#[test]
fn restore_gives_back_exactly_the_backed_up_data_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = sample_store(dir.path());
    let backed_up = export_json(&store);
    let count = store.application_count().unwrap();
    let b = backup::take(&db, BackupKind::Automatic, now(), TZ).unwrap();

    // Later changes: an application added, one moved, the settings changed.
    add(&mut store, "Globex");
    let first = store.all_records().unwrap()[0].application.id.clone();
    store.move_application(&first, Status::Rejected, None, now()).unwrap();
    let mut s = store.settings().unwrap();
    s.checkin_cadence_days = 21;
    store.set_settings(&s).unwrap();
    let changed = export_json(&store);
    assert_ne!(changed, backed_up);

    let later = now() + Duration::hours(1);
    let r = backup::restore(&mut store, &b.file, later).unwrap();
    assert_eq!(export_json(&store), backed_up);
    assert_eq!(store.application_count().unwrap(), count);
    assert!(store.verify_followups().unwrap(), "the stored follow-ups match the restored facts");
    assert_eq!(r.from.file, b.file);
    assert_eq!(r.before.kind, BackupKind::BeforeRestore);
    assert_eq!(r.before.applications, Some(count + 1));

    // The data as it was before the restore is one step away.
    backup::restore(&mut store, &r.before.file, later + Duration::minutes(1)).unwrap();
    assert_eq!(export_json(&store), changed);
    // The same store keeps writing after a restore.
    add(&mut store, "Initech");
    let changed = export_json(&store);
    // The database is still one WAL file that the app opens as usual.
    drop(store);
    let store = Store::open(&db, TZ).unwrap();
    assert_eq!(export_json(&store), changed);
}

#[test]
fn restore_keeps_the_marks_of_reminders_already_shown() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = sample_store(dir.path());
    let b = backup::take(&db, BackupKind::Automatic, now(), TZ).unwrap();
    Connection::open(&db)
        .unwrap()
        .execute(
            "INSERT INTO notified(followup_key, event, due_at, at) VALUES ('thank_you_email:i1:c1', 'due', ?1, ?1)",
            ["2026-11-26T12:00:00Z"],
        )
        .unwrap();
    backup::restore(&mut store, &b.file, now()).unwrap();
    let n: i64 = Connection::open(&db).unwrap().query_row("SELECT count(*) FROM notified", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1);
}

#[test]
fn restore_refuses_what_is_not_a_backup_and_changes_nothing() {
    let (_dir, mut store, db, bdir) = sample_with_backups();
    let before = export_json(&store);
    // Not a backup's name (and no way out of the folder).
    for name in ["../afterview.db", "afterview.db", "notes.txt"] {
        let e = backup::restore(&mut store, name, now()).err().unwrap();
        assert!(matches!(e, Error::Invalid { .. }), "{name}: {e}");
    }
    // A backup that has gone.
    let e = backup::restore(&mut store, "afterview-20261101T090000Z.db", now()).err().unwrap();
    assert!(matches!(e, Error::NotFound(_)), "{e}");
    // A damaged file with a backup's name.
    std::fs::write(bdir.join("afterview-20261102T090000Z.db"), b"not a database at all, just text").unwrap();
    let e = backup::restore(&mut store, "afterview-20261102T090000Z.db", now()).err().unwrap();
    assert!(matches!(e, Error::Invalid { .. }) && e.to_string().contains("not an SQLite database"), "{e}");
    // A backup from a newer Afterview.
    let newer = bdir.join("afterview-20261103T090000Z.db");
    {
        let c = Connection::open(&newer).unwrap();
        c.execute_batch("CREATE TABLE applications(id TEXT); PRAGMA user_version = 999;").unwrap();
    }
    let e = backup::restore(&mut store, "afterview-20261103T090000Z.db", now()).err().unwrap();
    assert!(e.to_string().contains("newer Afterview"), "{e}");
    // Nothing was restored, and no copy "before restore" was made for nothing.
    assert_eq!(export_json(&store), before);
    assert!(!backup_files(&db).iter().any(|n| n.ends_with("-before-restore.db")));
    // The listing shows the damaged file as unreadable rather than failing.
    let listed = backup::list(&db).unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().any(|b| b.applications.is_none() && b.problem.is_some()));
}

#[test]
fn an_older_schema_backup_is_migrated_on_restore() {
    let (_dir, mut store, db, bdir) = sample_with_backups();
    // A backup from version 1 (before the follow-ups table) with one application.
    let old = bdir.join("afterview-20261001T090000Z.db");
    {
        let c = Connection::open(&old).unwrap();
        c.execute_batch(afterview_core::store::schema::MIGRATIONS[0]).unwrap();
        c.execute_batch(
            "INSERT INTO applications(id, company, role, status, applied_at, created_at, updated_at)
             VALUES ('a-old', 'Initech', 'Analyst', 'applied', '2026-09-28T09:00:00Z', '2026-09-28T09:00:00Z', '2026-09-28T09:00:00Z');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    backup::restore(&mut store, "afterview-20261001T090000Z.db", now()).unwrap();
    let recs = store.all_records().unwrap();
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].application.company, "Initech");
    assert!(store.verify_followups().unwrap());
    assert!(!store.agenda(now()).unwrap().is_empty(), "the applied application has its check-in");
    // Reopened as the app does at its next start: the migrated schema.
    drop(store);
    assert_eq!(Store::open(&db, TZ).unwrap().all_records().unwrap().len(), 1);
}

/// A writer commits applications through the store on one connection while
/// backups are taken on another: every backup passes `integrity_check`,
/// holds exactly the first N acknowledged commits (never half of one: its
/// follow-ups table matches its facts), and N is at least what was
/// acknowledged before the backup started.
#[test]
fn a_backup_taken_while_another_connection_writes_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("afterview.db");
    Store::open(&db, TZ).unwrap();
    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (db, acked, stop) = (db.clone(), acked.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut store = Store::open(&db, TZ).unwrap();
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                let id = add(&mut store, &format!("Company {i}"));
                if i % 3 == 0 {
                    store.move_application(&id, Status::Interviewing, None, now()).unwrap();
                }
                acked.lock().unwrap().push(id);
                i += 1;
            }
        })
    };
    let mut sizes = Vec::new();
    for k in 0..15 {
        std::thread::sleep(std::time::Duration::from_millis(40));
        let before = acked.lock().unwrap().len();
        let t = now() + Duration::seconds(k);
        let info = backup::take(&db, BackupKind::BeforeRestore, t, TZ).unwrap();
        let after = acked.lock().unwrap().clone();
        let path = backup::backup_dir(&db).join(&info.file);
        let c = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        assert_eq!(files::integrity(&c), Ok(()));
        let ids: BTreeSet<String> = c
            .prepare("SELECT id FROM applications")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let n = ids.len();
        assert!(n >= before && n <= after.len() + 1, "backup {k}: {n} rows, {before}..{} acknowledged", after.len());
        // The first n acknowledged (the one in flight may be committed but
        // not yet acknowledged).
        let prefix: BTreeSet<String> = after.iter().take(n).cloned().collect();
        if n <= after.len() {
            assert_eq!(ids, prefix, "backup {k} is not a prefix of the commits");
        } else {
            assert!(prefix.is_subset(&ids));
        }
        // Its stored follow-ups equal a fresh computation from its facts.
        let copy = dir.path().join(format!("check-{k}.db"));
        std::fs::copy(&path, &copy).unwrap();
        assert!(Store::open(&copy, TZ).unwrap().verify_followups().unwrap(), "backup {k}");
        sizes.push(n);
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    assert!(sizes.windows(2).all(|w| w[0] <= w[1]));
    assert!(sizes.last() > sizes.first(), "the writer kept writing during the backups: {sizes:?}");
}

/// Issue 15: the backup taken at start-up disappeared when the user clicked
/// "Back up now" later the same day (one automatic slot per day), leaving one
/// restore point, from after the mistake.
#[test]
fn back_up_now_never_replaces_the_days_automatic_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db) = sample_store(dir.path());
    let start = backup::take(&db, BackupKind::Automatic, at("2026-11-26T08:00:00Z"), TZ).unwrap();
    add(&mut store, "Mistake Inc");
    let manual = backup::take(&db, BackupKind::Manual, at("2026-11-26T15:00:00Z"), TZ).unwrap();
    assert_eq!(manual.kind, BackupKind::Manual);
    let files = backup_files(&db);
    assert!(files.contains(&start.file), "{files:?}");
    assert!(files.contains(&manual.file), "{files:?}");
    assert!(manual.file.ends_with("-manual.db"));
    // More manual backups than are kept: the automatic one stays.
    for h in 16..23 {
        backup::take(&db, BackupKind::Manual, at(&format!("2026-11-26T{h}:00:00Z")), TZ).unwrap();
    }
    let files = backup_files(&db);
    assert!(files.contains(&start.file));
    assert_eq!(files.iter().filter(|f| f.ends_with("-manual.db")).count(), backup::KEEP_BEFORE_RESTORE);
}

/// Issue 15, finding 4: a valid SQLite file with a foreign schema, named as
/// a backup, is refused before it touches the live data (the restore used
/// to copy its pages over the database first and fail afterwards).
#[test]
fn a_backup_with_a_foreign_schema_is_refused_and_the_live_data_kept() {
    let (_dir, mut store, db, bdir) = sample_with_backups();
    let before = export_json(&store);
    for (name, sql) in [
        // Migrations from 1 on would fail on it (no such tables).
        ("afterview-20261005T090000Z.db", "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); PRAGMA user_version = 1;"),
        // Claims the current version, holds other tables.
        (
            "afterview-20261006T090000Z.db",
            &format!(
                "CREATE TABLE applications(id TEXT PRIMARY KEY); CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT); \
                 PRAGMA user_version = {};",
                afterview_core::store::schema::VERSION
            ),
        ),
    ] {
        {
            let c = Connection::open(bdir.join(name)).unwrap();
            c.execute_batch(sql).unwrap();
        }
        let e = backup::restore(&mut store, name, now()).err().unwrap();
        assert!(e.to_string().contains("does not hold Afterview's data"), "{name}: {e}");
        assert_eq!(export_json(&store), before, "{name}: the live data changed");
        assert!(store.verify_followups().unwrap());
    }
    // Refused before anything was written: no copy "before restore" either.
    assert!(!backup_files(&db).iter().any(|n| n.ends_with("-before-restore.db")));
    drop(store);
    let reopened = Store::open(&db, TZ).unwrap();
    assert_eq!(export_json(&reopened), before);
}
