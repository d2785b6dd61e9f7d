//! Issue 15, finding 1, through the command line (moved from the core's
//! store/issue15_tests.rs with cli.rs): the reading commands work on a
//! database in a read-only folder and leave the file's bytes unchanged.

use afterview_core::model::Status;
use afterview_core::store::Store;
use afterview_core::validate::NewApplication;
use afterview_core::zone::Tz;
use afterview_lib::cli;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

const BERLIN: Tz = Tz::named("Europe/Berlin");

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A database file with one applied application, closed (its WAL folded in).
fn saved_db(dir: &Path) -> PathBuf {
    let path = dir.join("afterview.db");
    let mut s = Store::open(&path, BERLIN).unwrap();
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

#[cfg(unix)]
#[test]
fn reading_commands_work_in_a_read_only_folder_and_leave_the_file_unchanged() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("snapshot");
    std::fs::create_dir(&folder).unwrap();
    let path = saved_db(&folder);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let db = path.to_string_lossy().into_owned();
    let out_file = dir.path().join("out.json");
    let runs: Vec<Vec<String>> = vec![
        vec!["agenda".into(), "--now".into(), "2027-01-01T00:00:00Z".into()],
        vec!["export".into(), out_file.to_string_lossy().into_owned()],
        vec!["export-csv".into(), "-".into()],
        vec!["export-ics".into(), "-".into()],
        vec!["stats".into()],
    ];
    for mut args in runs {
        args.extend(["--db".to_owned(), db.clone()]);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = cli::run(&args, &mut out, &mut err);
        assert_eq!(code, 0, "{args:?}: {}", String::from_utf8_lossy(&err));
    }
    assert!(std::fs::read_to_string(&out_file).unwrap().contains("Northwind"));
    assert!(std::fs::read(&path).unwrap() == before, "a reading command changed the file");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
}
