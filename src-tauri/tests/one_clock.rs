//! One clock for the whole process (config.rs): with `AFTERVIEW_NOW` set,
//! `afterview import`, `import --sample`, `import-table` and `agenda`
//! all read it. Before config.rs, `import` stamped its rows with the wall
//! clock while the rest of the run used AFTERVIEW_NOW, so seeded data
//! mixed two clocks. This test binary sets AFTERVIEW_NOW and TZ for itself.

use afterview_lib::cli;
use std::path::Path;

const NOW: &str = "2026-11-26T12:00:00Z";

fn run(args: &[&str]) -> (i32, String, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cli::run(&args, &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

/// Every application's `created_at` and `updated_at`, as stored.
fn stamps(db: &Path) -> Vec<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut q = c.prepare("SELECT created_at, updated_at FROM applications").unwrap();
    let rows = q.query_map([], |r| Ok([r.get::<_, String>(0)?, r.get::<_, String>(1)?])).unwrap();
    rows.flat_map(|r| r.unwrap()).collect()
}

/// The clock starts at AFTERVIEW_NOW and runs on: within the same minute.
fn on_the_test_clock(stamps: &[String]) {
    assert!(!stamps.is_empty());
    for s in stamps {
        assert!(s.starts_with("2026-11-26T12:00:"), "stamped {s}, not on AFTERVIEW_NOW's clock ({NOW})");
    }
}

#[test]
fn imports_stamp_with_afterview_now() {
    std::env::set_var("AFTERVIEW_NOW", NOW);
    std::env::set_var("TZ", "Europe/Berlin");
    std::env::remove_var("AFTERVIEW_DB");
    let dir = tempfile::tempdir().unwrap();
    let db = |name: &str| dir.path().join(name);
    let p = |path: &Path| path.to_str().unwrap().to_owned();

    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/sample.json");
    let table = concat!(env!("CARGO_MANIFEST_DIR"), "/core/tests/fixtures/table/huntr.csv");
    for (args, file) in [
        (["import", sample], "file.db"),
        (["import", "--sample"], "sample.db"),
        (["import-table", table], "table.db"),
    ] {
        let (code, _, err) = run(&[args[0], args[1], "--db", &p(&db(file))]);
        assert_eq!(code, 0, "{args:?}: {err}");
        on_the_test_clock(&stamps(&db(file)));
    }

    // And "now" of the agenda, without --now, is the same clock.
    let (code, out, err) = run(&["agenda", "--json", "--db", &p(&db("file.db"))]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(doc["now"].as_str().unwrap().starts_with("2026-11-26T12:00:"), "{}", doc["now"]);
}
