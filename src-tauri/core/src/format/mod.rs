//! The interchange format of DESIGN §5, documented field by field in
//! docs/FORMAT.md: one JSON document that `afterview export` writes and
//! `afterview import` reads. It is a public contract: fields are added,
//! never renamed.
//!
//! Parsing never trusts serde's defaults for what a file may hold: the text
//! is read into a `serde_json::Value` and walked with a path, so that every
//! refusal is one line naming the application (by index, id and company)
//! and the field, e.g.
//! `applications[2] (id "a3", Acme).interviews[0].ends_at: the interview ends before it starts …`.
//! Unknown fields are refused by name, never dropped.
//!
//! An import runs its checks and its writes in one transaction: either every
//! application of the file is in the database with its follow-ups computed,
//! or nothing was written.
//!
//! By job: [`parse`] (a document read and checked field by field, on
//! [`reader`]'s path-carrying JSON walker, with [`keys`] for follow-up
//! keys), [`import`] (the modes and reports; the store plans and writes),
//! [`sample`] (the sample job search). Writing is here: [`to_json`].

mod import;
mod keys;
mod parse;
mod reader;
mod sample;
#[cfg(test)]
mod tests;

pub use import::*;
pub use keys::*;
pub use parse::*;
use reader::*;
pub use sample::*;

use crate::error::{Error, Result};
use crate::model::*;
use crate::store::{interchange, Store};
use crate::input;
use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

/// The version this Afterview writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// One interchange document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The format version (`FORMAT_VERSION` when written by this Afterview).
    pub afterview: u32,
    pub settings: Settings,
    pub applications: Vec<ApplicationRecord>,
}

// The fields each object of the format may hold. `known_fields_match_the_model`
// (format/tests.rs) checks them against what the model serializes.
pub(super) const TOP_FIELDS: &[&str] = &["afterview", "settings", "applications"];
pub(super) const SETTINGS_FIELDS: &[&str] = &[
    "checkin_cadence_days", "quiet_hours", "physical_note_default", "pre_interview_minutes",
    "no_answer_after_checkins", "my_emails",
];
pub(super) const APPLICATION_FIELDS: &[&str] = &[
    "id", "company", "role", "status", "applied_at", "job_url", "location", "source", "notes",
    "contacts", "interviews", "status_changes", "messages", "decisions",
];
pub(super) const CONTACT_FIELDS: &[&str] = &[
    "id", "name", "title", "email", "linkedin_url", "linkedin_consent",
];
pub(super) const INTERVIEW_FIELDS: &[&str] = &[
    "id", "starts_at", "ends_at", "format", "interviewer_ids", "went", "physical_note", "next_steps",
    "expected_reply_by", "calendar",
];
pub(super) const CALENDAR_FIELDS: &[&str] = &["uid", "sequence"];
pub(super) const STATUS_CHANGE_FIELDS: &[&str] = &["at", "from", "to"];
pub(super) const MESSAGE_FIELDS: &[&str] = &[
    "at", "direction", "channel", "followup_key", "contact_id", "body",
];
pub(super) const DECISION_FIELDS: &[&str] = &["followup_key", "state", "snoozed_until", "draft", "decided_at"];

/// The years a date or an instant in a file may have.
pub const YEARS: std::ops::RangeInclusive<i32> = 1970..=2199;

/// The longest id accepted (ids end up inside follow-up keys).
pub(super) const MAX_ID: usize = 200;

/// The document as pretty JSON with a final newline. Deterministic:
/// applications sorted by id, fields in the model's order, so that
/// export → import → export gives the same bytes.
pub fn to_json(doc: &Document) -> String {
    let mut sorted = doc.clone();
    sorted
        .applications
        .sort_by(|a, b| a.application.id.cmp(&b.application.id));
    // Plain structs with string keys: serde_json cannot fail on them.
    let mut s =
        serde_json::to_string_pretty(&sorted).expect("an interchange document always serializes");
    s.push('\n');
    s
}

/// Everything the store holds, as a document.
pub fn export(store: &Store) -> Result<Document> {
    let mut applications = store.all_records()?;
    applications.sort_by(|a, b| a.application.id.cmp(&b.application.id));
    Ok(Document {
        afterview: FORMAT_VERSION,
        settings: store.settings()?,
        applications,
    })
}
