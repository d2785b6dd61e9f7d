//! The bench every oracle runs on: template databases (empty, and with the
//! sample), a scratch file reset from them for each input, and the checks
//! after it (a refusal leaves the file's bytes as they were, an accepted
//! write leaves a sound database).

use super::*;
use std::path::{Path, PathBuf};

/// A folder with two template databases (empty, and with the sample) and a
/// scratch file each input is run against.
pub struct Bench {
    _dir: tempfile::TempDir,
    scratch: PathBuf,
    empty: Vec<u8>,
    sample: Vec<u8>,
}

/// Which template an input starts from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Start {
    Empty,
    Sample,
}

pub(super) fn one_line(what: &str, msg: &str) {
    assert!(!msg.trim().is_empty(), "{what}: an empty error message");
    assert!(!msg.contains('\n') && !msg.contains('\r'), "{what}: a message of several lines: {msg:?}");
}

impl Default for Bench {
    fn default() -> Self {
        Self::new()
    }
}

impl Bench {
    pub fn new() -> Bench {
        let shm = Path::new("/dev/shm");
        let dir = if shm.is_dir() { tempfile::tempdir_in(shm) } else { tempfile::tempdir() }
            .expect("a temporary folder");
        let scratch = dir.path().join("fuzz.db");
        let template = |name: &str, sample: bool| -> Vec<u8> {
            let path = dir.path().join(name);
            {
                let mut store = Store::open(&path, ZONE).expect("template opens");
                if sample {
                    let doc = format::parse(format::SAMPLE_JSON).expect("sample parses");
                    format::import(&mut store, &doc, ImportMode::Empty, now()).expect("sample imports");
                }
            }
            // Once more: what a mere open and close leaves is the baseline.
            drop(Store::open(&path, ZONE).expect("template reopens"));
            let bytes = std::fs::read(&path).expect("template read");
            drop(Store::open(&path, ZONE).expect("template reopens"));
            let again = std::fs::read(&path).expect("template read");
            if !same_bytes(&bytes, &again) {
                let diff: Vec<usize> = (0..bytes.len().max(again.len())).filter(|&i| bytes.get(i) != again.get(i)).take(20).collect();
                panic!("open + close changed the file at {diff:?} ({} vs {} bytes)", bytes.len(), again.len());
            }
            bytes
        };
        let empty = template("empty.db", false);
        let sample = template("sample.db", true);
        Bench { _dir: dir, scratch, empty, sample }
    }

    pub fn path(&self) -> &Path {
        &self.scratch
    }

    fn template(&self, start: Start) -> &[u8] {
        match start {
            Start::Empty => &self.empty,
            Start::Sample => &self.sample,
        }
    }

    /// Puts the template back in the scratch file, with no -wal or -shm.
    pub fn reset(&self, start: Start) {
        for ext in ["-wal", "-shm"] {
            let mut p = self.scratch.clone().into_os_string();
            p.push(ext);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
        std::fs::write(&self.scratch, self.template(start)).expect("scratch written");
    }

    pub fn open(&self) -> Store {
        Store::open(&self.scratch, ZONE).expect("scratch opens")
    }

    /// The file must still be the template, byte for byte.
    pub fn assert_unchanged(&self, start: Start, what: &str) {
        let now = std::fs::read(&self.scratch).expect("scratch read");
        assert!(same_bytes(&now, self.template(start)), "{what}: refused, but the database file changed");
    }

    /// Runs `f` on a fresh copy of `start`: `Err` (a refusal) must be one
    /// line and leave the file unchanged, `Ok` must leave a sound database.
    /// Returns whether the write was accepted.
    pub fn run<T>(&self, start: Start, what: &str, f: impl FnOnce(&mut Store) -> Result<T, String>) -> bool {
        self.reset(start);
        let mut store = self.open();
        match f(&mut store) {
            Ok(_) => {
                assert_sound(&store, what);
                true
            }
            Err(msg) => {
                one_line(what, &msg);
                drop(store);
                self.assert_unchanged(start, what);
                false
            }
        }
    }
}

/// Byte for byte equal. `Store::open` writes nothing when the schema is
/// current (not even `user_version`), so a refused write, or a mere open and
/// close, leaves every byte of the file as it was, SQLite's header counters
/// included.
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a == b
}

/// `PRAGMA integrity_check` is ok and the stored follow-ups are a fresh computation.
pub fn assert_sound(store: &Store, what: &str) {
    if let Err(why) = store.integrity() {
        panic!("{what}: integrity_check after an accepted write: {why}");
    }
    assert!(store.verify_followups().expect("follow-ups verify"), "{what}: stored follow-ups differ from a fresh computation");
}

/// How many inputs were accepted and refused (for the seeded pass to check
/// that both outcomes occur).
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub accepted: usize,
    pub refused: usize,
}

impl Tally {
    pub(super) fn add(&mut self, accepted: bool) {
        if accepted {
            self.accepted += 1
        } else {
            self.refused += 1
        }
    }
}
