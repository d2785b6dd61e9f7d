//! Issue 15, finding 1, through the command line (moved from the core's
//! store/issue15_tests.rs with cli.rs): the reading commands work on a
//! database in a read-only folder and leave the file's bytes unchanged.

use afterview_lib::cli;
use std::path::{Path, PathBuf};

/// A database file holding the sample in `dir` (created), imported through
/// the command line (closed: its WAL folded in).
fn saved_db(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join("afterview.db");
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/sample.json");
    let args: Vec<String> = ["import", sample, "--db", path.to_str().unwrap()].iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(cli::run(&args, &mut out, &mut err), 0, "{}", String::from_utf8_lossy(&err));
    path
}

#[cfg(unix)]
#[test]
fn reading_commands_work_in_a_read_only_folder_and_leave_the_file_unchanged() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("snapshot");
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
