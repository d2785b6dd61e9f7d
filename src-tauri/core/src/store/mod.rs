//! The store: the only place that speaks SQL (tests/house_sql.rs checks
//! that no other source does). It owns one connection; every write runs in
//! an IMMEDIATE transaction through [`Store::write`], and the functions that
//! do the work take the transaction (`&Connection`) as their first argument,
//! so that a command composes several of them atomically.
//!
//! Alongside the facts, the store keeps each application's open follow-ups in
//! the `followups` table, recomputed by the cadence rules in the same
//! transaction as any write to that application. The agenda is then one
//! indexed scan, whatever the length of the history; `verify_followups`
//! checks that the stored result equals a fresh computation.
//!
//! By job: [`open`] (opening, migrating, read-only media), [`codecs`] (text ↔
//! instants and enums), [`records`] (settings and the facts, read and
//! written whole), [`followups`] (the stored follow-ups and decisions),
//! [`board`] (cards, moves, positions), [`files`] (the database as a file:
//! read-only opens, copies, checks); then one module per feature.

pub mod actions;
pub mod board;
pub mod changes;
pub mod codecs;
pub mod deletion;
pub mod facts;
pub mod files;
pub mod followups;
pub mod ingest;
pub mod insights;
pub mod interchange;
pub mod notified;
pub mod open;
pub mod pages;
pub mod profile;
pub mod records;
pub mod restore;
pub mod schema;
pub mod table_import;
pub mod templates;

// The store's face: what the by-job modules define is `store::…` (and, in
// the store's own modules, `super::…`); the feature modules go by name.
pub use board::*;
pub use changes::Placed;
pub use codecs::*;
pub use followups::*;
pub use open::*;
pub use pages::{After, Choice, Column};
pub use records::*;

use crate::cadence;
use crate::error::{Error, Result};
use crate::model::*;
use crate::input::CleanApplication;
use crate::zone::Tz;
use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub struct Store {
    conn: Connection,
    tz: Tz,
    path: PathBuf,
}

impl Store {
    pub fn path(&self) -> &Path {
        &self.path
    }
    pub fn zone(&self) -> Tz {
        self.tz
    }
    /// The connection, for the store's own modules only: nothing outside
    /// `store/` speaks SQL (tests/house_sql.rs).
    fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in an IMMEDIATE transaction: committed when it returns Ok,
    /// rolled back (nothing written) when it returns an error.
    pub fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod r9_tests;
#[cfg(test)]
mod issue15_tests;
#[cfg(test)]
mod pages_tests;
