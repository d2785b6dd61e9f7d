//! SQLite's own I/O errors: the store's write path against a file system
//! that fails partway — a small tmpfs that fills up, and one remounted
//! read-only mid-run. Every acknowledged write survives, nothing
//! half-written remains, and the error says what happened in one line.
//! Needs root (mount); otherwise each test says loudly that it is skipped.

use afterview_core::store::Store;
use afterview_core::input::NewApplication;
use afterview_core::zone::Tz;
use chrono::{Duration, TimeZone, Utc};
use std::path::{Path, PathBuf};
use std::process::Command;

const ZONE: Tz = Tz::named("Europe/Berlin");

fn root() -> bool {
    let uid = Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    uid.unwrap_or(false)
}

fn mount(args: &[&str]) -> bool {
    Command::new("mount").args(args).status().map(|s| s.success()).unwrap_or(false)
}

/// A tmpfs of `size` mounted on a fresh folder, unmounted when dropped.
struct Tmpfs(tempfile::TempDir);
impl Tmpfs {
    fn new(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let p = dir.path().to_str()?.to_owned();
        mount(&["-t", "tmpfs", "-o", &format!("size={size},mode=0700"), "tmpfs", &p]).then_some(Tmpfs(dir))
    }
    fn path(&self) -> &Path {
        self.0.path()
    }
    fn remount(&self, opts: &str) -> bool {
        mount(&["-o", &format!("remount,{opts}"), self.path().to_str().unwrap()])
    }
}
impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

/// One mount at a time: a `mount` child spawned while another test's files
/// are open can make a remount fail with EBUSY.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// One test at a time: a tmpfs of `size` and the database path in it, or
/// `None` (the test skipped, saying so) without root to mount it.
fn mounted(name: &str, size: &str) -> Option<(std::sync::MutexGuard<'static, ()>, Tmpfs, PathBuf)> {
    let one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    if !root() {
        eprintln!("\n*** SKIPPED {name}: needs root to mount a tmpfs (CI runs as root) ***\n");
        return None;
    }
    let fs = Tmpfs::new(size).unwrap_or_else(|| panic!("mount a {size} tmpfs"));
    let db = fs.path().join("afterview.db");
    Some((one, fs, db))
}

fn app(i: usize, pad: usize) -> NewApplication {
    NewApplication {
        company: format!("Company {i}"),
        role: "Engineer".into(),
        notes: Some("n".repeat(pad)),
        ..Default::default()
    }
}

/// Writes applications until the store refuses one; returns the ids it
/// acknowledged and the refusal. `between` runs before each write.
fn write_until_refused(store: &mut Store, mut between: impl FnMut(usize)) -> (Vec<String>, String) {
    let t0 = Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap();
    let mut acked = Vec::new();
    for i in 0..100_000 {
        between(i);
        let clean = app(i, 15_000).clean().unwrap();
        match store.add_application(&clean, t0 + Duration::seconds(i as i64)) {
            Ok(card) => acked.push(card.application.id.clone()),
            Err(e) => return (acked, e.to_string()),
        }
    }
    panic!("the file system never failed");
}

/// Reopened: exactly the acknowledged applications, a sound database.
fn check_survivors(db: &Path, acked: &[String]) {
    let store = Store::open(db, ZONE).expect("reopens after the fault");
    assert_eq!(store.integrity(), Ok(()));
    let mut ids: Vec<String> = store.all_records().unwrap().into_iter().map(|r| r.application.id).collect();
    ids.sort();
    let mut want = acked.to_vec();
    want.sort();
    assert_eq!(ids, want, "acknowledged writes lost, or a refused one half-written");
    assert!(store.verify_followups().unwrap());
}

#[test]
fn a_full_disk_refuses_the_write_in_one_line_and_keeps_every_acknowledged_one() {
    let Some((_one, fs, db)) = mounted("a_full_disk…", "2m") else { return };
    let mut store = Store::open(&db, ZONE).unwrap();
    let (acked, msg) = write_until_refused(&mut store, |_| {});
    assert!(acked.len() > 5, "the disk filled before any write: {msg}");
    assert!(!msg.contains('\n'), "{msg:?}");
    assert!(msg.contains("full"), "the message says the disk is full: {msg}");
    eprintln!("full disk, after {} acknowledged writes: {msg}", acked.len());
    drop(store);
    // Room again (the user frees space): everything acknowledged is there, nothing else.
    assert!(fs.remount("size=64m"));
    check_survivors(&db, &acked);
}

/// Linux refuses to remount read-only a file system with files open for
/// writing (EBUSY, also for a read-only bind remount), so the folder goes
/// read-only between two writes of a run of `afterview` commands, each a
/// process that opens the store, writes and closes it, as the CLI does.
#[test]
fn a_folder_made_read_only_mid_run_refuses_in_one_line_and_keeps_every_acknowledged_write() {
    let Some((_one, fs, db)) = mounted("a_folder_made_read_only…", "64m") else { return };
    let t0 = Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap();
    let mut acked = Vec::new();
    let mut refusal = None;
    for i in 0..40 {
        if i == 20 {
            assert!(fs.remount("ro"), "remount read-only");
        }
        let out = Store::open(&db, ZONE).and_then(|mut s| s.add_application(&app(i, 100).clean().unwrap(), t0 + Duration::seconds(i as i64)));
        match out {
            Ok(card) => acked.push(card.application.id.clone()),
            Err(e) => {
                refusal = Some(e.to_string());
                break;
            }
        }
    }
    let msg = refusal.expect("a write on a read-only folder was acknowledged");
    assert_eq!(acked.len(), 20, "{msg}");
    assert!(!msg.contains('\n'), "{msg:?}");
    // Not SQLite's "unable to open database file": which folder, and what to do.
    let folder = format!("The folder {} is read-only", fs.path().display());
    assert!(msg.starts_with(&folder), "{msg}");
    assert!(msg.contains("afterview export"), "what can still be done: {msg}");
    eprintln!("read-only folder: {msg}");
    assert!(fs.remount("rw"));
    check_survivors(&db, &acked);
}
