//! The SQL of "Import a table" (`crate::table`): the applications already
//! in Afterview by company and role (to flag duplicates), and the import
//! itself: planned again inside its one transaction, so the duplicates and
//! the settings it uses are those it commits against, then inserted with
//! the follow-ups of every new application computed before it commits.

use super::{get_settings, interchange, new_id, Store};
use crate::error::{Error, Result};
use crate::model::Settings;
use crate::table::{self, map::same_key, Options, Plan, Table};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::Path;

/// [`same_key`] of every application → its id (the oldest, when several).
pub fn existing_keys(c: &Connection) -> Result<HashMap<(String, String), String>> {
    let mut out = HashMap::new();
    let has: bool = c.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'applications'",
        [],
        |r| r.get(0),
    )?;
    if !has {
        return Ok(out);
    }
    let mut st = c.prepare("SELECT id, company, role FROM applications ORDER BY created_at DESC, id DESC")?;
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    for row in rows {
        let (id, company, role) = row?;
        out.insert(same_key(&company, &role), id);
    }
    Ok(out)
}

fn settings_of(c: &Connection) -> Result<Settings> {
    let has: bool = c.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'settings'",
        [],
        |r| r.get(0),
    )?;
    if has { get_settings(c) } else { Ok(Settings::default()) }
}

/// The plan of importing `t` into the database at `db`, read through a
/// connection that cannot write (a missing file is an empty database: it
/// is not created).
pub fn plan_for_file(db: &Path, t: &Table, opts: &Options, tz: crate::zone::Tz, now: DateTime<Utc>) -> Result<Plan> {
    match interchange::open_read_only(db)? {
        None => Ok(table::plan(t, opts, &HashMap::new(), &Settings::default(), tz, now)),
        Some(c) => Ok(table::plan(t, opts, &existing_keys(&c)?, &settings_of(&c)?, tz, now)),
    }
}

/// What a table import wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub plan: Plan,
    /// Ids of the applications added, in the file's order.
    pub added: Vec<String>,
}

impl Store {
    /// The plan of importing `t` into this store, without writing.
    pub fn plan_table(&self, t: &Table, opts: &Options, now: DateTime<Utc>) -> Result<Plan> {
        let c = self.conn();
        Ok(table::plan(t, opts, &existing_keys(c)?, &settings_of(c)?, self.zone(), now))
    }

    /// Imports `t` in one transaction, all or nothing: refused (nothing
    /// written) while the plan is blocked (a bad value, an unknown status, an
    /// unknown date order); a failure on any row rolls every row back.
    pub fn import_table(&mut self, t: &Table, opts: &Options, now: DateTime<Utc>) -> Result<Written> {
        let tz = self.zone();
        self.write(|tx| {
            let settings = settings_of(tx)?;
            let plan = table::plan(t, opts, &existing_keys(tx)?, &settings, tz, now);
            if let Some(why) = plan.blocked() {
                return Err(Error::invalid("table", format!("{why}; nothing was imported")));
            }
            let records = table::records(&plan, &settings, tz, now, |prefix| new_id(tx, prefix))?;
            let refs: Vec<_> = records.iter().collect();
            interchange::insert(tx, &refs, None, tz, now)?;
            let added = records.into_iter().map(|r| r.application.id).collect();
            Ok(Written { plan, added })
        })
    }
}
