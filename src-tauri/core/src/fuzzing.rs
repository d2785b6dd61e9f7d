//! The oracles of the fuzz targets (`fuzz/`, run with `./dev.sh fuzz`) and
//! of their short seeded pass on stable (`fuzzing/tests.rs`, in
//! `./dev.sh test`): both call these functions, so what CI checks on every
//! run is what the fuzzer checks for hours. RELIABILITY.md has the figures.
//!
//! Every oracle takes arbitrary bytes and panics (a finding) when Afterview
//! breaks its promise about them:
//! - no panic anywhere below;
//! - a refusal is a one-line, non-empty message;
//! - after a refusal the database file is byte-for-byte what it was;
//! - after an accepted write, `PRAGMA integrity_check` is `ok` and the stored
//!   follow-ups equal a fresh computation from the facts.
//!
//! Each input runs against a real SQLite file (in /dev/shm when there is
//! one): a copy of a template holding the sample job search, opened with
//! [`Store::open`] like the app opens it, closed before the bytes are compared
//! (the last connection to close checkpoints and removes the -wal).

use crate::format::{self, ImportMode};
use crate::store::Store;
use crate::zone::Tz;
use chrono::{DateTime, TimeZone, Utc};

/// The zone the oracles run in (follow-ups fall at 09:00 local).
pub const ZONE: Tz = Tz::named("Europe/Berlin");

/// The clock of every oracle: the sample's anchor day, 11:00 in Berlin.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).single().unwrap_or_default()
}

mod bench;
mod commands;

pub use bench::*;
pub use commands::*;

// ----- 1. the interchange import ----------------------------------------------------

/// An interchange file (`afterview import`, the app's Import…): parsed;
/// checked read-only against the file (which must not change it); imported
/// into the empty database and merged into the sample. A file the
/// read-only check refuses must be refused by the import too.
pub fn interchange(bench: &Bench, data: &[u8], tally: &mut Tally) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = match format::parse(text) {
        Ok(d) => d,
        Err(e) => {
            one_line("parse", &e.to_string());
            tally.add(false);
            return;
        }
    };
    for (start, mode) in [(Start::Empty, ImportMode::Empty), (Start::Sample, ImportMode::Merge)] {
        bench.reset(start);
        let checked = format::check_import(bench.path(), &doc, mode);
        bench.assert_unchanged(start, "check_import");
        if let Err(e) = &checked {
            one_line("check_import", &e.to_string());
        }
        let accepted = bench.run(start, "import", |store| {
            format::import(store, &doc, mode, now()).map_err(|e| e.to_string())
        });
        assert!(
            !(accepted && checked.is_err()),
            "{mode:?}: the read-only check refused ({}) what the import accepted",
            checked.err().map(|e| e.to_string()).unwrap_or_default()
        );
        tally.add(accepted);
    }
}

// ----- 2. the table import -----------------------------------------------------------

const EXTENSIONS: [&str; 4] = ["csv", "tsv", "xlsx", "ods"];

/// A table file (`afterview import-table`, the app's Import a table…): the
/// first byte chooses the file's extension and the user's answers, the
/// rest is the file. Read, planned, and imported into the sample in one
/// transaction; a blocked plan must be refused by the import.
pub fn table(bench: &Bench, data: &[u8], tally: &mut Tally) {
    use crate::table::{self, DateOrder, Options};
    let Some((&opts_byte, bytes)) = data.split_first() else { return };
    let ext = EXTENSIONS[usize::from(opts_byte & 3)];
    let t = match table::read_bytes(bytes, ext) {
        Ok(t) => t,
        Err(e) => {
            one_line("read_bytes", &e.to_string());
            tally.add(false);
            return;
        }
    };
    let mut opts = Options {
        start_clock_today: opts_byte & 4 != 0,
        include_duplicates: opts_byte & 8 != 0,
        date_order: match (opts_byte >> 4) & 3 {
            0 => None,
            1 => Some(DateOrder::Dmy),
            2 => Some(DateOrder::Mdy),
            _ => Some(DateOrder::Ymd),
        },
        ..Options::default()
    };
    let accepted = bench.run(Start::Sample, "import_table", |store| {
        let plan = store.plan_table(&t, &opts, now()).map_err(|e| e.to_string())?;
        if opts_byte & 64 != 0 {
            // The user answers every status question with "Applied".
            for w in &plan.statuses {
                if w.status.is_none() {
                    opts.statuses.insert(w.value.clone(), crate::model::Status::Applied);
                }
            }
        }
        let plan = store.plan_table(&t, &opts, now()).map_err(|e| e.to_string())?;
        let blocked = plan.blocked();
        if let Some(why) = &blocked {
            one_line("plan", why);
        }
        let out = store.import_table(&t, &opts, now()).map_err(|e| e.to_string());
        assert!(!(out.is_ok() && blocked.is_some()), "a blocked plan ({blocked:?}) was imported");
        out
    });
    tally.add(accepted);
}

// ----- 3. invitations and emails ----------------------------------------------------

/// An .ics or .eml file (`afterview ingest`, the app's Add from a file…):
/// parsed, then recorded into the sample, matched or assigned to the first
/// application (by the length's parity). Unmatched or refused: nothing written.
pub fn ingest(bench: &Bench, data: &[u8], tally: &mut Tally) {
    if let Err(e) = crate::ingest::parse(data, ZONE) {
        one_line("ingest::parse", &e);
    }
    let given = (data.len() % 2 == 1).then_some("a1");
    let accepted = bench.run(Start::Sample, "ingest", |store| {
        let r = store.ingest("fuzz.eml", data, given, false);
        match (&r.error, &r.application_id) {
            (Some(e), _) => Err(e.clone()),
            (None, None) => Err("not matched".to_owned()),
            (None, Some(_)) => Ok(r),
        }
    });
    tally.add(accepted);
}

#[cfg(test)]
mod tests;
