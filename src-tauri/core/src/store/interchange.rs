//! The SQL behind the interchange format (`crate::format`): the plan of an
//! import (what a file's records would add, skip or collide with), and
//! their insertion with a refresh of their follow-ups. The functions take a
//! `&Connection`, so that an import runs its checks and its writes in the
//! one transaction of [`Store::write`]; the checks also run on a read-only
//! connection, before the database is opened for writing at all, and on the
//! store's own connection without writing (the app's preview).

use super::{get_settings, insert_record, put_settings, refresh_with, Store};
use crate::error::{Error, Result};
use crate::format::{Document, ImportMode, ImportReport};
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
    let ids = (rec.contacts.iter().map(|ct| ("contact", ct.id.as_str())))
        .chain(rec.interviews.iter().map(|iv| ("interview", iv.id.as_str())));
    for (what, id) in ids {
        if let Some(x) = found(what, id, owner(owner_sql(what), id)?) {
            return Ok(Some(x));
        }
    }
    // A key naming an interview or contact the database holds under another
    // application (issue 15): its decision would be kept under the wrong one.
    let keys = rec.messages.iter().filter_map(|m| m.followup_key.as_deref());
    for key in keys.chain(rec.decisions.iter().map(|d| d.followup_key.as_str())) {
        for (what, id) in crate::format::key_targets(key) {
            let o = owner(owner_sql(what), id)?.filter(|(a, _)| *a != rec.application.id);
            if let Some(x) = found("key", key, o) {
                return Ok(Some(x));
            }
        }
    }
    for d in &rec.decisions {
        if let Some(x) = found("decision", &d.followup_key, owner(owner_sql("decision"), &d.followup_key)?) {
            return Ok(Some(x));
        }
    }
    Ok(None)
}

/// The application (id, company) that holds the contact, interview or
/// decision (by key) `?1`.
fn owner_sql(what: &str) -> &'static str {
    match what {
        "interview" => "SELECT a.id, a.company FROM interviews t JOIN applications a ON a.id = t.application_id WHERE t.id = ?1",
        "decision" => "SELECT a.id, a.company FROM decisions t JOIN applications a ON a.id = t.application_id WHERE t.followup_key = ?1",
        _ => "SELECT a.id, a.company FROM contacts t JOIN applications a ON a.id = t.application_id WHERE t.id = ?1",
    }
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

impl Store {
    /// Imports a parsed document in one transaction: all of it or nothing
    /// (`format::import`).
    pub fn import_document(&mut self, doc: &Document, mode: ImportMode, now: DateTime<Utc>) -> Result<ImportReport> {
        let tz = self.tz;
        self.write(|tx| {
            let (add, report) = plan(tx, doc, mode)?;
            let settings = report.settings_applied.then_some(&doc.settings);
            insert(tx, &add, settings, tz, now)?;
            Ok(report)
        })
    }

    /// The checks of an import through this store's connection, without
    /// writing: what it would report, or its refusal.
    pub fn check_import(&self, doc: &Document, mode: ImportMode) -> Result<ImportReport> {
        plan(&self.conn, doc, mode).map(|(_, r)| r)
    }
}

/// The checks of an import against the database file at `db`, through a
/// read-only connection (a missing file, or one of a newer schema that the
/// import's `Store::open` will refuse, is checked as an empty database).
pub fn check_import_at(db: &Path, doc: &Document, mode: ImportMode) -> Result<ImportReport> {
    let c = match open_read_only(db)? {
        Some(c) => c,
        None => Connection::open_in_memory()?,
    };
    plan(&c, doc, mode).map(|(_, r)| r)
}

/// What an import would add and skip, or why it is refused. `c` may be a
/// read-only connection or the import's own transaction.
pub(crate) fn plan<'d>(
    c: &Connection,
    doc: &'d Document,
    mode: ImportMode,
) -> Result<(Vec<&'d ApplicationRecord>, ImportReport)> {
    let mut report = ImportReport::default();
    let mut add = Vec::new();
    match mode {
        ImportMode::Empty => {
            let n = application_count(c)?;
            if n > 0 {
                return Err(Error::invalid(
                    "database",
                    format!(
                        "the database already holds {n} application{}; nothing was imported. Import into an empty \
                         database, or merge: that adds the applications whose id is new and leaves the others and \
                         the settings unchanged",
                        if n == 1 { "" } else { "s" }
                    ),
                ));
            }
            add.extend(doc.applications.iter());
            report.settings_applied = true;
        }
        ImportMode::Merge => {
            for (i, rec) in doc.applications.iter().enumerate() {
                let a = &rec.application;
                let label = format!("applications[{i}] (id {:?}, {})", a.id, a.company);
                if let Some(company) = existing_company(c, &a.id)? {
                    report.skipped_existing.push(a.id.clone());
                    report.companies.insert(a.id.clone(), company);
                    continue;
                }
                if let Some(x) = clash(c, rec)? {
                    let field = match x.what {
                        "contact" => rec
                            .contacts
                            .iter()
                            .position(|t| t.id == x.id)
                            .map(|k| format!("contacts[{k}].id")),
                        "interview" => rec
                            .interviews
                            .iter()
                            .position(|t| t.id == x.id)
                            .map(|k| format!("interviews[{k}].id")),
                        _ => rec
                            .decisions
                            .iter()
                            .position(|t| t.followup_key == x.id)
                            .map(|k| format!("decisions[{k}].followup_key"))
                            .or_else(|| {
                                rec.messages
                                    .iter()
                                    .position(|t| t.followup_key.as_deref() == Some(x.id.as_str()))
                                    .map(|k| format!("messages[{k}].followup_key"))
                            }),
                    }
                    .unwrap_or_default();
                    let path = format!("{label}.{field}");
                    if x.what == "key" {
                        return Err(Error::invalid(
                            path.clone(),
                            format!(
                                "{path}: {:?} names an interview or contact of application {:?} ({}) in the database, \
                                 not of this application; nothing was imported",
                                x.id, x.owner_id, x.owner_company
                            ),
                        ));
                    }
                    return Err(Error::invalid(
                        path.clone(),
                        format!(
                            "{path}: {} {:?} is already used in the database by application {:?} ({}); \
                             nothing was imported. Give it another id in the file to merge it",
                            x.what, x.id, x.owner_id, x.owner_company
                        ),
                    ));
                }
                add.push(rec);
            }
        }
    }
    for rec in &add {
        report.added.push(rec.application.id.clone());
        report
            .companies
            .insert(rec.application.id.clone(), rec.application.company.clone());
    }
    Ok((add, report))
}

