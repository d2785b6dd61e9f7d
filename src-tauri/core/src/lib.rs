//! afterview-core: the domain, storage and cadence rules of Afterview.
//! No Tauri here: this crate builds and tests without WebKit, and the CLI
//! and the app both use it.

pub mod backup;
pub mod cadence;
pub mod cli;
pub mod delivery;
pub mod error;
pub mod export_csv;
pub mod format;
/// The fuzz oracles: compiled for the tests and the fuzz crate only
/// (feature `fuzzing`), never into the app.
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
pub mod ics;
pub mod ingest;
pub mod input;
pub mod labels;
pub mod insights;
pub mod model;
pub mod note;
pub mod private;
pub mod posting;
pub mod report;
pub mod snooze;
pub mod store;
pub mod table;
pub mod templates;
/// Zones, instants and a starting record the unit tests share.
#[cfg(test)]
pub(crate) mod test_support;
pub mod zone;

pub use error::{Error, Result};

// The old names of `input` (once edit.rs and validate.rs), kept while the
// files other issue-12 branches touch still use them; drop after the merge.
#[doc(hidden)]
pub use input as edit;
#[doc(hidden)]
pub use input as validate;
