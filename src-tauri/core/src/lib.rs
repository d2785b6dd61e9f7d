//! afterview-core: the domain, storage and cadence rules of Afterview.
//! No Tauri here, and no process concerns: this crate builds and tests
//! without WebKit, reads no clock, environment or stdin (the app crate's
//! config.rs resolves them; tests/house_process.rs), and the app and its
//! command line (src-tauri/src/cli.rs) both use it.

pub mod agenda;
pub mod backup;
pub mod cadence;
pub mod delivery;
pub mod error;
pub mod export_csv;
pub mod exports;
pub mod format;
/// The fuzz oracles: compiled for the tests and the fuzz crate only
/// (feature `fuzzing`), never into the app.
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
pub mod ics;
pub mod imports;
pub mod ingest;
pub mod input;
pub mod labels;
pub mod insights;
pub mod model;
pub mod note;
pub mod private;
pub mod posting;
pub mod report;
pub mod search;
pub mod snooze;
pub mod store;
pub mod table;
pub mod templates;
/// Zones, instants and a starting record the unit tests share.
#[cfg(test)]
pub(crate) mod test_support;
pub mod zone;

pub use error::{Error, Result};
