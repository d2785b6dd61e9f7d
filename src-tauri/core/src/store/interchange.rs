//! The SQL behind the interchange format (`crate::format`): what a file's
//! records would collide with, and their insertion with a refresh of their
//! follow-ups. Every function takes a `&Connection`, so that an import runs
//! its checks and its writes in the one transaction of [`super::Store::write`];
//! the checks also run on a read-only connection, before the database is
//! opened for writing at all.

use super::{get_settings, insert_record, put_settings, refresh_with};
use crate::error::{Error, Result};
use crate::model::{ApplicationRecord, Settings};
use chrono::{DateTime, Utc};
use crate::zone::Tz;
use rusqlite::{Connection, OptionalExtension};
use std::path::Path;

/// An id of a file's record that the database already holds elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    /// `"contact"`, `"interview"` or `"decision"`; `"key"` for a message's or
    /// decision's key naming another application's interview or contact.
    pub what: &'static str,
    pub id: String,
    /// The application of the database that holds it, and its company.
    pub owner_id: String,
    pub owner_company: String,
}

/// Opens an existing database for checks that must not write a byte
/// ([`super::files::open_read_only`]): `None` when the file does not exist,
/// or when it was written by a newer schema (`Store::open` refuses that one
/// with its own message).
pub fn open_read_only(path: &Path) -> Result<Option<Connection>> {
    if !path.exists() {
        return Ok(None);
    }
    match super::files::open_read_only(path, super::files::Subject::Database(path), super::files::Fallback::None) {
        Ok((c, _)) => Ok(Some(c)),
        Err(Error::TooNew(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

fn has_table(c: &Connection, name: &str) -> Result<bool> {
    Ok(c.query_row(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |_| Ok(()),
    )
    .optional()?
    .is_some())
}

/// How many applications the database holds (0 for a file with no schema yet).
pub fn application_count(c: &Connection) -> Result<i64> {
    if !has_table(c, "applications")? {
        return Ok(0);
    }
    Ok(c.query_row("SELECT count(*) FROM applications", [], |r| r.get(0))?)
}

/// The company of the application `id`, when the database holds it.
pub fn existing_company(c: &Connection, id: &str) -> Result<Option<String>> {
    if !has_table(c, "applications")? {
        return Ok(None);
    }
    Ok(c.query_row(
        "SELECT company FROM applications WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?)
}

/// The first contact, interview or decision of `rec` whose id (key, for a
/// decision) the database already holds, under another application.
pub fn clash(c: &Connection, rec: &ApplicationRecord) -> Result<Option<Clash>> {
    if !has_table(c, "applications")? {
        return Ok(None);
    }
    let owner = |sql: &str, id: &str| -> Result<Option<(String, String)>> {
        Ok(c.query_row(sql, [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    };
    let found = |what, id: &str, o: Option<(String, String)>| {
        o.map(|(owner_id, owner_company)| Clash {
            what,
            id: id.to_owned(),
            owner_id,
            owner_company,
        })
    };
    for ct in &rec.contacts {
        let o = owner(
            "SELECT a.id, a.company FROM contacts t JOIN applications a ON a.id = t.application_id WHERE t.id = ?1",
            &ct.id,
        )?;
        if let Some(x) = found("contact", &ct.id, o) {
            return Ok(Some(x));
        }
    }
    for iv in &rec.interviews {
        let o = owner(
            "SELECT a.id, a.company FROM interviews t JOIN applications a ON a.id = t.application_id WHERE t.id = ?1",
            &iv.id,
        )?;
        if let Some(x) = found("interview", &iv.id, o) {
            return Ok(Some(x));
        }
    }
    // A key naming an interview or contact the database holds under another
    // application (issue 15): its decision would be kept under the wrong one.
    let keys = rec.messages.iter().filter_map(|m| m.followup_key.as_deref());
    for key in keys.chain(rec.decisions.iter().map(|d| d.followup_key.as_str())) {
        for (what, id) in crate::format::key_targets(key) {
            let sql = if what == "interview" {
                "SELECT a.id, a.company FROM interviews t JOIN applications a ON a.id = t.application_id WHERE t.id = ?1"
            } else {
                "SELECT a.id, a.company FROM contacts t JOIN applications a ON a.id = t.application_id WHERE t.id = ?1"
            };
            let o = owner(sql, id)?.filter(|(a, _)| *a != rec.application.id);
            if let Some(x) = found("key", key, o) {
                return Ok(Some(x));
            }
        }
    }
    for d in &rec.decisions {
        let o = owner(
            "SELECT a.id, a.company FROM decisions t JOIN applications a ON a.id = t.application_id
             WHERE t.followup_key = ?1",
            &d.followup_key,
        )?;
        if let Some(x) = found("decision", &d.followup_key, o) {
            return Ok(Some(x));
        }
    }
    Ok(None)
}

/// Inserts `records` with all their facts (and `settings` first, when
/// given), then recomputes the stored follow-ups of each inserted
/// application with the settings now in force. Call it inside a transaction.
pub fn insert(
    c: &Connection,
    records: &[&ApplicationRecord],
    settings: Option<&Settings>,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<()> {
    if let Some(s) = settings {
        put_settings(c, s)?;
    }
    for r in records {
        insert_record(c, r, now)?;
    }
    let settings = get_settings(c)?;
    for r in records {
        refresh_with(c, &r.application.id, &settings, tz)?;
    }
    Ok(())
}
